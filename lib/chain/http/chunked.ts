/**
 * nginx 1.22's chunked request body parser (ngx_http_parse_chunked), on a latin-1 string.
 *
 * A chunk size is hex digits right at the line start (a leading space is invalid), then optionally
 * `;`, space or tab and an extension up to the line end; lines end with LF or CRLF, and a CR must be followed
 * by LF (a bare CR in an extension is invalid). The data must be followed by CRLF or LF. After the last
 * (zero) chunk, trailer lines are skipped up to an empty line. A size above 2^63 / 16 is invalid.
 *
 * `sizes` lists the chunk sizes in the order nginx parsed their lines: nginx checks client_max_body_size
 * against each one as soon as its size line is read, before the data (and before any later error).
 */
export interface ChunkedBody {
  state: "ok" | "invalid" | "incomplete";
  /** The data of the chunks read (up to where an error or the end of input stopped the parser). */
  body: string;
  sizes: number[];
}

const enum S {
  ChunkStart,
  ChunkSize,
  ChunkExtension,
  ChunkExtensionAlmostDone,
  AfterData,
  AfterDataAlmostDone,
  LastChunkExtension,
  LastChunkExtensionAlmostDone,
  Trailer,
  TrailerAlmostDone,
  TrailerHeader,
  TrailerHeaderAlmostDone,
}

const MAX_SIZE_BEFORE_DIGIT = Math.floor(Number.MAX_SAFE_INTEGER / 16);

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

export function decodeChunked(text: string, from: number): ChunkedBody {
  const parts: string[] = [];
  const sizes: number[] = [];
  let state: S = S.ChunkStart;
  let size = 0;
  const result = (s: ChunkedBody["state"]): ChunkedBody => ({ state: s, body: parts.join(""), sizes });
  for (let p = from; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    switch (state as S) {
      case S.ChunkStart: {
        const d = hexDigit(ch);
        if (d < 0) return result("invalid");
        size = d;
        state = S.ChunkSize;
        break;
      }
      case S.ChunkSize: {
        // nginx: size > NGX_MAX_OFF_T_VALUE / 16 is invalid; sizes this large never fit our input anyway.
        if (size > MAX_SIZE_BEFORE_DIGIT) return result("invalid");
        const d = hexDigit(ch);
        if (d >= 0) {
          size = size * 16 + d;
          break;
        }
        const last = size === 0;
        if (ch === 0x0d) state = last ? S.LastChunkExtensionAlmostDone : S.ChunkExtensionAlmostDone;
        else if (ch === 0x0a) {
          if (last) state = S.Trailer;
          else {
            p = data(p);
            if (p < 0) return result("incomplete");
          }
        } else if (ch === 0x3b || ch === 0x20 || ch === 0x09) state = last ? S.LastChunkExtension : S.ChunkExtension;
        else return result("invalid");
        if (last) sizes.push(0);
        break;
      }
      case S.ChunkExtension:
        if (ch === 0x0d) state = S.ChunkExtensionAlmostDone;
        else if (ch === 0x0a) {
          p = data(p);
          if (p < 0) return result("incomplete");
        }
        break;
      case S.ChunkExtensionAlmostDone:
        if (ch !== 0x0a) return result("invalid");
        p = data(p);
        if (p < 0) return result("incomplete");
        break;
      case S.AfterData:
        if (ch === 0x0d) state = S.AfterDataAlmostDone;
        else if (ch === 0x0a) state = S.ChunkStart;
        else return result("invalid");
        break;
      case S.AfterDataAlmostDone:
        if (ch !== 0x0a) return result("invalid");
        state = S.ChunkStart;
        break;
      case S.LastChunkExtension:
        if (ch === 0x0d) state = S.LastChunkExtensionAlmostDone;
        else if (ch === 0x0a) state = S.Trailer;
        break;
      case S.LastChunkExtensionAlmostDone:
        if (ch !== 0x0a) return result("invalid");
        state = S.Trailer;
        break;
      case S.Trailer:
        if (ch === 0x0d) state = S.TrailerAlmostDone;
        else if (ch === 0x0a) return result("ok");
        else state = S.TrailerHeader;
        break;
      case S.TrailerAlmostDone:
        if (ch !== 0x0a) return result("invalid");
        return result("ok");
      case S.TrailerHeader:
        if (ch === 0x0d) state = S.TrailerHeaderAlmostDone;
        else if (ch === 0x0a) state = S.Trailer;
        break;
      case S.TrailerHeaderAlmostDone:
        if (ch !== 0x0a) return result("invalid");
        state = S.Trailer;
        break;
    }
  }
  return result("incomplete");

  /** The size line of a data chunk ended at `lf`: take its data; returns the index of its last byte, or -1. */
  function data(lf: number): number {
    sizes.push(size);
    const start = lf + 1;
    if (start + size > text.length) {
      parts.push(text.slice(start));
      return -1;
    }
    parts.push(text.slice(start, start + size));
    state = S.AfterData;
    return start + size - 1;
  }
}
