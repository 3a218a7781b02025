/**
 * nginx's URI normalisation (ngx_http_parse_complex_uri), on a latin-1 byte string.
 *
 * The request target's path is percent-decoded, `.` and `..` segments are resolved and, with merge_slashes on
 * (the default), runs of `/` become one. The query string after the first `?` is kept raw: that is `$args`.
 * A `#` (a fragment a client should not have sent) ends the path, or the args.
 * A `..` that climbs above `/`, a bad `%` escape or a decoded NUL byte is a 400 Bad Request, as in nginx.
 */

export type NormalizeResult =
  | { ok: true; uri: string; args: string; hasArgs: boolean }
  | { ok: false; reason: "bad-escape" | "nul" | "above-root" | "not-absolute" };

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Percent-decode a latin-1 string; strict: `%` must be followed by two hex digits. */
export function percentDecode(text: string): { ok: true; value: string } | { ok: false; reason: "bad-escape" | "nul" } {
  if (!text.includes("%")) return { ok: true, value: text };
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x25) {
      out += text[i];
      continue;
    }
    const hi = i + 1 < text.length ? hexValue(text.charCodeAt(i + 1)) : -1;
    const lo = i + 2 < text.length ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (hi < 0 || lo < 0) return { ok: false, reason: "bad-escape" };
    const byte = hi * 16 + lo;
    if (byte === 0) return { ok: false, reason: "nul" };
    out += String.fromCharCode(byte);
    i += 2;
  }
  return { ok: true, value: out };
}

/** Resolve `.`/`..` segments and (optionally) merge slashes in an already decoded absolute path. */
export function resolveDots(path: string, mergeSlashes = true): string | null {
  // Without an empty, `.` or `..` segment there is nothing to resolve or merge (the usual case).
  if (path.startsWith("/") && !path.includes("//") && !path.includes("/.")) return path;
  return resolveSegments(path, mergeSlashes);
}

/** resolveDots without its shortcut: the walk over every segment (exported so a test can compare the two). */
export function resolveSegments(path: string, mergeSlashes: boolean): string | null {
  const segments = path.split("/");
  // segments[0] is "" because the path starts with "/".
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    if (seg === ".") {
      if (last) out.push("");
      continue;
    }
    if (seg === "..") {
      // Drop the previous real segment (skipping empty ones nginx would have merged).
      if (mergeSlashes) while (out.length > 0 && out[out.length - 1] === "") out.pop();
      if (out.length === 0) return null;
      out.pop();
      if (last) out.push("");
      continue;
    }
    if (seg === "" && mergeSlashes && !last) continue;
    out.push(seg);
  }
  let result = "/" + out.join("/");
  if (mergeSlashes) result = result.replace(/\/{2,}/g, "/");
  return result;
}

/**
 * Normalise a request target path (`/a/../b%20c?x=1`). `target` must start with `/`.
 * Returns the decoded, normalised `$uri` and the raw `$args`.
 */
export function normalizeUri(target: string, mergeSlashes = true): NormalizeResult {
  if (!target.startsWith("/")) return { ok: false, reason: "not-absolute" };
  // A `#` ends the path, or the args after a `?` (ngx_http_parse_complex_uri); it stays in $request_uri.
  const hash = target.indexOf("#");
  let q = target.indexOf("?");
  if (hash >= 0 && q > hash) q = -1;
  const rawPath = target.slice(0, q >= 0 ? q : hash >= 0 ? hash : target.length);
  const args = q < 0 ? "" : target.slice(q + 1, hash > q ? hash : target.length);
  const decoded = percentDecode(rawPath);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const uri = resolveDots(decoded.value, mergeSlashes);
  if (uri === null) return { ok: false, reason: "above-root" };
  return { ok: true, uri, args, hasArgs: q >= 0 };
}

/** nginx's ngx_escape_uri(NGX_ESCAPE_URI) for re-encoding a decoded URI when it must be sent on (proxy_pass). */
export function escapeUri(uri: string): string {
  // Copy runs of plain chars in one slice; most URIs need no escape at all.
  let out = "";
  let plainFrom = 0;
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    // Escaped: controls, space, `#`, `%`, `?`, 0x7f and above (nginx's NGX_ESCAPE_URI table).
    if (c <= 0x20 || c === 0x23 || c === 0x25 || c === 0x3f || c >= 0x7f) {
      out += uri.slice(plainFrom, i) + "%" + c.toString(16).toUpperCase().padStart(2, "0");
      plainFrom = i + 1;
    }
  }
  return plainFrom === 0 ? uri : out + uri.slice(plainFrom);
}
