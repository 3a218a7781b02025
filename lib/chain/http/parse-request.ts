/**
 * Parse raw client bytes the way nginx 1.22 reads a request (ngx_http_parse_request_line,
 * ngx_http_parse_header_line, ngx_http_process_request_headers), with Debian's defaults:
 * client_header_buffer_size 1k, large_client_header_buffers 4 8k, underscores_in_headers off,
 * ignore_invalid_headers on.
 *
 * Everything here works on latin-1 strings (one char per byte). The parser never throws and never loops more
 * than once over the input.
 */
import type { HeaderList } from "../trace";
import { EMPTY_BYTES, latin1Decode, latin1Encode } from "./bytes";

export const LARGE_HEADER_BUFFER = 8192;
export const LARGE_HEADER_BUFFERS = 4;
/** A hard cap on what we even look at, so hostile input stays cheap. */
export const MAX_RAW_REQUEST = 4 * 1024 * 1024;

export interface ParsedRequest {
  method: string;
  /** `$request`: the request line without CRLF. */
  requestLine: string;
  /** `$request_uri`: the target as sent (path and query), without scheme/host for absolute-form targets. */
  requestUri: string;
  /** `$server_protocol`: `HTTP/1.1`, `HTTP/1.0`, or "" for HTTP/0.9. */
  protocol: string;
  httpMajor: number;
  httpMinor: number;
  /** Valid header lines in order (names as sent). */
  headers: HeaderList;
  /** Header lines nginx ignored (invalid names such as `X_Under_score`). */
  ignoredHeaders: string[];
  /** The validated host (lowercased, port and trailing dot removed) from an absolute URI or the Host header. */
  host: string | null;
  contentLength: number | null;
  chunked: boolean;
  /** Body bytes as nginx reads them (de-chunked for chunked requests). */
  body: Uint8Array;
  /** Whether the connection would be kept alive (before the response's own rules). */
  keepAlive: boolean;
}

export type ParseErrorStatus = 400 | 414 | 494 | 501 | 505 | 408;

export interface ParseFailure {
  ok: false;
  status: ParseErrorStatus;
  /** nginx's own [info] log text, e.g. `client sent invalid request`. */
  logMessage: string;
  /** What nginx had already parsed, for the access log (`$request`) and variables. */
  partial: Partial<Pick<ParsedRequest, "method" | "requestLine" | "requestUri" | "protocol" | "headers" | "host">>;
}

export type ParseResult = { ok: true; request: ParsedRequest } | ParseFailure;

const METHOD_RE = /^[A-Z_-]+$/;

/** Find the next LF starting at `from`; returns the line without CR/LF and the index after LF, or null. */
function nextLine(text: string, from: number): { line: string; next: number } | null {
  const lf = text.indexOf("\n", from);
  if (lf < 0) return null;
  const end = lf > from && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
  return { line: text.slice(from, end), next: lf + 1 };
}

/** ngx_http_validate_host: lowercase, strip port and one trailing dot; reject `/`, NUL, `..`, empty. */
export function validateHost(raw: string): string | null {
  let host = raw;
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return null;
    host = host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(":");
    if (colon >= 0) host = host.slice(0, colon);
  }
  if (/[\/\x00]/.test(host) || host.includes("..") || host.startsWith(".")) return null;
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.length === 0) return null;
  return host.toLowerCase();
}

/** `line` from `from` on without the spaces and tabs at either end (a header value, as nginx stores it). */
function trimSpacesAndTabs(line: string, from: number): string {
  let start = from;
  let end = line.length;
  while (start < end && isSpaceOrTab(line.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
  return line.slice(start, end);
}

function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isTokenNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

type LineResult =
  | { kind: "ok"; method: string; target: string; protocol: string; major: number; minor: number }
  | { kind: "error"; status: ParseErrorStatus; message: string; method?: string };

function parseRequestLine(line: string): LineResult {
  const sp = line.indexOf(" ");
  if (sp <= 0) return { kind: "error", status: 400, message: "client sent invalid request" };
  const method = line.slice(0, sp);
  if (!METHOD_RE.test(method)) return { kind: "error", status: 400, message: "client sent invalid method" };
  const rest = line.slice(sp).replace(/^ +/, "");
  if (rest.length === 0) return { kind: "error", status: 400, message: "client sent invalid request", method };
  const m = /^(.*?) +HTTP\/(\d+)\.(\d+) *$/.exec(rest);
  let target: string;
  let major = 0;
  let minor = 9;
  let protocol = "";
  if (m) {
    target = m[1]!;
    if (m[2]!.length > 3 || m[3]!.length > 3) return { kind: "error", status: 400, message: "client sent invalid request", method };
    major = Number(m[2]);
    minor = Number(m[3]);
    if (major > 99 || minor > 99) return { kind: "error", status: 400, message: "client sent invalid request", method };
    protocol = `HTTP/${m[2]}.${m[3]}`;
    if (major > 1) return { kind: "error", status: 505, message: "client sent unsupported HTTP version", method };
    if (major < 1) return { kind: "error", status: 400, message: "client sent invalid request", method };
  } else {
    if (/ /.test(rest.trimEnd()) || rest.includes("HTTP/")) return { kind: "error", status: 400, message: "client sent invalid request", method };
    target = rest.trimEnd();
    if (method !== "GET") return { kind: "error", status: 400, message: "client sent invalid request", method };
  }
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return { kind: "error", status: 400, message: "client sent invalid request", method };
  }
  return { kind: "ok", method, target, protocol, major, minor };
}

/** Split an absolute-form target (`http://host:port/path`) into host and path, as nginx does. */
function splitAbsoluteTarget(target: string): { host: string; path: string } | null {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?]*)(.*)$/.exec(target);
  if (!m) return null;
  const path = m[2]!.length === 0 ? "/" : m[2]!.startsWith("?") ? "/" + m[2]! : m[2]!;
  return { host: m[1]!, path };
}

/** Decode a chunked body; null when malformed. Bounded by the input length. */
function decodeChunked(text: string, from: number): { body: string } | null | "incomplete" {
  let pos = from;
  let body = "";
  for (let guard = 0; guard < text.length + 2; guard++) {
    const line = nextLine(text, pos);
    if (!line) return "incomplete";
    const sizeText = line.line.split(";")[0]!.trim();
    if (!/^[0-9A-Fa-f]{1,8}$/.test(sizeText)) return null;
    const size = parseInt(sizeText, 16);
    pos = line.next;
    if (size === 0) return { body };
    if (pos + size + 2 > text.length) return "incomplete";
    body += text.slice(pos, pos + size);
    pos += size;
    if (text.slice(pos, pos + 2) === "\r\n") pos += 2;
    else if (text[pos] === "\n") pos += 1;
    else return null;
  }
  return null;
}

/** The part of the client's bytes the parser looks at, as a latin-1 string (one char per byte). */
export function requestText(raw: Uint8Array): string {
  return latin1Decode(raw.length > MAX_RAW_REQUEST ? raw.subarray(0, MAX_RAW_REQUEST) : raw);
}

/** Parse one request from raw client bytes. */
export function parseRequest(raw: Uint8Array): ParseResult {
  return parseRequestText(requestText(raw));
}

/** Parse one request from `requestText(raw)`, for a caller that needs the text too (it is decoded once). */
export function parseRequestText(text: string): ParseResult {
  let pos = 0;
  // nginx skips empty lines before the request line.
  while (pos < text.length && (text[pos] === "\r" || text[pos] === "\n")) pos++;

  const first = nextLine(text, pos);
  if (!first) {
    if (text.length - pos > LARGE_HEADER_BUFFER) return { ok: false, status: 414, logMessage: "client sent too long URI", partial: {} };
    return { ok: false, status: 408, logMessage: "client timed out (110: Connection timed out) while reading client request line", partial: {} };
  }
  const requestLine = first.line;
  if (first.next - pos > LARGE_HEADER_BUFFER) {
    return { ok: false, status: 414, logMessage: "client sent too long URI", partial: { requestLine: requestLine.slice(0, LARGE_HEADER_BUFFER) } };
  }
  const parsedLine = parseRequestLine(requestLine);
  if (parsedLine.kind === "error") {
    return { ok: false, status: parsedLine.status, logMessage: parsedLine.message, partial: { requestLine, method: parsedLine.method } };
  }
  const { method, protocol, major, minor } = parsedLine;
  let requestUri = parsedLine.target;
  let host: string | null = null;
  if (!requestUri.startsWith("/")) {
    const abs = splitAbsoluteTarget(requestUri);
    if (!abs) return { ok: false, status: 400, logMessage: "client sent invalid request", partial: { requestLine, method } };
    host = validateHost(abs.host);
    if (host === null) return { ok: false, status: 400, logMessage: "client sent invalid host in request line", partial: { requestLine, method } };
    requestUri = abs.path;
  }
  const partialBase = { requestLine, method, requestUri, protocol };

  const headers: HeaderList = [];
  const ignoredHeaders: string[] = [];
  let bodyStart = first.next;
  if (major >= 1) {
    let headerBytes = first.next - pos;
    let ended = false;
    for (let guard = 0; guard <= text.length; guard++) {
      const hl = nextLine(text, bodyStart);
      if (!hl) break;
      const lineBytes = hl.next - bodyStart;
      headerBytes += lineBytes;
      bodyStart = hl.next;
      if (lineBytes > LARGE_HEADER_BUFFER || headerBytes > LARGE_HEADER_BUFFER * LARGE_HEADER_BUFFERS) {
        return { ok: false, status: 494, logMessage: "client sent too long header line", partial: { ...partialBase, headers } };
      }
      const line = hl.line;
      if (line.length === 0) {
        ended = true;
        break;
      }
      const colon = line.indexOf(":");
      const first0 = line.charCodeAt(0);
      if (colon <= 0 || first0 <= 0x20 || first0 === 0x7f) {
        return { ok: false, status: 400, logMessage: "client sent invalid header line", partial: { ...partialBase, headers } };
      }
      const name = line.slice(0, colon);
      const value = trimSpacesAndTabs(line, colon + 1);
      let invalidName = false;
      for (let i = 0; i < name.length; i++) {
        const c = name.charCodeAt(i);
        if (c <= 0x20 || c === 0x7f) {
          return { ok: false, status: 400, logMessage: "client sent invalid header line", partial: { ...partialBase, headers } };
        }
        if (!isTokenNameChar(c)) invalidName = true;
      }
      if (value.includes("\x00")) {
        return { ok: false, status: 400, logMessage: "client sent invalid header line", partial: { ...partialBase, headers } };
      }
      if (invalidName) {
        ignoredHeaders.push(line);
        continue;
      }
      headers.push([name, value]);
    }
    if (!ended) {
      if (text.length - bodyStart > LARGE_HEADER_BUFFER) {
        return { ok: false, status: 494, logMessage: "client sent too long header line", partial: { ...partialBase, headers } };
      }
      return { ok: false, status: 408, logMessage: "client timed out (110: Connection timed out) while reading client request headers", partial: { ...partialBase, headers } };
    }
  }

  // Special headers, in the spirit of ngx_http_process_request_header.
  const fail = (status: ParseErrorStatus, logMessage: string): ParseFailure => ({
    ok: false,
    status,
    logMessage,
    partial: { ...partialBase, headers, host },
  });
  let hostSeen = false;
  let contentLengthText: string | null = null;
  let transferEncoding: string | null = null;
  let connection: string | null = null;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === "host") {
      if (hostSeen) return fail(400, "client sent duplicate host header");
      hostSeen = true;
      const h = validateHost(value);
      if (h === null) return fail(400, "client sent invalid host header");
      if (host === null) host = h;
    } else if (lower === "content-length") {
      if (contentLengthText !== null) return fail(400, `client sent duplicate header line: "${name}: ${value}"`);
      contentLengthText = value;
    } else if (lower === "transfer-encoding") {
      if (transferEncoding !== null) return fail(400, `client sent duplicate header line: "${name}: ${value}"`);
      transferEncoding = value;
    } else if (lower === "connection") {
      connection = value.toLowerCase();
    }
  }
  if (major === 1 && minor >= 1 && !hostSeen && host === null) return fail(400, 'client sent HTTP/1.1 request without "Host" header');

  let contentLength: number | null = null;
  if (contentLengthText !== null) {
    if (!/^\d{1,18}$/.test(contentLengthText)) return fail(400, `client sent invalid "Content-Length" header`);
    contentLength = Number(contentLengthText);
  }
  let chunked = false;
  if (transferEncoding !== null) {
    if (major === 1 && minor === 0) return fail(400, 'client sent HTTP/1.0 request with "Transfer-Encoding" header');
    if (transferEncoding.toLowerCase() !== "chunked") return fail(501, `client sent unknown "Transfer-Encoding": "${transferEncoding}"`);
    if (contentLength !== null) return fail(400, 'client sent "Content-Length" and "Transfer-Encoding" headers at the same time');
    chunked = true;
  }

  const keepAlive =
    major === 1 && minor >= 1 ? !(connection !== null && /(^|[ ,])close($|[ ,])/.test(connection)) : connection !== null && /keep-alive/.test(connection);

  let bodyText = "";
  if (chunked) {
    const decoded = decodeChunked(text, bodyStart);
    if (decoded === null) return fail(400, "client sent invalid chunked body");
    if (decoded === "incomplete") return fail(408, "client timed out (110: Connection timed out) while reading client request body");
    bodyText = decoded.body;
  } else if (contentLength !== null && contentLength > 0) {
    // A shorter body than announced is only a problem once nginx needs it (see the body reader in nginx/).
    bodyText = text.slice(bodyStart, bodyStart + Math.min(contentLength, MAX_RAW_REQUEST));
  }
  const body = bodyText.length === 0 ? EMPTY_BYTES : latin1Encode(bodyText);

  return {
    ok: true,
    request: {
      method,
      requestLine,
      requestUri,
      protocol,
      httpMajor: major,
      httpMinor: minor,
      headers,
      ignoredHeaders,
      host,
      contentLength,
      chunked,
      body,
      keepAlive: major === 0 ? false : keepAlive,
    },
  };
}
