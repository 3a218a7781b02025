/**
 * Talking to the gateway through the `Upstream` seam, for proxy_pass and uwsgi_pass alike: connect (a missing
 * socket is errno 2, a TCP port nobody listens on 111), send, wait on the virtual clock, and turn what comes
 * back into nginx's response, or into 502/504 with nginx's own error log words:
 *
 *   connect() to unix:/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream  [crit]
 *   connect() failed (111: Connection refused) while connecting to upstream                                  [error]
 *   upstream prematurely closed connection while reading response header from upstream                      [error]
 *   upstream timed out (110: Connection timed out) while reading response header from upstream              [error]
 */
import type { UpstreamRequest, UpstreamResult } from "../contracts";
import type { HeaderList } from "../trace";
import { EMPTY_BYTES, latin1Decode } from "../http/bytes";
import { decodeChunkedBody, messageView, parseUpstreamResponse } from "../http/response";
import type { RequestContext } from "./context";
import { directive, directiveSet, levelsOf, perLevels } from "./conf";
import { emptyResponse, type NginxResponse } from "./response";
import { logError } from "./logs";
import { sameAddress, type UpstreamTarget } from "./upstream-target";
import { parseTime } from "./config/values";

/**
 * Headers the proxy/uwsgi modules never pass on: nginx's defaults for uwsgi_hide_header (X-Accel-*), hop-by-hop
 * ones and the ones nginx writes itself from what it read. proxy_hide_header also hides Date, Server and X-Pad by
 * default; under uwsgi_pass an app's own Server or Date header reaches the client instead of nginx's (measured).
 */
const PROXY_ONLY_HIDDEN = new Set(["date", "server", "x-pad"]);
const HIDDEN = new Set([
  "x-accel-expires",
  "x-accel-redirect",
  "x-accel-limit-rate",
  "x-accel-buffering",
  "x-accel-charset",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-type",
]);

export type UpstreamProtocol = "http" | "uwsgi";

/**
 * proxy_next_upstream / uwsgi_next_upstream of a location: when nginx gives the request to the group's next server
 * (`error timeout` unless set; `off` means never). Every directive of the innermost level that has one counts.
 */
const nextUpstreamRules = perLevels((levels): Record<UpstreamProtocol, ReadonlySet<string>> => {
  const rules = (name: string) => {
    const set = directiveSet(levels, name);
    if (set.length === 0) return new Set(["error", "timeout"]);
    const values = new Set(set.flatMap((d) => d.args.map((a) => a.toLowerCase())));
    return values.has("off") ? new Set<string>() : values;
  };
  return { http: rules("proxy_next_upstream"), uwsgi: rules("uwsgi_next_upstream") };
});

/** proxy_read_timeout and uwsgi_read_timeout of a location, in ms (60 s unless set). */
const readTimeouts = perLevels((levels): Record<UpstreamProtocol, number> => {
  const ms = (name: string) => {
    const d = directive(levels, name);
    return (d ? parseTime(d.args[0] ?? "", false) : null) ?? 60_000;
  };
  return { http: ms("proxy_read_timeout"), uwsgi: ms("uwsgi_read_timeout") };
});

/** *_hide_header and *_pass_header names (lower case) of one protocol. */
interface HeaderRules {
  hide: ReadonlySet<string>;
  pass: ReadonlySet<string>;
}

/** Both protocols' header rules of a location, read from its configuration once. */
const upstreamHeaderRules = perLevels((levels): Record<UpstreamProtocol, HeaderRules> => {
  const names = (directiveName: string) => new Set(directiveSet(levels, directiveName).map((d) => (d.args[0] ?? "").toLowerCase()));
  return {
    http: { hide: names("proxy_hide_header"), pass: names("proxy_pass_header") },
    uwsgi: { hide: names("uwsgi_hide_header"), pass: names("uwsgi_pass_header") },
  };
});

const ERRNO_TEXT: Record<number, string> = {
  2: "No such file or directory",
  11: "Resource temporarily unavailable",
  13: "Permission denied",
  111: "Connection refused",
  110: "Connection timed out",
};

/**
 * Send the request to the first peer and, with an `upstream {}` group, after a failure proxy_next_upstream /
 * uwsgi_next_upstream name, to the next one. Each failure is logged as nginx logs it; the last peer's failure is
 * the answer. (The final 502 is only reached for an empty list, which callers answer before.)
 */
export function callUpstream(
  ctx: RequestContext,
  protocol: UpstreamProtocol,
  targets: readonly UpstreamTarget[],
  request: UpstreamRequest,
  uriForLog: string,
): NginxResponse {
  const repeatable = !["POST", "LOCK", "PATCH"].includes(ctx.req.method);
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const next = i + 1 < targets.length ? targets[i + 1]! : null;
    const answer = tryPeer(ctx, protocol, target, { ...request, address: target.address }, uriForLog, next, repeatable);
    if (answer) return answer;
  }
  return emptyResponse(502);
}

/** One peer: its answer, or null when nginx moves on to `next`. */
function tryPeer(
  ctx: RequestContext,
  protocol: UpstreamProtocol,
  target: UpstreamTarget,
  request: UpstreamRequest,
  uriForLog: string,
  next: UpstreamTarget | null,
  repeatable: boolean,
): NginxResponse | null {
  const schema = protocol === "http" ? "http://" : "uwsgi://";
  const unix = target.address.kind === "unix";
  // nginx prints `http://unix:/x.sock:/uri` with a ":" between a unix peer and the URI, except in the
  // read-timeout message (measured on 1.22.1).
  const upstreamText = (separator: boolean) => `${schema}${target.peerName}${unix && separator ? ":" : ""}${uriForLog}`;
  const upstream = ctx.upstreams.find((u) => sameAddress(u.address, target.address));
  const sentAt = ctx.now;
  const levels = levelsOf(ctx.server, ctx.location);
  const readTimeout = readTimeouts(levels)[protocol];
  const rules = nextUpstreamRules(levels)[protocol];
  /** Does nginx give the request to the next server after this failure? Once the request was sent, only for a
   * method it may repeat, or with non_idempotent. */
  const moveOn = (failure: string, sent: boolean) => next !== null && rules.has(failure) && (!sent || repeatable || rules.has("non_idempotent"));
  const toNext = (fault: "connect-failed" | "upstream-timeout", why: string): null => {
    ctx.trace.push({ at: ctx.now, component: "nginx", kind: "fault", fault, explain: `${why} nginx가 같은 upstream의 다음 server ${next!.peerName}에 요청을 다시 보냅니다.` });
    return null;
  };

  let result: UpstreamResult;
  if (!upstream) {
    result = { kind: "connect-failed", errno: unix ? 2 : 111, reason: unix ? "no such socket" : "nothing listens on this port", at: sentAt };
  } else {
    try {
      result = upstream.send(request, sentAt, ctx.trace, { readDeadline: sentAt + readTimeout });
    } catch {
      // The seam promises not to throw; if it does, nginx would see the connection drop.
      result = { kind: "closed", at: sentAt, bytesSent: 0 };
    }
  }

  if (result.kind === "connect-failed") {
    ctx.now = Math.max(ctx.now, result.at);
    const errno = result.errno;
    // ngx_event_connect_peer: ECONNREFUSED and, on Linux, EAGAIN (a unix socket's full listen queue) are errors.
    const level = errno === 111 || errno === 110 || errno === 11 ? "error" : "crit";
    const what = unix ? `connect() to ${target.peerName} failed` : "connect() failed";
    logError(ctx, level, `${what} (${errno}: ${ERRNO_TEXT[errno] ?? result.reason}) while connecting to upstream`, upstreamText(true));
    if (moveOn("error", false)) return toNext("connect-failed", `server ${target.peerName}에 연결하지 못했습니다 (errno ${errno}).`);
    ctx.trace.push({
      at: ctx.now,
      component: "nginx",
      kind: "fault",
      fault: "connect-failed",
      explain: unix
        ? `nginx가 소켓 ${target.address.kind === "unix" ? target.address.path : ""}에 연결하지 못했습니다 (errno ${errno}). 게이트웨이가 꺼져 있거나 nginx 설정의 소켓 경로가 게이트웨이 설정과 다릅니다. 그래서 502 Bad Gateway입니다.`
        : `nginx가 ${target.peerName}에 연결하지 못했습니다 (errno ${errno}). 그 포트에서 듣는 게이트웨이가 없습니다. 그래서 502 Bad Gateway입니다.`,
    });
    return emptyResponse(502);
  }

  const timedOut = () => {
    ctx.now = sentAt + readTimeout;
    ctx.trace.push({ at: sentAt, component: "nginx", kind: "wait", until: ctx.now, reason: `upstream 응답 헤더를 기다립니다 (${protocol === "http" ? "proxy" : "uwsgi"}_read_timeout ${readTimeout / 1000}s)` });
    logError(ctx, "error", "upstream timed out (110: Connection timed out) while reading response header from upstream", upstreamText(false));
    if (moveOn("timeout", true)) return toNext("upstream-timeout", `server ${target.peerName}가 ${readTimeout / 1000}초 안에 답하지 않았습니다.`);
    ctx.trace.push({
      at: ctx.now,
      component: "nginx",
      kind: "fault",
      fault: "upstream-timeout",
      explain: `게이트웨이가 ${readTimeout / 1000}초 안에 응답 헤더를 보내지 않아 nginx가 기다리기를 포기했습니다. 그래서 504 Gateway Time-out입니다. 앱이 느리다면 ${protocol === "http" ? "proxy" : "uwsgi"}_read_timeout을 늘리거나 앱을 빠르게 만들어야 합니다.`,
    });
    return emptyResponse(504);
  };

  if (result.kind === "silent") return timedOut();
  if (result.kind === "closed" && result.raw && parseUpstreamResponse(result.raw).ok) {
    // The head arrived before the connection dropped: nginx relays what it got (and logs a short body).
    result = { kind: "response", raw: result.raw, headerAt: result.at, doneAt: result.at };
  }
  if (result.kind === "closed") {
    if (result.at - sentAt > readTimeout) return timedOut();
    ctx.now = Math.max(ctx.now, result.at);
    if (result.raw && result.raw.length > 0) pushUpstreamResponseStep(ctx, result.raw, latin1Decode(result.raw));
    logError(ctx, "error", "upstream prematurely closed connection while reading response header from upstream", upstreamText(true));
    if (moveOn("error", true)) return toNext("connect-failed", `server ${target.peerName}가 응답 없이 연결을 끊었습니다.`);
    return emptyResponse(502);
  }

  // A response.
  if (result.headerAt - sentAt > readTimeout) return timedOut();
  ctx.now = Math.max(ctx.now, result.headerAt);
  const rawText = latin1Decode(result.raw);
  const parsed = parseUpstreamResponse(result.raw, rawText);
  pushUpstreamResponseStep(ctx, result.raw, rawText, parsed);
  if (!parsed.ok) {
    ctx.now = Math.max(ctx.now, result.doneAt);
    if (parsed.kind === "incomplete") {
      logError(ctx, "error", "upstream prematurely closed connection while reading response header from upstream", upstreamText(true));
    } else if (parsed.kind === "no-valid-header") {
      logError(ctx, "error", "upstream sent no valid HTTP/1.0 header while reading response header from upstream", upstreamText(true));
      // nginx 1.22 then relays the bytes as an HTTP/0.9 answer: no status line, no headers (measured).
      return { status: 9, contentType: null, contentLength: null, headers: [], body: result.raw, special: false, http09: true };
    } else {
      logError(ctx, "error", "upstream sent invalid header while reading response header from upstream", upstreamText(true));
      if (moveOn("invalid_header", true)) return toNext("connect-failed", `server ${target.peerName}가 잘못된 헤더를 보냈습니다.`);
    }
    if (parsed.kind === "incomplete" && moveOn("error", true)) return toNext("connect-failed", `server ${target.peerName}가 헤더를 다 보내기 전에 연결을 끊었습니다.`);
    return emptyResponse(502);
  }
  // proxy_next_upstream http_502 and the like: that answer is dropped and the next server asked (nothing logged).
  if (moveOn(`http_${parsed.response.status}`, true)) return toNext("connect-failed", `server ${target.peerName}가 ${parsed.response.status}로 답했고 ${protocol === "http" ? "proxy" : "uwsgi"}_next_upstream에 http_${parsed.response.status}가 있습니다.`);
  ctx.headSentAt = ctx.now;
  ctx.now = Math.max(ctx.now, result.doneAt);
  const up = parsed.response;
  const headerRules = upstreamHeaderRules(levels)[protocol];
  // One pass over the upstream's headers: the first value of each header nginx reads, and the ones it passes on.
  let contentType: string | undefined;
  let lm: string | undefined;
  let te: string | undefined;
  let cl: string | undefined;
  const passed: HeaderList = [];
  let ownServerHeader = false;
  let ownDateHeader = false;
  for (const [name, value] of up.headers) {
    const lower = name.toLowerCase();
    if (lower === "content-type") contentType ??= value;
    else if (lower === "last-modified") lm ??= value;
    else if (lower === "transfer-encoding") te ??= value;
    else if (lower === "content-length") cl ??= value;
    if (HIDDEN.has(lower) || headerRules.hide.has(lower)) continue;
    if (protocol === "http" && PROXY_ONLY_HIDDEN.has(lower) && !(headerRules.pass.has(lower) && lower !== "x-pad")) continue;
    passed.push([name, value]);
    if (lower === "server") ownServerHeader = true;
    else if (lower === "date") ownDateHeader = true;
  }
  const res: NginxResponse = {
    status: up.status,
    upstreamReason: up.reason,
    contentType: contentType ?? null,
    contentLength: null,
    headers: passed,
    body: up.body,
    special: false,
    ownServerHeader,
    ownDateHeader,
  };
  // ngx_http_upstream_copy_last_modified: the header keeps its place in the list (measured: after ETag when the app
  // sent it after ETag); its time still counts for expires and gzip_proxied.
  if (lm !== undefined && !Number.isNaN(Date.parse(lm))) res.lastModifiedMs = Date.parse(lm);
  if (lm !== undefined) res.lastModifiedInList = true;
  if (te && /chunked/i.test(te)) {
    res.body = decodeChunkedBody(up.body) ?? up.body;
  } else if (cl !== undefined && /^\d+$/.test(cl)) {
    const length = Number(cl);
    res.contentLength = length;
    const bodyless = ctx.req.method === "HEAD" || up.status === 204 || up.status === 304;
    if (up.body.length < length && !bodyless) {
      logError(ctx, "error", "upstream prematurely closed connection while reading upstream", upstreamText(true));
      // The headers (with keep-alive) are already out when the body falls short (measured); nginx then closes.
    }
    res.body = up.body.subarray(0, length);
  }
  if (ctx.req.method === "HEAD") res.body = EMPTY_BYTES;
  return res;
}

/**
 * The gateway's answer as nginx received it (an http-response step gateway → nginx). `text` is all of `raw` as a
 * latin-1 string; `parsed` its head, when the caller parsed it already.
 */
function pushUpstreamResponseStep(ctx: RequestContext, raw: Uint8Array, text: string, parsed = parseUpstreamResponse(raw, text)): void {
  const message = parsed.ok
    ? messageView(parsed.response.statusLine, parsed.response.headers, parsed.response.body)
    : messageView("", [], raw);
  ctx.trace.push({ at: ctx.now, component: "gateway", kind: "http-response", to: "nginx", message, raw: text });
}
