/**
 * nginx's output side: the response object handlers build, the headers filter (expires, add_header), the
 * not-modified and range filters' effects, and the header filter that writes the status line and headers in
 * nginx's fixed order (ngx_http_header_filter_module.c):
 *
 *   Server, Date, Content-Type, Content-Length, Last-Modified, Location (relative → absolute),
 *   Transfer-Encoding, Connection, then the header list (ETag, Accept-Ranges, upstream headers, Expires,
 *   Cache-Control, add_header …) in the order they were added.
 */
import type { HeaderList } from "../trace";
import { EMPTY_BYTES, latin1Encode, latin1EncodeThen } from "../http/bytes";
import { encodeChunked } from "../http/response";
import type { RequestContext } from "./context";
import { directive, directiveSet, flag, levelsOf, perLevels, type Levels } from "./conf";
import { closesConnection, errorPage, NGINX_VERSION, reasonPhrase, wireStatus } from "./special-response";
import { formatHttpDate } from "../clock";
import { interpolate } from "./variables";
import { parseTime } from "./config/values";

export interface NginxResponse {
  status: number;
  /** Reason phrase from an upstream status line (nginx keeps it); nginx's own otherwise. */
  upstreamReason?: string;
  contentType: string | null;
  /** null: unknown (chunked for HTTP/1.1 clients, close for HTTP/1.0). */
  contentLength: number | null;
  lastModifiedMs?: number;
  /** The Last-Modified header came from an upstream and is printed where it stands in `headers`. */
  lastModifiedInList?: boolean;
  /** A Location nginx itself set (return/rewrite/dir redirect); relative ones are made absolute. */
  location?: string;
  /** Location set as an ordinary header (absolute URL from `return`), printed in list order. */
  locationInList?: boolean;
  /** Headers after the fixed ones, in order. */
  headers: HeaderList;
  body: Uint8Array;
  /** A built-in error page must be generated (error_page may replace it). */
  special: boolean;
  /** An upstream answer without a valid status line: nginx 1.22 relays it as HTTP/0.9 (no headers; "009" in the log). */
  http09?: boolean;
  /** nginx answered `Expect: 100-continue` with an interim "HTTP/1.1 100 Continue" before reading the body. */
  continueSent?: boolean;
  /** nginx gives up without answering (client timeouts): no bytes, the connection is closed, 408 in the log. */
  closeWithoutResponse?: boolean;
  /** Static file response (Accept-Ranges, conditional requests). */
  fromFile?: boolean;
  /** The upstream's Server / Date header is passed on (headers_out.server/date set): nginx writes none of its own. */
  ownServerHeader?: boolean;
  ownDateHeader?: boolean;
  /** The gzip filter looked at this answer and gzip_vary is on: nginx adds `Vary: Accept-Encoding`. */
  gzipVary?: boolean;
  /** The gzip filter compressed `body`; this is what it compressed. */
  identityBody?: Uint8Array;
  /** The gzip filter turned byte ranges off (ngx_http_clear_accept_ranges). */
  rangesDisabled?: boolean;
  /** How the body goes out in chunks when it is sent chunked (the gzip filter's buffers); one chunk when absent. */
  chunkSizes?: number[];
}

export function emptyResponse(status: number): NginxResponse {
  return { status, contentType: null, contentLength: null, headers: [], body: EMPTY_BYTES, special: true };
}

const SAFE_STATUSES = [200, 201, 204, 206, 301, 302, 303, 304, 307, 308];

/** The `expires` directive of a chain as a rule; null when it sets nothing (none, `off`, a bad time). */
type ExpiresRule = { kind: "epoch" } | { kind: "max" } | { kind: "time"; seconds: number; modified: boolean };

const expiresRule = perLevels((levels): ExpiresRule | null => {
  const d = directive(levels, "expires");
  if (!d || d.args.length === 0) return null;
  let arg = d.args[0]!;
  let modified = false;
  if (arg === "modified" && d.args[1]) {
    modified = true;
    arg = d.args[1];
  }
  if (arg === "off") return null;
  if (arg === "epoch") return { kind: "epoch" };
  if (arg === "max") return { kind: "max" };
  const negative = arg.startsWith("-");
  const ms = parseTime(arg.replace(/^[+-]/, ""), true);
  if (ms === null) return null;
  return { kind: "time", seconds: Math.floor(ms / 1000) * (negative ? -1 : 1), modified };
});

/** Expires + Cache-Control for the `expires` directive (ngx_http_headers_filter_module). */
function applyExpires(ctx: RequestContext, res: NginxResponse): void {
  const rule = expiresRule(levelsOf(ctx.server, ctx.location));
  if (!rule) return;
  const set = (expires: string, cacheControl: string) => {
    res.headers = res.headers.filter(([n]) => !/^(expires|cache-control)$/i.test(n));
    res.headers.push(["Expires", expires], ["Cache-Control", cacheControl]);
  };
  if (rule.kind === "epoch") return set("Thu, 01 Jan 1970 00:00:01 GMT", "no-cache");
  if (rule.kind === "max") return set("Thu, 31 Dec 2037 23:55:55 GMT", "max-age=315360000");
  const { seconds, modified } = rule;
  const base = modified && res.lastModifiedMs !== undefined ? res.lastModifiedMs : ctx.epochMs + ctx.now;
  const expiresAt = Math.floor(base / 1000) * 1000 + seconds * 1000;
  if (seconds <= 0 && !modified) return set(formatHttpDate(expiresAt), "no-cache");
  const maxAge = modified ? Math.floor((expiresAt - (ctx.epochMs + ctx.now)) / 1000) : seconds;
  set(formatHttpDate(expiresAt), maxAge <= 0 ? "no-cache" : `max-age=${maxAge}`);
}

/** ngx_http_headers_filter: expires and add_header, only on "safe" statuses unless `always`. */
export function applyHeadersFilter(ctx: RequestContext, res: NginxResponse): void {
  const safe = SAFE_STATUSES.includes(res.status);
  if (safe) applyExpires(ctx, res);
  for (const d of directiveSet(levelsOf(ctx.server, ctx.location), "add_header")) {
    const always = d.args[2] === "always";
    if (!safe && !always) continue;
    const value = interpolate(ctx, d.args[1] ?? "");
    if (value === "") continue;
    res.headers.push([d.args[0] ?? "", value]);
  }
}

export interface WireResponse {
  raw: Uint8Array;
  /** The status line and headers as written on the wire, with the blank line ("" for HTTP/0.9 answers). */
  head: string;
  status: number;
  reason: string;
  startLine: string;
  headers: HeaderList;
  /** The body as sent (chunk framing included). */
  wireBody: Uint8Array;
  /** The entity body (without chunk framing). */
  body: Uint8Array;
  keepAlive: boolean;
}

/** Fill in a built-in error page for a special response (after error_page had its chance). */
export function materializeSpecial(ctx: RequestContext, res: NginxResponse): void {
  if (!res.special) return;
  if ((res.status === 301 || res.status === 302) && res.location !== undefined && ctx.browser.msie && flag(levelsOf(ctx.server, ctx.location), "msie_refresh", false)) {
    sendRefresh(res, res.location);
    return;
  }
  const serverTokens = flag(levelsOf(ctx.server, ctx.location), "server_tokens", true);
  const padding = flag(levelsOf(ctx.server, ctx.location), "msie_padding", true) && (ctx.browser.msie || ctx.browser.chrome);
  const page = errorPage(res.status, { serverTokens, padding });
  if (page !== null && res.status >= 300) {
    res.body = latin1Encode(page);
    res.contentType = "text/html";
    res.contentLength = res.body.length;
  } else if (res.status === 204 || res.status === 304) {
    res.contentLength = null;
  } else if (res.contentLength === null) {
    res.contentLength = res.body.length;
  }
  if (closesConnection(res.status)) ctx.keepAlive = false;
}

/** charset_types: the default list, or the directive's. */
function charsetTypes(ctx: RequestContext): string[] {
  const d = directive(levelsOf(ctx.server, ctx.location), "charset_types");
  return d ? d.args.map((a) => a.toLowerCase()) : ["text/html", "text/xml", "text/plain", "text/vnd.wap.wml", "application/javascript", "application/rss+xml"];
}

/** Absolute URL for a relative Location, as nginx builds it (server_name_in_redirect off, port_in_redirect on). */
export function absoluteLocation(ctx: RequestContext, location: string): string {
  const levels = levelsOf(ctx.server, ctx.location);
  if (!flag(levels, "absolute_redirect", true)) return location;
  const host = flag(levels, "server_name_in_redirect", false) ? ctx.server.names[0] || ctx.local.address : ctx.req.host ?? ctx.local.address;
  const port = ctx.local.port === 80 || !flag(levels, "port_in_redirect", true) ? "" : `:${ctx.local.port}`;
  return `http://${host}${port}${location}`;
}

/** The header filter: status line + headers + body framing, for HTTP/1.x clients; HTTP/0.9 gets the body only. */
export function writeResponse(ctx: RequestContext, res: NginxResponse): WireResponse {
  const status = wireStatus(res.status);
  const reason = res.upstreamReason !== undefined ? res.upstreamReason : reasonPhrase(status);
  const startLine = `HTTP/1.1 ${status} ${reason}`;
  const headOnly = ctx.headOnly || status === 204 || status === 304 || (status >= 100 && status < 200);
  let body = headOnly ? EMPTY_BYTES : res.body;
  if (res.http09) {
    return { raw: res.body, head: "", status: 9, reason: "", startLine: "", headers: [], wireBody: res.body, body: res.body, keepAlive: false };
  }
  if (ctx.req.httpMajor === 0) {
    return { raw: body, head: "", status, reason, startLine: "", headers: [], wireBody: body, body, keepAlive: false };
  }
  const serverTokens = flag(levelsOf(ctx.server, ctx.location), "server_tokens", true);
  const headers: HeaderList = [];
  if (!res.ownServerHeader) headers.push(["Server", serverTokens ? NGINX_VERSION : "nginx"]);
  if (!res.ownDateHeader) headers.push(["Date", formatHttpDate(ctx.epochMs + (ctx.headSentAt ?? ctx.now))]);
  if (res.contentType && status !== 204 && status !== 304) {
    let ct = res.contentType;
    const charset = directive(levelsOf(ctx.server, ctx.location), "charset");
    // The charset filter skips 301/302 (ngx_http_main_request_charset: "NN 4.x" would use it for the next page).
    if (charset && charset.args[0] && charset.args[0] !== "off" && status !== 301 && status !== 302 && !/;\s*charset=/i.test(ct) && charsetTypes(ctx).includes(ct.toLowerCase())) {
      ct += `; charset=${charset.args[0]}`;
    }
    headers.push(["Content-Type", ct]);
  }
  let chunked = false;
  const levels = levelsOf(ctx.server, ctx.location);
  const keepaliveTimeout = directive(levels, "keepalive_timeout")?.args[0];
  let keepAlive = ctx.keepAlive && keepaliveTimeout !== "0" && keepaliveTimeout !== "0s" && !keepaliveDisabledFor(ctx, levels);
  if (status !== 204 && status !== 304) {
    if (res.contentLength !== null) headers.push(["Content-Length", String(res.contentLength)]);
    else if (ctx.req.httpMajor === 1 && ctx.req.httpMinor >= 1 && flag(levels, "chunked_transfer_encoding", true)) chunked = !headOnly;
    else keepAlive = false;
  }
  if (res.lastModifiedMs !== undefined && !res.lastModifiedInList && (status === 200 || status === 206 || status === 304)) {
    headers.push(["Last-Modified", formatHttpDate(res.lastModifiedMs)]);
  }
  if (res.location !== undefined && !res.locationInList) {
    headers.push(["Location", res.location.startsWith("/") ? absoluteLocation(ctx, res.location) : res.location]);
  }
  if (chunked) headers.push(["Transfer-Encoding", "chunked"]);
  headers.push(["Connection", keepAlive ? "keep-alive" : "close"]);
  if (res.gzipVary) headers.push(["Vary", "Accept-Encoding"]);
  // An absolute Location (return URL, error_page URL) is an ordinary header, first in the list.
  if (res.location !== undefined && res.locationInList) headers.push(["Location", res.location]);
  headers.push(...res.headers);
  const wireBody = chunked ? encodeChunked(body, res.chunkSizes) : body;
  if (!chunked && res.contentLength !== null && body.length > res.contentLength) body = body.subarray(0, res.contentLength);
  let head = `${startLine}\r\n`;
  for (const [n, v] of headers) head += `${n}: ${v}\r\n`;
  head += "\r\n";
  return {
    raw: latin1EncodeThen(head, chunked ? wireBody : body),
    head,
    status,
    reason,
    startLine,
    headers,
    wireBody: chunked ? wireBody : body,
    body,
    keepAlive,
  };
}

/**
 * keepalive_disable (default msie6), as ngx_http_update_location_config applies it: old MSIE may wait after a POST
 * answered on a kept-alive connection, and Safari may send a POST on one nginx already closed.
 */
function keepaliveDisabledFor(ctx: RequestContext, levels: Levels): boolean {
  const values = directive(levels, "keepalive_disable")?.args.map((v) => v.toLowerCase()) ?? ["msie6"];
  const { msie6, safari } = ctx.browser;
  return (msie6 && ctx.req.method === "POST" && values.includes("msie6")) || (safari && values.includes("safari"));
}

/**
 * msie_refresh (ngx_http_send_refresh): an MSIE client gets a redirect as a 200 page whose meta refresh leads on,
 * the Location as nginx held it (not made absolute), escaped as NGX_ESCAPE_REFRESH does (space, " ' < > \ ^ ` { | ~,
 * control and non-ASCII bytes; recorded in fixtures/real mr-*).
 */
function sendRefresh(res: NginxResponse, location: string): void {
  const escaped = location.replace(/[\x00-\x20"'<>\\^`{|~\x7f-\xff]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
  res.status = 200;
  res.special = false;
  res.contentType = "text/html";
  res.body = latin1Encode(`<html><head><meta http-equiv="Refresh" content="0; URL=${escaped}"></head><body></body></html>\r\n`);
  res.contentLength = res.body.length;
  res.location = undefined;
  res.locationInList = false;
  res.lastModifiedMs = undefined;
  res.rangesDisabled = true;
  res.headers = res.headers.filter(([name]) => name.toLowerCase() !== "etag");
}
