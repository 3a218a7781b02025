/**
 * Byte helpers without Node's Buffer, so the chain runs in a browser too.
 *
 * nginx works on bytes. We carry bytes around as "latin-1 strings": one JS char per byte (U+0000..U+00FF), which
 * keeps offsets equal to byte offsets and lets regexes match bytes as nginx's PCRE does.
 */

/** Bytes → a string with one char per byte. */
export function latin1Decode(bytes: Uint8Array): string {
  let out = "";
  const chunk = 0x2000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + chunk, bytes.length)));
  }
  return out;
}

/** A one-char-per-byte string → bytes. Chars above U+00FF are truncated to their low byte (never expected). */
export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

const encoder = new TextEncoder();

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 decode; invalid sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** UTF-8 decode, or undefined when the bytes are not valid UTF-8. */
export function utf8DecodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A JS (Unicode) string → its UTF-8 bytes as a latin-1 string (what nginx sees on the wire). */
export function utf8ToLatin1(text: string): string {
  return latin1Decode(utf8Encode(text));
}

/** A latin-1 byte string → the Unicode text its bytes spell in UTF-8 (invalid bytes become U+FFFD). */
export function latin1ToUtf8(bytes: string): string {
  return utf8Decode(latin1Encode(bytes));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Standard base64 of bytes (btoa exists in browsers and Node ≥ 16). */
export function toBase64(bytes: Uint8Array): string {
  return btoa(latin1Decode(bytes));
}
