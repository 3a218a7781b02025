/**
 * nginx's gzip filter (ngx_http_gzip_filter_module + ngx_http_gzip_ok). Debian's nginx.conf says `gzip on`, and with
 * nginx's defaults (gzip_types text/html, gzip_min_length 20, gzip_http_version 1.1, gzip_proxied off,
 * gzip_comp_level 1) a text/html answer to an HTTP/1.1 client that accepts gzip is compressed: Content-Encoding: gzip,
 * no Content-Length (so chunked), no Accept-Ranges, a weak ETag. The bytes are zlib 1.2.13's (../zlib), with the
 * window and hash nginx picks from the Content-Length.
 *
 * Runs after the headers filter and before the range filter, as in nginx's filter chain.
 */
import type { DecisionTest, TraceStep } from "../trace";
import { getHeader } from "../http/headers";
import { gzipPieces } from "../zlib/gzip";
import { DeflateBudgetError, type DeflateOptions } from "../zlib/deflate";
import { settingsOf, type RequestContext } from "./context";
import type { GzipSettings } from "./settings/gzip";
import type { NginxResponse } from "./response";

const GZIP_STATUSES = [200, 403, 404];

/**
 * What one answer's compression may cost, so a student's file cannot stall the server: hash-chain steps (zlib's
 * cost that grows with the level, up to 4096 per byte at level 9; about 12 ns each here, so ≤ ~120 ms) and
 * input bytes. HTML of 128 KB at level 9 takes 3 M steps; two-letter noise of 128 KB at level 9 takes 67 M.
 */
export const GZIP_CHAIN_STEP_BUDGET = 10_000_000;
export const GZIP_MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** ngx_http_gzip_quantity: the q value × 1000 of `q=…` (0 when it is malformed or zero). */
function quantity(value: string): number {
  const m = /^([01])(?:\.(\d{0,3}))?(?=$|[ ,])/.exec(value);
  if (!m) return 0;
  const q = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return q > 1000 ? 0 : q;
}

/** ngx_http_gzip_accept_encoding: a "gzip" token (after the start, "," or " ") not followed by q=0. */
export function acceptsGzip(header: string): boolean {
  if (header.length < 4) return false;
  if (header.startsWith("gzip,")) return true;
  const lower = header.toLowerCase();
  let at = -1;
  for (let from = 0; ; from = at + 4) {
    at = lower.indexOf("gzip", from);
    if (at < 0) return false;
    if (at === 0 || header[at - 1] === "," || header[at - 1] === " ") break;
  }
  let i = at + 4;
  for (; i < header.length; i++) {
    const c = header[i];
    if (c === ",") return true;
    if (c === ";") break;
    if (c !== " ") return false;
  }
  if (i >= header.length) return true;
  for (i++; i < header.length; i++) {
    const c = header[i];
    if (c === "q" || c === "Q") break;
    if (c !== " ") return false;
  }
  if (i >= header.length) return true;
  i++;
  if (i + 2 > header.length || header[i] !== "=") return false;
  return quantity(header.slice(i + 1)) > 0;
}

/** The gzip_types of the location: text/html always, then the listed types ("*" = any). */
function typeListed(settings: GzipSettings, contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "text/html" || settings.types.has("*") || settings.types.has(type);
}

/** The gzip_disable value that matches this User-Agent ("msie6" or a case-insensitive regex), or null. */
function gzipDisabledBy(settings: GzipSettings, ua: string | undefined, msie6: boolean): string | null {
  if (ua === undefined) return null;
  for (const value of settings.disable) {
    if (value.msie6) {
      if (msie6) return value.arg;
      continue;
    }
    if (value.regex !== null && value.regex.exec(ua) !== null) return `"${value.arg}"`;
  }
  return null;
}

/** The gzip_proxied test of ngx_http_gzip_ok, for a request that came through a proxy (has Via). */
function proxiedAllows(ctx: RequestContext, flags: ReadonlySet<string>, res: NginxResponse): boolean {
  if (flags.has("off")) return false;
  if (flags.has("any")) return true;
  if (flags.has("auth") && getHeader(ctx.req.headers, "authorization") !== undefined) return true;
  const expires = getHeader(res.headers, "expires");
  if (expires !== undefined) {
    if (!flags.has("expired")) return false;
    const at = Date.parse(expires);
    return !Number.isNaN(at) && at < ctx.epochMs + ctx.now;
  }
  const cacheControl = getHeader(res.headers, "cache-control");
  if (cacheControl !== undefined) {
    const tokens = cacheControl.toLowerCase().split(",").map((t) => t.trim());
    return ["no-cache", "no-store", "private"].some((t) => flags.has(t) && tokens.includes(t));
  }
  if (flags.has("no_last_modified") && res.lastModifiedMs !== undefined) return false;
  if (flags.has("no_etag") && getHeader(res.headers, "etag") !== undefined) return false;
  return true;
}

/**
 * wbits and memlevel: gzip_window (512..32k → 9..15, default 32k) and gzip_hash (512..128k → 1..9, default 64k),
 * then shrunk as ngx_http_gzip_header_filter does for a known, small Content-Length.
 */
export function windowFor(contentLength: number | null, windowSize = 32 * 1024, hashSize = 64 * 1024): { windowBits: number; memLevel: number } {
  let windowBits = Math.log2(windowSize);
  let memLevel = Math.log2(hashSize) - 8;
  if (contentLength !== null && contentLength > 0) {
    while (contentLength < (1 << (windowBits - 1)) - 262) {
      windowBits--;
      memLevel--;
    }
    memLevel = Math.max(memLevel, 1);
  }
  return { windowBits, memLevel };
}

/**
 * Where the gzip filter's input pieces end. A static file is read output_buffers' size (32 KB) at a time and each
 * piece is a call of the filter. An upstream answer is taken as one piece here (nginx takes it as its reads
 * come, which depends on the socket; the course's app answers are far smaller than one read).
 */
function pieceEnds(size: number, res: NginxResponse, length: number): number[] {
  if (!res.fromFile) return [];
  const ends: number[] = [];
  for (let end = size; end < length && size > 0; end += size) ends.push(end);
  return ends;
}

/**
 * The chunks nginx sends. zlib writes into gzip_buffers (32 × 4 KB by default); after each input piece but the
 * last, the full ones go out as one chunk; when zlib needs a buffer and all of them hold unsent output, the full
 * ones go out first; the rest goes with the last piece. (Buffer j is asked for once j × size bytes are written.)
 */
function chunkSizes(outputAt: readonly number[], total: number, size: number, count: number): number[] {
  const sizes: number[] = [];
  let sent = 0; // buffers sent
  const sendBefore = (buffer: number) => {
    if (buffer > sent) sizes.push((buffer - sent) * size);
    sent = Math.max(sent, buffer);
  };
  let next = 1; // buffer 0 is taken before zlib writes anything
  const grow = (written: number) => {
    for (; next * size <= written; next++) if (next - sent + 1 > count) sendBefore(next);
  };
  for (const written of outputAt) {
    grow(written);
    sendBefore(Math.floor(written / size));
  }
  grow(total);
  if (total > sent * size) sizes.push(total - sent * size);
  return sizes;
}

/** ngx_http_weak_etag: `"x"` → `W/"x"`; a weak one stays; anything else is dropped. */
function weakenEtag(res: NginxResponse): void {
  const i = res.headers.findIndex(([n]) => n.toLowerCase() === "etag");
  if (i < 0) return;
  const value = res.headers[i]![1];
  if (value.length > 2 && value.startsWith("W/")) return;
  if (!value.startsWith('"')) res.headers.splice(i, 1);
  else res.headers[i] = [res.headers[i]![0], `W/${value}`];
}

/**
 * Decide and, when nginx would, compress `res` in place. Returns the trace's decision step: always when nginx
 * compresses, and when the client asked for gzip but nginx did not (that is worth explaining); otherwise null.
 */
export function applyGzip(ctx: RequestContext, res: NginxResponse): TraceStep | null {
  const settings = settingsOf(ctx).gzip;
  if (!settings.on || res.http09 || ctx.req.httpMajor === 0) return null;
  const acceptEncoding = getHeader(ctx.req.headers, "accept-encoding");
  const asked = acceptEncoding !== undefined && /gzip/i.test(acceptEncoding);
  // Without a gzip request nothing below shows, except the Vary header that gzip_vary on adds.
  if (!asked && !settings.vary) return null;
  const tests: DecisionTest[] = [];
  const refuse = (subject: string, note: string): TraceStep | null => {
    if (!asked) return null;
    tests.push({ subject, matched: false, note });
    return decision(ctx, res, tests, "압축 안 함", `gzip on이지만 ${note} 그래서 nginx는 본문을 그대로 보냅니다.`);
  };
  const pass = (subject: string, note: string) => tests.push({ subject, matched: true, note });

  // ngx_http_gzip_header_filter: what the answer must be.
  if (!GZIP_STATUSES.includes(res.status)) return refuse(`status ${res.status}`, "상태 코드가 200, 403, 404가 아닙니다.");
  pass(`status ${res.status}`, "압축할 수 있는 상태 코드입니다 (200, 403, 404).");
  const encoding = getHeader(res.headers, "content-encoding");
  if (encoding !== undefined && encoding !== "") return refuse(`Content-Encoding: ${encoding}`, "응답이 이미 인코딩되어 있습니다.");
  const { minLength, level } = settings;
  if (res.contentLength !== null && res.contentLength < minLength) {
    return refuse(`gzip_min_length ${minLength}`, `본문이 ${res.contentLength}바이트로 gzip_min_length(${minLength})보다 짧습니다.`);
  }
  if (!typeListed(settings, res.contentType)) {
    return refuse(`gzip_types`, `gzip_types(기본값 text/html)에 없는 Content-Type입니다: ${res.contentType ?? "(없음)"}.`);
  }
  pass(`gzip_types`, `압축 대상 Content-Type입니다: ${(res.contentType ?? "").split(";")[0]}.`);
  // A HEAD request is not refused here: nginx decides "header only" later, so HEAD gets gzip's headers too.
  res.gzipVary = settings.vary;

  // ngx_http_gzip_ok: what the request allows.
  if (acceptEncoding === undefined || !acceptsGzip(acceptEncoding)) {
    return refuse(`Accept-Encoding: ${acceptEncoding ?? ""}`, "클라이언트가 gzip을 받겠다고 하지 않았습니다 (q=0이거나 다른 방식만 적었습니다).");
  }
  pass(`Accept-Encoding: ${acceptEncoding}`, "클라이언트가 gzip을 받을 수 있다고 알렸습니다.");
  const disabledBy = gzipDisabledBy(settings, getHeader(ctx.req.headers, "user-agent"), ctx.browser.msie6);
  if (disabledBy !== null) {
    return refuse(`gzip_disable ${disabledBy}`, `User-Agent가 gzip_disable의 ${disabledBy}에 걸려 이 클라이언트에는 압축하지 않습니다.`);
  }
  if (ctx.req.httpMajor * 10 + ctx.req.httpMinor < settings.minVersion) {
    return refuse(`gzip_http_version ${settings.minVersion === 11 ? "1.1" : "1.0"}`, `요청이 HTTP/${ctx.req.httpMajor}.${ctx.req.httpMinor}이라 gzip_http_version보다 낮습니다.`);
  }
  if (getHeader(ctx.req.headers, "via") !== undefined) {
    if (!proxiedAllows(ctx, settings.proxied, res)) return refuse("gzip_proxied", "Via 헤더가 있는 (프록시를 거친) 요청이고 gzip_proxied가 허락하지 않습니다 (기본값 off).");
    pass("gzip_proxied", "Via 헤더가 있지만 gzip_proxied가 허락합니다.");
  }

  const { windowBits, memLevel } = windowFor(res.contentLength, settings.windowSize, settings.hashSize);
  const identity = res.contentLength !== null && res.body.length > res.contentLength ? res.body.subarray(0, res.contentLength) : res.body;
  if (!ctx.headOnly) {
    const compressed = compressWithinBudget(identity, { level, windowBits, memLevel }, pieceEnds(settings.pieceSize, res, identity.length));
    if (!compressed) {
      tests.push({ subject: `gzip_comp_level ${level}`, matched: false, note: "이 본문을 압축하려면 모형의 계산 한도를 넘습니다." });
      return decision(
        ctx,
        res,
        tests,
        "gzip (모형은 압축 생략)",
        `실제 nginx는 여기서 본문을 gzip으로 압축합니다. 이 본문은 크고 압축 수준(${level})이 높아서, 서버를 멈추지 않도록 모형이 압축을 건너뛰고 원래 본문을 보냅니다.`,
      );
    }
    res.identityBody = identity;
    res.body = compressed.bytes;
    res.chunkSizes = chunkSizes(compressed.outputAt, compressed.bytes.length, settings.bufferSize, settings.bufferCount);
  }
  res.contentLength = null;
  res.rangesDisabled = true;
  weakenEtag(res);
  res.headers.push(["Content-Encoding", "gzip"]);
  return decision(
    ctx,
    res,
    tests,
    ctx.headOnly ? "gzip (HEAD: 헤더만)" : `gzip: ${identity.length} → ${res.body.length}바이트`,
    `Debian의 nginx.conf에 gzip on이 켜져 있어 nginx가 본문을 gzip으로 압축합니다 (gzip_comp_level ${level}). ` +
      "압축한 길이는 미리 알 수 없어서 Content-Length를 빼고 chunked로 보내고, 바이트 범위(Range)는 더 받지 않으며, ETag는 약한 ETag(W/)가 됩니다.",
  );
}

/** gzipPieces, or null when the input is over GZIP_MAX_INPUT_BYTES or would take more than the step budget. */
function compressWithinBudget(data: Uint8Array, options: Omit<DeflateOptions, "maxChainSteps">, pieceEnds: number[]): ReturnType<typeof gzipPieces> | null {
  if (data.length > GZIP_MAX_INPUT_BYTES) return null;
  try {
    return gzipPieces(data, { ...options, maxChainSteps: GZIP_CHAIN_STEP_BUDGET }, pieceEnds);
  } catch (error) {
    if (error instanceof DeflateBudgetError) return null;
    throw error;
  }
}

function decision(ctx: RequestContext, res: NginxResponse, tests: DecisionTest[], outcome: string, explain: string): TraceStep {
  return {
    at: ctx.now,
    component: "nginx",
    kind: "decision",
    topic: res.fromFile ? "static" : res.special ? "error" : "upstream",
    tests,
    outcome,
    explain,
  };
}
