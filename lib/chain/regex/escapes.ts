/**
 * Escapes that mean the same inside and outside a character class: \d-style sets, control characters, octal
 * and hex codes, and the PCRE2 escapes that have no meaning here (reported as errors or unsupported).
 */
import { type CharSet, DIGIT, HSPACE, negate, SPACE, VSPACE, WORD } from "./charset";
import { Cursor, isAlnum, isHex, isOctal } from "./cursor";
import { unicodeTables } from "./unicode";

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
   * What PCRE2 refuses in \p / \P (at `at`, the letter p or P) before its property tables are consulted: nothing
   * after it, an unclosed {name}, or a one-letter name that is not a general category (C, L, M, N, P, S, Z in any
   * case). A {name} is not checked further: real PCRE2 knows some 300 names, and accepted ones are unsupported here.
   */
  private checkProperty(at: number): void {
    const next = this.src[at + 1];
    if (next === undefined) this.fail("malformedProperty", this.src.length);
    if (next === "{") {
      if (this.src.indexOf("}", at + 2) === -1) this.fail("malformedProperty", this.src.length);
      return;
    }
    if (!/^[CLMNPSZclmnpsz]$/.test(next)) this.fail("unknownProperty", at + 2);
  }
}
