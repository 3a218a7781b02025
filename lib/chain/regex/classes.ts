/** Character classes: `[...]`, `[^...]`, ranges, escapes inside, `[:name:]`, and PCRE2's errors for them. */
import type { Node } from "./ast";
import { negate, normalize, POSIX_CLASSES, type Range } from "./charset";
import { type EscapeValue, EscapeReader } from "./escapes";

export abstract class ClassReader extends EscapeReader {
  protected parseClass(caseInsensitive: boolean): Node {
    const open = this.pos;
    const posixOutside = /^\[([:.=])\^?[A-Za-z]+\1\]/.exec(this.src.slice(open, open + 40));
    if (posixOutside) this.fail("posixOutsideClass", open);
    this.pos++;
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail("missingBracket", this.src.length);
      if (c === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (this.startsWith("\\Q")) {
        this.pos += 2;
        while (this.pos < this.src.length && !this.startsWith("\\E")) {
          const code = this.src.charCodeAt(this.pos++);
          ranges.push([code, code]);
        }
        if (this.startsWith("\\E")) this.pos += 2;
        continue;
      }
      if (this.startsWith("\\E")) {
        this.pos += 2;
        continue;
      }
      const item = this.parseClassItem();
      if (item.kind === "set") {
        ranges.push(...item.set);
        if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
          this.fail("invalidRange", this.pos);
        }
        continue;
      }
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const hiStart = this.pos;
        const hi = this.parseClassItem();
        if (hi.kind === "set") {
          // PCRE2 points after an escape like [a-\d] but inside a POSIX class like [a-[:digit:]].
          this.fail("invalidRange", this.src[hiStart] === "[" ? hiStart + 1 : this.pos);
        }
        if (hi.code < item.code) this.fail("rangeOrder", hiStart);
        ranges.push([item.code, hi.code]);
        continue;
      }
      ranges.push([item.code, item.code]);
    }
    let set = normalize(ranges);
    if (caseInsensitive) set = this.fold(set);
    return { type: "set", set: negated ? negate(set) : set };
  }

  /** One class member: a character, an escape, or a POSIX class like [:alpha:]. */
  private parseClassItem(): EscapeValue {
    const at = this.pos;
    const c = this.src[at];
    if (c === "[") {
      const m = /^\[([:.=])(\^?)([A-Za-z]*)\1\]/.exec(this.src.slice(at, at + 40));
      if (m) {
        if (m[1] !== ":") this.fail("posixCollating", at);
        const set = POSIX_CLASSES[m[3]];
        if (!set) this.fail("unknownPosix", at + 2 + m[2].length);
        this.pos += m[0].length;
        return { kind: "set", set: m[2] ? negate(set) : set };
      }
    }
    if (c !== "\\") {
      this.pos++;
      return { kind: "char", code: this.src.charCodeAt(at) };
    }
    this.pos++;
    const e = this.peek();
    if (e === undefined) this.fail("backslashAtEnd", this.src.length);
    if (e === "b") {
      this.pos++;
      return { kind: "char", code: 0x08 };
    }
    if (e === "N") this.fail("classN", this.pos + 1);
    if (e === "B" || e === "X" || e === "R") this.fail("classEscape", this.pos);
    if (e === "8" || e === "9") {
      this.pos++;
      return { kind: "char", code: e.charCodeAt(0) };
    }
    return this.parseCommonEscape();
  }
}
