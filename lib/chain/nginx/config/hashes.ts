/**
 * nginx's static hash tables (ngx_hash.c) as far as `nginx -t` can fail on them: ngx_hash_init looks for a
 * table size ≤ max_size where no bucket overflows bucket_size. Used for `proxy_set_header` names
 * (proxy_headers_hash) and exact server names shared by several servers (server_names_hash).
 * Sizes assume the modelled x86-64 machine: 8-byte pointers, 64-byte cache lines.
 */

const POINTER = 8;
const MASK64 = (1n << 64n) - 1n;
const encoder = new TextEncoder();

/** ngx_hash_key_lc: key = key * 31 + lowercase(byte), in a 64-bit unsigned integer. */
export function hashKeyLc(name: string): bigint {
  let key = 0n;
  for (const b of encoder.encode(name)) {
    const c = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
    key = (key * 31n + BigInt(c)) & MASK64;
  }
  return key;
}

const align = (n: number, a: number) => (n + a - 1) & ~(a - 1);
/** NGX_HASH_ELT_SIZE: the value pointer, then the key length (2 bytes) and the key, aligned. */
const eltSize = (name: string) => POINTER + align(encoder.encode(name).length + 2, POINTER);

export type HashBuild = "ok" | "bucket-too-small" | "not-optimal";

/** What ngx_hash_init concludes for these keys (duplicates included, as nginx keeps them). */
export function buildHash(names: readonly string[], maxSize: number, bucketSize: number): HashBuild {
  if (names.some((n) => bucketSize < eltSize(n) + POINTER)) return "bucket-too-small";
  const usable = bucketSize - POINTER;
  const keys = names.map((n) => ({ hash: hashKeyLc(n), size: eltSize(n) }));
  let start = Math.floor(names.length / Math.floor(usable / (2 * POINTER)));
  if (start === 0) start = 1;
  const test = new Array<number>(maxSize + 1);
  for (let size = start; size <= maxSize; size++) {
    test.fill(0, 0, size);
    let fits = true;
    for (const k of keys) {
      const slot = Number(k.hash % BigInt(size));
      const len = test[slot] + k.size;
      if (len > usable) {
        fits = false;
        break;
      }
      test[slot] = len;
    }
    if (fits) return "ok";
  }
  return "not-optimal";
}

/** The request headers nginx's proxy module adds unless proxy_set_header names them (ngx_http_proxy_headers). */
export const PROXY_DEFAULT_HEADERS = ["Host", "Connection", "Content-Length", "Transfer-Encoding", "TE", "Keep-Alive", "Expect", "Upgrade"];

/** The keys of proxy_headers_hash: the set headers in order, then the defaults they do not override. */
export function proxyHeaderKeys(set: readonly string[]): string[] {
  const lower = new Set(set.map((h) => h.toLowerCase()));
  return [...set, ...PROXY_DEFAULT_HEADERS.filter((h) => !lower.has(h.toLowerCase()))];
}
