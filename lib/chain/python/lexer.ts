/**
 * Tokenizer: source text → tokens with INDENT/DEDENT/NEWLINE like CPython's tokenize. Strings are decoded here
 * (escapes, prefixes); f-strings keep their raw body for the parser to split.
 */
import { MAX_PAREN_NESTING } from "./limits";

export type TokenType = "name" | "number" | "string" | "op" | "newline" | "indent" | "dedent" | "eof";

export interface StringPart {
  /** Prefix letters lowercased, e.g. "", "r", "b", "f", "rb", "fr". */
  prefix: string;
  /** Decoded value for non-f strings; for f-strings the raw body (escapes applied later, per literal part). */
  value: string;
  /** Line/col of the body's first character (for f-string expression positions). */
  bodyLine: number;
  bodyCol: number;
}

export interface Token {
  type: TokenType;
  /** Name, operator text, number text, or "" */
  text: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  string?: StringPart;
  /** On the eof token: an error to report if the parser gets this far (an unclosed bracket). */
  pendingError?: PySyntaxError;
}

/** A SyntaxError/IndentationError found while reading the source, located as CPython reports it. */
export class PySyntaxError {
  constructor(
    public readonly type: "SyntaxError" | "IndentationError" | "TabError",
    public readonly message: string,
    public readonly line: number,
    /** 1-based column of the caret (CPython's offset), or 0 for none. */
    public readonly offset: number,
    public readonly endOffset: number = 0,
    /** The text CPython shows instead of the source line (f-string sub-expressions show `(expr)`). */
    public readonly text?: string,
  ) {}
}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=",
  "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
  "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "@",
];

const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

function isIdStart(ch: string): boolean {
  return /[\p{L}\p{Nl}_]/u.test(ch);
}
function isIdChar(ch: string): boolean {
  return /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u.test(ch);
}

export function tokenize(source: string): Token[] | PySyntaxError {
  try {
    return new Lexer(source).run();
  } catch (e) {
    if (e instanceof PySyntaxError) return e;
    throw e;
  }
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private tokens: Token[] = [];
  private indents: number[] = [0];
  private brackets: Array<{ ch: string; line: number; col: number }> = [];
  private readonly src: string;
  private readonly lines: string[];

  constructor(src: string) {
    this.src = src.replace(/\r\n?/g, "\n");
    this.lines = this.src.split("\n");
  }

  private col(): number {
    return this.pos - this.lineStart;
  }

  private err(type: PySyntaxError["type"], msg: string, line: number, col0: number, endCol0 = 0): never {
    throw new PySyntaxError(type, msg, line, col0 + 1, endCol0 ? endCol0 + 1 : 0);
  }

  private push(type: TokenType, text: string, line: number, col: number, extra?: Partial<Token>): void {
    this.tokens.push({ type, text, line, col, endLine: this.line, endCol: this.col(), ...extra });
  }

  run(): Token[] {
    const s = this.src;
    let atLineStart = true;
    while (this.pos <= s.length) {
      if (atLineStart && this.brackets.length === 0) {
        atLineStart = false;
        // measure indentation
        let width = 0;
        let p = this.pos;
        while (p < s.length && (s[p] === " " || s[p] === "\t" || s[p] === "\f")) {
          width = s[p] === "\t" ? (Math.floor(width / 8) + 1) * 8 : s[p] === "\f" ? 0 : width + 1;
          p++;
        }
        const ch = s[p];
        if (p >= s.length || ch === "\n" || ch === "#" || (ch === "\\" && s[p + 1] === "\n")) {
          // blank or comment-only line: no indentation change
          this.pos = p;
        } else {
          this.pos = p;
          const cur = this.indents[this.indents.length - 1];
          if (width > cur) {
            // CPython's tokenizer allows 100 levels (MAXINDENT)
            if (this.indents.length >= 100) throw new PySyntaxError("IndentationError", "too many levels of indentation", this.line, 0);
            this.indents.push(width);
            this.push("indent", "", this.line, 0);
          } else if (width < cur) {
            while (this.indents.length > 1 && width < this.indents[this.indents.length - 1]) {
              this.indents.pop();
              this.push("dedent", "", this.line, this.col());
            }
            if (width !== this.indents[this.indents.length - 1]) {
              const text = this.lines[this.line - 1] ?? "";
              throw new PySyntaxError("IndentationError", "unindent does not match any outer indentation level", this.line, text.length + 1);
            }
          }
        }
      }
      if (this.pos >= s.length) break;
      const ch = s[this.pos];
      if (ch === "\n") {
        const last = this.tokens[this.tokens.length - 1];
        if (this.brackets.length === 0 && last && last.type !== "newline" && last.type !== "indent" && last.type !== "dedent") {
          this.push("newline", "", this.line, this.col());
        }
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
        atLineStart = true;
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\f") {
        this.pos++;
        continue;
      }
      if (ch === "#") {
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
        continue;
      }
      if (ch === "\\") {
        if (s[this.pos + 1] === "\n") {
          this.pos += 2;
          this.line++;
          this.lineStart = this.pos;
          if (this.pos >= s.length) this.err("SyntaxError", "unexpected EOF while parsing", this.line - 1, this.pos - 1);
          continue;
        }
        this.err("SyntaxError", "unexpected character after line continuation character", this.line, this.col());
      }
      const line = this.line;
      const col = this.col();
      // strings (with prefixes)
      const m = /^([rRbBuUfF]{0,2})(['"])/.exec(s.slice(this.pos, this.pos + 3));
      if (m && isValidPrefix(m[1])) {
        this.readString(m[1].toLowerCase(), line, col);
        continue;
      }
      if (isIdStart(ch)) {
        let p = this.pos + 1;
        while (p < s.length && isIdChar(s[p])) p++;
        const text = s.slice(this.pos, p);
        this.pos = p;
        this.push("name", text.normalize("NFKC"), line, col);
        continue;
      }
      if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(s[this.pos + 1] ?? ""))) {
        this.readNumber(line, col);
        continue;
      }
      const op = OPERATORS.find((o) => s.startsWith(o, this.pos));
      if (op) {
        if (op === "(" || op === "[" || op === "{") {
          if (this.brackets.length >= MAX_PAREN_NESTING) this.err("SyntaxError", "too many nested parentheses", line, col);
          this.brackets.push({ ch: op, line, col });
        } else if (op === ")" || op === "]" || op === "}") {
          const open = this.brackets.pop();
          if (!open) this.err("SyntaxError", `unmatched '${op}'`, line, col);
          if (open.ch !== CLOSERS[op]) {
            const msg =
              open.line === line
                ? `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'`
                : `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}' on line ${open.line}`;
            this.err("SyntaxError", msg, line, col);
          }
        }
        this.pos += op.length;
        this.push("op", op, line, col);
        continue;
      }
      if (ch === "!" || ch === "$" || ch === "?" || ch === "`") {
        this.err("SyntaxError", "invalid syntax", line, col);
      }
      const cp = s.codePointAt(this.pos) ?? 0;
      const chr = String.fromCodePoint(cp);
      this.err("SyntaxError", `invalid character '${chr}' (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`, line, col);
    }
    if (this.brackets.length > 0) {
      // Reported only if the parser reaches the end of input (CPython reports earlier parser errors first).
      const open = this.brackets[this.brackets.length - 1];
      this.push("eof", "", this.line, 0, { pendingError: new PySyntaxError("SyntaxError", `'${open.ch}' was never closed`, open.line, open.col + 1) });
      return this.tokens;
    }
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.type !== "newline" && last.type !== "dedent" && last.type !== "indent") {
      this.push("newline", "", this.line, this.col());
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.push("dedent", "", this.line, 0);
    }
    this.push("eof", "", this.line, 0);
    return this.tokens;
  }

  private readNumber(line: number, col: number): void {
    const s = this.src;
    const rest = s.slice(this.pos, this.pos + 400);
    let m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?/.exec(rest);
    if (!m) this.err("SyntaxError", "invalid syntax", line, col);
    let text = m[0];
    const after = s[this.pos + text.length] ?? "";
    if (after === "j" || after === "J") this.err("SyntaxError", "complex numbers are not supported here", line, col);
    if (/^0[0-9_]*[1-9]/.test(text) && /^[0-9_]+$/.test(text)) {
      this.err(
        "SyntaxError",
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        line,
        col,
      );
    }
    if (after && (isIdChar(after) || after === "_")) {
      m = null;
      this.err("SyntaxError", /[0-9]/.test(after) ? "invalid syntax" : "invalid decimal literal", line, col + text.length);
    }
    this.pos += text.length;
    text = text.replace(/_/g, "");
    this.push("number", text, line, col);
  }

  private readString(prefix: string, line: number, col: number): void {
    const s = this.src;
    this.pos += prefix.length;
    const q = s[this.pos];
    const triple = s.startsWith(q.repeat(3), this.pos);
    const quote = triple ? q.repeat(3) : q;
    this.pos += quote.length;
    const bodyLine = this.line;
    const bodyCol = this.col();
    const start = this.pos;
    const raw = prefix.includes("r");
    for (;;) {
      if (this.pos >= s.length) {
        const lastLine = this.src.endsWith("\n") ? this.line - 1 : this.line;
        if (triple) this.err("SyntaxError", `unterminated triple-quoted string literal (detected at line ${lastLine})`, line, col);
        this.err("SyntaxError", `unterminated string literal (detected at line ${line})`, line, col);
      }
      const c = s[this.pos];
      if (c === "\\") {
        if (s[this.pos + 1] === "\n") {
          this.line++;
          this.lineStart = this.pos + 2;
        }
        this.pos += 2;
        continue;
      }
      if (c === "\n") {
        if (!triple) this.err("SyntaxError", `unterminated string literal (detected at line ${line})`, line, col);
        this.line++;
        this.lineStart = this.pos + 1;
      }
      if (s.startsWith(quote, this.pos)) break;
      this.pos++;
    }
    const body = s.slice(start, this.pos);
    this.pos += quote.length;
    let value: string;
    if (prefix.includes("f")) value = body;
    else if (raw) value = body;
    else value = decodeEscapes(body, prefix.includes("b"), (msg) => this.err("SyntaxError", msg, this.line, this.col()));
    if (prefix.includes("b") && /[^\x00-\x7f]/.test(body)) {
      this.err("SyntaxError", "bytes can only contain ASCII literal characters", this.line, this.col());
    }
    this.push("string", "", line, col, { string: { prefix: prefix.replace("u", ""), value, bodyLine, bodyCol } });
  }
}

function isValidPrefix(p: string): boolean {
  const l = p.toLowerCase();
  return ["", "r", "u", "b", "f", "br", "rb", "fr", "rf"].includes(l);
}

/** Decode backslash escapes of a (non-raw) string literal body. For bytes, \u escapes stay literal. */
export function decodeEscapes(body: string, bytes: boolean, fail: (msg: string) => never): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case "\n": break;
      case "\\": out += "\\"; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "x": {
        const h = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) fail(`(${bytes ? "value" : "unicode"} error) ${bytes ? "invalid \\x escape at position " + (i - 1) : "'unicodeescape' codec can't decode bytes in position " + (i - 1) + "-" + (i + h.length) + ": truncated \\xXX escape"}`);
        out += String.fromCharCode(parseInt(h, 16));
        i += 2;
        break;
      }
      case "N":
        if (bytes) {
          out += "\\N";
          break;
        }
        fail(
          body[i + 1] === "{" && body.indexOf("}", i) > 0
            ? `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i - 1}-${body.indexOf("}", i)}: unknown Unicode character name`
            : `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i - 1}-${i}: malformed \\N character escape`,
        );
        break;
      case "u":
      case "U": {
        if (bytes) { out += "\\" + n; break; }
        const len = n === "u" ? 4 : 8;
        const h = body.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(h)) fail(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${i - 1}-${i + h.length}: truncated \\${n}${"X".repeat(len)} escape`);
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff) fail(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${i - 1}-${i + len}: illegal Unicode character`);
        out += String.fromCodePoint(cp);
        i += len;
        break;
      }
      default:
        if (n !== undefined && /[0-7]/.test(n)) {
          let j = i;
          while (j < i + 3 && /[0-7]/.test(body[j] ?? "")) j++;
          out += String.fromCharCode(parseInt(body.slice(i, j), 8) & (bytes ? 0xff : 0x1ff));
          i = j - 1;
        } else {
          out += "\\" + (n ?? "");
        }
    }
  }
  return out;
}
