/**
 * gzip: Debian's nginx.conf says `gzip on`. With nginx's defaults (gzip_types text/html, gzip_min_length 20,
 * gzip_http_version 1.1, gzip_proxied off) a text/html answer of 20+ bytes to an HTTP/1.1 client that sends
 * `Accept-Encoding: gzip` would be compressed (Content-Encoding: gzip, chunked, no Content-Length).
 *
 * The model does NOT compress: zlib's exact output cannot be reproduced byte for byte here, and the course
 * wants the body readable. It sends the identity body and says so in the trace. See README.md.
 */
import type { TraceStep } from "../trace";
import { getHeader } from "../http/headers";
import type { RequestContext } from "./context";
import { directive, directiveSet, flag, levelsOf } from "./conf";
import type { NginxResponse } from "./response";

export function wouldGzip(ctx: RequestContext, res: NginxResponse): boolean {
  const levels = levelsOf(ctx.server, ctx.location);
  if (!flag(levels, "gzip", false)) return false;
  if (![200, 403, 404].includes(res.status)) return false;
  if (ctx.req.httpMajor !== 1 || ctx.req.httpMinor < 1 || ctx.headOnly) return false;
  const ae = getHeader(ctx.req.headers, "accept-encoding");
  if (!ae || !/\bgzip\b/i.test(ae)) return false;
  if (getHeader(ctx.req.headers, "via") !== undefined && (directive(levels, "gzip_proxied")?.args[0] ?? "off") === "off") return false;
  const type = (res.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const types = ["text/html", ...directiveSet(levels, "gzip_types").flatMap((d) => d.args)];
  if (!types.includes(type) && !types.includes("*")) return false;
  const minLength = Number(directive(levels, "gzip_min_length")?.args[0] ?? 20);
  if (res.contentLength !== null && res.contentLength < minLength) return false;
  if (res.headers.some(([n]) => n.toLowerCase() === "content-encoding")) return false;
  return true;
}

export function gzipNote(ctx: RequestContext, res: NginxResponse): TraceStep | null {
  if (!wouldGzip(ctx, res)) return null;
  return {
    at: ctx.now,
    component: "nginx",
    kind: "decision",
    topic: res.fromFile ? "static" : res.special ? "error" : "upstream",
    tests: [{ subject: "gzip on (gzip_types text/html, gzip_min_length 20)", matched: true, note: "브라우저가 Accept-Encoding: gzip을 보냈고 text/html 응답입니다." }],
    outcome: "gzip (모형은 압축 생략)",
    explain:
      "실제 nginx는 여기서 본문을 gzip으로 압축해 Content-Encoding: gzip과 chunked 전송으로 보냅니다(Content-Length 없음). 이 모형은 압축하지 않고 원래 본문과 Content-Length를 그대로 보여 줍니다.",
  };
}
