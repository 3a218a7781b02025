/**
 * Byte helpers shared by both gateway models. Latin-1 is how Python's WSGI servers turn wire bytes into str (PEP
 * 3333: every byte becomes the code point of the same value). The general helpers are the chain's own, from
 * http/bytes; only what the gateways need beyond them lives here.
 */
import { latin1Encode as latin1EncodeBytes, utf8Encode } from "../../http/bytes";
export { concatBytes, copyBytes, latin1Decode, toBase64, utf8DecodeStrict, utf8Encode } from "../../http/bytes";

/** str → bytes; code points above 0xff (never produced by latin1Decode) are written as UTF-8 instead. */
export function latin1Encode(text: string): Uint8Array {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return utf8Encode(text);
  }
  return latin1EncodeBytes(text);
}

/** Index of `needle` in `haystack` at or after `from`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/** Lenient base64 decode (as Python's b64decode with validate=False); undefined when it cannot decode. */
export function fromBase64(text: string): Uint8Array | undefined {
  const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const clean = text.replace(/[^A-Za-z0-9+/]/g, "");
  if (clean.length % 4 === 1) return undefined;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | table.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
