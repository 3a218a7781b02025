/** Python's notions of whitespace, line breaks and codecs for str/bytes. */
import { pyError } from "./classes";
import { newException, PyRaise, exceptionClasses } from "./classes";
import type { PyValue } from "./values";

export const WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
export const wsClass = new RegExp(`[${WS}]`);
export const wsRun = new RegExp(`[${WS}]+`);
export const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function isPyWhitespace(ch: string): boolean {
  return wsClass.test(ch);
}

function normEncoding(enc: string): string {
  const e = enc.toLowerCase().replace(/_/g, "-");
  if (e === "utf-8" || e === "utf8" || e === "u8") return "utf-8";
  if (e === "ascii" || e === "us-ascii") return "ascii";
  if (e === "latin-1" || e === "latin1" || e === "iso-8859-1" || e === "iso8859-1" || e === "l1") return "latin-1";
  throw pyError("LookupError", `unknown encoding: ${enc}`);
}

export function encodeStr(s: string, encoding = "utf-8", errors = "strict"): Uint8Array {
  const enc = normEncoding(encoding);
  if (enc === "utf-8") {
    if (/[\uD800-\uDFFF]/.test(s) && !/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(s) && errors === "strict") {
      throw unicodeError("UnicodeEncodeError", `'utf-8' codec can't encode character in position 0: surrogates not allowed`);
    }
    return new TextEncoder().encode(s);
  }
  const limit = enc === "ascii" ? 0x80 : 0x100;
  const out: number[] = [];
  let pos = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < limit) out.push(cp);
    else if (errors === "ignore") {
      /* skip */
    } else if (errors === "replace") out.push(0x3f);
    else {
      const hex = cp < 0x100 ? "\\x" + cp.toString(16).padStart(2, "0") : cp < 0x10000 ? "\\u" + cp.toString(16).padStart(4, "0") : "\\U" + cp.toString(16).padStart(8, "0");
      throw unicodeError("UnicodeEncodeError", `'${enc === "ascii" ? "ascii" : "latin-1"}' codec can't encode character '${hex}' in position ${pos}: ordinal not in range(${limit})`);
    }
    pos++;
  }
  return Uint8Array.from(out);
}

function unicodeError(type: string, msg: string): PyRaise {
  return new PyRaise(newException(exceptionClasses.get(type)!, [msg as PyValue]));
}

export function decodeBytes(data: Uint8Array, encoding = "utf-8", errors = "strict"): string {
  const enc = normEncoding(encoding);
  if (enc === "latin-1") return Array.from(data, (b) => String.fromCharCode(b)).join("");
  if (enc === "ascii") {
    let out = "";
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      if (b < 0x80) out += String.fromCharCode(b);
      else if (errors === "ignore") continue;
      else if (errors === "replace") out += "\ufffd";
      else throw unicodeError("UnicodeDecodeError", `'ascii' codec can't decode byte 0x${b.toString(16).padStart(2, "0")} in position ${i}: ordinal not in range(128)`);
    }
    return out;
  }
  if (errors === "strict") {
    const bad = findInvalidUtf8(data);
    if (bad) {
      const range = bad.end - bad.start > 1 ? `bytes in position ${bad.start}-${bad.end - 1}` : `byte 0x${data[bad.start].toString(16).padStart(2, "0")} in position ${bad.start}`;
      throw unicodeError("UnicodeDecodeError", `'utf-8' codec can't decode ${range}: ${bad.reason}`);
    }
  }
  if (errors === "ignore") return new TextDecoder("utf-8").decode(data).replace(/\ufffd/g, "");
  return new TextDecoder("utf-8").decode(data);
}

/** First invalid UTF-8 sequence as CPython reports it. */
function findInvalidUtf8(d: Uint8Array): { start: number; end: number; reason: string } | null {
  let i = 0;
  while (i < d.length) {
    const b = d[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { start: i, end: i + 1, reason: "invalid start byte" };
    for (let k = 1; k <= need; k++) {
      if (i + k >= d.length) return { start: i, end: d.length, reason: "unexpected end of data" };
      const c = d[i + k];
      const l = k === 1 ? lo : 0x80;
      const h = k === 1 ? hi : 0xbf;
      if (c < l || c > h) return { start: i, end: i + k, reason: "invalid continuation byte" };
    }
    i += need + 1;
  }
  return null;
}

/** ascii(): the repr with every non-ASCII character escaped. */
export function asciiRepr(r: string): string {
  let out = "";
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out;
}

/** Whether a string holds a surrogate (a character outside the BMP, or a lone surrogate). */
export function hasAstral(s: string): boolean {
  return /[\uD800-\uDFFF]/.test(s);
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: names as CPython's argument errors list them. */
export function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(", ") + ", and " + q[q.length - 1];
}
