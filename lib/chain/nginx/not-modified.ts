/**
 * ngx_http_not_modified_filter_module for a 200 answer from a file: If-Unmodified-Since and If-Match → 412,
 * then If-Modified-Since / If-None-Match → 304.
 *
 * As nginx 1.22 does it (measured, fixtures/real `ifm-*`, `ius-*`, `inm-*`, `ims-*`):
 * - If-Unmodified-Since that nginx cannot parse counts as older than the file: 412.
 * - If-Match compares strong ETags only: `W/"…"` never matches, `*` always does (even without an ETag).
 * - If-None-Match skips `W/` on both sides; a list is split at commas with spaces and tabs around items.
 * - With both If-Modified-Since and If-None-Match, the date is tested first: a date that differs
 *   (if_modified_since exact, Debian's default) gives the full answer whatever the ETag says.
 * - An unparsable If-Modified-Since is simply "modified".
 */
import { getHeader } from "../http/headers";
import type { RequestContext } from "./context";
import type { NginxResponse } from "./response";
import { parseHttpTime } from "./http-time";

export type Precondition = "none" | "not-modified" | "failed";

export function checkPreconditions(ctx: RequestContext, res: NginxResponse): Precondition {
  if (res.status !== 200) return "none";
  const lastModified = res.lastModifiedMs === undefined ? null : Math.floor(res.lastModifiedMs / 1000);
  const etag = res.headers.find(([n]) => n === "ETag")?.[1] ?? null;
  const headers = ctx.req.headers;

  const ius = getHeader(headers, "if-unmodified-since");
  if (ius !== undefined) {
    const t = parseHttpTime(ius);
    // nginx: iums >= last_modified_time, with NGX_ERROR (-1) for a bad date.
    if (lastModified === null || (t ?? -1) < lastModified) return "failed";
  }
  const ifMatch = getHeader(headers, "if-match");
  if (ifMatch !== undefined && !etagListMatches(ifMatch, etag, false)) return "failed";

  const ims = getHeader(headers, "if-modified-since");
  const inm = getHeader(headers, "if-none-match");
  if (ims === undefined && inm === undefined) return "none";
  if (ims !== undefined) {
    if (lastModified === null) return "none";
    if (parseHttpTime(ims) !== lastModified) return "none";
  }
  if (inm !== undefined && !etagListMatches(inm, etag, true)) return "none";
  return "not-modified";
}

/** ngx_http_test_if_match: does the header's list name `etag` (`weak`: compare without `W/`)? */
export function etagListMatches(list: string, etag: string | null, weak: boolean): boolean {
  if (list === "*") return true;
  if (etag === null) return false;
  let tag = etag;
  if (weak && tag.length > 2 && tag.startsWith("W/")) tag = tag.slice(2);
  let p = 0;
  const end = list.length;
  while (p < end) {
    if (weak && end - p > 2 && list.startsWith("W/", p)) p += 2;
    if (tag.length > end - p) return false;
    if (list.startsWith(tag, p)) {
      let q = p + tag.length;
      while (q < end && (list[q] === " " || list[q] === "\t")) q++;
      if (q === end || list[q] === ",") return true;
    }
    while (p < end && list[p] !== ",") p++;
    while (p < end && (list[p] === " " || list[p] === "\t" || list[p] === ",")) p++;
  }
  return false;
}
