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
import { EMPTY_BYTES, latin1EncodeThen, utf8ToLatin1 } from "../http/bytes";
import { escapeUri } from "../http/uri";
import type { RequestContext } from "./context";
import { directiveSet, levelsOf, perLevels } from "./conf";
import { compileTemplate, expandTemplate, type Template } from "./variables";
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

/** The URI nginx puts in the upstream request line, for proxy_pass's URI part `uriPart` (null when it has none). */
export function proxyRequestUri(ctx: RequestContext, uriPart: string | null): string {
  const loc = ctx.location;
  const args = ctx.args ? "?" + ctx.args : "";
  if (uriPart === null) {
    // Unchanged requests go upstream exactly as the client wrote them.
    if (!ctx.uriChanged) return ctx.req.requestUri;
    return escapeUri(ctx.uri) + args;
  }
  if (ctx.uriChanged || !loc || loc.modifier === "~" || loc.modifier === "~*" || loc.modifier === "@") {
    return escapeUri(ctx.uri) + args;
  }
  const rest = ctx.uri.slice(Math.min(loc.name.length, ctx.uri.length));
  return utf8ToLatin1(uriPart) + escapeUri(rest) + args;
}

export interface BuiltProxyRequest {
  requestLine: string;
  /** The request line and headers as written, with the blank line (the bytes before the body). */
  head: string;
  headers: HeaderList;
  body: Uint8Array;
  raw: Uint8Array;
  uri: string;
}

/** What a location's configuration alone decides about the upstream request (the same for every request). */
interface ProxyPlan {
  version: "1.0" | "1.1";
  passBody: boolean;
  passHeaders: boolean;
  /** proxy_set_header lines in config order, then the defaults they do not override: name and value template. */
  spec: ReadonlyArray<{ name: string; template: string; value: Template }>;
  /** The lower-case names in `spec`: the client's headers of these names are not passed on. */
  skip: ReadonlySet<string>;
}

const proxyPlan = perLevels((levels): ProxyPlan => {
  const version = directiveSet(levels, "proxy_http_version")[0]?.args[0] === "1.1" ? "1.1" : "1.0";
  const spec: Array<[string, string]> = directiveSet(levels, "proxy_set_header").map((d) => [d.args[0] ?? "", d.args[1] ?? ""]);
  const setNames = new Set(spec.map(([n]) => n.toLowerCase()));
  for (const [n, v] of DEFAULT_PROXY_HEADERS) {
    if (version === "1.1" && n === "Connection" && setNames.has("connection")) continue;
    if (!setNames.has(n.toLowerCase())) spec.push([n, v]);
  }
  return {
    version,
    passBody: directiveSet(levels, "proxy_pass_request_body")[0]?.args[0] !== "off",
    passHeaders: directiveSet(levels, "proxy_pass_request_headers")[0]?.args[0] !== "off",
    spec: spec.map(([name, template]) => ({ name, template, value: compileTemplate(template) })),
    skip: new Set(spec.map(([n]) => n.toLowerCase())),
  };
});

export function buildProxyRequest(ctx: RequestContext, target: UpstreamTarget): BuiltProxyRequest {
  const plan = proxyPlan(levelsOf(ctx.server, ctx.location));
  const method = ctx.req.method;
  const uri = proxyRequestUri(ctx, target.uri);
  const requestLine = `${method} ${uri} HTTP/${plan.version}`;
  const body = plan.passBody ? ctx.req.body : EMPTY_BYTES;
  const hasBody = plan.passBody && (ctx.req.contentLength !== null || ctx.req.chunked);

  const headers: HeaderList = [];
  for (const { name, template, value: compiled } of plan.spec) {
    let value: string;
    if (template === "$proxy_internal_body_length") value = hasBody ? String(body.length) : "";
    else if (template === "$proxy_internal_chunked") value = "";
    else value = expandTemplate(ctx, compiled, target.proxyHost);
    if (value !== "") headers.push([name, value]);
  }
  if (plan.passHeaders) {
    for (const [name, value] of ctx.req.headers) if (!plan.skip.has(name.toLowerCase())) headers.push([name, value]);
  }
  let head = requestLine + "\r\n";
  for (const [n, v] of headers) head += `${n}: ${v}\r\n`;
  head += "\r\n";
  const sentBody = hasBody ? body : EMPTY_BYTES;
  return { requestLine, head, headers, body: sentBody, raw: latin1EncodeThen(head, sentBody), uri };
}
