/**
 * The bytes nginx writes to the upstream for proxy_pass (ngx_http_proxy_create_request), measured against
 * nginx 1.22.1 with a fake upstream:
 *
 *   GET /app/a%20b/../c?x=1 HTTP/1.0           ← unparsed $request_uri when proxy_pass has no URI part
 *   Host: localhost                             ← proxy_set_header lines first, in config order,
 *   X-Real-IP: 127.0.0.1                           then the defaults not overridden (Host $proxy_host,
 *   X-Forwarded-For: 9.9.9.9, 127.0.0.1            Connection close, Content-Length of the body)
 *   X-Forwarded-Proto: http
 *   Connection: close
 *   User-Agent: t                               ← then the client's headers, minus every name set above
 */
import type { HeaderList } from "../trace";
import { concatBytes, latin1Encode, utf8ToLatin1 } from "../http/bytes";
import { escapeUri } from "../http/uri";
import type { RequestContext } from "./context";
import { directiveSet, levelsOf } from "./conf";
import { interpolate } from "./variables";
import type { UpstreamTarget } from "./upstream-target";

/** Headers nginx's proxy module sets unless proxy_set_header overrides them; "" means "not sent". */
const DEFAULT_PROXY_HEADERS: Array<[string, string]> = [
  ["Host", "$proxy_host"],
  ["Connection", "close"],
  ["Content-Length", "$proxy_internal_body_length"],
  ["Transfer-Encoding", "$proxy_internal_chunked"],
  ["TE", ""],
  ["Keep-Alive", ""],
  ["Expect", ""],
  ["Upgrade", ""],
];

/** The URI nginx puts in the upstream request line. */
export function proxyRequestUri(ctx: RequestContext, target: UpstreamTarget): string {
  const loc = ctx.location;
  const args = ctx.args ? "?" + ctx.args : "";
  if (target.uri === null) {
    // Unchanged requests go upstream exactly as the client wrote them.
    if (!ctx.uriChanged) return ctx.req.requestUri;
    return escapeUri(ctx.uri) + args;
  }
  if (ctx.uriChanged || !loc || loc.modifier === "~" || loc.modifier === "~*" || loc.modifier === "@") {
    return escapeUri(ctx.uri) + args;
  }
  const rest = ctx.uri.slice(Math.min(loc.name.length, ctx.uri.length));
  return utf8ToLatin1(target.uri) + escapeUri(rest) + args;
}

export interface BuiltProxyRequest {
  requestLine: string;
  headers: HeaderList;
  body: Uint8Array;
  raw: Uint8Array;
  uri: string;
}

export function buildProxyRequest(ctx: RequestContext, target: UpstreamTarget): BuiltProxyRequest {
  const levels = levelsOf(ctx.server, ctx.location);
  const version = directiveSet(levels, "proxy_http_version")[0]?.args[0] === "1.1" ? "1.1" : "1.0";
  const method = ctx.req.method;
  const uri = proxyRequestUri(ctx, target);
  const requestLine = `${method} ${uri} HTTP/${version}`;
  const passBody = directiveSet(levels, "proxy_pass_request_body")[0]?.args[0] !== "off";
  const body = passBody ? ctx.req.body : new Uint8Array(0);
  const hasBody = passBody && (ctx.req.contentLength !== null || ctx.req.chunked);

  const spec: Array<[string, string]> = directiveSet(levels, "proxy_set_header").map((d) => [d.args[0] ?? "", d.args[1] ?? ""]);
  const setNames = new Set(spec.map(([n]) => n.toLowerCase()));
  for (const [n, v] of DEFAULT_PROXY_HEADERS) {
    if (version === "1.1" && n === "Connection" && setNames.has("connection")) continue;
    if (!setNames.has(n.toLowerCase())) spec.push([n, v]);
  }
  const headers: HeaderList = [];
  for (const [name, template] of spec) {
    let value: string;
    if (template === "$proxy_internal_body_length") value = hasBody ? String(body.length) : "";
    else if (template === "$proxy_internal_chunked") value = "";
    else value = interpolate(ctx, template, target.proxyHost);
    if (value !== "") headers.push([name, value]);
  }
  const skip = new Set(spec.map(([n]) => n.toLowerCase()));
  const passHeaders = directiveSet(levels, "proxy_pass_request_headers")[0]?.args[0] !== "off";
  if (passHeaders) {
    for (const [name, value] of ctx.req.headers) if (!skip.has(name.toLowerCase())) headers.push([name, value]);
  }
  let head = requestLine + "\r\n";
  for (const [n, v] of headers) head += `${n}: ${v}\r\n`;
  head += "\r\n";
  const sentBody = hasBody ? body : new Uint8Array(0);
  return { requestLine, headers, body: sentBody, raw: concatBytes([latin1Encode(head), sentBody]), uri };
}
