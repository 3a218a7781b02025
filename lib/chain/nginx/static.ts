/**
 * Serving files from the virtual disk: root/alias mapping (ngx_http_map_uri_to_path), the static handler
 * (ngx_http_static_module), index and autoindex, and the filters that act on file responses:
 * not_modified (If-Modified-Since / If-None-Match → 304) and range (Range → 206).
 */
import { concatBytes, EMPTY_BYTES, latin1Encode, latin1ToUtf8 } from "../http/bytes";
import type { RequestContext } from "./context";
import { directive, flag, levelsOf, perLevels } from "./conf";
import { emptyResponse, type NginxResponse } from "./response";
import { mapUri, type PathMapping } from "./variables";
import { logError } from "./logs";
import { decideRange } from "./range";
import { discardClientBody, expectsContinue } from "./request-body";
import type { VfsStat } from "./vfs";

export function mapUriToPath(ctx: RequestContext, uri: string): string {
  return mapUri(ctx, uri).path;
}

/** A `static` decision showing how root/alias turned the URI into a path. */
function mappingDecision(ctx: RequestContext, uri: string, m: PathMapping, found: boolean): void {
  const u = latin1ToUtf8(uri);
  const p = latin1ToUtf8(m.path);
  const v = latin1ToUtf8(m.value);
  const loc = ctx.location ? latin1ToUtf8(ctx.location.name) : "";
  const explain =
    m.via === "root"
      ? `root는 경로 "${v}" 뒤에 URI "${u}" 전체를 붙입니다 → "${p}".`
      : m.via === "alias"
        ? ctx.location && (ctx.location.modifier === "~" || ctx.location.modifier === "~*")
          ? `정규식 location의 alias는 그 값 자체가 파일 경로입니다 → "${p}".`
          : `alias는 URI에서 location 접두사 "${loc}"를 떼고 그 자리에 "${v}"를 넣습니다 → "${p}".`
        : `root도 alias도 없어서 nginx의 기본 root "${v}"를 씁니다 → "${p}".`;
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "decision",
    topic: "static",
    tests: [{ subject: m.via === "default" ? `root ${v} (기본값)` : `${m.via} ${v}`, matched: found, note: found ? "파일이 있습니다." : "그 경로에 파일이 없습니다." }],
    outcome: p,
    explain,
  });
}

export function fileRead(ctx: RequestContext, path: string, stat: VfsStat | null): void {
  ctx.trace.push({
    at: ctx.now,
    component: "nginx",
    kind: "file-read",
    to: "static",
    path: latin1ToUtf8(path),
    found: stat !== null,
    ...(stat && stat.type === "file" ? { size: stat.size } : {}),
  });
}

/**
 * The `types {}` blocks of the innermost level below http{} that has any, as extension (lower case) → type, the
 * first mapping of an extension winning; null when only http{}'s (Debian's mime.types) apply.
 */
const ownTypes = perLevels((levels): ReadonlyMap<string, string> | null => {
  // The innermost `types {}` block replaces the outer ones entirely.
  for (let i = 0; i < levels.length - 1; i++) {
    const blocks = levels[i]!.filter((d) => d.name === "types" && d.block);
    if (blocks.length === 0) continue;
    const types = new Map<string, string>();
    for (const b of blocks) for (const t of b.block!) for (const a of t.args) if (!types.has(a.toLowerCase())) types.set(a.toLowerCase(), t.name);
    return types;
  }
  return null;
});

/** MIME type by the URI's extension (ngx_http_set_content_type), else default_type. */
export function contentTypeFor(ctx: RequestContext, uri: string): string {
  const levels = levelsOf(ctx.server, ctx.location);
  const slash = uri.lastIndexOf("/");
  const dot = uri.lastIndexOf(".");
  if (dot > slash) {
    const ext = uri.slice(dot + 1).toLowerCase();
    const type = (ownTypes(levels) ?? ctx.http.types).get(ext);
    if (type) return type;
  }
  return directive(levels, "default_type")?.args[0] ?? "text/plain";
}

export function etagFor(stat: VfsStat): string {
  return `"${Math.floor(stat.mtimeMs / 1000).toString(16)}-${stat.size.toString(16)}"`;
}

/** Is `path`'s parent chain made of folders? nginx's open() says ENOTDIR (20) when a file sits in the way. */
function openErrno(ctx: RequestContext, path: string): number {
  const parts = path.split("/").filter(Boolean);
  let current = "";
  for (let i = 0; i < parts.length - 1; i++) {
    current += "/" + parts[i];
    const s = ctx.fs.stat(current);
    if (!s) return 2;
    if (s.type === "file") return 20;
  }
  return 2;
}

const ERRNO_TEXT: Record<number, string> = { 2: "No such file or directory", 20: "Not a directory" };

/** The static handler for a URI not ending in `/`. */
export function serveStatic(ctx: RequestContext): NginxResponse {
  const method = ctx.method;
  if (method !== "GET" && method !== "HEAD" && method !== "POST") return emptyResponse(405);
  const mapping = mapUri(ctx, ctx.uri);
  const path = mapping.path;
  const stat = ctx.fs.stat(path);
  mappingDecision(ctx, ctx.uri, mapping, stat !== null);
  fileRead(ctx, path, stat);
  if (!stat) {
    const errno = openErrno(ctx, path);
    if (flag(levelsOf(ctx.server, ctx.location), "log_not_found", true)) {
      logError(ctx, "error", `open() "${path}" failed (${errno}: ${ERRNO_TEXT[errno]})`);
    }
    return emptyResponse(404);
  }
  if (stat.type === "dir") {
    const res = emptyResponse(301);
    res.location = ctx.uri + "/" + (ctx.args ? "?" + ctx.args : "");
    return res;
  }
  if (method === "POST") return emptyResponse(405);
  return fileResponse(ctx, path, stat, ctx.uri);
}

/** 200 with the file, then the not-modified and range filters. */
export function fileResponse(ctx: RequestContext, path: string, stat: VfsStat, uri: string): NginxResponse {
  // The static module discards the request body right before it sends the file (a 100 Continue first).
  const continueSent = expectsContinue(ctx);
  if (!discardClientBody(ctx)) return { ...emptyResponse(400), continueSent };
  const data = ctx.fs.read(path) ?? EMPTY_BYTES;
  const etag = etagFor(stat);
  const res: NginxResponse = {
    status: 200,
    contentType: contentTypeFor(ctx, uri),
    contentLength: data.length,
    lastModifiedMs: Math.floor(stat.mtimeMs / 1000) * 1000,
    headers: flag(levelsOf(ctx.server, ctx.location), "etag", true) ? [["ETag", etag]] : [],
    body: data,
    special: false,
    fromFile: true,
    continueSent,
  };
  return res;
}

/** Turn a file response into 304 (headers kept, no body, no Content-Type/Length, no Accept-Ranges). */
export function toNotModified(res: NginxResponse): void {
  res.status = 304;
  res.contentType = null;
  res.contentLength = null;
  res.body = EMPTY_BYTES;
}

/** The range filter: Accept-Ranges on 200 file responses; `Range: bytes=…` → 206, 416 or the whole file (./range.ts). */
export function applyRange(ctx: RequestContext, res: NginxResponse): void {
  if (!res.fromFile || res.status !== 200 || res.rangesDisabled || ctx.req.httpMajor === 0) return;
  const size = res.body.length;
  const decision = decideRange(ctx, res, size);
  if (decision.kind === "whole") {
    res.headers.push(["Accept-Ranges", "bytes"]);
    return;
  }
  if (decision.kind === "unsatisfiable") {
    // nginx finalizes with a special response: the file's headers (ETag, Last-Modified) are dropped.
    res.status = 416;
    res.special = true;
    res.fromFile = false;
    res.lastModifiedMs = undefined;
    res.headers = res.headers.filter(([n]) => n !== "ETag");
    res.headers.push(["Content-Range", `bytes */${size}`]);
    return;
  }
  const ranges = decision.ranges;
  res.status = 206;
  const whole = res.body;
  if (ranges.length === 1) {
    const [start, end] = ranges[0]!;
    res.body = whole.subarray(start, end + 1);
    res.contentLength = res.body.length;
    res.headers.push(["Content-Range", `bytes ${start}-${end}/${size}`]);
    return;
  }
  // multipart/byteranges; the boundary is nginx's per-worker counter, 1 for the first such answer.
  const boundary = "00000000000000000001";
  const partType = res.contentType ?? "application/octet-stream";
  const parts: Uint8Array[] = [];
  for (const [start, end] of ranges) {
    parts.push(latin1Encode(`\r\n--${boundary}\r\nContent-Type: ${partType}\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`));
    parts.push(whole.subarray(start, end + 1));
  }
  parts.push(latin1Encode(`\r\n--${boundary}--\r\n`));
  res.body = concatBytes(parts);
  res.contentLength = res.body.length;
  res.contentType = `multipart/byteranges; boundary=${boundary}`;
}

/** A simple autoindex page like nginx's (names, dates, sizes). */
export function autoindexPage(ctx: RequestContext, dir: string): NginxResponse {
  const uri = latin1ToUtf8(ctx.uri);
  let html = `<html>\r\n<head><title>Index of ${uri}</title></head>\r\n<body>\r\n<h1>Index of ${uri}</h1><hr><pre><a href="../">../</a>\r\n`;
  const entries = ctx.fs.list(dir).map((name) => ({ name, stat: ctx.fs.stat(dir + "/" + name) }));
  entries.sort((a, b) => (a.stat?.type === b.stat?.type ? (a.name < b.name ? -1 : 1) : a.stat?.type === "dir" ? -1 : 1));
  for (const { name, stat } of entries) {
    if (name.startsWith(".") || !stat) continue;
    const shown = stat.type === "dir" ? name + "/" : name;
    const d = new Date(stat.mtimeMs);
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const p = (n: number) => String(n).padStart(2, "0");
    const date = `${p(d.getUTCDate())}-${months[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
    const label = shown.length > 50 ? shown.slice(0, 47) + "..>" : shown;
    const size = stat.type === "dir" ? "-" : String(stat.size);
    html += `<a href="${encodeURI(latin1ToUtf8(shown))}">${label}</a>${" ".repeat(Math.max(1, 51 - label.length))}${date}${size.padStart(20)}\r\n`;
  }
  html += "</pre><hr></body>\r\n</html>\r\n";
  const body = latin1Encode(html);
  // nginx streams the listing without a Content-Length (chunked for HTTP/1.1).
  return { status: 200, contentType: "text/html", contentLength: null, headers: [], body, special: false };
}
