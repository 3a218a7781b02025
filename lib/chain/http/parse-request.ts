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
import { decodeChunked, type ChunkedBody } from "./chunked";
import { parseHeaderLine } from "./header-line";
import { validateHost } from "./host";
import { parseRequestLine, REQUEST_LINE_ERRORS } from "./request-line";

export { validateHost };

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
  /** An absolute-form target without a path (`http://host?a=1`): `requestUri` is `?a=1`, `$uri` is `/`. */
  emptyPath?: boolean;
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
  /** Content-Length as nginx prints it (`%O`), exact beyond 2^53. */
  contentLengthDigits?: string | null;
  chunked: boolean;
  /** For a chunked body: whether it was well formed, and its chunk sizes in order (see ./chunked.ts). */
  chunkedBody?: Pick<ChunkedBody, "state" | "sizes">;
  /** Body bytes as nginx reads them (de-chunked for chunked requests). */
  body: Uint8Array;
  /** Whether the connection would be kept alive (before the response's own rules). */
  keepAlive: boolean;
}

export type ParseErrorStatus = 400 | 405 | 414 | 494 | 501 | 505 | 408;

export interface ParseFailure {
  ok: false;
  status: ParseErrorStatus;
  /** nginx's own [info] log text, e.g. `client sent invalid request`. */
  logMessage: string;
  /** What nginx had already parsed, for the access log (`$request`) and variables. */
  partial: Partial<Pick<ParsedRequest, "method" | "requestLine" | "requestUri" | "protocol" | "headers" | "host" | "httpMajor" | "httpMinor">>;
}

export type ParseResult = { ok: true; request: ParsedRequest } | ParseFailure;

/** The part of the client's bytes the parser looks at, as a latin-1 string (one char per byte). */
export function requestText(raw: Uint8Array): string {
  return latin1Decode(raw.length > MAX_RAW_REQUEST ? raw.subarray(0, MAX_RAW_REQUEST) : raw);
}

/** Parse one request from raw client bytes. */
export function parseRequest(raw: Uint8Array): ParseResult {
  return parseRequestText(requestText(raw));
}

/** `$request` as nginx logs it: from the method up to the first CR or LF. */
function requestLineText(text: string, start: number): string {
  let end = start;
  const max = Math.min(text.length, start + LARGE_HEADER_BUFFER);
  while (end < max && text.charCodeAt(end) !== 0x0d && text.charCodeAt(end) !== 0x0a) end++;
  return text.slice(start, end);
}

/**
 * The headers nginx allows only once (ngx_http_process_unique_header_line, plus Host): a second one is 400
 * "client sent duplicate header line". Range, Cookie, X-Forwarded-For and the rest may repeat.
 */
const UNIQUE_HEADERS = new Set([
  "if-modified-since",
  "if-unmodified-since",
  "if-match",
  "if-none-match",
  "content-length",
  "content-range",
  "if-range",
  "transfer-encoding",
  "expect",
  "authorization",
]);

/** ngx_atoof: decimal digits only, at most 2^63 − 1; null otherwise. Returns the value's digits without leading zeros. */
function parseOffset(value: string): string | null {
  if (!/^[0-9]+$/.test(value)) return null;
  const digits = value.replace(/^0+(?=.)/, "");
  if (digits.length > 19 || (digits.length === 19 && digits > "9223372036854775807")) return null;
  return digits;
}

/** Parse one request from `requestText(raw)`, for a caller that needs the text too (it is decoded once). */
export function parseRequestText(text: string): ParseResult {
  let pos = 0;
  // nginx skips empty lines before the request line (the state machine's sw_start).
  while (pos < text.length && (text[pos] === "\r" || text[pos] === "\n")) pos++;

  const line = parseRequestLine(text, pos, pos + LARGE_HEADER_BUFFER);
  if (line.kind === "again") {
    if (text.length - pos > LARGE_HEADER_BUFFER) {
      return { ok: false, status: 414, logMessage: "client sent too long URI", partial: { requestLine: requestLineText(text, pos) } };
    }
    return { ok: false, status: 408, logMessage: "client timed out (110: Connection timed out) while reading client request line", partial: {} };
  }
  const requestLine = requestLineText(text, line.start);
  if (line.kind === "error") {
    const http09 = line.error === "invalid-09-method";
    return {
      ok: false,
      status: line.error === "invalid-version" ? 505 : 400,
      logMessage: REQUEST_LINE_ERRORS[line.error],
      partial: { requestLine, method: line.method, ...(http09 ? { httpMajor: 0, httpMinor: 9 } : {}) },
    };
  }
  const { method, major, minor } = line;
  const protocol = major === 0 ? "" : `HTTP/${major}.${minor}`;
  const requestUri = line.uri;
  let host: string | null = null;
  if (line.host !== null) {
    host = validateHost(line.host);
    if (host === null) return { ok: false, status: 400, logMessage: "client sent invalid host in request line", partial: { requestLine, method } };
  }
  const partialBase = { requestLine, method, requestUri, protocol };

  const headers: HeaderList = [];
  const ignoredHeaders: string[] = [];
  const fail = (status: ParseErrorStatus, logMessage: string): ParseFailure => ({
    ok: false,
    status,
    logMessage,
    partial: { ...partialBase, headers, host },
  });
  // What ngx_http_headers_in's handlers remember while the headers arrive, in order.
  const seen = new Map<string, string>();
  let hostSeen = false;
  let connection: "close" | "keep-alive" | null = null;
  let bodyStart = line.next;
  if (major >= 1) {
    let headerBytes = line.next - pos;
    for (let guard = 0; guard <= text.length; guard++) {
      const hl = parseHeaderLine(text, bodyStart);
      if (hl.kind === "again") {
        if (text.length - bodyStart > LARGE_HEADER_BUFFER) return fail(494, "client sent too long header line");
        return fail(408, "client timed out (110: Connection timed out) while reading client request headers");
      }
      const lineBytes = hl.next - bodyStart;
      headerBytes += lineBytes;
      if (lineBytes > LARGE_HEADER_BUFFER || headerBytes > LARGE_HEADER_BUFFER * LARGE_HEADER_BUFFERS) {
        return fail(494, "client sent too long header line");
      }
      if (hl.kind === "error") return fail(400, "client sent invalid header line");
      const lineStart = bodyStart;
      bodyStart = hl.next;
      if (hl.kind === "end") break;
      if (hl.invalid) {
        // ignore_invalid_headers on: the line is skipped as if it had not been sent.
        ignoredHeaders.push(text.slice(lineStart, hl.next).replace(/\r*\n$/, ""));
        continue;
      }
      const { name, value } = hl;
      headers.push([name, value]);
      const lower = name.toLowerCase();
      if (lower === "host") {
        if (hostSeen) return fail(400, `client sent duplicate host header: "${name}: ${value}", previous value: "${seen.get("host")}"`);
        hostSeen = true;
        seen.set("host", `${name}: ${value}`);
        const h = validateHost(value);
        if (h === null) return fail(400, "client sent invalid host header");
        if (host === null) host = h;
      } else if (lower === "connection") {
        // ngx_http_process_connection: a substring test, each Connection line in turn.
        const v = value.toLowerCase();
        if (v.includes("close")) connection = "close";
        else if (v.includes("keep-alive")) connection = "keep-alive";
      } else if (UNIQUE_HEADERS.has(lower)) {
        const previous = seen.get(lower);
        if (previous !== undefined) return fail(400, `client sent duplicate header line: "${name}: ${value}", previous value: "${previous}"`);
        seen.set(lower, `${name}: ${value}`);
      }
    }
  }

  // ngx_http_process_request_header, in its order.
  if (major === 1 && minor >= 1 && !hostSeen) return fail(400, 'client sent HTTP/1.1 request without "Host" header');
  let contentLength: number | null = null;
  let contentLengthDigits: string | null = null;
  const contentLengthLine = seen.get("content-length");
  if (contentLengthLine !== undefined) {
    contentLengthDigits = parseOffset(contentLengthLine.slice(contentLengthLine.indexOf(":") + 2));
    if (contentLengthDigits === null) return fail(400, `client sent invalid "Content-Length" header`);
    contentLength = Number(contentLengthDigits);
  }
  let chunked = false;
  const transferEncodingLine = seen.get("transfer-encoding");
  if (transferEncodingLine !== undefined) {
    const transferEncoding = transferEncodingLine.slice(transferEncodingLine.indexOf(":") + 2);
    if (major === 1 && minor === 0) return fail(400, 'client sent HTTP/1.0 request with "Transfer-Encoding" header');
    if (transferEncoding.toLowerCase() !== "chunked") return fail(501, `client sent unknown "Transfer-Encoding": "${transferEncoding}"`);
    if (contentLength !== null) return fail(400, 'client sent "Content-Length" and "Transfer-Encoding" headers at the same time');
    chunked = true;
  }
  if (method === "CONNECT" || method === "TRACE") return fail(405, `client sent ${method} method`);

  const keepAlive = major === 0 ? false : connection === "close" ? false : connection === "keep-alive" ? true : major === 1 && minor >= 1;

  let body: Uint8Array = EMPTY_BYTES;
  let chunkedBody: ChunkedBody | undefined;
  if (chunked) {
    chunkedBody = decodeChunked(text, bodyStart);
    // An unfinished body is only waited for when nginx reads it for an upstream (see nginx/request-body.ts).
    if (chunkedBody.body.length > 0) body = latin1Encode(chunkedBody.body);
  } else if (contentLength !== null && contentLength > 0) {
    // A shorter body than announced is only a problem once nginx needs it (see the body reader in nginx/).
    const bodyText = text.slice(bodyStart, bodyStart + Math.min(contentLength, MAX_RAW_REQUEST));
    if (bodyText.length > 0) body = latin1Encode(bodyText);
  }

  return {
    ok: true,
    request: {
      method,
      requestLine,
      requestUri,
      emptyPath: line.emptyPath,
      protocol,
      httpMajor: major,
      httpMinor: minor,
      headers,
      ignoredHeaders,
      host,
      contentLength,
      contentLengthDigits,
      chunked,
      ...(chunkedBody ? { chunkedBody: { state: chunkedBody.state, sizes: chunkedBody.sizes } } : {}),
      body,
      keepAlive,
    },
  };
}
