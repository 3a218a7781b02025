/**
 * The parser's view of the tokens: position, lookahead, accept/expect, CPython's error positions, and the nesting
 * counter behind "too many nested parentheses". The expression and statement parsers build on it.
 */
import type { Pos } from "./ast";
import { PySyntaxError, type Token } from "./lexer";
import { MAX_AST_DEPTH } from "./limits";

export const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Longest chain of binary operators / trailers (a.b.c, f()()...) before CPython's compiler would give up. */
export const MAX_EXPR_CHAIN = 2000;

/** "RecursionError: maximum recursion depth exceeded during compilation" (not a SyntaxError in CPython). */
export class CompileDepthError {
  constructor(readonly line: number) {}
}

/** Generator expressions written with their own parentheses (allowed among other call arguments). */
export const genParenthesized = new WeakSet<object>();

export const AUG_OPS = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", ">>=", "<<=", "@="]);

export class TokenStream {
  protected i = 0;
  protected depth = 0;
  constructor(protected readonly toks: Token[], protected readonly lineOffset = 0, protected readonly colOffset = 0) {}

  get index(): number {
    return this.i;
  }
  failHere(): never {
    return this.fail();
  }

  // ---- token helpers ----
  protected get tok(): Token {
    return this.toks[this.i];
  }
  protected peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)];
  }
  protected next(): Token {
    const t = this.toks[this.i];
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  protected isOp(text: string, t: Token = this.tok): boolean {
    return t.type === "op" && t.text === text;
  }
  protected isKw(text: string, t: Token = this.tok): boolean {
    return t.type === "name" && t.text === text;
  }
  protected acceptOp(text: string): Token | null {
    return this.isOp(text) ? this.next() : null;
  }
  protected acceptKw(text: string): Token | null {
    return this.isKw(text) ? this.next() : null;
  }
  protected fail(msg = "invalid syntax", t: Token = this.tok): never {
    if (t.type === "eof" && t.pendingError) throw t.pendingError;
    if (t.type === "indent") throw new PySyntaxError("IndentationError", "unexpected indent", t.line + this.lineOffset, 0);
    if (t.type === "eof" && msg === "invalid syntax") {
      throw new PySyntaxError("SyntaxError", "invalid syntax", t.line + this.lineOffset, t.col + 1 + this.colOffset);
    }
    const off = t.col + 1 + (t.line === 1 ? this.colOffset : 0);
    const endOff = t.endLine === t.line && t.endCol > t.col ? t.endCol + 1 + (t.line === 1 ? this.colOffset : 0) : 0;
    throw new PySyntaxError("SyntaxError", msg, t.line + this.lineOffset, off, endOff);
  }
  protected expectOp(text: string, msg?: string): Token {
    if (!this.isOp(text)) {
      if (msg) this.fail(msg);
      if (text === ":") this.fail(this.tok.type === "newline" ? "expected ':'" : "invalid syntax");
      this.fail(text === "(" ? "expected '('" : "invalid syntax");
    }
    return this.next();
  }
  protected expectName(): Token {
    if (this.tok.type !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
    return this.next();
  }
  protected pos(start: Token, end?: Token): Pos {
    const e = end ?? this.toks[Math.max(0, this.i - 1)];
    return {
      line: start.line + this.lineOffset,
      col: start.col + (start.line === 1 ? this.colOffset : 0),
      endLine: e.endLine + this.lineOffset,
      endCol: e.endCol + (e.endLine === 1 ? this.colOffset : 0),
    };
  }
  protected span(a: Pos, b: Pos): Pos {
    return { line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
  }
  protected enter(): void {
    if (++this.depth > MAX_AST_DEPTH * 3) {
      throw new PySyntaxError("SyntaxError", "too many nested parentheses", this.tok.line + this.lineOffset, this.tok.col + 1);
    }
  }
  protected leave(): void {
    this.depth--;
  }
}
