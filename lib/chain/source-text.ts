/**
 * The text of a scenario file, decoded once per bytes object.
 *
 * A scenario's files are the same Uint8Array objects run after run, and every run needs their text (configs and
 * app.py) as a cache key. Decoding and hashing a few KiB each time costs more than the rest of a static request,
 * so the text is kept per bytes object, with a number that stands for it in short cache keys.
 */
import { memo } from "./memo";

export interface SourceText {
  text: string;
  /** Stands for `text` in cache keys: the same text always gets the same number (while remembered). */
  number: number;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Numbers of the texts seen lately (bounded: a text can be 128 KiB). A number is never given twice, so it always
 * means the same text; a forgotten text gets a new number, which only costs a cache miss.
 */
const textNumbers = memo<number>(128);
let nextNumber = 0;

/**
 * Decoded texts by bytes object. The bytes are compared with a copy taken when decoding (an array can be changed
 * in place), which is cheaper than decoding again.
 */
const decoded = new WeakMap<Uint8Array, { copy: Uint8Array; source: SourceText | null }>();

/** The UTF-8 text of `bytes` and its number, or null when the bytes are not valid UTF-8. */
export function sourceText(bytes: Uint8Array): SourceText | null {
  const known = decoded.get(bytes);
  if (known && sameBytes(known.copy, bytes)) return known.source;
  let source: SourceText | null;
  try {
    const text = strictUtf8.decode(bytes);
    source = { text, number: textNumbers.get(text, () => nextNumber++) };
  } catch {
    source = null;
  }
  decoded.set(bytes, { copy: bytes.slice(), source });
  return source;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let from = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    // Four bytes at a time where both arrays allow it (a few times faster for a typical app.py).
    const words = a.length >>> 2;
    const x = new Uint32Array(a.buffer, a.byteOffset, words);
    const y = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let i = 0; i < words; i++) if (x[i] !== y[i]) return false;
    from = words * 4;
  }
  for (let i = from; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
