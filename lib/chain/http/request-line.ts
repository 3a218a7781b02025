/**
 * nginx 1.22's request line parser (ngx_http_parse_request_line), state by state, on a latin-1 string.
 *
 * What it decides, as measured on the real binary (lib/chain/nginx/fixtures/real, `rl-*` cases):
 * - a method is `[A-Z_-]+`; anything else is "client sent invalid method";
 * - the target is origin-form (`/…`) or absolute-form `scheme://host[:port][/…|?…]`: the scheme is letters, digits,
 *   `+ - .` after a first letter; the host is letters, digits, `.` and `-`, or an IP literal in brackets; the port is
 *   digits; so userinfo (`user:pass@`), `_` in a host, `*` or `http:/x` are all "client sent invalid request";
 * - since 1.21.1 a space, a control byte or DEL inside the target is refused (no HTTP/0.9 "space in URI" guessing);
 * - `#` marks the URI complex (the URI parser then cuts the path, or the args, there);
 * - the version is `HTTP/` digits `.` digits: a major version above 1 (`HTTP/2.0`, `HTTP/111`, `HTTP/1111.1`) is
 *   "client sent invalid version" (505); `HTTP/0.9`, a missing minor or a 4-digit minor (over 999) are 400;
 * - no version at all is HTTP/0.9, which only GET may use ("client sent invalid method in HTTP/0.9 request").
 *
 * The parser never looks past the first LF and never loops more than once over a byte.
 */

export type RequestLineError = "invalid-method" | "invalid-request" | "invalid-version" | "invalid-09-method";

/** nginx's [info] texts (ngx_http_client_errors). */
export const REQUEST_LINE_ERRORS: Record<RequestLineError, string> = {
  "invalid-method": "client sent invalid method",
  "invalid-request": "client sent invalid request",
  "invalid-version": "client sent invalid version",
  "invalid-09-method": "client sent invalid method in HTTP/0.9 request",
};

export interface RequestLineParts {
  kind: "ok";
  method: string;
  /** Where the method starts (empty lines before it are skipped). */
  start: number;
  /** The unparsed URI (`$request_uri`), e.g. `/a?b`, or `?a=1` for `http://host?a=1`, or `/` for `http://host`. */
  uri: string;
  /** `http://host?a` : the path is empty (nginx's empty_path_in_uri; `$uri` is "/"). */
  emptyPath: boolean;
  /** The host (and port) of an absolute-form target, as sent; null for origin-form. */
  host: string | null;
  major: number;
  minor: number;
  /** Index just after the LF that ends the line. */
  next: number;
}

export type RequestLineResult =
  | RequestLineParts
  | { kind: "error"; error: RequestLineError; method?: string; start: number }
  /** The line has not ended yet (no LF, nothing wrong so far). */
  | { kind: "again"; start: number };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

/** ngx_http_parse.c's `usual` table: bytes that need no attention inside a URI. */
function usual(c: number): boolean {
  if (c >= 0x80) return true;
  if (c < 0x21 || c === 0x7f) return false;
  // space # % + . / ? are the ones the states handle themselves.
  return c !== 0x23 && c !== 0x25 && c !== 0x2b && c !== 0x2e && c !== 0x2f && c !== 0x3f;
}

function isLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHostChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 0x2e || c === 0x2d;
}

function isMethodChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x2d;
}

const enum S {
  Start,
  Method,
  SpacesBeforeUri,
  Schema,
  SchemaSlash,
  SchemaSlashSlash,
  HostStart,
  Host,
  HostEnd,
  HostIpLiteral,
  Port,
  AfterSlashInUri,
  CheckUri,
  Uri,
  Http09,
  HttpH,
  HttpHT,
  HttpHTT,
  HttpHTTP,
  FirstMajorDigit,
  MajorDigit,
  FirstMinorDigit,
  MinorDigit,
  SpacesAfterDigit,
  AlmostDone,
}

/** Parse the request line that starts at `from` (after any empty lines nginx skips). */
export function parseRequestLine(text: string, from = 0, limit = text.length): RequestLineResult {
  let state: S = S.Start;
  let start = from;
  let methodEnd = -1;
  let schemaEnd = -1;
  let hostStart = -1;
  let hostEndAt = -1;
  let uriStart = -1;
  let uriEnd = -1;
  let emptyPath = false;
  let major = 0;
  let minor = 0;
  const end = Math.min(limit, text.length);
  const fail = (error: RequestLineError): RequestLineResult => ({
    kind: "error",
    error,
    method: methodEnd > start ? text.slice(start, methodEnd) : undefined,
    start,
  });

  for (let p = from; p < end; p++) {
    const ch = text.charCodeAt(p);
    switch (state as S) {
      case S.Start:
        start = p;
        if (ch === CR || ch === LF) break;
        if (!isMethodChar(ch)) return fail("invalid-method");
        state = S.Method;
        break;

      case S.Method:
        if (ch === SP) {
          methodEnd = p;
          state = S.SpacesBeforeUri;
          break;
        }
        if (!isMethodChar(ch)) return fail("invalid-method");
        break;

      case S.SpacesBeforeUri:
        if (ch === 0x2f) {
          uriStart = p;
          state = S.AfterSlashInUri;
          break;
        }
        if (isLetter(ch)) {
          state = S.Schema;
          break;
        }
        if (ch === SP) break;
        return fail("invalid-request");

      case S.Schema:
        if (isLetter(ch) || isDigit(ch) || ch === 0x2b || ch === 0x2d || ch === 0x2e) break;
        if (ch === 0x3a) {
          schemaEnd = p;
          state = S.SchemaSlash;
          break;
        }
        return fail("invalid-request");

      case S.SchemaSlash:
        if (ch !== 0x2f) return fail("invalid-request");
        state = S.SchemaSlashSlash;
        break;

      case S.SchemaSlashSlash:
        if (ch !== 0x2f) return fail("invalid-request");
        state = S.HostStart;
        break;

      case S.HostStart:
        hostStart = p;
        if (ch === 0x5b) {
          state = S.HostIpLiteral;
          break;
        }
        state = S.Host;
        if (isHostChar(ch)) break;
        if (!hostEnd(p, ch)) return fail("invalid-request");
        break;

      case S.Host:
        if (isHostChar(ch)) break;
        if (!hostEnd(p, ch)) return fail("invalid-request");
        break;

      case S.HostEnd:
        if (!hostEnd(p, ch)) return fail("invalid-request");
        break;

      case S.HostIpLiteral:
        if (isDigit(ch) || isLetter(ch)) break;
        if (ch === 0x5d) {
          state = S.HostEnd;
          break;
        }
        // ':' and the unreserved and sub-delims characters of RFC 3986.
        if (":-._~!$&'()*+,;=".includes(text[p]!)) break;
        return fail("invalid-request");

      case S.Port:
        if (isDigit(ch)) break;
        if (ch === 0x2f) {
          uriStart = p;
          state = S.AfterSlashInUri;
        } else if (ch === 0x3f) {
          uriStart = p;
          emptyPath = true;
          state = S.Uri;
        } else if (ch === SP) {
          uriStart = schemaEnd + 1;
          uriEnd = schemaEnd + 2;
          state = S.Http09;
        } else return fail("invalid-request");
        break;

      case S.AfterSlashInUri:
      case S.CheckUri:
      case S.Uri:
        if (usual(ch)) {
          if (state === S.AfterSlashInUri) state = S.CheckUri;
          break;
        }
        if (ch === SP) {
          uriEnd = p;
          state = S.Http09;
        } else if (ch === CR) {
          uriEnd = p;
          minor = 9;
          state = S.AlmostDone;
        } else if (ch === LF) {
          uriEnd = p;
          minor = 9;
          return done(p);
        } else if (ch < 0x20 || ch === 0x7f) {
          return fail("invalid-request");
        } else if (state !== S.Uri) {
          if (ch === 0x3f) state = S.Uri;
          else if (ch === 0x2f) {
            state = state === S.AfterSlashInUri ? S.Uri : S.AfterSlashInUri;
          } else if (ch === 0x25 || ch === 0x23) state = S.Uri;
          else if (ch === 0x2e) {
            if (state === S.AfterSlashInUri) state = S.Uri;
          } else if (state === S.AfterSlashInUri && ch !== 0x2b) state = S.CheckUri;
        }
        break;

      case S.Http09:
        if (ch === SP) break;
        if (ch === CR) {
          minor = 9;
          state = S.AlmostDone;
          break;
        }
        if (ch === LF) {
          minor = 9;
          return done(p);
        }
        if (ch === 0x48) {
          state = S.HttpH;
          break;
        }
        return fail("invalid-request");

      case S.HttpH:
      case S.HttpHT:
      case S.HttpHTT:
      case S.HttpHTTP: {
        const want = state === S.HttpH ? 0x54 : state === S.HttpHT ? 0x54 : state === S.HttpHTT ? 0x50 : 0x2f;
        if (ch !== want) return fail("invalid-request");
        state = state === S.HttpH ? S.HttpHT : state === S.HttpHT ? S.HttpHTT : state === S.HttpHTT ? S.HttpHTTP : S.FirstMajorDigit;
        break;
      }

      case S.FirstMajorDigit:
        if (ch < 0x31 || ch > 0x39) return fail("invalid-request");
        major = ch - 0x30;
        if (major > 1) return fail("invalid-version");
        state = S.MajorDigit;
        break;

      case S.MajorDigit:
        if (ch === 0x2e) {
          state = S.FirstMinorDigit;
          break;
        }
        if (!isDigit(ch)) return fail("invalid-request");
        major = major * 10 + (ch - 0x30);
        if (major > 1) return fail("invalid-version");
        break;

      case S.FirstMinorDigit:
        if (!isDigit(ch)) return fail("invalid-request");
        minor = ch - 0x30;
        state = S.MinorDigit;
        break;

      case S.MinorDigit:
        if (ch === CR) {
          state = S.AlmostDone;
          break;
        }
        if (ch === LF) return done(p);
        if (ch === SP) {
          state = S.SpacesAfterDigit;
          break;
        }
        if (!isDigit(ch)) return fail("invalid-request");
        if (minor > 99) return fail("invalid-request");
        minor = minor * 10 + (ch - 0x30);
        break;

      case S.SpacesAfterDigit:
        if (ch === SP) break;
        if (ch === CR) {
          state = S.AlmostDone;
          break;
        }
        if (ch === LF) return done(p);
        return fail("invalid-request");

      case S.AlmostDone:
        if (ch === LF) return done(p);
        return fail("invalid-request");
    }
  }
  return { kind: "again", start };

  /** sw_host_end: what may follow the host; false when nothing may. */
  function hostEnd(p: number, ch: number): boolean {
    hostEndAt = p;
    if (ch === 0x3a) state = S.Port;
    else if (ch === 0x2f) {
      uriStart = p;
      state = S.AfterSlashInUri;
    } else if (ch === 0x3f) {
      uriStart = p;
      emptyPath = true;
      state = S.Uri;
    } else if (ch === SP) {
      // nginx points the URI at the "/" of "//" after the scheme.
      uriStart = schemaEnd + 1;
      uriEnd = schemaEnd + 2;
      state = S.Http09;
    } else return false;
    return true;
  }

  function done(p: number): RequestLineResult {
    const method = text.slice(start, methodEnd);
    if (major === 0 && minor === 9 && method !== "GET") return { kind: "error", error: "invalid-09-method", method, start };
    if (uriEnd < 0) uriEnd = p;
    return {
      kind: "ok",
      method,
      start,
      uri: text.slice(uriStart, uriEnd),
      emptyPath,
      host: hostStart >= 0 ? text.slice(hostStart, hostEndAt) : null,
      major,
      minor,
      next: p + 1,
    };
  }
}
