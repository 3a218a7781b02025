/**
 * Recursive-descent parser for the subset (Python 3.11 grammar shapes): token-stream.ts ← parse-expressions.ts ←
 * this file (statements). Produces ast.ts nodes or a
 * PySyntaxError with CPython's message and position. Constructs outside the subset that are still valid
 * Python (class, with, yield, async, walrus...) become `Unsupported` nodes for check.ts.
 */
import { describe, type Expr, type ExceptHandler, type ImportAlias, type Keyword, type Module, type Stmt, type WithItem } from "./ast";
import { PySyntaxError, tokenize, type Token } from "./lexer";
import { ExpressionParser } from "./parse-expressions";
import { AUG_OPS, CompileDepthError } from "./token-stream";

export { CompileDepthError } from "./token-stream";

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

/** Statements and blocks: the module's body, compound statements with CPython's indentation errors, simple statements. */
class Parser extends ExpressionParser {
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

  protected block(after: BlockKind, headerLine: number): Stmt[] {
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

  protected statement(): Stmt[] {
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
  protected looksLikeMatch(): boolean {
    const next = this.peek();
    if (next.type === "op" && !["(", "[", "{", "-", "~"].includes(next.text)) return false;
    if (next.type === "newline" || next.type === "eof") return false;
    let k = this.i;
    while (this.toks[k + 1] && this.toks[k + 1].type !== "newline" && this.toks[k + 1].type !== "eof") k++;
    return this.toks[k].type === "op" && this.toks[k].text === ":";
  }

  /** Skip a compound statement we do not support (its header line and indented body). */
  protected skipCompound(what: string, whatEn: string): Stmt {
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

  protected simpleStatements(): Stmt[] {
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

  protected decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.acceptOp("@")) {
      decorators.push(this.namedExpr());
      if (this.tok.type !== "newline") this.fail();
      this.next();
    }
    if (this.isKw("def")) return this.funcDef(decorators);
    if (this.isKw("class")) return this.classDef(decorators);
    if (this.isKw("async")) return this.statement()[0];
    return this.fail();
  }

  protected funcDef(decorators: Expr[]): Stmt {
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

  protected ifStmt(): Stmt {
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
  protected conditionExpr(): Expr {
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

  protected forStmt(): Stmt {
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

  protected elseBlock(): Stmt[] {
    if (!this.isKw("else")) return [];
    const e = this.next();
    this.expectOp(":");
    return this.block("'else' statement", e.line + this.lineOffset);
  }

  protected whileStmt(): Stmt {
    const start = this.next();
    const test = this.conditionExpr();
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("'while' statement", start.line + this.lineOffset);
    const orelse = this.elseBlock();
    return { ...p, type: "While", test, body, orelse };
  }

  protected tryStmt(): Stmt {
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

  protected classDef(decorators: Expr[] = []): Stmt {
    const start = this.next();
    const name = this.expectName().text;
    let bases: Expr[] = [];
    let keywords: Keyword[] = [];
    if (this.acceptOp("(")) {
      ({ args: bases, keywords } = this.callArguments());
      this.expectOp(")");
    }
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("class definition", start.line + this.lineOffset);
    return { ...p, type: "ClassDef", name, bases, keywords, body, decorators };
  }

  protected withStmt(): Stmt {
    const start = this.next();
    const items: WithItem[] = [];
    do {
      const context = this.expression();
      let target: Expr | null = null;
      if (this.acceptKw("as")) {
        target = this.target();
        this.checkTarget(target, "assign");
      }
      items.push({ context, target });
    } while (this.acceptOp(","));
    this.expectOp(":");
    const p = this.pos(start);
    const body = this.block("'with' statement", start.line + this.lineOffset);
    return { ...p, type: "With", items, body };
  }

  protected simpleStatement(): Stmt {
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
}
