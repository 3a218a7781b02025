/**
 * The byte helpers take different paths by length and content (a loop, fromCharCode.apply, the native coders):
 * every path must give the plain one-char-per-byte answer.
 */
import { describe, expect, it } from "vitest";
import { allocBytes, concatBytes, EMPTY_BYTES, latin1Decode, latin1Encode, latin1EncodeThen, latin1ToUtf8, utf8DecodeStrict, utf8Encode, utf8ToLatin1 } from "./bytes";

/** The definition: one char per byte, built the slow and obvious way. */
function reference(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

function randomBytes(length: number, seed: number, pick: (n: number) => number): Uint8Array {
  let state = seed;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = pick(state & 0xff);
  }
  return out;
}

const LENGTHS = [...Array.from({ length: 200 }, (_, i) => i), 255, 256, 1000, 0x1fff, 0x2000, 0x2001, 70_000];
const KINDS: Array<[string, (n: number) => number]> = [
  ["ASCII", (n) => n & 0x7f],
  ["any byte", (n) => n],
  // 0x80–0x9F are where windows-1252 (the WHATWG "latin1" decoder) differs from one char per byte.
  ["no 0x80–0x9F", (n) => (n >= 0x80 && n <= 0x9f ? 0xa0 + (n & 0x1f) : n)],
];

describe("latin1Decode", () => {
  for (const [kind, pick] of KINDS) {
    it(`gives one char per byte for ${kind} at every length`, () => {
      for (const length of LENGTHS) {
        const bytes = randomBytes(length, length + 1, pick);
        expect(latin1Decode(bytes), `${kind}, ${length} bytes`).toBe(reference(bytes));
      }
    });
  }

  it("keeps bytes 0x80–0x9F, also in long input (not windows-1252's € and friends)", () => {
    const bytes = new Uint8Array(300).fill(0x41);
    bytes[250] = 0x80;
    bytes[299] = 0x9f;
    const text = latin1Decode(bytes);
    expect(text.charCodeAt(250)).toBe(0x80);
    expect(text.charCodeAt(299)).toBe(0x9f);
  });

  it("keeps a leading byte order mark", () => {
    const bytes = new Uint8Array(100).fill(0x41);
    bytes.set([0xef, 0xbb, 0xbf]);
    expect(latin1Decode(bytes).slice(0, 4)).toBe("\u00ef\u00bb\u00bfA");
  });
});

describe("latin1Encode and latin1EncodeThen", () => {
  it("write one byte per char, ASCII or not, short or long", () => {
    for (const length of [0, 1, 63, 64, 65, 300]) {
      for (const [kind, pick] of KINDS) {
        const bytes = randomBytes(length, length + 7, pick);
        const text = reference(bytes);
        expect([...latin1Encode(text)], `${kind}, ${length} chars`).toEqual([...bytes]);
        const tail = new Uint8Array([1, 2, 3]);
        expect([...latin1EncodeThen(text, tail)], `${kind}, ${length} chars + tail`).toEqual([...bytes, 1, 2, 3]);
      }
    }
  });

  it("keep only the low byte of a char above U+00FF, also where the native encoder is tried first", () => {
    const long = "a".repeat(100) + "\u0141" + "\ud83d\ude00";
    const bytes = latin1Encode(long);
    expect(bytes.length).toBe(long.length);
    expect([...bytes.subarray(100)]).toEqual([0x41, 0x3d, 0x00]);
  });

  it("EMPTY_BYTES holds nothing", () => {
    expect(EMPTY_BYTES.length).toBe(0);
  });
});

describe("utf8Encode and utf8DecodeStrict", () => {
  const native = new TextEncoder();
  /** Random UTF-16 text of every kind: ASCII, 2- and 3-byte chars, surrogate pairs and lone surrogates. */
  function randomText(length: number, seed: number): string {
    let state = seed;
    let out = "";
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const ranges = [0x80, 0x800, 0x10000, 0xdc00];
      const range = ranges[state % 4]!;
      out += String.fromCharCode(range === 0xdc00 ? 0xd800 + (state % 0x800) : (state >> 3) % range);
    }
    return out;
  }

  it("writes the bytes TextEncoder writes, lone surrogates as U+FFFD, short or long", () => {
    const texts = ["", "a", "안녕하세요, cju!\n", "\ud83d\ude00", "\ud83d", "x\udc00y", "\ud83d\ud83d", "a\ud800", "\u07ff\u0800\uffff"];
    for (let length = 0; length < 300; length += 7) texts.push(randomText(length, length + 1));
    for (const text of texts) expect([...utf8Encode(text)], JSON.stringify(text)).toEqual([...native.encode(text)]);
  });

  it("reads ASCII and UTF-8 back, and refuses invalid UTF-8", () => {
    for (const text of ["", "GET / HTTP/1.0", "안녕", "a".repeat(100)]) expect(utf8DecodeStrict(utf8Encode(text))).toBe(text);
    expect(utf8DecodeStrict(new Uint8Array([0x61, 0xff]))).toBeUndefined();
    expect(utf8DecodeStrict(new Uint8Array([0xed, 0xa0, 0x80]))).toBeUndefined();
  });
});

describe("allocBytes", () => {
  it("gives zeroed arrays that never share bytes, whatever their size", () => {
    const arrays = [1, 64, 65, 100, 1000, 1024, 1025, 5000, ...Array.from({ length: 60 }, (_, i) => 500 + i)].map((n) => allocBytes(n));
    arrays.forEach((array, i) => {
      expect(array.every((b) => b === 0)).toBe(true);
      array.fill(i + 1);
    });
    arrays.forEach((array, i) => expect(array.every((b) => b === i + 1), `array ${i}`).toBe(true));
  });

  it("backs what concatBytes and latin1Encode return", () => {
    const joined = concatBytes([latin1Encode("x".repeat(200)), latin1Encode("y".repeat(200))]);
    expect(latin1Decode(joined)).toBe("x".repeat(200) + "y".repeat(200));
  });
});

describe("utf8ToLatin1 and latin1ToUtf8", () => {
  it("leave ASCII text as it is and convert the rest", () => {
    expect(utf8ToLatin1("/static/style.css")).toBe("/static/style.css");
    expect(utf8ToLatin1("/한")).toBe("/\u00ed\u0095\u009c");
    expect(latin1ToUtf8("/\u00ed\u0095\u009c")).toBe("/한");
    expect(latin1ToUtf8("plain")).toBe("plain");
    // Invalid UTF-8 becomes U+FFFD, and a byte order mark is dropped, as the decoder does.
    expect(latin1ToUtf8("a\u00ffb")).toBe("a\ufffdb");
    expect(latin1ToUtf8("\u00ef\u00bb\u00bfx")).toBe("x");
  });
});
