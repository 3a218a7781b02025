/**
 * The nginx 1.22 model's entry point: one request's raw bytes in, the exact response bytes out, with every
 * step nginx takes written to the trace. See README.md for what is modelled and what is simplified.
 */
import type { NginxConfig } from "./config/types";
import type { Upstream } from "../contracts";
import type { HeaderList, HttpMessageView, TraceStep } from "../trace";
import type { VirtualFs } from "./vfs";
import { concatBytes, EMPTY_BYTES, latin1Encode, latin1ToUtf8 } from "../http/bytes";
import { parseRequestText, requestText, type ParsedRequest } from "../http/parse-request";
import { normalizeUri } from "../http/uri";
import { messageView, TRACE_RAW_LIMIT, traceRaw } from "../http/response";
import { getHeader } from "../http/headers";
import { browserFlags } from "./user-agent";
import { compileConfig, directive, directiveSet, levelsOf, type HttpConf, type ServerConf } from "./conf";
import type { RequestContext } from "./context";
import { selectServer, serverWithoutHost } from "./select";
import { handleRequest } from "./engine";
import { applyHeadersFilter, emptyResponse, materializeSpecial, writeResponse, type NginxResponse } from "./response";
import { applyRange, toNotModified } from "./static";
import { checkPreconditions } from "./not-modified";
import { discardBeforeErrorPage } from "./request-body";
import { accessLogLine, escapeLogValue } from "./logs";
import { basicAuthUser, interpolateForLog } from "./variables";
import { applyGzip } from "./gzip";
import { parseTime } from "./config/values";

export interface NginxRunInput {
  config: NginxConfig;
  /** The exact request bytes from the client. */
  raw: Uint8Array;
  client: { address: string; port: number };
  fs: VirtualFs;
  /** The running gateway(s). An address nobody listens on fails to connect: errno 2 (unix) or 111 (tcp). */
  upstreams: Upstream[];
  /** Wall time of virtual 0, for Date and logs. */
  epochMs: number;
  /** Virtual time the request reaches nginx (default 0). */
  startAt?: number;
  trace: TraceStep[];
  /** The address and port the client connected to (default 127.0.0.1:80). */
  local?: { address: string; port: number };
}

export interface NginxRunResult {
  /** The exact response bytes. */
  raw: Uint8Array;
  status: number;
  reason: string;
  headers: HeaderList;
  /** The entity body (without chunk framing). */
  body: Uint8Array;
  /** When nginx gzipped `body`: the body before compression. */
  identityBody?: Uint8Array;
  doneAt: number;
}

const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

const EMPTY_REQUEST: ParsedRequest = {
  method: "GET",
  requestLine: "",
  requestUri: "/",
  protocol: "HTTP/1.1",
  httpMajor: 1,
  httpMinor: 1,
  headers: [],
  ignoredHeaders: [],
  host: null,
  contentLength: null,
  chunked: false,
  body: EMPTY_BYTES,
  keepAlive: false,
};

/** Run one request through the nginx model. Never throws. */
export function runNginx(input: NginxRunInput): NginxRunResult {
  try {
    return run(input);
  } catch (error) {
    // A bug in the model must not take the chain down: answer like a crashed worker would (connection closed).
    input.trace.push({ at: input.startAt ?? 0, component: "nginx", kind: "log", stream: "nginx-error", line: `model error: ${String(error)}` });
    return { raw: EMPTY_BYTES, status: 0, reason: "", headers: [], body: EMPTY_BYTES, doneAt: input.startAt ?? 0 };
  }
}

function makeContext(input: NginxRunInput, http: HttpConf, server: ServerConf, req: ParsedRequest, now: number): RequestContext {
  return {
    http,
    req,
    client: input.client,
    local: input.local ?? { address: "127.0.0.1", port: 80 },
    fs: input.fs,
    upstreams: input.upstreams,
    epochMs: input.epochMs,
    trace: input.trace,
    now,
    startAt: now,
    connection: 1,
    server,
    location: null,
    uri: "/",
    args: "",
    hasArgs: false,
    uriChanged: false,
    captures: [],
    namedCaptures: {},
    userVars: new Map(),
    internal: false,
    uriChanges: 11,
    errorPageDone: false,
    status: 0,
    bodyBytesSent: 0,
    keepAlive: req.keepAlive,
    method: req.method,
    headOnly: req.method === "HEAD",
    browser: browserFlags(getHeader(req.headers, "user-agent")),
  };
}

function run(input: NginxRunInput): NginxRunResult {
  const start = input.startAt ?? 0;
  const http = compileConfig(input.config);
  const local = input.local ?? { address: "127.0.0.1", port: 80 };
  const fallbackServer = serverWithoutHost(http, local);
  if (!fallbackServer) {
    // No server{} listens on this address:port: the kernel refuses the connection; nginx never sees a byte.
    input.trace.push({
      at: start,
      component: "browser",
      kind: "fault",
      fault: "connect-failed",
      explain: `nginx 설정의 어떤 server 블록도 ${local.address}:${local.port}에서 듣고 있지 않아서(listen) 브라우저의 연결이 거부됩니다 (Connection refused). 응답이 전혀 없습니다.`,
    });
    return { raw: EMPTY_BYTES, status: 0, reason: "", headers: [], body: EMPTY_BYTES, doneAt: start };
  }
  const requestBytes = requestText(input.raw);
  const rawText = requestBytes.length > TRACE_RAW_LIMIT ? requestBytes.slice(0, TRACE_RAW_LIMIT) : requestBytes;
  const parsed = parseRequestText(requestBytes);

  if (parsed.ok) {
    const r = parsed.request;
    input.trace.push({ at: start, component: "browser", kind: "http-request", to: "nginx", message: messageView(r.requestLine, r.headers, r.body), raw: rawText });
  } else {
    const firstLine = rawText.split(/\r?\n/, 1)[0] ?? "";
    input.trace.push({ at: start, component: "browser", kind: "http-request", to: "nginx", message: messageView(firstLine.slice(0, 8192), parsed.partial.headers ?? [], EMPTY_BYTES), raw: rawText });
  }


  if (!parsed.ok) {
    const req: ParsedRequest = {
      ...EMPTY_REQUEST,
      method: parsed.partial.method ?? "",
      requestLine: parsed.partial.requestLine ?? "",
      requestUri: parsed.partial.requestUri ?? "",
      protocol: parsed.partial.protocol ?? "",
      httpMajor: parsed.partial.httpMajor ?? EMPTY_REQUEST.httpMajor,
      httpMinor: parsed.partial.httpMinor ?? EMPTY_REQUEST.httpMinor,
      headers: parsed.partial.headers ?? [],
      host: parsed.partial.host ?? null,
    };
    // Once the Host was read, nginx answers from that server{} (its error pages, server_tokens).
    const failedServer = req.host !== null ? (selectServer(http, req.host, local).server ?? fallbackServer) : fallbackServer;
    const ctx = makeContext(input, http, failedServer, req, start);
    ctx.keepAlive = false;
    ctx.headOnly = false;
    const explain = parseFailureExplain(parsed.status, parsed.logMessage);
    ctx.trace.push({
      at: start,
      component: "nginx",
      kind: "decision",
      topic: "error",
      tests: [{ subject: "요청 읽기", matched: false, note: parsed.logMessage }],
      outcome: String(parsed.status === 494 ? "400 (494)" : parsed.status),
      explain,
    });
    if (parsed.status === 408) {
      // nginx waits client_header_timeout (60 s) for the rest, then closes without answering.
      const d = directive(levelsOf(fallbackServer, null), "client_header_timeout");
      const ms = (d ? parseTime(d.args[0] ?? "", false) : null) ?? 60_000;
      ctx.now = start + ms;
      ctx.trace.push({ at: start, component: "nginx", kind: "wait", until: ctx.now, reason: `요청의 나머지를 기다립니다 (client_header_timeout ${ms / 1000}s)` });
      ctx.status = 408;
      if (input.raw.length > 0) accessLog(ctx);
      return { raw: EMPTY_BYTES, status: 408, reason: "", headers: [], body: EMPTY_BYTES, doneAt: ctx.now };
    }
    return finish(ctx, emptyResponse(parsed.status));
  }

  const req = parsed.request;
  const choice = selectServer(http, req.host, local);
  const server = choice.server ?? fallbackServer;
  const ctx = makeContext(input, http, server, req, start);
  ctx.trace.push({
    at: start,
    component: "nginx",
    kind: "decision",
    topic: "server",
    tests: choice.tests,
    outcome: `server_name ${server.names[0] || '""'}`,
    explain: choice.byDefault
      ? `Host "${latin1ToUtf8(req.host ?? "")}"와 맞는 server_name이 없어서 포트 ${local.port}의 기본 서버(default server)가 요청을 맡습니다.`
      : `Host 헤더 "${latin1ToUtf8(req.host ?? "")}"와 server_name이 맞는 server 블록이 요청을 맡습니다.`,
  });

  // `http://host?a=1`: nginx's URI is "/" (empty_path_in_uri) while $request_uri stays "?a=1".
  const normalized = normalizeUri(req.emptyPath ? "/" + req.requestUri : req.requestUri, directive(levelsOf(server, null), "merge_slashes")?.args[0] !== "off");
  if (!normalized.ok) {
    ctx.keepAlive = false;
    ctx.trace.push({
      at: start,
      component: "nginx",
      kind: "decision",
      topic: "error",
      tests: [{ subject: `URI ${latin1ToUtf8(req.requestUri)}`, matched: false, note: URI_PROBLEM_KO[normalized.reason] }],
      outcome: "400",
      explain:
        normalized.reason === "above-root"
          ? "URI의 \"..\"가 루트(/)보다 위로 올라가려 해서 nginx가 400 Bad Request로 거절합니다. 웹 루트 밖 파일을 읽으려는 시도를 막는 규칙입니다."
          : "URI의 %-인코딩이 잘못되었거나 NUL 바이트(%00)가 들어 있어 nginx가 400 Bad Request로 거절합니다.",
    });
    return finish(ctx, emptyResponse(400));
  }
  ctx.uri = normalized.uri;
  ctx.args = normalized.args;
  ctx.hasArgs = normalized.hasArgs;
  const res = handleRequest(ctx);
  return finish(ctx, res);
}

const URI_PROBLEM_KO: Record<string, string> = {
  "above-root": "\"..\"가 / 위로 올라갑니다",
  "bad-escape": "% 뒤에 16진수 두 자리가 없습니다",
  nul: "%00(NUL 바이트)이 들어 있습니다",
  "not-absolute": "URI가 /로 시작하지 않습니다",
};

function parseFailureExplain(status: number, log: string): string {
  switch (status) {
    case 414:
      return "요청 줄(메서드 + URI)이 8 KB(large_client_header_buffers)를 넘어서 nginx가 414로 거절합니다.";
    case 494:
      return "헤더 한 줄(또는 헤더 전체)이 너무 커서 nginx가 400 \"Request Header Or Cookie Too Large\"로 거절합니다.";
    case 505:
      return "요청 줄의 HTTP 버전이 1보다 큽니다(HTTP/2.0, HTTP/11 …). nginx 1.22는 이런 요청을 505 HTTP Version Not Supported로 거절하고 연결을 닫습니다.";
    case 405:
      return "TRACE와 CONNECT 메서드는 nginx가 location을 고르기도 전에 405 Not Allowed로 거절하고 연결을 닫습니다.";
    case 501:
      return "Transfer-Encoding 값이 정확히 \"chunked\"가 아니어서(앞뒤 탭이나 다른 코딩이 붙어도 마찬가지) nginx가 501 Not Implemented로 답합니다.";
    case 408:
      return "요청이 끝나지 않았습니다(빈 줄이 없음). nginx는 나머지를 기다리다가 시간이 지나면 응답 없이 연결을 닫습니다.";
    default:
      return `nginx가 요청을 읽다가 규칙 위반을 발견해 400 Bad Request로 답하고 연결을 닫습니다 (${log}).`;
  }
}

/** Output filters, header filter, trace and access log. */
function finish(ctx: RequestContext, res: NginxResponse): NginxRunResult {
  if (res.closeWithoutResponse) {
    ctx.status = res.status;
    ctx.bodyBytesSent = 0;
    accessLog(ctx);
    return { raw: EMPTY_BYTES, status: res.status, reason: "", headers: [], body: EMPTY_BYTES, doneAt: ctx.now };
  }
  if (res.fromFile) {
    const precondition = checkPreconditions(ctx, res);
    if (precondition === "not-modified") toNotModified(res);
    // ngx_http_filter_finalize_request: the file's headers are dropped for nginx's own 412 page.
    else if (precondition === "failed") {
      ctx.trace.push({
        at: ctx.now,
        component: "nginx",
        kind: "decision",
        topic: "static",
        tests: [{ subject: "If-Match / If-Unmodified-Since", matched: false, note: "파일의 ETag나 수정 시각이 조건과 맞지 않습니다 (약한 ETag W/\"…\"는 If-Match와 절대 같지 않습니다)." }],
        outcome: "412",
        explain: "요청의 전제 조건(If-Match, If-Unmodified-Since)이 이 파일과 맞지 않아서 nginx가 파일 대신 412 Precondition Failed를 보냅니다.",
      });
      res = { ...emptyResponse(412), continueSent: res.continueSent };
    }
  }
  if (res.special) discardBeforeErrorPage(ctx);
  materializeSpecial(ctx, res);
  applyHeadersFilter(ctx, res);
  const gzip = applyGzip(ctx, res);
  if (gzip) ctx.trace.push(gzip);
  applyRange(ctx, res);
  if (res.special && res.status === 416) {
    // The 416 goes through the header filters a second time as an error page: `add_header … always` again.
    materializeSpecial(ctx, res);
    applyHeadersFilter(ctx, res);
  }
  const wire = writeResponse(ctx, res);
  ctx.status = wire.status;
  ctx.bodyBytesSent = wire.wireBody.length;
  let head = wire.head;
  if (res.continueSent) {
    // The interim answer counts in $body_bytes_sent (measured: 25 + body).
    wire.raw = concatBytes([latin1Encode(CONTINUE), wire.raw]);
    ctx.bodyBytesSent += CONTINUE.length;
    head = CONTINUE + head;
  }
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "http-response",
    to: "browser",
    message: withDecoded(messageView(wire.startLine, wire.headers, wire.body), res),
    raw: traceRaw(head, wire.wireBody),
  });
  accessLog(ctx);
  return { raw: wire.raw, status: wire.status, reason: wire.reason, headers: wire.headers, body: wire.body, identityBody: res.identityBody, doneAt: ctx.now };
}

/**
 * A gzip-compressed answer's trace view also carries the body before compression, for the UI to show. (The gzip
 * filter keeps no identity body for HEAD, which has no body to show.)
 */
function withDecoded(view: HttpMessageView, res: NginxResponse): HttpMessageView {
  if (!res.identityBody) return view;
  const { body, bodyBase64, bodyLength } = messageView("", [], res.identityBody);
  return { ...view, decoded: { encoding: "gzip", body, bodyBase64, bodyLength } };
}

function accessLog(ctx: RequestContext): void {
  // access_log is an array directive: every one of the innermost level writes a line; `off` silences it.
  const logs = directiveSet(levelsOf(ctx.server, ctx.location), "access_log");
  if (logs.some((d) => d.args[0] === "off")) return;
  for (const d of logs.length > 0 ? logs : [undefined]) {
    ctx.trace.push({ at: ctx.now, component: "nginx", kind: "log", stream: "nginx-access", line: accessLogText(ctx, d?.args[1] ?? "combined") });
  }
}

function accessLogText(ctx: RequestContext, formatName: string): string {
  const format = formatName === "combined" ? undefined : ctx.http.directives.find((x) => x.name === "log_format" && x.args[0] === formatName);
  if (format) {
    const parts = format.args.slice(1);
    const escapeMode = parts[0]?.startsWith("escape=") ? parts.shift()!.slice(7) : "default";
    const escape = escapeMode === "none" ? (v: string) => v : escapeMode === "json" ? escapeJson : escapeLogValue;
    return latin1ToUtf8(interpolateForLog(ctx, parts.join(""), escape));
  }
  return accessLogLine({
    remoteAddr: ctx.client.address,
    timeMs: ctx.epochMs + ctx.now,
    request: ctx.req.requestLine,
    status: ctx.status,
    bodyBytesSent: ctx.bodyBytesSent,
    referer: getHeader(ctx.req.headers, "referer"),
    userAgent: getHeader(ctx.req.headers, "user-agent"),
    remoteUser: basicAuthUser(getHeader(ctx.req.headers, "authorization")),
  });
}

/** log_format escape=json: `"` and `\` backslashed, control bytes as \u00XX. */
function escapeJson(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) out += "\\" + value[i];
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20) out += "\\u00" + c.toString(16).padStart(2, "0");
    else out += value[i];
  }
  return out;
}
