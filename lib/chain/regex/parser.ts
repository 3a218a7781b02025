/**
 * Pattern text → AST, following PCRE2 10.42's syntax and its compile errors (the library nginx 1.22 uses on
 * Debian 12). Constructs a linear-time engine cannot run are recognised and reported as unsupported, but only
 * when the rest of the pattern is valid: a real syntax error anywhere wins, because that is what `nginx -t`
 * would print.
 */
import type { AssertKind, Node } from "./ast";
import { ANY, NOT_NEWLINE, single } from "./charset";
import { ClassReader } from "./classes";
import { Failure, isDigit, isWordChar } from "./cursor";
import type { RegexError, UnsupportedFeature } from "./errors";

/** PCRE2 10.42's backtracking control verbs and start-of-pattern options (the part after `(*`). */
const VERBS = new Set([
  "ACCEPT", "FAIL", "F", "COMMIT", "PRUNE", "SKIP", "THEN", "MARK",
  "UTF", "UCP", "NOTEMPTY", "NOTEMPTY_ATSTART", "NO_AUTO_POSSESS", "NO_DOTSTAR_ANCHOR", "NO_JIT", "NO_START_OPT",
  "CR", "LF", "CRLF", "ANYCRLF", "ANY", "NUL", "BSR_ANYCRLF", "BSR_UNICODE",
]);

/** PCRE2's alpha assertions (`(*name:…)`) and the feature each one is. */
const ALPHA_ASSERTIONS: ReadonlyMap<string, UnsupportedFeature> = new Map([
  ...["pla", "positive_lookahead", "nla", "negative_lookahead", "napla", "non_atomic_positive_lookahead"].map((n) => [n, "lookahead"] as const),
  ...["plb", "positive_lookbehind", "nlb", "negative_lookbehind", "naplb", "non_atomic_positive_lookbehind"].map((n) => [n, "lookbehind"] as const),
  ...["atomic", "sr", "script_run", "asr", "atomic_script_run"].map((n) => [n, n === "atomic" ? "atomic" : "verb"] as const),
]);

export interface ParseOptions {
  caseInsensitive?: boolean;
  /** Python-str semantics for \d \w \s \b and case folding; \uHHHH escapes; \x{...} up to U+FFFF. */
  unicode?: boolean;
}

export interface ParsedPattern {
  root: Node;
  /** Number of capturing groups (group 0, the whole match, not counted). */
  groupCount: number;
  names: Map<string, number>;
}

export type ParseResult = { ok: true; parsed: ParsedPattern } | { ok: false; error: RegexError };

/** PCRE2's default limit on nested parentheses. */
const MAX_NESTING = 250;
const MAX_QUANTIFIER = 65535;
const MAX_NAME_LENGTH = 32;
const MAX_GROUPS = 65535;

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  n: boolean;
}

interface Quantifier {
  min: number;
  max: number;
  end: number;
}

interface BackReference {
  offset: number;
  number?: number;
  name?: string;
}

const EMPTY: Node = { type: "empty" };

/** Characters PCRE2 skips in extended (?x) mode. */
const isExtendedSpace = (c: string | undefined): boolean =>
  c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";

class Parser extends ClassReader {
  private groupCount = 0;
  private readonly names = new Map<string, number>();
  private readonly backReferences: BackReference[] = [];

  constructor(
    src: string,
    private readonly baseFlags: Flags,
    unicode: boolean,
  ) {
    super(src, unicode);
  }

  run(): ParseResult {
    try {
      const root = this.parseAlternation({ ...this.baseFlags }, 0);
      if (this.pos < this.src.length) {
        // parseAlternation stops only at the end or at a ')' with no group open.
        this.fail("unmatchedParen", this.pos);
      }
      for (const ref of this.backReferences) {
        const exists =
          ref.number !== undefined ? ref.number <= this.groupCount : this.names.has(ref.name ?? "");
        if (!exists) this.fail("noSuchGroup", ref.offset);
      }
      if (this.firstUnsupported) return { ok: false, error: this.firstUnsupported };
      return { ok: true, parsed: { root, groupCount: this.groupCount, names: this.names } };
    } catch (e) {
      if (e instanceof Failure) return { ok: false, error: e.error };
      throw e;
    }
  }

  /** Skips (?#...) comments always, and white space and #-comments in (?x) mode. */
  private skipTrivia(flags: Flags): void {
    for (;;) {
      if (flags.x) {
        while (isExtendedSpace(this.peek())) this.pos++;
        if (this.peek() === "#") {
          while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
          continue;
        }
      }
      if (this.startsWith("(?#")) {
        const close = this.src.indexOf(")", this.pos + 3);
        if (close < 0) this.fail("missingCommentParen", this.src.length);
        this.pos = close + 1;
        continue;
      }
      return;
    }
  }

  private parseAlternation(flags: Flags, depth: number): Node {
    const items = [this.parseConcat(flags, depth)];
    while (this.peek() === "|") {
      this.pos++;
      items.push(this.parseConcat(flags, depth));
    }
    return items.length === 1 ? items[0] : { type: "alt", items };
  }

  private parseConcat(flags: Flags, depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipTrivia(flags);
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      if (this.startsWith("\\E")) {
        this.pos += 2; // \E without \Q is ignored
        continue;
      }
      if (this.startsWith("\\Q")) {
        const quoted = this.parseQuoted(flags);
        if (quoted.length === 0) continue;
        items.push(...quoted.slice(0, -1));
        items.push(this.parseQuantifiers(quoted[quoted.length - 1], true, flags));
        continue;
      }
      const atomStart = this.pos;
      const atom = this.parseAtom(flags, depth);
      if (atom === null) {
        // An option setting such as (?i): nothing to repeat after it.
        this.parseQuantifiers(EMPTY, false, flags);
        continue;
      }
      const quantified = this.parseQuantifiers(atom.node, atom.repeatable, flags);
      if (atomStart === this.pos) break;
      items.push(quantified);
    }
    if (items.length === 0) return EMPTY;
    return items.length === 1 ? items[0] : { type: "concat", items };
  }

  /** \Q...\E: every character up to \E (or the end) is literal. */
  private parseQuoted(flags: Flags): Node[] {
    this.pos += 2;
    const out: Node[] = [];
    while (this.pos < this.src.length && !this.startsWith("\\E")) {
      out.push(this.literal(this.src.charCodeAt(this.pos), flags));
      this.pos++;
    }
    if (this.startsWith("\\E")) this.pos += 2;
    return out;
  }

  private literal(code: number, flags: Flags): Node {
    const set = single(code);
    return { type: "set", set: flags.i ? this.fold(set) : set };
  }

  /** Reads a {n}, {n,} or {n,m} quantifier at pos without consuming it; null if `{` is a literal there. */
  private readBraces(at: number): Quantifier | null {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(at, at + 64));
    if (!m) return null;
    const minText = m[1];
    const min = Number(minText);
    if (min > MAX_QUANTIFIER) this.fail("quantifierTooBig", at + 1 + minText.length);
    let max = min;
    if (m[2]) {
      max = m[3] === "" ? -1 : Number(m[3]);
      const maxEnd = at + 1 + minText.length + 1 + m[3].length;
      if (max > MAX_QUANTIFIER) this.fail("quantifierTooBig", maxEnd);
      if (max !== -1 && max < min) this.fail("quantifierOrder", maxEnd);
    }
    return { min, max, end: at + m[0].length };
  }

  private readQuantifier(): Quantifier | null {
    const c = this.peek();
    if (c === "*") return { min: 0, max: -1, end: this.pos + 1 };
    if (c === "+") return { min: 1, max: -1, end: this.pos + 1 };
    if (c === "?") return { min: 0, max: 1, end: this.pos + 1 };
    if (c === "{") return this.readBraces(this.pos);
    return null;
  }

  private parseQuantifiers(node: Node, repeatable: boolean, flags: Flags): Node {
    this.skipTrivia(flags);
    const q = this.readQuantifier();
    if (!q) return node;
    if (!repeatable) this.fail("nothingToRepeat", q.end - 1);
    const quantStart = this.pos;
    this.pos = q.end;
    let greedy = true;
    if (this.peek() === "?") {
      greedy = false;
      this.pos++;
    } else if (this.peek() === "+") {
      this.unsupported("possessive", quantStart, this.src.slice(quantStart, this.pos + 1));
      this.pos++;
    }
    this.skipTrivia(flags);
    const again = this.readQuantifier();
    if (again) this.fail("nothingToRepeat", again.end - 1);
    return { type: "repeat", body: node, min: q.min, max: q.max, greedy };
  }

  /** One item; null for an option setting like (?i) that matches nothing and cannot be repeated. */
  private parseAtom(flags: Flags, depth: number): { node: Node; repeatable: boolean } | null {
    const start = this.pos;
    const c = this.src[this.pos];
    switch (c) {
      case "(":
        return this.parseGroup(flags, depth);
      case "[":
        return { node: this.parseClass(flags.i), repeatable: true };
      case ".":
        this.pos++;
        return { node: { type: "set", set: flags.s ? ANY : NOT_NEWLINE }, repeatable: true };
      case "^":
        this.pos++;
        return { node: { type: "assert", kind: flags.m ? "line-start" : "start" }, repeatable: false };
      case "$":
        this.pos++;
        return { node: { type: "assert", kind: flags.m ? "line-end" : "end-or-final-newline" }, repeatable: false };
      case "*":
      case "+":
      case "?":
        return this.fail("nothingToRepeat", start);
      case "{": {
        const q = this.readBraces(start);
        if (q) this.fail("nothingToRepeat", q.end - 1);
        this.pos++;
        return { node: this.literal(0x7b, flags), repeatable: true };
      }
      case "\\":
        return this.parseEscape(flags);
      default:
        this.pos++;
        return { node: this.literal(this.src.charCodeAt(start), flags), repeatable: true };
    }
  }

  private parseEscape(flags: Flags): { node: Node; repeatable: boolean } {
    const backslash = this.pos;
    this.pos++;
    const c = this.peek();
    if (c === undefined) this.fail("backslashAtEnd", this.src.length);
    const assertKinds: Partial<Record<string, AssertKind>> = {
      b: this.unicode ? "unicode-word-boundary" : "word-boundary",
      B: this.unicode ? "unicode-not-word-boundary" : "not-word-boundary",
      A: "start",
      G: "start",
      z: "end",
      Z: "end-or-final-newline",
    };
    const assertKind = assertKinds[c];
    if (assertKind) {
      this.pos++;
      return { node: { type: "assert", kind: assertKind }, repeatable: false };
    }
    if (c === "N") {
      this.pos++;
      if (this.peek() === "{" && !this.readBraces(this.pos)) {
        this.fail(this.startsWith("{U+") ? "nUPlus" : "noBsux", this.pos);
      }
      return { node: { type: "set", set: NOT_NEWLINE }, repeatable: true };
    }
    if (isDigit(c) && c !== "0") {
      const digits = /^\d+/.exec(this.src.slice(this.pos))?.[0] ?? c;
      const value = Number(digits);
      if (value < 10 || c === "8" || c === "9" || value <= this.groupCount) {
        this.backReference(backslash, this.pos, { number: value }, digits.length);
        return { node: EMPTY, repeatable: true };
      }
      // \10 and up with fewer groups: an octal escape of up to three digits, as in PCRE2.
    }
    if (c === "g") return this.parseGReference(backslash);
    if (c === "k") {
      const m = /^k(?:<([^>]*)>|'([^']*)'|\{([^}]*)\})/.exec(this.src.slice(this.pos));
      if (!m) this.fail("nameExpected", this.pos + 1);
      const name = m[1] ?? m[2] ?? m[3] ?? "";
      this.backReference(backslash, this.pos + 2, { name }, m[0].length);
      return { node: EMPTY, repeatable: true };
    }
    const value = this.parseCommonEscape();
    if (value.kind === "set") {
      return { node: { type: "set", set: flags.i ? this.fold(value.set) : value.set }, repeatable: true };
    }
    return { node: this.literal(value.code, flags), repeatable: true };
  }

  /**
   * A back reference or a subroutine call spanning `length` characters from pos: unsupported, but first checked
   * (at the end of parsing) to name a group that exists, as PCRE2 does. `offset` is where PCRE2 reports a
   * missing group.
   */
  private reference(
    feature: "backreference" | "recursion",
    start: number,
    offset: number,
    ref: Omit<BackReference, "offset">,
    length: number,
  ): void {
    this.unsupported(feature, start, this.src.slice(start, this.pos + length));
    this.backReferences.push({ offset, ...ref });
    this.pos += length;
  }

  private backReference(backslash: number, offset: number, ref: Omit<BackReference, "offset">, length: number): void {
    this.reference("backreference", backslash, offset, ref, length);
  }

  /** \g: \gN, \g{N}, \g{-N}, \g{name} are back references; \g<...> and \g'...' are subroutine calls. */
  private parseGReference(backslash: number): { node: Node; repeatable: boolean } {
    const rest = this.src.slice(this.pos);
    if (/^g[<']/.test(rest)) this.unsupportedNow("recursion", backslash, rest.slice(0, 3));
    const m = /^g(?:\{(-?\d+|[A-Za-z_]\w*)\}|(-?\d+))/.exec(rest);
    if (!m) return this.unsupportedNow("backreference", backslash, "\\g");
    const target = m[1] ?? m[2];
    if (target.startsWith("-")) {
      this.unsupported("backreference", backslash, `\\${m[0]}`);
      this.pos += m[0].length;
    } else {
      // PCRE2 points at the digits of \g1 but at the closing brace of \g{1} and \g{name}.
      const offset = m[1] !== undefined ? this.pos + m[0].length - 1 : this.pos + 1;
      const ref = isDigit(target[0]) ? { number: Number(target) } : { name: target };
      this.backReference(backslash, offset, ref, m[0].length);
    }
    return { node: EMPTY, repeatable: true };
  }

  private parseGroup(flags: Flags, depth: number): { node: Node; repeatable: boolean } | null {
    const open = this.pos;
    // PCRE2 reports a plain ( at its own offset but a (?...) group with no offset (the end).
    if (depth >= MAX_NESTING) this.fail("tooDeep", this.src[open + 1] === "?" ? this.src.length : open);
    this.pos++;
    if (this.peek() === "*" && /^[A-Za-z0-9_:]/.test(this.peek(1) ?? "")) this.starGroup(open);
    if (this.peek() !== "?") {
      return this.groupBody(flags, depth, flags.n ? null : this.newGroup(open), { ...flags });
    }
    this.pos++;
    const c = this.peek();
    switch (c) {
      case ":":
        this.pos++;
        return this.groupBody(flags, depth, null, { ...flags });
      case "=":
      case "!":
        this.pos++;
        this.unsupported("lookahead", open, `(?${c}`);
        return this.groupBody(flags, depth, null, { ...flags }, EMPTY);
      case ">":
        this.pos++;
        this.unsupported("atomic", open, "(?>");
        return this.groupBody(flags, depth, null, { ...flags });
      case "|":
        return this.unsupportedNow("branchReset", open, "(?|");
      case "(":
        return this.unsupportedNow("conditional", open, "(?(…)…)");
      case "C":
        return this.unsupportedNow("callout", open, "(?C");
      case "R":
        if (this.peek(1) !== ")") this.fail("recursionParen", this.src.length);
        this.pos += 2;
        this.unsupported("recursion", open, "(?R)");
        return { node: EMPTY, repeatable: true };
      case "&":
        return this.namedCall(open, this.pos + 1);
      case "+":
        return this.unsupportedNow("recursion", open, `(?${c}`);
      case "P": {
        const next = this.peek(1);
        if (next === "<") {
          this.pos += 2;
          return this.namedGroup(flags, depth, open, ">");
        }
        if (next === "=") {
          const m = /^P=(\w*)\)/.exec(this.src.slice(this.pos));
          if (!m) this.fail("nameSyntax", this.src.length);
          this.backReference(open, this.pos + 2, { name: m[1] }, m[0].length);
          return { node: EMPTY, repeatable: true };
        }
        if (next === ">") return this.namedCall(open, this.pos + 2);
        return this.fail("badPAfter", this.pos + 1);
      }
      case "<": {
        const next = this.peek(1);
        if (next === "=" || next === "!") {
          this.pos += 2;
          this.unsupported("lookbehind", open, `(?<${next}`);
          return this.groupBody(flags, depth, null, { ...flags }, EMPTY);
        }
        this.pos++;
        return this.namedGroup(flags, depth, open, ">");
      }
      case "'":
        this.pos++;
        return this.namedGroup(flags, depth, open, "'");
      default:
        break;
    }
    if (isDigit(c)) {
      const digits = /^\d+/.exec(this.src.slice(this.pos))?.[0] ?? "";
      if (this.src[this.pos + digits.length] !== ")") this.fail("missingParen", this.src.length);
      this.reference("recursion", open, this.pos + digits.length, { number: Number(digits) }, digits.length + 1);
      return { node: EMPTY, repeatable: true };
    }
    if (c === "-" && isDigit(this.peek(1))) return this.unsupportedNow("recursion", open, `(?${c}`);
    return this.optionSetting(flags, depth);
  }

  /** (?&name) or (?P>name): a subroutine call by name; `nameStart` is where the name begins. */
  private namedCall(open: number, nameStart: number): { node: Node; repeatable: boolean } {
    const m = /^(\w*)\)/.exec(this.src.slice(nameStart));
    if (!m) this.fail("nameSyntax", this.src.length);
    this.pos = nameStart;
    this.reference("recursion", open, nameStart, { name: m[1] }, m[0].length);
    return { node: EMPTY, repeatable: true };
  }

  /** (?imsxn-imsxn) for the rest of the group, or (?imsxn-imsxn:...) for a group of its own. */
  private optionSetting(flags: Flags, depth: number): { node: Node; repeatable: boolean } | null {
    const next = { ...flags };
    let on = true;
    if (this.peek() === "^") {
      next.i = next.m = next.s = next.x = next.n = false;
      this.pos++;
    }
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail("missingParen", this.src.length);
      if (c === ")" || c === ":") break;
      if (c === "-" && on) on = false;
      else if (c === "i" || c === "m" || c === "s" || c === "x" || c === "n") next[c] = on;
      else if (c === "U" || c === "J") this.unsupported("optionFlag", this.pos, `(?${c})`);
      else this.fail("badGroupFlag", this.pos);
      this.pos++;
    }
    if (this.peek() === ":") {
      this.pos++;
      return this.groupBody(flags, depth, null, next);
    }
    this.pos++;
    Object.assign(flags, next);
    return null;
  }

  private newGroup(open: number): number {
    if (this.groupCount >= MAX_GROUPS) this.fail("tooManyGroups", open);
    return ++this.groupCount;
  }

  /** Named group; pos is on the first character of the name. */
  private namedGroup(
    flags: Flags,
    depth: number,
    open: number,
    terminator: string,
  ): { node: Node; repeatable: boolean } {
    const nameStart = this.pos;
    if (isDigit(this.peek())) this.fail("nameDigit", nameStart);
    while (isWordChar(this.peek())) this.pos++;
    const name = this.src.slice(nameStart, this.pos);
    if (name.length > MAX_NAME_LENGTH) this.fail("nameTooLong", this.pos);
    if (this.peek() !== terminator) {
      if (name === "") this.fail("nameExpected", this.pos);
      this.fail("nameSyntax", this.pos < this.src.length ? this.pos : this.src.length);
    }
    if (name === "") this.fail("nameExpected", this.pos);
    this.pos++;
    if (this.names.has(name)) this.fail("dupName", this.pos);
    const index = this.newGroup(open);
    this.names.set(name, index);
    return this.groupBody(flags, depth, index, { ...flags });
  }

  /** Parses up to and including the closing `)`. `replace` discards the body (for lookaround). */
  private groupBody(
    _outer: Flags,
    depth: number,
    capture: number | null,
    inner: Flags,
    replace?: Node,
  ): { node: Node; repeatable: boolean } {
    const body = this.parseAlternation(inner, depth + 1);
    if (this.peek() !== ")") this.fail("missingParen", this.src.length);
    this.pos++;
    const node: Node = replace ?? (capture === null ? body : { type: "capture", index: capture, body });
    return { node, repeatable: true };
  }

  /**
   * `(*NAME…` at `open`: a backtracking verb or start option (upper case), or an alpha assertion such as
   * `(*pla:…)` (lower case). Known ones are valid PCRE2 that this engine cannot run; unknown names are PCRE2's
   * syntax errors, reported just after the name (a student's `(*png|jpg)` meant `(png|jpg)`).
   */
  private starGroup(open: number): never {
    const nameStart = open + 2;
    const name = /^[A-Za-z0-9_]*/.exec(this.src.slice(nameStart))![0];
    const after = nameStart + name.length;
    const shown = this.src.slice(open, this.src.indexOf(")", open) + 1 || undefined);
    if (/^[a-z]/.test(name)) {
      const feature = ALPHA_ASSERTIONS.get(name);
      if (feature === undefined || this.src[after] !== ":") this.fail("unknownAlphaAssertion", after);
      return this.unsupportedNow(feature, open, shown);
    }
    const known = name === "" ? this.src[after] === ":" : VERBS.has(name) || /^LIMIT_(MATCH|DEPTH|HEAP|RECURSION)$/.test(name);
    if (!known) this.fail("unknownVerb", after);
    return this.unsupportedNow("verb", open, shown);
  }
}

export function parsePattern(pattern: string, options: ParseOptions = {}): ParseResult {
  const flags: Flags = { i: options.caseInsensitive === true, m: false, s: false, x: false, n: false };
  return new Parser(pattern, flags, options.unicode === true).run();
}
