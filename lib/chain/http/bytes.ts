/**
 * Byte helpers without Node's Buffer, so the chain runs in a browser too.
 *
 * nginx works on bytes. We carry bytes around as "latin-1 strings": one JS char per byte (U+0000..U+00FF), which
 * keeps offsets equal to byte offsets and lets regexes match bytes as nginx's PCRE does.
 */

/**
 * No bytes, shared. Making a zero-length Uint8Array takes V8's slow path (several times the cost of a small one),
 * and an array without bytes holds nothing anyone could change, so every "no body" can be this one.
 */
export const EMPTY_BYTES = new Uint8Array(0);

/**
 * Fresh bytes for the chain's many small messages (request heads, headers, short bodies). V8 keeps a typed array
 * of up to 64 bytes inside its own heap, but every larger `new Uint8Array(n)` gets its own off-heap buffer, which
 * costs about 2 µs each on Node 20 here (as much as the rest of a static request's parsing). Arrays up to
 * SLAB_PIECE bytes are therefore views into a shared SLAB_SIZE buffer, as Node's Buffer pool does; each view still
 * has bytes of its own, zeroed, and nothing reads a view's `.buffer` beyond its own range (keep it so).
 */
const SLAB_SIZE = 16 * 1024;
const SLAB_PIECE = 1024;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

export function allocBytes(length: number): Uint8Array {
  if (length <= 64 || length > SLAB_PIECE) return new Uint8Array(length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const view = new Uint8Array(slab, slabUsed, length);
  slabUsed += (length + 7) & ~7; // the next view starts 8-aligned (Uint32Array/DataView over a view may need it)
  return view;
}

/** Below this many bytes a plain loop beats String.fromCharCode.apply (measured on Node 20). */
const SHORT_DECODE = 32;
/** From this many bytes on the native decoder below wins, scan for 0x80–0x9F included (measured on Node 20). */
const NATIVE_DECODE_FROM = 64;
/** How many bytes go to one String.fromCharCode.apply call (well below engines' argument limits). */
const APPLY_CHUNK = 0x2000;

/**
 * The WHATWG "latin1" decoder is windows-1252 (not ISO-8859-1): it differs from one-char-per-byte only for bytes
 * 0x80–0x9F, so it is used only for bytes without any of those. Null where the runtime has no such decoder.
 */
const windows1252 = ((): TextDecoder | null => {
  try {
    return new TextDecoder("latin1");
  } catch {
    return null;
  }
})();

function hasC1Byte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80 && bytes[i]! <= 0x9f) return true;
  return false;
}

/** Bytes → a string with one char per byte. */
export function latin1Decode(bytes: Uint8Array): string {
  if (bytes.length < SHORT_DECODE) {
    let out = "";
    for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
    return out;
  }
  if (bytes.length >= NATIVE_DECODE_FROM && windows1252 !== null && !hasC1Byte(bytes)) return windows1252.decode(bytes);
  // apply takes the typed array as its argument list directly (a spread would go through the iterator).
  if (bytes.length <= APPLY_CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = "";
  for (let i = 0; i < bytes.length; i += APPLY_CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + APPLY_CHUNK, bytes.length)) as unknown as number[]);
  }
  return out;
}

const encoder = new TextEncoder();

/** From this length on the native UTF-8 encoder writes ASCII text faster than a loop (measured on Node 20). */
const NATIVE_ENCODE_FROM = 64;

/** Write a one-char-per-byte string's bytes into `out` (which has exactly `text.length` bytes). */
function writeLatin1(text: string, out: Uint8Array): void {
  if (text.length >= NATIVE_ENCODE_FROM) {
    // ASCII text (the usual case) has the same bytes in UTF-8; any other char makes the encoder write more bytes
    // than it read, or stop early, and then the loop below writes every byte again.
    const { read, written } = encoder.encodeInto(text, out);
    if (read === text.length && written === text.length) return;
  }
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
}

/** A one-char-per-byte string → bytes. Chars above U+00FF are truncated to their low byte (never expected). */
export function latin1Encode(text: string): Uint8Array {
  const out = allocBytes(text.length);
  writeLatin1(text, out);
  return out;
}

/** A one-char-per-byte string's bytes followed by `tail`, in one buffer (a message head and its body). */
export function latin1EncodeThen(text: string, tail: Uint8Array): Uint8Array {
  const out = allocBytes(text.length + tail.length);
  writeLatin1(text, out.subarray(0, text.length));
  out.set(tail, text.length);
  return out;
}

/** Up to this many chars a JS loop writes UTF-8 faster than TextEncoder, which allocates off-heap (Node 20). */
const SHORT_UTF8 = 256;

export function utf8Encode(text: string): Uint8Array {
  if (text.length > SHORT_UTF8) return encoder.encode(text);
  const length = utf8Length(text);
  const out = allocBytes(length);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      const point = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[at++] = 0xf0 | (point >> 18);
      out[at++] = 0x80 | ((point >> 12) & 0x3f);
      out[at++] = 0x80 | ((point >> 6) & 0x3f);
      out[at++] = 0x80 | (point & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

/** How many bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD's three), without writing them. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/** A copy of `bytes` that shares nothing with it (what `bytes.slice()` gives, from allocBytes). */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const out = allocBytes(bytes.length);
  out.set(bytes);
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// A TextDecoder keeps no state between decode() calls made without `stream`, so one of each kind serves all calls.
const lenientDecoder = new TextDecoder("utf-8");
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 decode; invalid sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

/** UTF-8 decode, or undefined when the bytes are not valid UTF-8. */
export function utf8DecodeStrict(bytes: Uint8Array): string | undefined {
  // ASCII bytes are valid UTF-8 that spells the same chars; short ones are quicker read here than by TextDecoder.
  if (bytes.length < NATIVE_DECODE_FROM && isAsciiBytes(bytes)) return latin1Decode(bytes);
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function isAsciiBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Is every char of `text` ASCII (below U+0080)? Then its UTF-8 bytes and its latin-1 bytes are the same. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** A JS (Unicode) string → its UTF-8 bytes as a latin-1 string (what nginx sees on the wire). */
export function utf8ToLatin1(text: string): string {
  // Paths, names and config words are nearly always ASCII, which the round trip would give back unchanged.
  if (isAscii(text)) return text;
  return latin1Decode(utf8Encode(text));
}

/** A latin-1 byte string → the Unicode text its bytes spell in UTF-8 (invalid bytes become U+FFFD). */
export function latin1ToUtf8(bytes: string): string {
  if (isAscii(bytes)) return bytes;
  return utf8Decode(latin1Encode(bytes));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = allocBytes(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The bytes of standard base64 (atob exists in browsers and Node ≥ 16); throws on text atob refuses. */
export function fromBase64(text: string): Uint8Array {
  return latin1Encode(atob(text));
}

/** Standard base64 of bytes (btoa exists in browsers and Node ≥ 16). */
export function toBase64(bytes: Uint8Array): string {
  return btoa(latin1Decode(bytes));
}
