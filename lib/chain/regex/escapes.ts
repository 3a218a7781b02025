/**
 * Escapes that mean the same inside and outside a character class: \d-style sets, control characters, octal
 * and hex codes, and the PCRE2 escapes that have no meaning here (reported as errors or unsupported).
 */
import { type CharSet, DIGIT, HSPACE, negate, SPACE, VSPACE, WORD } from "./charset";
import { Cursor, isAlnum, isHex, isOctal } from "./cursor";
import { unicodeTables } from "./unicode";
import { PCRE2_PROPERTY_NAMES } from "./pcre2-properties";

/** Escapes that stand for a set of characters, inside and outside classes. */
export function escapeSet(c: string, unicode: boolean): CharSet | null {
  if (unicode && /^[dDwWsS]$/.test(c)) {
    const t = unicodeTables();
    const base = c === "d" || c === "D" ? t.digit : c === "w" || c === "W" ? t.word : t.space;
    return c === c.toLowerCase() ? base : negate(base);
  }
  switch (c) {
    case "d":
      return DIGIT;
    case "D":
      return negate(DIGIT);
    case "w":
      return WORD;
    case "W":
      return negate(WORD);
    case "s":
      return SPACE;
    case "S":
      return negate(SPACE);
    case "h":
      return HSPACE;
    case "H":
      return negate(HSPACE);
    case "v":
      return VSPACE;
    case "V":
      return negate(VSPACE);
    default:
      return null;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, t: 0x09, r: 0x0d, f: 0x0c, e: 0x1b, a: 0x07 };

/** A character or set produced by one escape. */
export type EscapeValue = { kind: "char"; code: number } | { kind: "set"; set: CharSet };

export abstract class EscapeReader extends Cursor {
  /**
   * Escapes that mean the same inside and outside a class: sets, control characters, octal, hex. `pos` is on
   * the character after the backslash and ends after the escape.
   */
  protected parseCommonEscape(): EscapeValue {
    const at = this.pos;
    const c = this.src[at];
    const set = escapeSet(c, this.unicode);
    if (set) {
      this.pos++;
      return { kind: "set", set };
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos++;
      return { kind: "char", code: simple };
    }
    if (isOctal(c)) return { kind: "char", code: this.parseOctalDigits() };
    switch (c) {
      case "x":
        return { kind: "char", code: this.parseHex() };
      case "o":
        return { kind: "char", code: this.parseBracedOctal() };
      case "c": {
        const ch = this.src[at + 1];
        if (ch === undefined) this.fail("backslashCAtEnd", this.src.length);
        const code = ch.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) this.fail("badControl", at + 1);
        this.pos += 2;
        return { kind: "char", code: (ch >= "a" && ch <= "z" ? code - 32 : code) ^ 0x40 };
      }
      case "u":
        if (this.unicode) {
          const hex = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(at + 1))?.[0];
          if (!hex) this.fail("badUnicodeEscape", at - 1);
          this.pos = at + 5;
          return { kind: "char", code: parseInt(hex, 16) };
        }
        return this.fail("noBsux", at + 1);
      case "U":
      case "l":
      case "L":
      case "F":
        return this.fail("noBsux", at + 1);
      case "p":
      case "P":
        this.checkProperty(at);
        return this.unsupportedNow("unicodeProperty", at - 1, `\\${c}`);
      case "X":
        return this.unsupportedNow("unicodeProperty", at - 1, `\\${c}`);
      case "R":
        return this.unsupportedNow("newlineSequence", at - 1, "\\R");
      case "C":
        return this.unsupportedNow("singleByte", at - 1, "\\C");
      case "K":
        this.pos++;
        this.unsupported("resetStart", at - 1, "\\K");
        return { kind: "set", set: [] };
      default:
        break;
    }
    if (isAlnum(c)) this.fail("unknownEscape", at);
    // Any other escaped character stands for itself (\. \/ \\ \- ...), including non-ASCII.
    this.pos++;
    return { kind: "char", code: this.src.charCodeAt(at) };
  }

  /** Up to three octal digits at pos (\0, \012, \177, \12 with fewer than 12 groups). */
  protected parseOctalDigits(): number {
    const start = this.pos;
    let value = 0;
    while (this.pos - start < 3 && isOctal(this.peek())) {
      value = value * 8 + Number(this.peek());
      this.pos++;
    }
    if (value > 0xff) this.fail("octalTooBig", this.pos);
    return value;
  }

  /** \xhh (zero to two hex digits) or \x{h...}; pos is on the `x`. */
  protected parseHex(): number {
    this.pos++;
    if (this.peek() === "{") {
      const open = this.pos;
      this.pos++;
      let value = 0;
      while (isHex(this.peek())) {
        value = Math.min(value * 16 + parseInt(this.peek() ?? "0", 16), 0x110000);
        this.pos++;
      }
      if (this.peek() !== "}") this.fail("nonHex", this.pos);
      if (this.pos === open + 1) this.fail("bracesDigits", this.pos);
      if (value > (this.unicode ? 0xffff : 0xff)) this.fail("codePointTooLarge", this.pos);
      this.pos++;
      return value;
    }
    let value = 0;
    for (let n = 0; n < 2 && isHex(this.peek()); n++) {
      value = value * 16 + parseInt(this.peek() ?? "0", 16);
      this.pos++;
    }
    return value;
  }

  /** \o{ddd}; pos is on the `o`. */
  protected parseBracedOctal(): number {
    this.pos++;
    if (this.peek() !== "{") this.fail("missingBraceO", this.pos);
    const open = this.pos;
    this.pos++;
    let value = 0;
    while (isOctal(this.peek())) {
      value = Math.min(value * 8 + Number(this.peek()), 0x110000);
      this.pos++;
    }
    if (this.peek() !== "}") this.fail("nonOctal", this.pos);
    if (this.pos === open + 1) this.fail("bracesDigits", this.pos);
    if (value > 0xff) this.fail("codePointTooLarge", this.pos);
    this.pos++;
    return value;
  }

  /**
   * What PCRE2 refuses in \p / \P (at `at`, the letter p or P): nothing after it, an unclosed {name}, a {name}
   * it does not know (pcre2-properties.ts; see isPcre2Property), or a one-letter name that is not a general
   * category (C, L, M, N, P, S, Z in any case). Names it knows are checked here only: the engine runs few of them.
   */
  private checkProperty(at: number): void {
    const next = this.src[at + 1];
    if (next === undefined) this.fail("malformedProperty", this.src.length);
    if (next === "{") {
      const close = this.src.indexOf("}", at + 2);
      if (close === -1) this.fail("malformedProperty", this.src.length);
      if (!isPcre2Property(this.src.slice(at + 2, close))) this.fail("unknownProperty", close + 1);
      return;
    }
    if (!/^[CLMNPSZclmnpsz]$/.test(next)) this.fail("unknownProperty", at + 2);
  }
}

/**
 * PCRE2 10.42's lookup of a \p{name}: case, spaces, "-" and "_" do not count; a leading "^" negates; "sc=",
 * "script=", "scx=", "scriptextensions=" (or ":") name a script, "bc=" / "bidiclass=" a bidi class; anything else
 * must be one of its names.
 */
export function isPcre2Property(name: string): boolean {
  let key = name.toLowerCase().replace(/[ _-]/g, "");
  if (key.startsWith("^")) key = key.slice(1);
  const split = /^([a-z]+)[=:](.*)$/.exec(key);
  if (!split) return PCRE2_PROPERTY_NAMES.has(key);
  const [, prefix, value] = split as unknown as [string, string, string];
  if (prefix === "bc" || prefix === "bidiclass") return value !== "control" && value !== "mirrored" && PCRE2_PROPERTY_NAMES.has(`bidi${value}`);
  if (["sc", "script", "scx", "scriptextensions"].includes(prefix)) {
    // A script: not a general category (one or two letters, "l&"), not "any", not a bidi name.
    return value.length > 2 && value !== "any" && !value.startsWith("bidi") && PCRE2_PROPERTY_NAMES.has(value);
  }
  return false;
}
