/**
 * itsdangerous 2.1.2's URLSafeTimedSerializer as Flask 2.2's SecureCookieSessionInterface configures it: salt
 * "cookie-session", HMAC key derivation, SHA-1, "." separator. The payload is the session's JSON text (see
 * tagged-json.ts); this file only packs, signs, checks and unpacks it. Pure: time comes in as seconds.
 */
import { base64UrlDecode, base64UrlEncode } from "../../crypto/base64url";
import { bytesEqual, hmacSha1 } from "../../crypto/sha1";
import { zlibCompress, zlibDecompress } from "../../zlib/zlib-stream";

const SALT = new TextEncoder().encode("cookie-session");
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Signer.derive_key() with key_derivation="hmac": HMAC(secret_key, salt). */
function deriveKey(secretKey: Uint8Array): Uint8Array {
  return hmacSha1(secretKey, SALT);
}

function signature(secretKey: Uint8Array, value: string): string {
  return base64UrlEncode(hmacSha1(deriveKey(secretKey), utf8(value)));
}

/** int_to_bytes: big-endian without leading zero bytes. */
function intToBytes(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = Math.max(0, Math.floor(n)); v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return new Uint8Array(bytes);
}

function bytesToInt(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}

/** The URL-safe payload: base64 of the JSON, or "." + base64 of its zlib stream when that is shorter. */
export function packPayload(json: string): string {
  const raw = utf8(json);
  const compressed = zlibCompress(raw);
  if (compressed.length < raw.length - 1) return `.${base64UrlEncode(compressed)}`;
  return base64UrlEncode(raw);
}

/** URLSafeTimedSerializer.dumps for a payload JSON text, signed at `nowSeconds` (int(time.time())). */
export function signSession(secretKey: Uint8Array, json: string, nowSeconds: number): string {
  const value = `${packPayload(json)}.${base64UrlEncode(intToBytes(nowSeconds))}`;
  return `${value}.${signature(secretKey, value)}`;
}

export type UnsignResult =
  | { ok: true; json: string; timestamp: number }
  | { ok: false; reason: "no-separator" | "bad-signature" | "bad-timestamp" | "expired" | "bad-payload" };

/**
 * URLSafeTimedSerializer.loads(value, max_age): the JSON text, or why itsdangerous refuses it. Flask turns every
 * refusal into an empty session (BadSignature and its subclasses).
 */
export function unsignSession(secretKey: Uint8Array, cookie: string, nowSeconds: number, maxAgeSeconds: number): UnsignResult {
  const cut = cookie.lastIndexOf(".");
  if (cut < 0) return { ok: false, reason: "no-separator" };
  const value = cookie.slice(0, cut);
  const sig = base64UrlDecode(cookie.slice(cut + 1));
  const expected = base64UrlDecode(signature(secretKey, value))!;
  if (!sig || !bytesEqual(sig, expected)) return { ok: false, reason: "bad-signature" };
  const tsCut = value.lastIndexOf(".");
  if (tsCut < 0) return { ok: false, reason: "bad-timestamp" };
  const tsBytes = base64UrlDecode(value.slice(tsCut + 1));
  if (!tsBytes || tsBytes.length > 8) return { ok: false, reason: "bad-timestamp" };
  const timestamp = bytesToInt(tsBytes);
  const age = Math.floor(nowSeconds) - timestamp;
  if (age > maxAgeSeconds || age < 0) return { ok: false, reason: "expired" };
  let payload = value.slice(0, tsCut);
  const compressed = payload.startsWith(".");
  if (compressed) payload = payload.slice(1);
  let bytes = base64UrlDecode(payload);
  if (bytes && compressed) bytes = zlibDecompress(bytes);
  if (!bytes) return { ok: false, reason: "bad-payload" };
  try {
    return { ok: true, json: new TextDecoder("utf-8", { fatal: true }).decode(bytes), timestamp };
  } catch {
    return { ok: false, reason: "bad-payload" };
  }
}
