/**
 * HTTP response bytes: serialising nginx's responses and parsing what an upstream (Gunicorn/uWSGI) sends back.
 */
import type { HeaderList, HttpMessageView } from "../trace";
import { concatBytes, latin1Decode, latin1Encode, toBase64, utf8DecodeStrict } from "./bytes";

export function serializeHead(startLine: string, headers: HeaderList): Uint8Array {
  let text = startLine + "\r\n";
  for (const [n, v] of headers) text += `${n}: ${v}\r\n`;
  text += "\r\n";
  return latin1Encode(text);
}

export function serializeMessage(startLine: string, headers: HeaderList, body: Uint8Array): Uint8Array {
  return concatBytes([serializeHead(startLine, headers), body]);
}

/** The trace's view of a message: body as UTF-8 text when it decodes, else base64. */
export function messageView(startLine: string, headers: HeaderList, body: Uint8Array, maxBody = 64 * 1024): HttpMessageView {
  const view: HttpMessageView = { startLine, headers, bodyLength: body.length };
  const shown = body.length > maxBody ? body.subarray(0, maxBody) : body;
  const text = utf8DecodeStrict(shown);
  if (text !== undefined) view.body = text;
  else view.bodyBase64 = toBase64(shown);
  return view;
}

/** The trace shows at most the first MiB of a message's bytes. */
export const TRACE_RAW_LIMIT = 1 << 20;

/**
 * The first MiB of a message's bytes as a latin-1 string, for the trace: the head text as it was written (status or
 * request line, headers, blank line), then the body's bytes. The same text as decoding the whole message again.
 */
export function traceRaw(head: string, body: Uint8Array): string {
  const room = TRACE_RAW_LIMIT - head.length;
  if (room <= 0) return head.slice(0, TRACE_RAW_LIMIT);
  return head + latin1Decode(body.length > room ? body.subarray(0, room) : body);
}

export interface ParsedUpstreamResponse {
  statusLine: string;
  status: number;
  /** Reason phrase as sent (may be empty). */
  reason: string;
  version: string;
  headers: HeaderList;
  /** Bytes after the header section (possibly still chunked if the upstream said so). */
  body: Uint8Array;
}

export type UpstreamParseResult =
  | { ok: true; response: ParsedUpstreamResponse }
  /** nginx: "upstream sent no valid HTTP/1.0 header" → treated as an HTTP/0.9 body (status 200 in 1.22? see nginx/). */
  | { ok: false; kind: "no-valid-header" | "invalid-header" | "incomplete" };

/** How much of an upstream answer the head parser looks at. */
const UPSTREAM_HEAD_LIMIT = 64 * 1024;

/**
 * Parse an upstream HTTP response head (ngx_http_parse_status_line + header lines). `rawText`, when the caller has
 * it anyway, is `raw` (or a longer prefix of it than the parser reads) as a latin-1 string, so it is not decoded twice.
 */
export function parseUpstreamResponse(raw: Uint8Array, rawText?: string): UpstreamParseResult {
  const limit = Math.min(raw.length, UPSTREAM_HEAD_LIMIT);
  const text = rawText === undefined ? latin1Decode(raw.subarray(0, limit)) : rawText.slice(0, limit);
  const firstLf = text.indexOf("\n");
  const firstLine = (firstLf < 0 ? text : text.slice(0, firstLf)).replace(/\r$/, "");
  const m = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(firstLine);
  if (!m) {
    if (firstLf < 0 && "HTTP/1.0 200".startsWith(firstLine.slice(0, 12))) return { ok: false, kind: "incomplete" };
    return { ok: false, kind: "no-valid-header" };
  }
  const headers: HeaderList = [];
  let pos = firstLf + 1;
  for (let guard = 0; guard <= text.length; guard++) {
    const lf = text.indexOf("\n", pos);
    if (lf < 0) return { ok: false, kind: "incomplete" };
    const line = text.slice(pos, lf > pos && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf);
    pos = lf + 1;
    if (line.length === 0) {
      return {
        ok: true,
        response: {
          statusLine: firstLine,
          status: Number(m[3]),
          reason: m[4] ?? "",
          version: `HTTP/${m[1]}.${m[2]}`,
          headers,
          body: raw.subarray(pos),
        },
      };
    }
    const colon = line.indexOf(":");
    if (colon <= 0 || hasControlOrSpace(line, colon)) return { ok: false, kind: "invalid-header" };
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { ok: false, kind: "incomplete" };
}

/** Is any of the first `end` chars of `text` a control char, a space or DEL (not allowed in a header name)? */
function hasControlOrSpace(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Decode an HTTP/1.1 chunked body; returns null when malformed or incomplete. */
export function decodeChunkedBody(body: Uint8Array): Uint8Array | null {
  const text = latin1Decode(body);
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (let guard = 0; guard <= text.length; guard++) {
    const lf = text.indexOf("\n", pos);
    if (lf < 0) return null;
    const sizeText = text.slice(pos, lf).replace(/\r$/, "").split(";")[0]!.trim();
    if (!/^[0-9A-Fa-f]{1,8}$/.test(sizeText)) return null;
    const size = parseInt(sizeText, 16);
    pos = lf + 1;
    if (size === 0) return concatBytes(parts);
    if (pos + size > body.length) return null;
    parts.push(body.subarray(pos, pos + size));
    pos += size;
    if (text.startsWith("\r\n", pos)) pos += 2;
    else if (text[pos] === "\n") pos += 1;
    else return null;
  }
  return null;
}

/**
 * Frame a body as HTTP/1.1 chunked, the way nginx's chunked filter does: one chunk per output call (`chunkSizes`,
 * the whole body when absent), then the last chunk.
 */
export function encodeChunked(body: Uint8Array, chunkSizes: readonly number[] = [body.length]): Uint8Array {
  if (body.length === 0) return latin1Encode("0\r\n\r\n");
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const size of chunkSizes) {
    parts.push(latin1Encode(`${at === 0 ? "" : "\r\n"}${size.toString(16)}\r\n`), body.subarray(at, at + size));
    at += size;
  }
  parts.push(latin1Encode("\r\n0\r\n\r\n"));
  return concatBytes(parts);
}
