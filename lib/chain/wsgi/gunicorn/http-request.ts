/**
 * Gunicorn 20.1's request parser (Debian 12 build, with its stricter token rules), re-written from observed
 * behaviour and the parser's documented rules: what nginx wrote to the socket → a parsed request or the
 * 400 message Gunicorn would send. See fixtures/gunicorn/*.request.http for captured inputs.
 */
import { copyBytes, indexOfBytes, latin1Decode } from "../shared/bytes";
import { pyRepr } from "../shared/python-text";

/** Gunicorn's TOKEN_RE (RFC 9110 token) used for methods and header names. */
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9a-zA-Z]+$/;
const VERSION_RE = /^HTTP\/(\d+)\.(\d+)$/;
const MAX_REQUEST_LINE = 8190;
const MAX_HEADERS = 32768;
const DEFAULT_MAX_HEADERFIELD_SIZE = 8190;

export interface ParserLimits {
  limitRequestLine: number;
  limitRequestFields: number;
  limitRequestFieldSize: number;
  /** Header name (upper case) → value that means https, e.g. X-FORWARDED-PROTO → https. */
  secureSchemeHeaders: Record<string, string>;
  /** Whether the peer may set the scheme headers (always true over a unix socket). */
  trustSchemeHeaders: boolean;
}

export interface ParsedRequest {
  method: string;
  uri: string;
  path: string;
  query: string;
  fragment: string;
  version: [number, number];
  /** Header names upper-cased as Gunicorn keeps them; values as sent (latin-1). */
  headers: Array<[string, string]>;
  scheme: "http" | "https";
  body: Uint8Array;
}

export type ParseResult =
  | { kind: "ok"; request: ParsedRequest }
  /**
   * A 400 (or 500) page is sent. `mesg` is the page's text, `detail` the exception's str() that the debug log
   * shows ("Invalid request from ip=: …"); `request` is set when Gunicorn knows the request (it then writes an
   * access log line).
   */
  | { kind: "error"; status: 400 | 500; reason: string; mesg: string; detail: string; request?: ParsedRequest }
  /** No request at all (empty input): Gunicorn closes the connection silently. */
  | { kind: "empty" }
  /** The request is incomplete: the worker blocks in recv() waiting for bytes that never come. */
  | { kind: "incomplete"; why: string };

function badRequest(mesg: string, request?: ParsedRequest, detail: string = mesg): ParseResult {
  return { kind: "error", status: 400, reason: "Bad Request", mesg, detail, request };
}

/** LimitRequestHeaders: the page says "Error parsing headers: '<msg>'", the exception's str() is the msg. */
function headersLimit(msg: string): ParseResult {
  return badRequest(`Error parsing headers: '${msg}'`, undefined, msg);
}

/** urllib.parse.urlsplit for the request-target forms nginx and clients send. */
export function splitRequestUri(uri: string): { path: string; query: string; fragment: string } {
  let rest = uri;
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (uri.startsWith("//")) return { path: rest, query, fragment };
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    if (rest.startsWith("//")) {
      const slash = rest.indexOf("/", 2);
      rest = slash >= 0 ? rest.slice(slash) : "";
    }
  }
  return { path: rest, query, fragment };
}

function effectiveLimits(limits: ParserLimits): { line: number; fields: number; fieldSize: number } {
  let line = limits.limitRequestLine;
  if (line < 0 || line >= MAX_REQUEST_LINE) line = MAX_REQUEST_LINE;
  let fields = limits.limitRequestFields;
  if (fields <= 0 || fields > MAX_HEADERS) fields = MAX_HEADERS;
  let fieldSize = limits.limitRequestFieldSize;
  if (fieldSize < 0) fieldSize = DEFAULT_MAX_HEADERFIELD_SIZE;
  return { line, fields, fieldSize };
}

function parseRequestLine(
  line: string,
): { ok: true; method: string; uri: string; version: [number, number] } | { ok: false; mesg: string; detail: string } {
  const bits: string[] = [];
  let rest = line;
  for (let i = 0; i < 2; i++) {
    const sp = rest.indexOf(" ");
    if (sp < 0) break;
    bits.push(rest.slice(0, sp));
    rest = rest.slice(sp + 1);
  }
  bits.push(rest);
  if (bits.length !== 3) {
    const detail = "Invalid HTTP request line: " + pyRepr(line);
    return { ok: false, mesg: `Invalid Request Line '${detail}'`, detail };
  }
  if (!TOKEN_RE.test(bits[0])) {
    const detail = "Invalid HTTP method: " + pyRepr(bits[0]);
    return { ok: false, mesg: `Invalid Method '${detail}'`, detail };
  }
  const version = VERSION_RE.exec(bits[2]);
  if (!version) {
    const detail = "Invalid HTTP Version: " + pyRepr(bits[2]);
    return { ok: false, mesg: `Invalid HTTP Version '${detail}'`, detail };
  }
  return { ok: true, method: bits[0].toUpperCase(), uri: bits[1], version: [Number(version[1]), Number(version[2])] };
}

/** Python int() of a Content-Length value (leading/trailing whitespace, sign, underscores between digits). */
function pyInt(text: string): number | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2].replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}

function dechunk(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let pos = 0;
  for (let guard = 0; guard < 100000 && pos < data.length; guard++) {
    const eol = indexOfBytes(data, [13, 10], pos);
    if (eol < 0) break;
    const size = parseInt(latin1Decode(data.subarray(pos, eol)).split(";")[0].trim(), 16);
    if (!(size > 0)) break;
    const chunk = data.subarray(eol + 2, Math.min(data.length, eol + 2 + size));
    for (const b of chunk) out.push(b);
    pos = eol + 2 + size + 2;
  }
  return Uint8Array.from(out);
}

/** Index of the first char at or after `from` that is not a space or a tab. */
function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Parse what arrived on the socket. Never throws. */
export function parseGunicornRequest(raw: Uint8Array, limits: ParserLimits): ParseResult {
  if (raw.length === 0) return { kind: "empty" };
  const { line: lineLimit, fields: fieldLimit, fieldSize } = effectiveLimits(limits);

  const eol = indexOfBytes(raw, [13, 10]);
  if (eol < 0) {
    if (raw.length - 2 > lineLimit && lineLimit > 0) {
      return badRequest(`Request Line is too large (${raw.length} > ${lineLimit})`);
    }
    return { kind: "incomplete", why: "request line without CRLF" };
  }
  if (eol > lineLimit && lineLimit > 0) return badRequest(`Request Line is too large (${eol} > ${lineLimit})`);

  const lineResult = parseRequestLine(latin1Decode(raw.subarray(0, eol)));
  if (!lineResult.ok) return badRequest(lineResult.mesg, undefined, lineResult.detail);
  const { method, uri, version } = lineResult;
  const parts = splitRequestUri(uri);

  const afterLine = eol + 2;
  const maxBufferHeaders = fieldLimit * ((fieldSize || DEFAULT_MAX_HEADERFIELD_SIZE) + 2) + 4;
  const noHeaders = raw[afterLine] === 13 && raw[afterLine + 1] === 10;
  let headerEnd = -1;
  let bodyStart: number;
  const headers: Array<[string, string]> = [];
  let scheme: "http" | "https" = "http";

  if (noHeaders) {
    bodyStart = afterLine + 2;
  } else {
    headerEnd = indexOfBytes(raw, [13, 10, 13, 10], afterLine);
    if (headerEnd < 0) {
      if (raw.length - afterLine > maxBufferHeaders) return headersLimit("max buffer headers");
      return { kind: "incomplete", why: "headers without the blank line" };
    }
    bodyStart = headerEnd + 4;
    const lines = latin1Decode(raw.subarray(afterLine, headerEnd)).split("\r\n");
    const secure = limits.trustSchemeHeaders ? limits.secureSchemeHeaders : {};
    let schemeSeen = false;
    let i = 0;
    while (i < lines.length) {
      if (headers.length >= fieldLimit) return headersLimit("limit request headers fields");
      const current = lines[i++];
      let headerLength = current.length + 2;
      const colon = current.indexOf(":");
      if (colon <= 0) return badRequest(`Invalid HTTP Header: ${pyRepr(current)}`);
      const name = current.slice(0, colon).toUpperCase();
      if (!TOKEN_RE.test(name)) return badRequest(`Invalid HTTP header name: ${pyRepr(name)}`);
      let value = current.slice(skipBlanks(current, colon + 1));
      // Folded continuation lines (obs-fold) join the value with single spaces.
      while (i < lines.length && (lines[i].startsWith(" ") || lines[i].startsWith("\t"))) {
        const continuation = lines[i++];
        headerLength += continuation.length + 2;
        if (headerLength > fieldSize && fieldSize > 0) {
          return headersLimit("limit request headers fields size");
        }
        value += " " + continuation.replace(/^[ \t]+|[ \t]+$/g, "");
      }
      if (headerLength > fieldSize && fieldSize > 0) {
        return headersLimit("limit request headers fields size");
      }
      if (Object.prototype.hasOwnProperty.call(secure, name)) {
        const headerScheme = value === secure[name] ? "https" : "http";
        if (schemeSeen && headerScheme !== scheme) return badRequest("Contradictory scheme headers");
        schemeSeen = true;
        scheme = headerScheme;
      }
      headers.push([name, value]);
    }
  }

  const request: ParsedRequest = {
    method,
    uri,
    path: parts.path,
    query: parts.query,
    fragment: parts.fragment,
    version,
    headers,
    scheme,
    body: new Uint8Array(0),
  };

  // Body framing (set_body_reader): Content-Length, or chunked on HTTP/1.1; nothing else is accepted.
  let chunked = false;
  let contentLength: string | undefined;
  for (const [name, value] of headers) {
    if (name === "CONTENT-LENGTH") {
      if (contentLength !== undefined) return badRequest("Invalid HTTP Header: 'CONTENT-LENGTH'", request);
      contentLength = value;
    } else if (name === "TRANSFER-ENCODING") {
      const coding = value.toLowerCase();
      if (coding === "chunked") {
        if (chunked) return badRequest("Invalid HTTP Header: 'TRANSFER-ENCODING'", request);
        chunked = true;
      } else if (coding === "identity") {
        if (chunked) return badRequest("Invalid HTTP Header: 'TRANSFER-ENCODING'", request);
      } else {
        // UnsupportedTransferCoding is not one of the 400 errors: it ends as a bare 500 page.
        return { kind: "error", status: 500, reason: "Internal Server Error", mesg: "", detail: `Unsupported transfer coding: ${pyRepr(value)}` };
      }
    }
  }
  const rest = raw.subarray(bodyStart);
  if (chunked) {
    if (version[0] < 1 || (version[0] === 1 && version[1] < 1)) {
      return badRequest("Invalid HTTP Header: 'TRANSFER-ENCODING'", request);
    }
    if (contentLength !== undefined) return badRequest("Invalid HTTP Header: 'CONTENT-LENGTH'", request);
    request.body = dechunk(rest);
  } else if (contentLength !== undefined) {
    const length = pyInt(contentLength);
    if (length === undefined || length < 0) return badRequest("Invalid HTTP Header: 'CONTENT-LENGTH'", request);
    request.body = copyBytes(rest.subarray(0, Math.min(length, rest.length)));
  }
  return { kind: "ok", request };
}
