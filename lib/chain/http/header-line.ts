/**
 * nginx 1.22's header line parser (ngx_http_parse_header_line with underscores_in_headers off), on a latin-1
 * string, one line at a time.
 *
 * - A name is letters, digits and `-`. Any other byte above 0x20 (`_`, `.`, `/`, bytes ≥ 0x80) marks the line
 *   invalid: with Debian's `ignore_invalid_headers on` the whole line is skipped and the request goes on.
 * - A space, a tab, another control byte or DEL in the name, or a name that starts with `:`, refuses the
 *   request (400 "client sent invalid header line"); so does an obs-fold continuation line (it starts with a space).
 * - A line without a colon is a header with an empty value (`Foo` reaches the upstream as `Foo: `).
 * - Only spaces around the value are dropped, not tabs (`Transfer-Encoding: \tchunked` is not "chunked").
 *   A NUL in the value refuses the request; other control bytes are kept.
 * - A line ends with LF, CRLF or CR CR … LF; a CR followed by anything else refuses the request.
 */

export type HeaderLineResult =
  | { kind: "header"; name: string; value: string; invalid: boolean; next: number }
  /** The empty line that ends the header block. */
  | { kind: "end"; next: number }
  | { kind: "error"; next: number }
  /** The line has not ended yet. */
  | { kind: "again" };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

const enum S {
  Start,
  Name,
  SpaceBeforeValue,
  Value,
  SpaceAfterValue,
  AlmostDone,
  HeaderAlmostDone,
}

/** Parse the header line that starts at `from`. */
export function parseHeaderLine(text: string, from: number): HeaderLineResult {
  let state = S.Start;
  let invalid = false;
  let nameEnd = -1;
  let valueStart = -1;
  let valueEnd = -1;
  const header = (next: number): HeaderLineResult => ({
    kind: "header",
    name: text.slice(from, nameEnd),
    value: valueStart < 0 ? "" : text.slice(valueStart, valueEnd),
    invalid,
    next,
  });
  for (let p = from; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    switch (state) {
      case S.Start:
        if (ch === CR) {
          state = S.HeaderAlmostDone;
          break;
        }
        if (ch === LF) return { kind: "end", next: p + 1 };
        state = S.Name;
        if (isNameChar(ch)) break;
        if (ch !== 0x5f && (ch <= SP || ch === 0x7f || ch === 0x3a)) return { kind: "error", next: p };
        invalid = true;
        break;

      case S.Name:
        if (isNameChar(ch)) break;
        if (ch === 0x3a) {
          nameEnd = p;
          state = S.SpaceBeforeValue;
          break;
        }
        if (ch === CR || ch === LF) {
          nameEnd = p;
          if (ch === LF) return header(p + 1);
          state = S.AlmostDone;
          break;
        }
        if (ch !== 0x5f && (ch <= SP || ch === 0x7f)) return { kind: "error", next: p };
        invalid = true;
        break;

      case S.SpaceBeforeValue:
        if (ch === SP) break;
        if (ch === CR) {
          state = S.AlmostDone;
          break;
        }
        if (ch === LF) return header(p + 1);
        if (ch === 0) return { kind: "error", next: p };
        valueStart = p;
        valueEnd = p + 1;
        state = S.Value;
        break;

      case S.Value:
        if (ch === SP) {
          valueEnd = p;
          state = S.SpaceAfterValue;
        } else if (ch === CR) {
          valueEnd = p;
          state = S.AlmostDone;
        } else if (ch === LF) {
          valueEnd = p;
          return header(p + 1);
        } else if (ch === 0) return { kind: "error", next: p };
        break;

      case S.SpaceAfterValue:
        if (ch === SP) break;
        if (ch === CR) {
          state = S.AlmostDone;
          break;
        }
        if (ch === LF) return header(p + 1);
        if (ch === 0) return { kind: "error", next: p };
        state = S.Value;
        break;

      case S.AlmostDone:
        if (ch === LF) return header(p + 1);
        if (ch === CR) break;
        return { kind: "error", next: p };

      case S.HeaderAlmostDone:
        if (ch === LF) return { kind: "end", next: p + 1 };
        return { kind: "error", next: p };
    }
  }
  return { kind: "again" };
}
