/**
 * ngx_http_range_filter_module's decision for a 200 answer from a file: the `Range` header parsed as
 * ngx_http_range_parse does, and If-Range.
 *
 * Measured on nginx 1.22.1 (fixtures/real `range-*`):
 * - only a value of 7+ bytes starting `bytes=` (any case) is looked at; `bytes=` alone or another unit: 200;
 * - a spec is digits `-` [digits] or `-` digits, with spaces (not tabs) allowed around the numbers and the
 *   commas; anything else (`bytes=a-b`, `bytes=5`, `0-1;2-3`, an empty spec, a trailing comma, a number over
 *   2^63 − 1) makes the whole header unsatisfiable: 416;
 * - a spec that starts past the end is skipped, `start > end` is 416, and no satisfiable spec at all is 416;
 * - when the ranges add up to more than the file (overlaps: `0-3,0-3` on 7 bytes) nginx sends the whole
 *   file (200) instead of multipart;
 * - If-Range: a value ending in `"` must equal the ETag exactly (so `W/"…"` never does); otherwise it must
 *   be the Last-Modified date; if not, the whole file (200).
 */
import { getHeader } from "../http/headers";
import type { RequestContext } from "./context";
import type { NginxResponse } from "./response";
import { parseHttpTime } from "./http-time";

export type RangeDecision =
  | { kind: "whole" }
  | { kind: "unsatisfiable" }
  | { kind: "ranges"; ranges: Array<[start: number, endInclusive: number]> };

const MAX_OFF_T = 9223372036854775807n;

export function decideRange(ctx: RequestContext, res: NginxResponse, size: number): RangeDecision {
  const range = getHeader(ctx.req.headers, "range");
  if (range === undefined || range.length < 7 || range.slice(0, 6).toLowerCase() !== "bytes=") return { kind: "whole" };
  const ifRange = getHeader(ctx.req.headers, "if-range");
  if (ifRange !== undefined) {
    if (ifRange.length >= 2 && ifRange.endsWith('"')) {
      const etag = res.headers.find(([n]) => n === "ETag")?.[1];
      if (etag === undefined || ifRange !== etag) return { kind: "whole" };
    } else {
      if (res.lastModifiedMs === undefined) return { kind: "whole" };
      if (parseHttpTime(ifRange) !== Math.floor(res.lastModifiedMs / 1000)) return { kind: "whole" };
    }
  }
  return parseRanges(range.slice(6), size);
}

/** ngx_http_range_parse on the text after `bytes=`, for a body of `size` bytes. */
export function parseRanges(spec: string, size: number): RangeDecision {
  const ranges: Array<[number, number]> = [];
  let total = 0;
  let p = 0;
  const at = (i: number) => (i < spec.length ? spec.charCodeAt(i) : 0);
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const skipSpaces = () => {
    while (at(p) === 0x20) p++;
  };
  /** Digits at p as a number; null when they exceed NGX_MAX_OFF_T_VALUE. */
  const number = (): number | null => {
    const from = p;
    while (isDigit(at(p))) p++;
    const digits = spec.slice(from, p);
    if (digits.length > 18 && BigInt(digits) > MAX_OFF_T) return null;
    return Number(digits);
  };
  for (let guard = 0; guard <= spec.length; guard++) {
    let start = 0;
    let end = 0;
    let suffix = false;
    skipSpaces();
    let open = false;
    if (at(p) !== 0x2d) {
      if (!isDigit(at(p))) return { kind: "unsatisfiable" };
      const s = number();
      if (s === null) return { kind: "unsatisfiable" };
      start = s;
      skipSpaces();
      if (at(p++) !== 0x2d) return { kind: "unsatisfiable" };
      skipSpaces();
      if (at(p) === 0x2c || p >= spec.length) {
        end = size;
        open = true;
      }
    } else {
      suffix = true;
      p++;
    }
    if (!open) {
      if (!isDigit(at(p))) return { kind: "unsatisfiable" };
      const e = number();
      if (e === null) return { kind: "unsatisfiable" };
      end = e;
      skipSpaces();
      if (at(p) !== 0x2c && p < spec.length) return { kind: "unsatisfiable" };
      if (suffix) {
        start = end < size ? size - end : 0;
        end = size - 1;
      }
      end = end >= size ? size : end + 1;
    }
    if (start < end) {
      ranges.push([start, end - 1]);
      total += end - start;
    } else if (start === 0) {
      return { kind: "whole" };
    }
    if (at(p++) !== 0x2c) break;
  }
  if (ranges.length === 0) return { kind: "unsatisfiable" };
  if (total > size) return { kind: "whole" };
  return { kind: "ranges", ranges };
}
