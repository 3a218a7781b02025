/**
 * Recursive-descent parser for the subset (Python 3.11 grammar shapes). Produces ast.ts nodes or a
 * PySyntaxError with CPython's message and position. Constructs outside the subset that are still valid
 * Python (class, with, yield, async, walrus...) become `Unsupported` nodes for check.ts.
 */
import type { Arg, Arguments, Comprehension, Expr, ExceptHandler, FStringPart, ImportAlias, Keyword, Module, Pos, Stmt } from "./ast";
import { decodeEscapes, PySyntaxError, tokenize, type Token } from "./lexer";
import { MAX_AST_DEPTH } from "./limits";

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Longest chain of binary operators / trailers (a.b.c, f()()...) before CPython's compiler would give up. */
const MAX_EXPR_CHAIN = 2000;

/** "RecursionError: maximum recursion depth exceeded during compilation" (not a SyntaxError in CPython). */
export class CompileDepthError {
  constructor(readonly line: number) {}
}

/** Generator expressions written with their own parentheses (allowed among other call arguments). */
const genParenthesized = new WeakSet<object>();

const AUG_OPS = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", ">>=", "<<=", "@="]);

export function parseModule(source: string): Module | PySyntaxError | CompileDepthError {
  const tokens = tokenize(source);
  if (tokens instanceof PySyntaxError) return tokens;
  const parser = new Parser(tokens);
  try {
    return parser.parseModule();
  } catch (e) {
    if (e instanceof PySyntaxError) {
      // As CPython: after a parser error, an unclosed bracket wins if the parser had read past its line.
      const pending = tokens[tokens.length - 1].pendingError;
      const reached = tokens[Math.min(parser.index, tokens.length - 1)].line;
      if (pending && Math.max(e.line, reached) > pending.line) return pending;
      return e;
    }
    if (e instanceof CompileDepthError) return e;
    throw e;
  }
}

type BlockKind = string; // e.g. "function definition", "'if' statement"

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[], private readonly lineOffset = 0, private readonly colOffset = 0) {}

  get index(): number {
    return this.i;
  }
  failHere(): never {
    return this.fail();
  }

  // ---- token helpers ----
  private get tok(): Token {
    return this.toks[this.i];
  }
  private peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)];
  }
  private next(): Token {
    const t = this.toks[this.i];
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  private isOp(text: string, t: Token = this.tok): boolean {
    return t.type === "op" && t.text === text;
  }
  private isKw(text: string, t: Token = this.tok): boolean {
    return t.type === "name" && t.text === text;
  }
  private acceptOp(text: string): Token | null {
    return this.isOp(text) ? this.next() : null;
  }
  private acceptKw(text: string): Token | null {
    return this.isKw(text) ? this.next() : null;
  }
  private fail(msg = "invalid syntax", t: Token = this.tok): never {
    if (t.type === "eof" && t.pendingError) throw t.pendingError;
    if (t.type === "indent") throw new PySyntaxError("IndentationError", "unexpected indent", t.line + this.lineOffset, 0);
    if (t.type === "eof" && msg === "invalid syntax") {
      throw new PySyntaxError("SyntaxError", "invalid syntax", t.line + this.lineOffset, t.col + 1 + this.colOffset);
    }
    const off = t.col + 1 + (t.line === 1 ? this.colOffset : 0);
    const endOff = t.endLine === t.line && t.endCol > t.col ? t.endCol + 1 + (t.line === 1 ? this.colOffset : 0) : 0;
    throw new PySyntaxError("SyntaxError", msg, t.line + this.lineOffset, off, endOff);
  }
  private expectOp(text: string, msg?: string): Token {
    if (!this.isOp(text)) {
      if (msg) this.fail(msg);
      if (text === ":") this.fail(this.tok.type === "newline" ? "expected ':'" : "invalid syntax");
      this.fail(text === "(" ? "expected '('" : "invalid syntax");
    }
    return this.next();
  }
  private expectName(): Token {
    if (this.tok.type !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
    return this.next();
  }
  private pos(start: Token, end?: Token): Pos {
    const e = end ?? this.toks[Math.max(0, this.i - 1)];
    return {
      line: start.line + this.lineOffset,
      col: start.col + (start.line === 1 ? this.colOffset : 0),
      endLine: e.endLine + this.lineOffset,
      endCol: e.endCol + (e.endLine === 1 ? this.colOffset : 0),
    };
  }
  private span(a: Pos, b: Pos): Pos {
    return { line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
  }
  private enter(): void {
    if (++this.depth > MAX_AST_DEPTH * 3) {
      throw new PySyntaxError("SyntaxError", "too many nested parentheses", this.tok.line + this.lineOffset, this.tok.col + 1);
    }
  }
  private leave(): void {
    this.depth--;
  }

  // ---- statements ----
  parseModule(): Module {
    const body: Stmt[] = [];
    while (this.tok.type !== "eof") {
      if (this.tok.type === "newline") {
        this.next();
        continue;
      }
      body.push(...this.statement());
    }
    return { body };
  }

  private block(after: BlockKind, headerLine: number): Stmt[] {
    // after the ':' of a compound statement
    if (this.tok.type !== "newline") {
      // simple statements on the same line
      return this.simpleStatements();
    }
    this.next();
    if ((this.tok as Token).type !== "indent") {
      throw new PySyntaxError(
        "IndentationError",
        `expected an indented block after ${after} on line ${headerLine}`,
        this.tok.line + this.lineOffset,
        this.tok.col + 1,
        this.tok.endLine === this.tok.line && this.tok.endCol > this.tok.col ? this.tok.endCol + 1 : 0,
      );
    }
    this.next();
    this.enter();
    const body: Stmt[] = [];
    while ((this.tok as Token).type !== "dedent" && (this.tok as Token).type !== "eof") {
      if ((this.tok as Token).type === "newline") {
        this.next();
        continue;
      }
      body.push(...this.statement());
    }
    this.leave();
    if ((this.tok as Token).type === "dedent") this.next();
    return body;
  }

  private statement(): Stmt[] {
    const t = this.tok;
    if (t.type === "indent") this.fail();
    if (t.type === "name") {
      switch (t.text) {
        case "def":
          return [this.funcDef([])];
        case "if":
          return [this.ifStmt()];
        case "for":
          return [this.forStmt()];
        case "while":
          return [this.whileStmt()];
        case "try":
          return [this.tryStmt()];
        case "class":
          return [this.classDef()];
        case "with":
          return [this.withStmt()];
        case "async": {
          this.next();
          if (!this.isKw("def") && !this.isKw("for") && !this.isKw("with")) this.fail();
          const inner = this.statement()[0];
          return [{ ...inner, type: "Unsupported", what: "async 문법", whatEn: "async syntax" } as Stmt];
        }
        case "match":
          if (this.looksLikeMatch()) return [this.skipCompound("match 문 (패턴 매칭)", "match statement")];
          break;
      }
    }
    if (this.isOp("@")) return [this.decorated()];
    return this.simpleStatements();
  }

  /** `match x:` (a soft keyword): the logical line starts with `match <expr>` and ends with ':'. */
  private looksLikeMatch(): boolean {
    const next = this.peek();
    if (next.type === "op" && !["(", "[", "{", "-", "~"].includes(next.text)) return false;
    if (next.type === "newline" || next.type === "eof") return false;
    let k = this.i;
    while (this.toks[k + 1] && this.toks[k + 1].type !== "newline" && this.toks[k + 1].type !== "eof") k++;
    return this.toks[k].type === "op" && this.toks[k].text === ":";
  }

  /** Skip a compound statement we do not support (its header line and indented body). */
  private skipCompound(what: string, whatEn: string): Stmt {
    const start = this.tok;
    while (this.tok.type !== "newline" && this.tok.type !== "eof") this.next();
    const p = this.pos(start);
    if (this.tok.type === "newline") this.next();
    if ((this.tok as Token).type === "indent") {
      let depth = 0;
      do {
        const t = this.next();
        if (t.type === "indent") depth++;
        else if (t.type === "dedent") depth--;
        else if (t.type === "eof") break;
      } while (depth > 0);
    }
    return { ...p, type: "Unsupported", what, whatEn };
  }

  private simpleStatements(): Stmt[] {
    const out: Stmt[] = [this.simpleStatement()];
    while (this.acceptOp(";")) {
      if (this.tok.type === "newline" || this.tok.type === "eof") break;
      out.push(this.simpleStatement());
    }
    if (this.tok.type !== "newline" && this.tok.type !== "eof") {
      this.fail(this.tok.type === "name" || this.tok.type === "number" || this.tok.type === "string" ? "invalid syntax" : "invalid syntax");
    }
    if (this.tok.type === "newline") this.next();
    return out;
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.acceptOp("@")) {
      decorators.push(this.namedExpr());
      if (this.tok.type !== "newline") this.fail();
      this.next();
    }
    if (this.isKw("def")) return this.funcDef(decorators);
    if (this.isKw("class")) return this.classDef();
    if (this.isKw("async")) return this.statement()[0];
    return this.fail();
  }

  private funcDef(decorators: Expr[]): Stmt {
    const start = this.next(); // def
    const name = this.expectName().text;
    this.expectOp("(", "expected '('");
    const args = this.parameters(")");
    this.expectOp(")");
    if (this.acceptOp("->")) this.expression();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("function definition", start.line + this.lineOffset);
    return { ...p, type: "FunctionDef", name, args, body, decorators };
  }

  private parameters(closer: string): Arguments {
    const args: Arg[] = [];
    const kwonly: Arg[] = [];
    let vararg: string | null = null;
    let kwarg: string | null = null;
    let star = false;
    const seen = new Set<string>();
    const add = (tok: Token): string => {
      if (seen.has(tok.text)) this.fail(`duplicate argument '${tok.text}' in function definition`, tok);
      seen.add(tok.text);
      return tok.text;
    };
    while (!this.isOp(closer)) {
      if (this.acceptOp("**")) {
        kwarg = add(this.expectName());
        if (closer === ")" && this.acceptOp(":")) this.expression();
        this.acceptOp(",");
        if (!this.isOp(closer)) this.fail("arguments cannot follow var-keyword argument");
        break;
      }
      if (this.isOp("*")) {
        const starTok = this.next();
        if (star) this.fail("* argument may appear only once", starTok);
        star = true;
        if (this.tok.type === "name") {
          vararg = add(this.expectName());
          if (closer === ")" && this.acceptOp(":")) this.expression();
        } else if (this.isOp(closer)) {
          throw new PySyntaxError("SyntaxError", "named arguments must follow bare *", starTok.line + this.lineOffset, starTok.col + 1);
        }
      } else if (this.acceptOp("/")) {
        // positional-only marker: accepted, treated as ordinary positional parameters
      } else {
        const nameTok = this.expectName();
        const name = add(nameTok);
        if (closer === ")" && this.acceptOp(":")) this.expression();
        let def: Expr | null = null;
        if (this.acceptOp("=")) def = this.expression();
        if (star) kwonly.push({ name, default: def });
        else {
          if (!def && args.length && args[args.length - 1].default) this.fail("non-default argument follows default argument", nameTok);
          args.push({ name, default: def });
        }
      }
      if (!this.acceptOp(",")) break;
    }
    return { args, vararg, kwonly, kwarg };
  }

  private ifStmt(): Stmt {
    const start = this.next();
    const kind = start.text === "elif" ? "'elif' statement" : "'if' statement";
    const test = this.conditionExpr();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block(kind, start.line + this.lineOffset);
    let orelse: Stmt[] = [];
    if (this.isKw("elif")) orelse = [this.ifStmt()];
    else if (this.isKw("else")) {
      const e = this.next();
      this.expectOp(":");
      orelse = this.block("'else' statement", e.line + this.lineOffset);
    }
    return { ...p, type: "If", test, body, orelse };
  }

  /** The test of if/elif/while; `if x = 1:` gets CPython's "Maybe you meant '==' or ':='" error. */
  private conditionExpr(): Expr {
    const test = this.namedExpr();
    if (this.isOp("=")) {
      this.next();
      let rhs: Expr | null = null;
      try {
        rhs = this.expression();
      } catch {
        rhs = null;
      }
      throw new PySyntaxError(
        "SyntaxError",
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        test.line,
        test.col + 1,
        rhs && rhs.endLine === test.line ? rhs.endCol + 1 : 0,
      );
    }
    return test;
  }

  private forStmt(): Stmt {
    const start = this.next();
    const target = this.targetList();
    if (!this.acceptKw("in")) this.fail("invalid syntax");
    const iter = this.starExpressions();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("'for' statement", start.line + this.lineOffset);
    const orelse = this.elseBlock();
    return { ...p, type: "For", target, iter, body, orelse };
  }

  private elseBlock(): Stmt[] {
    if (!this.isKw("else")) return [];
    const e = this.next();
    this.expectOp(":");
    return this.block("'else' statement", e.line + this.lineOffset);
  }

  private whileStmt(): Stmt {
    const start = this.next();
    const test = this.conditionExpr();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("'while' statement", start.line + this.lineOffset);
    const orelse = this.elseBlock();
    return { ...p, type: "While", test, body, orelse };
  }

  private tryStmt(): Stmt {
    const start = this.next();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("'try' statement", start.line + this.lineOffset);
    const handlers: ExceptHandler[] = [];
    while (this.isKw("except")) {
      const h = this.next();
      if (this.isOp("*")) this.fail("except* is not supported here");
      let excType: Expr | null = null;
      let name: string | null = null;
      if (!this.isOp(":")) {
        excType = this.expression();
        if (this.isOp(",")) {
          const first = excType;
          const elts = [first];
          while (this.acceptOp(",")) elts.push(this.expression());
          if (this.isKw("as")) this.fail("multiple exception types must be parenthesized", h);
          excType = { ...this.span(first, elts[elts.length - 1]), type: "Tuple", elts, parenthesized: false };
          this.fail("multiple exception types must be parenthesized", h);
        }
        if (this.acceptKw("as")) name = this.expectName().text;
      }
      this.expectOp(":");
      const hp = this.pos(h);
      const hbody = this.block("'except' statement", h.line + this.lineOffset);
      handlers.push({ ...hp, excType, name, body: hbody });
    }
    const orelse = handlers.length ? this.elseBlock() : [];
    let finalbody: Stmt[] = [];
    if (this.isKw("finally")) {
      const f = this.next();
      this.expectOp(":");
      finalbody = this.block("'finally' statement", f.line + this.lineOffset);
    }
    if (!handlers.length && !finalbody.length) {
      let k = this.i - 1;
      while (k > 0 && this.toks[k].type !== "newline") k--;
      this.fail("expected 'except' or 'finally' block", this.toks[k]);
    }
    return { ...p, type: "Try", body, handlers, orelse, finalbody };
  }

  private classDef(): Stmt {
    const start = this.next();
    this.expectName();
    if (this.acceptOp("(")) {
      this.callArguments();
      this.expectOp(")");
    }
    this.expectOp(":");
    const p = this.pos(start);
    this.block("class definition", start.line + this.lineOffset);
    return { ...p, type: "Unsupported", what: "class 정의", whatEn: "class definition" };
  }

  private withStmt(): Stmt {
    const start = this.next();
    do {
      this.expression();
      if (this.acceptKw("as")) this.target();
    } while (this.acceptOp(","));
    this.expectOp(":");
    const p = this.pos(start);
    this.block("'with' statement", start.line + this.lineOffset);
    return { ...p, type: "Unsupported", what: "with 문", whatEn: "with statement" };
  }

  private simpleStatement(): Stmt {
    const t = this.tok;
    if (t.type === "name") {
      switch (t.text) {
        case "pass":
          this.next();
          return { ...this.pos(t), type: "Pass" };
        case "break":
          this.next();
          return { ...this.pos(t), type: "Break" };
        case "continue":
          this.next();
          return { ...this.pos(t), type: "Continue" };
        case "return": {
          this.next();
          const value = this.atStmtEnd() ? null : this.starExpressions();
          return { ...this.pos(t), type: "Return", value };
        }
        case "raise": {
          this.next();
          let exc: Expr | null = null;
          let cause: Expr | null = null;
          if (!this.atStmtEnd()) {
            exc = this.expression();
            if (this.acceptKw("from")) cause = this.expression();
          }
          return { ...this.pos(t), type: "Raise", exc, cause };
        }
        case "global":
        case "nonlocal": {
          this.next();
          const names = [this.expectName().text];
          while (this.acceptOp(",")) names.push(this.expectName().text);
          return { ...this.pos(t), type: t.text === "global" ? "Global" : "Nonlocal", names };
        }
        case "del": {
          this.next();
          const targets = [this.target()];
          while (this.acceptOp(",")) {
            if (this.atStmtEnd()) break;
            targets.push(this.target());
          }
          for (const x of targets) this.checkTarget(x, "delete");
          return { ...this.pos(t), type: "Delete", targets };
        }
        case "assert": {
          this.next();
          const test = this.expression();
          const msg = this.acceptOp(",") ? this.expression() : null;
          return { ...this.pos(t), type: "Assert", test, msg };
        }
        case "import": {
          this.next();
          const names: ImportAlias[] = [];
          do {
            const name = this.dottedName();
            const asname = this.acceptKw("as") ? this.expectName().text : null;
            names.push({ name, asname });
          } while (this.acceptOp(","));
          return { ...this.pos(t), type: "Import", names };
        }
        case "from": {
          this.next();
          let level = 0;
          while (this.isOp(".") || this.isOp("...")) level += this.next().text.length;
          const moduleName = level && this.isKw("import") ? "" : this.dottedName();
          if (!this.acceptKw("import")) this.fail();
          const names: ImportAlias[] = [];
          if (this.acceptOp("*")) names.push({ name: "*", asname: null });
          else {
            const paren = !!this.acceptOp("(");
            do {
              if (paren && this.isOp(")")) break;
              const name = this.expectName().text;
              const asname = this.acceptKw("as") ? this.expectName().text : null;
              names.push({ name, asname });
            } while (this.acceptOp(","));
            if (paren) this.expectOp(")");
            else if (this.isOp(",")) this.fail("trailing comma not allowed without surrounding parentheses");
          }
          return { ...this.pos(t), type: "ImportFrom", module: moduleName, level, names };
        }
      }
    }
    // expression statement / assignment
    const first = this.starExpressions(true);
    if (this.isOp("=")) {
      const targets: Expr[] = [first];
      let value = first;
      while (this.acceptOp("=")) {
        value = this.isKw("yield") ? this.yieldExpr() : this.starExpressions(true);
        targets.push(value);
      }
      targets.pop();
      for (const x of targets) this.checkTarget(x, "assign");
      return { ...this.span(first, value), type: "Assign", targets, value };
    }
    if (this.tok.type === "op" && AUG_OPS.has(this.tok.text)) {
      const opTok = this.next();
      if (first.type !== "Name" && first.type !== "Attribute" && first.type !== "Subscript") {
        throw new PySyntaxError(
          "SyntaxError",
          `'${describe(first)}' is an illegal expression for augmented assignment`,
          first.line,
          first.col + 1,
          first.endLine === first.line ? first.endCol + 1 : 0,
        );
      }
      const value = this.isKw("yield") ? this.yieldExpr() : this.starExpressions();
      return { ...this.span(first, value), type: "AugAssign", target: first, op: opTok.text.slice(0, -1), value };
    }
    if (this.isOp(":") && (first.type === "Name" || first.type === "Attribute" || first.type === "Subscript")) {
      this.next();
      this.expression();
      let value: Expr | null = null;
      if (this.acceptOp("=")) value = this.starExpressions();
      return { ...this.span(first, value ?? first), type: "AnnAssign", target: first, value };
    }
    if (!this.atStmtEnd()) {
      // `print "x"`: Python 2 habits get CPython's dedicated message
      if (first.type === "Name" && (first.id === "print" || first.id === "exec") && this.startsExpression()) {
        let k = this.i;
        while (this.toks[k + 1] && this.toks[k + 1].type !== "newline" && this.toks[k + 1].type !== "eof") k++;
        const last = this.toks[k];
        throw new PySyntaxError(
          "SyntaxError",
          `Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`,
          first.line,
          first.col + 1,
          last.line + this.lineOffset === first.line ? last.endCol + 1 : 0,
        );
      }
      this.fail();
    }
    return { ...first, type: "Expr", value: first };
  }

  /** Could the current token begin an expression (for "Perhaps you forgot a comma?")? */
  private startsExpression(): boolean {
    const t = this.tok;
    if (t.type === "number" || t.type === "string") return true;
    if (t.type === "name") return !KEYWORDS.has(t.text) || ["True", "False", "None", "lambda", "not", "await"].includes(t.text);
    return t.type === "op" && ["(", "[", "{", "-", "+", "~"].includes(t.text);
  }

  /** Inside brackets, `a b` where a comma was expected: CPython's "Perhaps you forgot a comma?". */
  private missingComma(prev: Expr): void {
    if (!this.startsExpression()) return;
    if (prev.type === "Name" && this.tok.type === "string") return;
    const save = this.i;
    let next: Expr;
    try {
      next = this.expression();
    } catch {
      this.i = save;
      return;
    }
    throw new PySyntaxError(
      "SyntaxError",
      "invalid syntax. Perhaps you forgot a comma?",
      prev.line,
      prev.col + 1,
      next.endLine === prev.line ? next.endCol + 1 : 0,
    );
  }

  private atStmtEnd(): boolean {
    return this.tok.type === "newline" || this.tok.type === "eof" || this.isOp(";");
  }

  private dottedName(): string {
    let name = this.expectName().text;
    while (this.acceptOp(".")) name += "." + this.expectName().text;
    return name;
  }

  private checkTarget(x: Expr, mode: "assign" | "delete"): void {
    switch (x.type) {
      case "Name":
      case "Attribute":
      case "Subscript":
        return;
      case "Tuple":
      case "List":
        for (const e of x.elts) this.checkTarget(e.type === "Starred" && mode === "assign" ? e.value : e, mode);
        return;
      case "Starred":
        if (mode === "assign") throw new PySyntaxError("SyntaxError", "starred assignment target must be in a list or tuple", x.line, x.col + 1);
    }
    const what = describe(x);
    const msg =
      mode === "delete"
        ? `cannot delete ${what}`
        : x.type === "Const" && (x.value === null || typeof x.value === "boolean")
          ? `cannot assign to ${what}`
          : x.type === "Const" || x.type === "Compare" || x.type === "Call" || x.type === "BinOp" || x.type === "FString"
          ? `cannot assign to ${what} here. Maybe you meant '==' instead of '='?`
          : `cannot assign to ${what}`;
    throw new PySyntaxError("SyntaxError", msg, x.line, x.col + 1, x.endLine === x.line ? x.endCol + 1 : 0);
  }

  private targetList(): Expr {
    const start = this.tok;
    const first = this.target();
    if (!this.isOp(",")) {
      this.checkTarget(first, "assign");
      return first;
    }
    const elts = [first];
    while (this.acceptOp(",")) {
      if (this.isKw("in")) break;
      elts.push(this.target());
    }
    const t: Expr = { ...this.pos(start), type: "Tuple", elts, parenthesized: false };
    this.checkTarget(t, "assign");
    return t;
  }

  private target(): Expr {
    if (this.isOp("*")) {
      const s = this.next();
      const value = this.bitor();
      return { ...this.pos(s), type: "Starred", value };
    }
    return this.bitor();
  }

  // ---- expressions ----
  private starExpressions(allowYield = false): Expr {
    if (allowYield && this.isKw("yield")) return this.yieldExpr();
    const start = this.tok;
    const first = this.starExpression();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.acceptOp(",")) {
      if (this.atStmtEnd() || this.isOp("=") || this.isOp(")") || this.isOp(":") || (this.tok.type === "op" && AUG_OPS.has(this.tok.text))) break;
      elts.push(this.starExpression());
    }
    return { ...this.pos(start), type: "Tuple", elts, parenthesized: false };
  }

  private starExpression(): Expr {
    if (this.isOp("*")) {
      const s = this.next();
      const value = this.bitor();
      return { ...this.pos(s), type: "Starred", value };
    }
    return this.namedExpr();
  }

  private yieldExpr(): Expr {
    const s = this.next();
    if (this.acceptKw("from")) this.expression();
    else if (!this.atStmtEnd() && !this.isOp(")")) this.starExpressions();
    return { ...this.pos(s), type: "UnsupportedExpr", what: "yield (제너레이터)", whatEn: "yield (generators)" };
  }

  private namedExpr(): Expr {
    if (this.tok.type === "name" && this.isOp(":=", this.peek())) {
      const s = this.next();
      this.next();
      this.expression();
      return { ...this.pos(s), type: "UnsupportedExpr", what: ":= (바다코끼리 연산자)", whatEn: ":= (assignment expression)" };
    }
    return this.expression();
  }

  expression(): Expr {
    this.enter();
    try {
      if (this.isKw("lambda")) return this.lambda();
      const body = this.disjunction();
      if (this.isKw("if")) {
        this.next();
        const test = this.disjunction();
        if (!this.acceptKw("else")) {
          throw new PySyntaxError("SyntaxError", "expected 'else' after 'if' expression", body.line, body.col + 1, test.endLine === body.line ? test.endCol + 1 : 0);
        }
        const orelse = this.expression();
        return { ...this.span(body, orelse), type: "IfExp", test, body, orelse };
      }
      return body;
    } finally {
      this.leave();
    }
  }

  private lambda(): Expr {
    const s = this.next();
    const args = this.parameters(":");
    this.expectOp(":");
    const body = this.expression();
    return { ...this.span(this.pos(s), body), type: "Lambda", args, body };
  }

  private disjunction(): Expr {
    const first = this.conjunction();
    if (!this.isKw("or")) return first;
    const values = [first];
    while (this.acceptKw("or")) values.push(this.conjunction());
    if (values.length > MAX_EXPR_CHAIN) throw new CompileDepthError(first.line);
    return { ...this.span(first, values[values.length - 1]), type: "BoolOp", op: "or", values };
  }

  private conjunction(): Expr {
    const first = this.inversion();
    if (!this.isKw("and")) return first;
    const values = [first];
    while (this.acceptKw("and")) values.push(this.inversion());
    if (values.length > MAX_EXPR_CHAIN) throw new CompileDepthError(first.line);
    return { ...this.span(first, values[values.length - 1]), type: "BoolOp", op: "and", values };
  }

  private inversion(): Expr {
    if (this.isKw("not")) {
      const s = this.next();
      this.enter();
      const operand = this.inversion();
      this.leave();
      return { ...this.span(this.pos(s, s), operand), type: "UnaryOp", op: "not", operand };
    }
    return this.comparison();
  }

  private compOp(): string | null {
    const t = this.tok;
    if (t.type === "op" && ["<", ">", "==", ">=", "<=", "!="].includes(t.text)) {
      this.next();
      return t.text;
    }
    if (this.isKw("in")) {
      this.next();
      return "in";
    }
    if (this.isKw("not") && this.isKw("in", this.peek())) {
      this.next();
      this.next();
      return "not in";
    }
    if (this.isKw("is")) {
      this.next();
      if (this.acceptKw("not")) return "is not";
      return "is";
    }
    return null;
  }

  private comparison(): Expr {
    const left = this.bitor();
    const ops: string[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const op = this.compOp();
      if (!op) break;
      ops.push(op);
      comparators.push(this.bitor());
    }
    if (!ops.length) return left;
    return { ...this.span(left, comparators[comparators.length - 1]), type: "Compare", left, ops, comparators };
  }

  private binLevel(ops: string[], nextFn: () => Expr): Expr {
    let left = nextFn();
    let chain = 0;
    while (this.tok.type === "op" && ops.includes(this.tok.text)) {
      // CPython's compiler gives up on very deep expressions (about 3000 levels)
      if (++chain > MAX_EXPR_CHAIN) throw new CompileDepthError(this.tok.line + this.lineOffset);
      const op = this.next().text;
      const right = nextFn();
      left = { ...this.span(left, right), type: "BinOp", op, left, right };
    }
    return left;
  }
  private bitor = (): Expr => this.binLevel(["|"], this.bitxor);
  private bitxor = (): Expr => this.binLevel(["^"], this.bitand);
  private bitand = (): Expr => this.binLevel(["&"], this.shift);
  private shift = (): Expr => this.binLevel(["<<", ">>"], this.sum);
  private sum = (): Expr => this.binLevel(["+", "-"], this.term);
  private term = (): Expr => this.binLevel(["*", "/", "//", "%", "@"], this.factor);

  private factor = (): Expr => {
    const t = this.tok;
    if (t.type === "op" && (t.text === "-" || t.text === "+" || t.text === "~")) {
      this.next();
      this.enter();
      const operand = this.factor();
      this.leave();
      return { ...this.span(this.pos(t, t), operand), type: "UnaryOp", op: t.text as "-", operand };
    }
    return this.power();
  };

  private power(): Expr {
    let base: Expr;
    if (this.isKw("await")) {
      const s = this.next();
      this.primary();
      base = { ...this.pos(s), type: "UnsupportedExpr", what: "await", whatEn: "await" };
    } else base = this.primary();
    if (this.isOp("**")) {
      this.next();
      this.enter();
      const right = this.factor();
      this.leave();
      return { ...this.span(base, right), type: "BinOp", op: "**", left: base, right };
    }
    return base;
  }

  private primary(): Expr {
    let e = this.atom();
    let chain = 0;
    for (;;) {
      if (++chain > MAX_EXPR_CHAIN) throw new CompileDepthError(e.line);
      if (this.isOp(".")) {
        this.next();
        const name = this.expectName();
        e = { ...this.span(e, this.pos(name, name)), type: "Attribute", value: e, attr: name.text };
      } else if (this.isOp("(")) {
        this.next();
        this.enter();
        const { args, keywords } = this.callArguments();
        this.leave();
        const close = this.expectOp(")");
        e = { ...this.span(e, this.pos(close, close)), type: "Call", func: e, args, keywords };
      } else if (this.isOp("[")) {
        this.next();
        this.enter();
        const index = this.slices();
        this.leave();
        const close = this.expectOp("]");
        e = { ...this.span(e, this.pos(close, close)), type: "Subscript", value: e, index };
      } else return e;
    }
  }

  private slices(): Expr {
    const start = this.tok;
    const first = this.sliceItem();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.acceptOp(",")) {
      if (this.isOp("]")) break;
      elts.push(this.sliceItem());
    }
    return { ...this.pos(start), type: "Tuple", elts, parenthesized: false };
  }

  private sliceItem(): Expr {
    const start = this.tok;
    let lower: Expr | null = null;
    if (!this.isOp(":")) {
      lower = this.namedExpr();
      if (!this.isOp(":")) return lower;
    }
    this.next();
    const upper = this.isOp(":") || this.isOp("]") || this.isOp(",") ? null : this.expression();
    let step: Expr | null = null;
    if (this.acceptOp(":")) step = this.isOp("]") || this.isOp(",") ? null : this.expression();
    return { ...this.pos(start), type: "Slice", lower, upper, step };
  }

  private callArguments(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(")")) {
      if (this.isOp("**")) {
        this.next();
        keywords.push({ name: null, value: this.expression() });
      } else if (this.isOp("*")) {
        const s = this.next();
        const value = this.expression();
        if (keywords.some((k) => k.name === null)) this.fail("iterable argument unpacking follows keyword argument unpacking", s);
        args.push({ ...this.pos(s), type: "Starred", value });
      } else if (this.tok.type === "name" && this.isOp("=", this.peek())) {
        const name = this.next();
        if (KEYWORDS.has(name.text)) this.fail(`cannot assign to ${name.text}`, name);
        this.next();
        if (keywords.some((k) => k.name === name.text)) this.fail(`keyword argument repeated: ${name.text}`, name);
        keywords.push({ name: name.text, value: this.expression() });
      } else {
        const a = this.namedExpr();
        if (this.isKw("for") || this.isKw("async")) {
          const gens = this.comprehensionClauses();
          const lastTok = this.toks[this.i - 1];
          args.push({ ...this.span(a, this.pos(lastTok, lastTok)), type: "GeneratorExp", elt: a, generators: gens });
        } else {
          if (keywords.length) {
            if (keywords.some((k) => k.name === null)) this.fail("positional argument follows keyword argument unpacking", this.toks[this.i - 1]);
            this.fail("positional argument follows keyword argument", this.tok);
          }
          args.push(a);
        }
      }
      if (!this.acceptOp(",")) {
        const last = keywords.length && (!args.length || keywords[keywords.length - 1].value.line >= 0) ? keywords[keywords.length - 1].value : args[args.length - 1];
        if (!this.isOp(")") && last) this.missingComma(last);
        break;
      }
    }
    if (args.length > 1 || keywords.length) {
      const gen = args.find((x) => x.type === "GeneratorExp" && !genParenthesized.has(x));
      if (gen) throw new PySyntaxError("SyntaxError", "Generator expression must be parenthesized", gen.line, gen.col + 1, gen.endLine === gen.line ? gen.endCol + 1 : 0);
    }
    return { args, keywords };
  }

  private comprehensionClauses(): Comprehension[] {
    const gens: Comprehension[] = [];
    while (this.isKw("for") || this.isKw("async")) {
      if (this.isKw("async")) this.fail("asynchronous comprehension outside of an asynchronous function");
      this.next();
      const target = this.targetList();
      if (!this.acceptKw("in")) this.fail();
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.acceptKw("if")) ifs.push(this.disjunction());
      gens.push({ target, iter, ifs });
    }
    return gens;
  }

  private atom(): Expr {
    const t = this.tok;
    switch (t.type) {
      case "name": {
        if (t.text === "True" || t.text === "False" || t.text === "None") {
          this.next();
          return { ...this.pos(t, t), type: "Const", value: t.text === "None" ? null : t.text === "True" };
        }
        if (KEYWORDS.has(t.text)) {
          if (t.text === "yield") return this.yieldExpr();
          this.fail();
        }
        this.next();
        return { ...this.pos(t, t), type: "Name", id: t.text };
      }
      case "number": {
        this.next();
        return { ...this.pos(t, t), type: "Const", value: parseNumber(t.text) };
      }
      case "string":
        return this.strings();
      case "op":
        if (t.text === "(") return this.parenthesized();
        if (t.text === "[") return this.listDisplay();
        if (t.text === "{") return this.dictOrSet();
        if (t.text === "...") {
          this.next();
          return { ...this.pos(t, t), type: "Name", id: "Ellipsis" };
        }
        break;
      case "newline":
      case "eof":
        break;
    }
    return this.fail();
  }

  private parenthesized(): Expr {
    const open = this.next();
    this.enter();
    try {
      if (this.isOp(")")) {
        const close = this.next();
        return { ...this.pos(open, close), type: "Tuple", elts: [], parenthesized: true };
      }
      if (this.isKw("yield")) {
        const y = this.yieldExpr();
        this.expectOp(")");
        return y;
      }
      const first = this.starExpression();
      if (this.isKw("for")) {
        const gens = this.comprehensionClauses();
        const close = this.expectOp(")");
        const g: Expr = { ...this.pos(open, close), type: "GeneratorExp", elt: first, generators: gens };
        genParenthesized.add(g);
        return g;
      }
      if (this.isOp(")")) {
        this.next();
        if (first.type === "Starred") this.fail("cannot use starred expression here", this.toks[this.i - 1]);
        return first.type === "Tuple" ? { ...first, parenthesized: true } : first;
      }
      const elts = [first];
      while (this.acceptOp(",")) {
        if (this.isOp(")")) break;
        elts.push(this.starExpression());
      }
      if (!this.isOp(")")) this.missingComma(elts[elts.length - 1]);
      const close = this.expectOp(")");
      return { ...this.pos(open, close), type: "Tuple", elts, parenthesized: true };
    } finally {
      this.leave();
    }
  }

  private listDisplay(): Expr {
    const open = this.next();
    this.enter();
    try {
      const elts: Expr[] = [];
      if (!this.isOp("]")) {
        const first = this.starExpression();
        if (this.isKw("for")) {
          const gens = this.comprehensionClauses();
          const close = this.expectOp("]");
          return { ...this.pos(open, close), type: "ListComp", elt: first, generators: gens };
        }
        elts.push(first);
        while (this.acceptOp(",")) {
          if (this.isOp("]")) break;
          elts.push(this.starExpression());
        }
        if (!this.isOp("]")) this.missingComma(elts[elts.length - 1]);
      }
      const close = this.expectOp("]");
      return { ...this.pos(open, close), type: "List", elts };
    } finally {
      this.leave();
    }
  }

  private dictOrSet(): Expr {
    const open = this.next();
    this.enter();
    try {
      if (this.isOp("}")) {
        const close = this.next();
        return { ...this.pos(open, close), type: "Dict", keys: [], values: [] };
      }
      if (this.isOp("**")) return this.dictRest(open, null, null);
      const first = this.starExpression();
      if (this.acceptOp(":")) {
        const value = this.expression();
        if (this.isKw("for")) {
          const gens = this.comprehensionClauses();
          const close = this.expectOp("}");
          return { ...this.pos(open, close), type: "DictComp", key: first, value, generators: gens };
        }
        return this.dictRest(open, first, value);
      }
      if (this.isKw("for")) {
        const gens = this.comprehensionClauses();
        const close = this.expectOp("}");
        return { ...this.pos(open, close), type: "SetComp", elt: first, generators: gens };
      }
      const elts = [first];
      while (this.acceptOp(",")) {
        if (this.isOp("}")) break;
        elts.push(this.starExpression());
      }
      if (!this.isOp("}")) this.missingComma(elts[elts.length - 1]);
      const close = this.expectOp("}");
      return { ...this.pos(open, close), type: "Set", elts };
    } finally {
      this.leave();
    }
  }

  private dictRest(open: Token, k: Expr | null, v: Expr | null): Expr {
    const keys: Array<Expr | null> = [];
    const values: Expr[] = [];
    if (v) {
      keys.push(k);
      values.push(v);
      if (!this.acceptOp(",")) {
        const close = this.expectOp("}");
        return { ...this.pos(open, close), type: "Dict", keys, values };
      }
    }
    while (!this.isOp("}")) {
      if (this.acceptOp("**")) {
        keys.push(null);
        values.push(this.bitor());
      } else {
        const key = this.expression();
        keys.push(key);
        if (!this.isOp(":")) throw new PySyntaxError("SyntaxError", "':' expected after dictionary key", key.line, Math.max(key.col + 1, key.endCol));
        this.next();
        values.push(this.expression());
      }
      if (!this.acceptOp(",")) break;
    }
    const close = this.expectOp("}");
    return { ...this.pos(open, close), type: "Dict", keys, values };
  }

  private strings(): Expr {
    const first = this.tok;
    const parts: FStringPart[] = [];
    let isBytes: boolean | null = null;
    let anyF = false;
    let last = first;
    while (this.tok.type === "string") {
      const t = this.next();
      last = t;
      const sp = t.string!;
      const b = sp.prefix.includes("b");
      if (isBytes !== null && isBytes !== b) this.fail("cannot mix bytes and nonbytes literals", t);
      isBytes = b;
      if (sp.prefix.includes("f")) {
        anyF = true;
        try {
          parts.push(...this.fstring(sp.value, sp.prefix.includes("r"), sp.bodyLine, sp.bodyCol));
        } catch (e) {
          if (e instanceof PySyntaxError && e.offset === -1) {
            throw new PySyntaxError(e.type, e.message, t.endLine + this.lineOffset, t.endCol + 1 + (t.endLine === 1 ? this.colOffset : 0));
          }
          throw e;
        }
      } else parts.push(sp.value);
    }
    const p = this.pos(first, last);
    if (isBytes) {
      const s = parts.join("");
      const data = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) data[i] = s.charCodeAt(i) & 0xff;
      return { ...p, type: "Const", value: { bytes: data } };
    }
    if (!anyF) return { ...p, type: "Const", value: parts.join("") };
    // merge adjacent literals
    const merged: FStringPart[] = [];
    for (const part of parts) {
      if (typeof part === "string" && typeof merged[merged.length - 1] === "string") merged[merged.length - 1] += part;
      else merged.push(part);
    }
    return { ...p, type: "FString", parts: merged };
  }

  /** Split an f-string body into literal text and replacement fields. */
  private fstring(body: string, raw: boolean, line: number, col: number, nested = 0): FStringPart[] {
    const out: FStringPart[] = [];
    let lit = "";
    // offset -1: strings() replaces it with the end of the string token, where CPython 3.11 points
    const sErr = (msg: string): never => {
      throw new PySyntaxError("SyntaxError", msg, line + this.lineOffset, -1);
    };
    const flush = () => {
      if (lit) out.push(raw ? lit : decodeEscapes(lit, false, sErr));
      lit = "";
    };
    let i = 0;
    while (i < body.length) {
      const c = body[i];
      if (c === "{") {
        if (body[i + 1] === "{" && !nested) {
          lit += "{";
          i += 2;
          continue;
        }
        flush();
        // find the end of the expression
        let j = i + 1;
        let depth = 0;
        let quote: string | null = null;
        while (j < body.length) {
          const d = body[j];
          if (quote) {
            if (d === quote) quote = null;
          } else if (d === "'" || d === '"') quote = d;
          else if (d === "(" || d === "[" || d === "{") depth++;
          else if (d === ")" || d === "]" || d === "}") {
            if (depth === 0) break;
            depth--;
          } else if (depth === 0 && (d === "!" && body[j + 1] !== "=" || d === ":")) break;
          else if (depth === 0 && d === "=" && body[j + 1] !== "=" && !"=!<>".includes(body[j - 1])) break;
          j++;
        }
        let exprText = body.slice(i + 1, j);
        if (exprText.includes("\\")) sErr("f-string expression part cannot include a backslash");
        if (!exprText.trim()) sErr("f-string: empty expression not allowed");
        let debugText: string | null = null;
        if (body[j] === "=") {
          j++;
          let k = j;
          while (body[k] === " ") k++;
          debugText = exprText + "=" + body.slice(j, k);
          j = k;
        }
        let conversion: "r" | "s" | "a" | null = null;
        if (body[j] === "!") {
          const cv = body[j + 1];
          if (cv !== "r" && cv !== "s" && cv !== "a") sErr("f-string: invalid conversion character: expected 's', 'r', or 'a'");
          conversion = cv as "r";
          j += 2;
        }
        let spec: FStringPart[] | null = null;
        if (body[j] === ":") {
          let k = j + 1;
          let d2 = 0;
          while (k < body.length && !(body[k] === "}" && d2 === 0)) {
            if (body[k] === "{") d2++;
            else if (body[k] === "}") d2--;
            k++;
          }
          if (nested >= 1 && body.slice(j + 1, k).includes("{")) sErr("f-string: expressions nested too deeply");
          spec = this.fstring(body.slice(j + 1, k), raw, line, col, nested + 1);
          j = k;
        }
        if (body[j] !== "}") sErr(j >= body.length ? "f-string: expecting '}'" : "f-string: expecting '}'");
        exprText = exprText.replace(/\n/g, " ");
        // position of the expression's first character in the file (the body may span lines)
        const before = body.slice(0, i + 1);
        const nl = before.lastIndexOf("\n");
        const exprLine = line + (before.split("\n").length - 1);
        const exprCol = nl < 0 ? col + i + 1 : i - nl;
        const expr = parseSubExpression(exprText, exprLine, exprCol);
        if (debugText !== null && conversion === null && spec === null) conversion = "r";
        out.push({ expr, conversion, spec, debugText });
        i = j + 1;
        continue;
      }
      if (c === "}") {
        if (body[i + 1] === "}" && !nested) {
          lit += "}";
          i += 2;
          continue;
        }
        sErr("f-string: single '}' is not allowed");
      }
      lit += c;
      i++;
    }
    flush();
    return out;
  }
}

function parseSubExpression(text: string, line: number, col: number): Expr {
  const shown = "(" + text + ")";
  const toks = tokenize(shown);
  if (toks instanceof PySyntaxError) {
    throw new PySyntaxError("SyntaxError", "f-string: " + toks.message, line, -1);
  }
  const p = new Parser(toks, line - 1, col - 1);
  try {
    const e = p.expression();
    if (toks[p.index].type !== "newline" && toks[p.index].type !== "eof") p.failHere();
    return e;
  } catch (err) {
    if (err instanceof PySyntaxError && err.offset !== -1) {
      // CPython 3.11 reports errors in the parenthesised sub-expression's own coordinates
      const rel = (o: number) => (o > 0 ? o - (col - 1) : o);
      throw new PySyntaxError("SyntaxError", "f-string: " + err.message, line, rel(err.offset), rel(err.endOffset), shown);
    }
    throw err;
  }
}

function parseNumber(text: string): bigint | number {
  const lower = text.toLowerCase();
  if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) return BigInt(lower);
  if (/^[0-9]+$/.test(text)) return BigInt(text);
  return Number(text);
}


function describe(e: Expr): string {
  switch (e.type) {
    case "Const":
      if (e.value === null || typeof e.value === "boolean") return String(e.value === null ? "None" : e.value ? "True" : "False");
      return "literal";
    case "FString":
      return "f-string expression";
    case "Call":
      return "function call";
    case "BinOp":
    case "UnaryOp":
      return "expression";
    case "BoolOp":
      return "expression";
    case "Compare":
      return "comparison";
    case "Lambda":
      return "lambda";
    case "IfExp":
      return "conditional expression";
    case "Dict":
      return "dict literal";
    case "Set":
      return "set display";
    case "ListComp":
      return "list comprehension";
    case "DictComp":
      return "dict comprehension";
    case "SetComp":
      return "set comprehension";
    case "GeneratorExp":
      return "generator expression";
    case "Tuple":
      return "tuple";
    case "List":
      return "list";
    default:
      return "expression";
  }
}
