/**
 * nginx 1.22's Host check (ngx_http_validate_host), used for the Host header and an absolute URI's host.
 *
 * The host ends at the first `:` (the port is not checked), or after `]` when it starts with `[`. Refused
 * (400): `..` anywhere, a NUL, `/` (the path separator), a byte ≤ 0x20 or DEL anywhere in the value (port
 * included), and an empty host. One trailing dot is dropped (`example.com.` → `example.com`, so `$host` and
 * the `Host` nginx sends upstream are without it); a leading dot, `_`, `\` and bytes ≥ 0x80 are allowed.
 * The result is lower-cased.
 */
export function validateHost(raw: string): string | null {
  let dotPos = raw.length;
  let hostLen = raw.length;
  let state: "usual" | "literal" | "rest" = "usual";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 0x2e) {
      if (dotPos === i - 1) return null;
      dotPos = i;
    } else if (ch === 0x3a) {
      if (state === "usual") {
        hostLen = i;
        state = "rest";
      }
    } else if (ch === 0x5b) {
      if (i === 0) state = "literal";
    } else if (ch === 0x5d) {
      if (state === "literal") {
        hostLen = i + 1;
        state = "rest";
      }
    } else if (ch === 0x2f || ch <= 0x20 || ch === 0x7f) {
      return null;
    }
  }
  if (dotPos === hostLen - 1) hostLen--;
  if (hostLen <= 0) return null;
  // ngx_strlow: A–Z only (bytes ≥ 0x80 are left as they are).
  return raw.slice(0, hostLen).replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
