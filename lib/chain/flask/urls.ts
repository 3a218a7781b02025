/**
 * Werkzeug 2.2's URL string helpers (werkzeug/urls.py), rewritten for the model: percent-quoting with a safe set,
 * unquoting with "+" as space, query strings to ordered pairs and back, and the "WSGI decoding dance" that turns
 * an environ string (bytes decoded as latin-1, per PEP 3333) into the text the app sees.
 */

import { utf8Encode } from "../http/bytes";

const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** RFC 3986 unreserved characters plus sub-delims, minus `&` and `=`: Werkzeug's `_always_safe`. */
const ALWAYS_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$!'()*+,;";

/** An environ "native string": each char is one byte (latin-1). Chars above U+00FF become "?" as a guard. */
export function latin1ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[i] = code <= 0xff ? code : 0x3f;
  }
  return out;
}

/** Bytes to a latin-1 string (one char per byte). */
export function bytesToLatin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 1) out += String.fromCharCode(bytes[i]);
  return out;
}

/** UTF-8 decoding with errors="replace" (U+FFFD for bad sequences), as Werkzeug decodes URLs and forms. */
export function decodeUtf8Replace(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

export const encodeUtf8 = utf8Encode;

/** `_wsgi_decoding_dance`: an environ string's latin-1 bytes decoded as UTF-8 with replacement. */
export function wsgiDecode(environString: string): string {
  // Pure ASCII is the common case and needs no work.
  if (/^[\x00-\x7f]*$/.test(environString)) return environString;
  return decodeUtf8Replace(latin1ToBytes(environString));
}

/** The reverse: text as the latin-1 "native string" holding its UTF-8 bytes. */
export function wsgiEncode(text: string): string {
  return bytesToLatin1(encodeUtf8(text));
}

const HEX = "0123456789ABCDEF";

/** `url_quote(text, safe=...)`: UTF-8 encode, keep always-safe and `safe` bytes, `%XX` the rest. */
export function urlQuote(text: string, safe = "/:", unsafe = ""): string {
  const bytes = encodeUtf8(text);
  let out = "";
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    const isSafe = byte < 0x80 && (ALWAYS_SAFE.includes(char) || safe.includes(char)) && !unsafe.includes(char);
    out += isSafe ? char : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/** `_fast_url_quote_plus`: quote with space kept, "+" unsafe, then space → "+". For query strings. */
export function urlQuotePlus(text: string): string {
  return urlQuote(text, " ", "+").replace(/ /g, "+");
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** `_unquote_to_bytes`: `%XX` with two hex digits becomes a byte; a stray `%` stays. Input is UTF-8 encoded first. */
export function unquoteToBytes(text: string): Uint8Array {
  const bytes = encodeUtf8(text);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]);
      const lo = hexValue(bytes[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out.push(bytes[i]);
  }
  return Uint8Array.from(out);
}

/** `url_unquote_plus`: "+" is a space, then percent-decoding, then UTF-8 with replacement. */
export function urlUnquotePlus(text: string): string {
  return decodeUtf8Replace(unquoteToBytes(text.replace(/\+/g, " ")));
}

/** At most this many pairs are parsed from one query string or form body (user input is bounded). */
export const MAX_PAIRS = 1000;

/** `url_decode`: split on "&", skip empty pieces, key without "=" gets "" (include_empty=True). */
export function urlDecode(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const piece of query.split("&", MAX_PAIRS * 4)) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const key = eq >= 0 ? piece.slice(0, eq) : piece;
    const value = eq >= 0 ? piece.slice(eq + 1) : "";
    pairs.push([urlUnquotePlus(key), urlUnquotePlus(value)]);
    if (pairs.length >= MAX_PAIRS) break;
  }
  return pairs;
}

/** `url_encode` of ordered pairs: `key=value` joined by "&", both quote-plus encoded. */
export function urlEncode(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${urlQuotePlus(key)}=${urlQuotePlus(value)}`).join("&");
}
