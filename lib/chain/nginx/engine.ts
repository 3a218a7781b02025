/**
 * nginx's request phases for one request (ngx_http_core_module's phase engine), on the virtual clock:
 *
 *   server rewrite → find location (+ client_max_body_size, auto-redirect) → location rewrite →
 *   try_files → content (proxy_pass | uwsgi_pass | index/autoindex | static) → error_page
 *
 * `rewrite … last` goes back to "find location"; internal redirects (index, try_files fallback,
 * error_page /uri) go back to the server rewrite phase; named locations skip the search. After 10 URI changes
 * nginx gives up with 500 ("rewrite or internal redirection cycle").
 */
import { EMPTY_BYTES, latin1Decode, latin1ToUtf8 } from "../http/bytes";
import { getHeader } from "../http/headers";
import type { DecisionTest } from "../trace";
import type { RequestContext } from "./context";
import { readClientBody } from "./request-body";
import { directive, directiveSet, flag, levelsOf, locationLabel, perLevels, type LocationConf } from "./conf";
import type { Directive } from "./config/types";
import { namedLocationTests, selectLocation } from "./select";
import { runRewrites } from "./rewrite";
import { emptyResponse, type NginxResponse } from "./response";
import { autoindexPage, fileRead, mapUriToPath, serveStatic } from "./static";
import { interpolate } from "./variables";
import { logError } from "./logs";
import { parseProxyPass, parseUwsgiPass, type UpstreamTarget } from "./upstream-target";
import { buildProxyRequest, proxyRequestUri } from "./proxy";
import { buildUwsgiParams, encodeUwsgiPacket } from "./uwsgi";
import { callUpstream } from "./upstream";
import { messageView, traceRaw } from "../http/response";
import { parseSize, parseTime } from "./config/values";

type Step =
  | { kind: "response"; res: NginxResponse }
  /** Internal redirect to a URI (index, try_files fallback): find the location again. */
  | { kind: "internal"; uri: string }
  | { kind: "named"; name: string };

const show = latin1ToUtf8;

function decide(ctx: RequestContext, topic: "location" | "static" | "limit" | "upstream" | "error", tests: DecisionTest[], outcome: string, explain: string) {
  ctx.trace.push({ at: ctx.now, component: "nginx", kind: "decision", topic, tests, outcome, explain });
}

function splitUriArgs(ctx: RequestContext, value: string): void {
  const q = value.indexOf("?");
  if (q >= 0) {
    ctx.uri = value.slice(0, q);
    ctx.args = value.slice(q + 1);
  } else ctx.uri = value;
  ctx.uriChanged = true;
}

/** Count an internal redirect; false (and a 500 is due) when nginx's limit of 10 is used up. */
function spendUriChange(ctx: RequestContext, message: string): boolean {
  ctx.uriChanges--;
  if (ctx.uriChanges > 0) return true;
  logError(ctx, "error", message);
  return false;
}

type Entry = { kind: "server" } | { kind: "find" } | { kind: "named"; location: LocationConf };

const REWRITE_NAMES = ["rewrite", "return", "break", "set", "if"];

/** Whether a directive list (server{} or a location's own) has rewrite-module directives, by list: lists never change. */
const hasRewritesByList = new WeakMap<Directive[], boolean>();

function hasRewrites(directives: Directive[]): boolean {
  let has = hasRewritesByList.get(directives);
  if (has === undefined) {
    has = directives.some((d) => REWRITE_NAMES.includes(d.name));
    hasRewritesByList.set(directives, has);
  }
  return has;
}

/** Run the whole request; returns the response before the output filters. */
export function handleRequest(ctx: RequestContext): NginxResponse {
  let entry: Entry = { kind: "server" };
  for (let round = 0; round < 64; round++) {
    let res: NginxResponse | null = null;
    let next: Step | null = null;

    // Server rewrite phase: rewrite/return written directly in server{} (rerun after internal redirects).
    if (entry.kind === "server" && hasRewrites(ctx.server.directives)) {
      const sr = runRewrites(ctx, ctx.server.directives, "server 블록");
      if (sr.kind === "respond") {
        ctx.location = null;
        res = sr.response;
      }
    }

    if (!res) {
      if (entry.kind === "named") {
        const named = entry.location;
        ctx.location = named;
        decide(ctx, "location", namedLocationTests(ctx.server, named.name), `location ${named.name}`,
          `이름 있는 location ${named.name}(으)로 내부 이동합니다. 이름 있는 location은 URI로는 고를 수 없고 try_files/error_page로만 갑니다.`);
      } else {
        const choice = selectLocation(ctx.server, ctx.uri);
        ctx.location = choice.location;
        if (choice.captures) {
          ctx.captures = choice.captures;
          ctx.namedCaptures = choice.named;
        }
        const label = choice.location ? `location ${locationLabel(choice.location)}` : "(location 없음)";
        decide(ctx, "location", choice.tests, label, locationExplain(ctx, choice.location));
        if (choice.location && !ctx.internal && choice.location.directives.some((d) => d.name === "internal")) {
          decide(ctx, "error", [{ subject: "internal", matched: true, note: "외부 요청은 이 location을 쓸 수 없습니다." }], "404",
            "이 location에는 internal이 있어서 내부 이동(try_files, error_page, rewrite 등)으로만 들어올 수 있습니다. 브라우저가 직접 요청하면 404입니다.");
          res = emptyResponse(404);
        }
        // client_max_body_size is checked as soon as the location is known.
        if (!res) res = bodyLimit(ctx);
        if (!res && choice.autoRedirect) {
          res = emptyResponse(301);
          res.location = ctx.uri + "/" + (ctx.args ? "?" + ctx.args : "");
          decide(ctx, "location", [], "301 auto-redirect",
            `URI "${show(ctx.uri)}" 뒤에 "/"를 붙이면 proxy/uwsgi location "${show(choice.autoRedirect.name)}"과 같아서, nginx가 301로 "/"를 붙인 주소를 알려 줍니다.`);
        }
      }
    }

    const loc = ctx.location;
    if (!res && loc && hasRewrites(loc.directives)) {
      const rw = runRewrites(ctx, loc.directives, `location ${locationLabel(loc)}`);
      if (rw.kind === "respond") res = rw.response;
      else if (rw.kind === "relocate") {
        if (!spendUriChange(ctx, `rewrite or internal redirection cycle while processing "${ctx.uri}"`)) return finalError(ctx, 500);
        ctx.internal = true;
        entry = { kind: "find" };
        continue;
      }
    }

    if (!res) res = accessCheck(ctx);
    if (!res) {
      const step = content(ctx);
      if (step.kind === "response") res = step.res;
      else next = step;
    }
    if (res) {
      next = maybeErrorPage(ctx, res);
      if (next.kind === "response") return applyOverride(ctx, next.res);
    }
    if (!next) return finalError(ctx, 500);
    if (next.kind === "named") {
      const named = ctx.server.named.get(next.name);
      if (!named) {
        logError(ctx, "error", `could not find named location "${next.name}"`);
        return finalError(ctx, 500);
      }
      ctx.internal = true;
      entry = { kind: "named", location: named };
      continue;
    }
    if (!spendUriChange(ctx, `rewrite or internal redirection cycle while internally redirecting to "${next.uri}"`)) return finalError(ctx, 500);
    splitUriArgs(ctx, next.uri);
    ctx.internal = true;
    entry = { kind: "server" };
  }
  return finalError(ctx, 500);
}

/** After an error_page redirect, the answer keeps the original status (or the `=code` one). */
function applyOverride(ctx: RequestContext, res: NginxResponse): NginxResponse {
  if (ctx.errorOverride === undefined || res.special) return res;
  if (ctx.errorOverride !== null) res.status = ctx.errorOverride;
  return res;
}

/** The access phase: allow/deny rules in order, from the innermost level that has any. */
function accessCheck(ctx: RequestContext): NginxResponse | null {
  const rules = accessRules(levelsOf(ctx.server, ctx.location));
  if (rules.length === 0) return null;
  const tests: DecisionTest[] = [];
  for (const rule of rules) {
    const spec = rule.args[0] ?? "";
    const hit = addressMatches(ctx.client.address, spec);
    tests.push({ subject: `${rule.name} ${spec}`, matched: hit, note: hit ? `클라이언트 ${ctx.client.address}에 해당합니다.` : `클라이언트 ${ctx.client.address}에 해당하지 않습니다.` });
    if (!hit) continue;
    if (rule.name === "allow") {
      decide(ctx, "limit", tests, "allow", `접근 규칙을 위에서부터 보다가 "${rule.name} ${spec}"에 걸려 통과합니다.`);
      return null;
    }
    decide(ctx, "limit", tests, "403", `접근 규칙을 위에서부터 보다가 "deny ${spec}"에 걸려 403 Forbidden입니다.`);
    logError(ctx, "error", "access forbidden by rule");
    return emptyResponse(403);
  }
  decide(ctx, "limit", tests, "allow", "어떤 allow/deny 규칙에도 걸리지 않아 통과합니다.");
  return null;
}

/** The allow/deny rules of the innermost level that has any (shared: never change them). */
const accessRules = perLevels((levels): ReadonlyArray<Directive> => {
  for (const level of levels) {
    const rules = level.filter((d) => d.name === "allow" || d.name === "deny");
    if (rules.length > 0) return rules;
  }
  return [];
});

/** `all`, an IPv4 address or CIDR (`192.168.0.0/16`). */
function addressMatches(address: string, spec: string): boolean {
  if (spec === "all") return true;
  const toInt = (ip: string): number | null => {
    const parts = ip.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
  };
  const [net, bitsText] = spec.split("/");
  const a = toInt(address);
  const n = toInt(net ?? "");
  if (a === null || n === null) return address === spec;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

function finalError(ctx: RequestContext, status: number): NginxResponse {
  ctx.errorPageDone = true;
  return emptyResponse(status);
}

function locationExplain(ctx: RequestContext, loc: LocationConf | null): string {
  const uri = show(ctx.uri);
  if (!loc) return `URI "${uri}"에 맞는 location이 없어 server 블록의 설정(root 등)으로 처리합니다.`;
  const how =
    loc.modifier === "="
      ? "= (정확히 일치) location은 맞으면 즉시 선택되고 다른 검사는 하지 않습니다."
      : loc.modifier === "^~"
        ? "^~ 접두사 location이 가장 길게 맞았으므로 정규식 location은 검사하지 않습니다."
        : loc.modifier === "~" || loc.modifier === "~*"
          ? "접두사 중 가장 긴 것을 기억해 둔 뒤 정규식을 설정 파일 순서대로 검사했고, 처음 맞은 정규식 location이 이깁니다."
          : "가장 길게 맞은 접두사 location입니다. 맞는 정규식 location이 없어서 이것이 선택됩니다.";
  return `URI "${uri}" → location ${show(locationLabel(loc))}. ${how}`;
}

/** client_max_body_size in bytes (1m unless set). */
const maxBodySize = perLevels((levels): number => {
  const d = directive(levels, "client_max_body_size");
  return d ? parseSize(d.args[0] ?? "") ?? 1024 * 1024 : 1024 * 1024;
});

function bodyLimit(ctx: RequestContext): NginxResponse | null {
  const levels = levelsOf(ctx.server, ctx.location);
  const d = directive(levels, "client_max_body_size");
  const max = maxBodySize(levels);
  // A chunked body has no length yet: nginx checks it chunk by chunk while reading it (request-body.ts).
  const length = ctx.req.contentLength ?? 0;
  if (max === 0 || length <= max) {
    if (length > 0) {
      decide(ctx, "limit", [{ subject: `client_max_body_size ${d?.args[0] ?? "1m"}`, matched: false, note: `본문 ${length}바이트 ≤ ${max}바이트` }], "허용", `요청 본문(${length}바이트)이 client_max_body_size 이하라 계속 처리합니다.`);
    }
    return null;
  }
  decide(ctx, "limit", [{ subject: `client_max_body_size ${d?.args[0] ?? "1m"}`, matched: true, note: `본문 ${length}바이트 > ${max}바이트` }], "413",
    `요청 본문이 ${length}바이트로 client_max_body_size(${max}바이트)보다 커서 nginx가 본문을 받지 않고 413으로 끊습니다. 앱까지 가지 않습니다.`);
  logError(ctx, "error", `client intended to send too large body: ${ctx.req.contentLengthDigits ?? length} bytes`);
  return emptyResponse(413);
}

/** The content phase (after try_files). */
function content(ctx: RequestContext): Step {
  const levels = levelsOf(ctx.server, ctx.location);
  const tf = directive(levels, "try_files");
  if (tf && tf.args.length >= 2) {
    const step = tryFiles(ctx, tf.args);
    if (step) return step;
  }
  const own = ctx.location?.directives ?? [];
  const proxyPass = own.find((d) => d.name === "proxy_pass");
  if ((proxyPass || own.some((d) => d.name === "uwsgi_pass")) && ctx.req.contentLength !== null && ctx.req.body.length < ctx.req.contentLength) {
    return { kind: "response", res: bodyTimeout(ctx) };
  }
  const uwsgiPass = own.find((d) => d.name === "uwsgi_pass");
  if (proxyPass || uwsgiPass) {
    // Reading the body for the upstream: an HTTP/1.1 `Expect: 100-continue` gets the interim answer first.
    const expect = getHeader(ctx.req.headers, "expect");
    const continueSent = expect !== undefined && expect.toLowerCase() === "100-continue" && ctx.req.httpMajor === 1 && ctx.req.httpMinor >= 1;
    const refused = readClientBody(ctx);
    if (refused) {
      if (continueSent) refused.continueSent = true;
      return { kind: "response", res: refused };
    }
    // A chunked body that never ends: nginx waits for the rest as for a short Content-Length.
    if (ctx.req.chunkedBody?.state === "incomplete") return { kind: "response", res: bodyTimeout(ctx) };
    const res = proxyPass ? proxy(ctx, proxyPass.args[0] ?? "") : uwsgi(ctx, uwsgiPass!.args[0] ?? "");
    if (continueSent) res.continueSent = true;
    // *_intercept_errors on: an upstream status ≥ 300 that error_page handles is replaced like nginx's own error.
    if (!res.special && res.status >= 300 && flag(levels, proxyPass ? "proxy_intercept_errors" : "uwsgi_intercept_errors", false)) {
      const handled = directiveSet(levels, "error_page").some((d) => d.args.includes(String(res.status)));
      if (handled) return { kind: "response", res: emptyResponse(res.status) };
    }
    return { kind: "response", res };
  }
  if (ctx.uri.endsWith("/")) return index(ctx);
  return { kind: "response", res: serveStatic(ctx) };
}

/** The client announced more body than it sent: nginx waits client_body_timeout (60 s), then closes silently. */
function bodyTimeout(ctx: RequestContext): NginxResponse {
  const d = directive(levelsOf(ctx.server, ctx.location), "client_body_timeout");
  const ms = (d ? parseTime(d.args[0] ?? "", false) : null) ?? 60_000;
  const until = ctx.now + ms;
  ctx.trace.push({ at: ctx.now, component: "nginx", kind: "wait", until, reason: `Content-Length만큼의 본문이 다 오기를 기다립니다 (client_body_timeout ${ms / 1000}s)` });
  ctx.now = until;
  decide(ctx, "limit", [{ subject: `Content-Length: ${ctx.req.contentLength}`, matched: false, note: `실제로 온 본문은 ${ctx.req.body.length}바이트뿐입니다.` }], "408 (응답 없음)",
    `클라이언트가 Content-Length에 적은 만큼 본문을 보내지 않아서, nginx는 ${ms / 1000}초 동안 기다린 뒤 응답 없이 연결을 닫습니다. 접근 로그에는 408이 남습니다.`);
  const res = emptyResponse(408);
  res.closeWithoutResponse = true;
  return res;
}

function tryFiles(ctx: RequestContext, args: string[]): Step | null {
  const tests: DecisionTest[] = [];
  for (const arg of args.slice(0, -1)) {
    const value = interpolate(ctx, arg);
    const testDir = value.endsWith("/");
    const path = mapUriToPath(ctx, value);
    const stat = ctx.fs.stat(path);
    fileRead(ctx, path, stat);
    const ok = stat !== null && (stat.type === "dir") === testDir;
    tests.push({ subject: `try_files ${arg} → ${show(path)}`, matched: ok, note: ok ? (testDir ? "폴더가 있습니다." : "파일이 있습니다.") : testDir ? "그런 폴더가 없습니다." : "그런 파일이 없습니다." });
    if (ok) {
      const q = value.indexOf("?");
      ctx.uri = q >= 0 ? value.slice(0, q) : value;
      decide(ctx, "static", tests, show(path), `try_files가 "${show(path)}"을(를) 찾았으므로 이 location에서 그것을 내보냅니다.`);
      return null;
    }
  }
  const last = interpolate(ctx, args[args.length - 1]!);
  if (/^=\d{3}$/.test(last)) {
    tests.push({ subject: `try_files … ${last}`, matched: true, note: "마지막 인자: 이 상태 코드로 끝냅니다." });
    decide(ctx, "static", tests, last, `try_files의 어떤 후보도 없어서 마지막 인자 ${last}대로 ${last.slice(1)} 응답을 보냅니다.`);
    return { kind: "response", res: emptyResponse(Number(last.slice(1))) };
  }
  if (last.startsWith("@")) {
    tests.push({ subject: `try_files … ${last}`, matched: true, note: "마지막 인자: 이름 있는 location으로 갑니다." });
    decide(ctx, "static", tests, last, `try_files의 후보가 모두 없어서 이름 있는 location ${last}(으)로 넘깁니다.`);
    return { kind: "named", name: last };
  }
  tests.push({ subject: `try_files … ${last}`, matched: true, note: "마지막 인자: 이 URI로 내부 이동합니다." });
  decide(ctx, "static", tests, show(last), `try_files의 후보가 모두 없어서 마지막 인자 "${show(last)}"(으)로 내부 이동(internal redirect)하고 location을 다시 찾습니다.`);
  return { kind: "internal", uri: last };
}

function index(ctx: RequestContext): Step {
  if (ctx.method !== "GET" && ctx.method !== "HEAD" && ctx.method !== "POST") return { kind: "response", res: emptyResponse(405) };
  const levels = levelsOf(ctx.server, ctx.location);
  const names = directive(levels, "index")?.args ?? ["index.html"];
  const dir = mapUriToPath(ctx, ctx.uri);
  const tests: DecisionTest[] = [];
  let dirChecked = false;
  for (const raw of names) {
    const name = interpolate(ctx, raw);
    if (name.startsWith("/")) {
      decide(ctx, "static", tests, show(name), `index의 마지막 항목 "${show(name)}"(으)로 내부 이동합니다.`);
      return { kind: "internal", uri: name };
    }
    const path = dir + name;
    const stat = ctx.fs.stat(path);
    fileRead(ctx, path, stat);
    tests.push({ subject: `index ${name} → ${show(path)}`, matched: stat !== null, note: stat ? "있습니다." : "없습니다." });
    if (stat) {
      decide(ctx, "static", tests, show(ctx.uri + name), `폴더 요청이라 index 파일 "${show(name)}"을(를) 찾았고, URI를 "${show(ctx.uri + name)}"(으)로 바꿔 내부 이동합니다.`);
      return { kind: "internal", uri: ctx.uri + name + (ctx.args ? "?" + ctx.args : "") };
    }
    if (!dirChecked) {
      dirChecked = true;
      const d = ctx.fs.stat(dir);
      if (!d || d.type !== "dir") {
        logError(ctx, "error", `"${path}" is not found (${d ? 20 : 2}: ${d ? "Not a directory" : "No such file or directory"})`);
        decide(ctx, "static", tests, "404", `폴더 "${show(dir)}" 자체가 없어서 404입니다.`);
        return { kind: "response", res: emptyResponse(404) };
      }
    }
  }
  if (flag(levels, "autoindex", false)) {
    decide(ctx, "static", tests, "autoindex", `index 파일이 없고 autoindex on이라 폴더 목록을 만들어 보냅니다.`);
    return { kind: "response", res: autoindexPage(ctx, dir) };
  }
  logError(ctx, "error", `directory index of "${dir}" is forbidden`);
  decide(ctx, "static", tests, "403", `폴더 "${show(dir)}"에 index 파일이 없고 autoindex도 꺼져 있어서 403 Forbidden입니다.`);
  return { kind: "response", res: emptyResponse(403) };
}

/**
 * When proxy_pass/uwsgi_pass names an `upstream {}` block: its servers in the order nginx tries them, each with
 * `$proxy_host` = the group's name as written and the URI part of the directive. Null for a plain address.
 */
function peersFor(ctx: RequestContext, hostPart: string, uri: string | null): UpstreamTarget[] | null {
  const group = ctx.server.http.upstreamGroups.get(hostPart.toLowerCase());
  return group ? group.peers.map((p) => ({ ...p, proxyHost: hostPart, uri })) : null;
}

/** Every server of the group is `down`: nginx has no peer to try. */
function noLiveUpstreams(ctx: RequestContext, name: string, upstreamText: string): NginxResponse {
  logError(ctx, "error", "no live upstreams while connecting to upstream", upstreamText);
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "fault",
    fault: "connect-failed",
    explain: `upstream ${name}의 server가 모두 down으로 표시되어 있어 nginx가 보낼 곳이 없습니다. 그래서 502 Bad Gateway입니다.`,
  });
  return emptyResponse(502);
}

function proxy(ctx: RequestContext, url: string): NginxResponse {
  const rest = url.slice(7);
  const slash = rest.indexOf("/");
  const hostPart = slash < 0 ? rest : rest.slice(0, slash);
  const uriPart = slash < 0 ? null : rest.slice(slash);
  const group = peersFor(ctx, hostPart, uriPart);
  if (group && group.length === 0) return noLiveUpstreams(ctx, hostPart, `http://${hostPart}${proxyRequestUri(ctx, uriPart)}`);
  const target = group ? group[0]! : parseProxyPass(url);
  if (!target) {
    decide(ctx, "upstream", [{ subject: `proxy_pass ${url}`, matched: false, note: "모형이 지원하지 않는 proxy_pass 주소입니다." }], "500", "이 proxy_pass 주소 형식은 모형이 다루지 않습니다.");
    return emptyResponse(500);
  }
  const built = buildProxyRequest(ctx, target);
  decide(ctx, "upstream", [{ subject: `proxy_pass ${url}`, matched: true, note: `요청 줄의 URI: ${show(built.uri)}${group ? ` · upstream ${target.proxyHost}의 server ${group.length}개 중 첫 번째` : ""}` }], `proxy_pass → ${target.peerName}`,
    target.uri === null
      ? `proxy_pass에 URI 부분이 없어서 ${ctx.uriChanged ? "바뀐 $uri를 다시 인코딩해" : "클라이언트가 보낸 $request_uri를 그대로"} HTTP/1.0 요청으로 ${target.peerName}에 보냅니다.`
      : `proxy_pass에 URI 부분("${target.uri}")이 있어서 location 접두사 "${show(ctx.location?.name ?? "")}"를 그것으로 바꾼 URI를 보냅니다.`);
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "http-request",
    to: "gateway",
    message: messageView(built.requestLine, built.headers, built.body),
    raw: traceRaw(built.head, built.body),
  });
  return callUpstream(ctx, "http", group ?? [target], { protocol: "http", address: target.address, raw: built.raw }, built.uri);
}

function uwsgi(ctx: RequestContext, spec: string): NginxResponse {
  const name = spec.replace(/^uwsgi:\/\//i, "");
  const group = peersFor(ctx, name, null);
  if (group && group.length === 0) return noLiveUpstreams(ctx, name, `uwsgi://${name}`);
  const target = group ? group[0]! : parseUwsgiPass(spec);
  if (!target) return emptyResponse(500);
  const params = buildUwsgiParams(ctx);
  const body = ctx.req.contentLength !== null || ctx.req.chunked ? ctx.req.body : EMPTY_BYTES;
  const modifier1 = Number(directive(levelsOf(ctx.server, ctx.location), "uwsgi_modifier1")?.args[0] ?? 0);
  const packet = encodeUwsgiPacket(params, body, Number.isInteger(modifier1) && modifier1 >= 0 && modifier1 < 256 ? modifier1 : 0);
  if ("tooBig" in packet) {
    logError(ctx, "alert", `uwsgi request is too big: ${packet.tooBig}`);
    return emptyResponse(500);
  }
  decide(ctx, "upstream", [{ subject: `uwsgi_pass ${spec}`, matched: true, note: `변수 ${params.length}개, 패킷 ${packet.packet.length}바이트` }], `uwsgi_pass → ${target.peerName}`,
    `HTTP 대신 uwsgi 프로토콜로, uwsgi_param 목록과 HTTP_* 헤더 변수를 한 패킷에 담아 ${target.peerName}에 보냅니다.`);
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "uwsgi-request",
    to: "gateway",
    params,
    bodyLength: body.length,
    ...(body.length > 0 ? { body: latin1ToUtf8(latin1Decode(body.subarray(0, 1 << 20))) } : {}),
  });
  return callUpstream(ctx, "uwsgi", group ?? [target], { protocol: "uwsgi", address: target.address, params, body }, "");
}

/** error_page: may replace a special response by another URI, a named location or a redirect. */
function maybeErrorPage(ctx: RequestContext, res: NginxResponse): Step {
  if (!res.special || res.closeWithoutResponse || res.status < 300 || ctx.errorPageDone) return { kind: "response", res };
  const pages = directiveSet(levelsOf(ctx.server, ctx.location), "error_page");
  for (const d of pages) {
    const args = d.args;
    const codes = args.filter((a) => /^\d{3}$/.test(a)).map(Number);
    if (!codes.includes(res.status)) continue;
    const overrideArg = args.find((a) => a.startsWith("="));
    const target = interpolate(ctx, args[args.length - 1] ?? "");
    ctx.errorPageDone = true;
    const original = res.status;
    const override = overrideArg === undefined ? original : overrideArg === "=" ? null : Number(overrideArg.slice(1));
    ctx.errorOverride = override;
    const tests: DecisionTest[] = [{ subject: `error_page ${args.join(" ")}`, matched: true, note: `${original} 응답을 대신합니다.` }];
    if (!target.startsWith("/") && !target.startsWith("@")) {
      const code = override !== null && [301, 302, 303, 307, 308].includes(override) && overrideArg !== undefined ? override : 302;
      const r = emptyResponse(code);
      r.location = target;
      r.locationInList = true;
      ctx.errorOverride = undefined;
      decide(ctx, "error", tests, `${code} → ${target}`, `error_page가 ${original} 대신 브라우저를 ${target}(으)로 보냅니다.`);
      return { kind: "response", res: r };
    }
    decide(ctx, "error", tests, `${original} → ${show(target)}`,
      `error_page 설정에 따라 ${original} 오류 페이지 대신 ${show(target)}의 내용을 보냅니다${override === null ? " (상태 코드는 그쪽 응답을 따름)" : `, 상태 코드는 ${override}`}.`);
    if (target.startsWith("@")) return { kind: "named", name: target };
    if (ctx.method !== "HEAD") ctx.method = "GET";
    return { kind: "internal", uri: target };
  }
  return { kind: "response", res };
}

