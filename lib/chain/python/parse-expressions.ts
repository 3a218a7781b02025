/**
 * Expressions (one method per precedence level, as the grammar lists them), assignment targets, parameters,
 * displays, comprehensions, strings and f-strings.
 */
import { describe, type Arg, type Arguments, type Comprehension, type Expr, type FStringPart, type Keyword } from "./ast";
import { decodeEscapes, PySyntaxError, tokenize, type Token } from "./lexer";
import { AUG_OPS, CompileDepthError, genParenthesized, KEYWORDS, MAX_EXPR_CHAIN, TokenStream } from "./token-stream";

export class ExpressionParser extends TokenStream {
  protected parameters(closer: string): Arguments {
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

  /** Could the current token begin an expression (for "Perhaps you forgot a comma?")? */
  protected startsExpression(): boolean {
    const t = this.tok;
    if (t.type === "number" || t.type === "string") return true;
    if (t.type === "name") return !KEYWORDS.has(t.text) || ["True", "False", "None", "lambda", "not", "await"].includes(t.text);
    return t.type === "op" && ["(", "[", "{", "-", "+", "~"].includes(t.text);
  }

  /** Inside brackets, `a b` where a comma was expected: CPython's "Perhaps you forgot a comma?". */
  protected missingComma(prev: Expr): void {
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

  protected atStmtEnd(): boolean {
    return this.tok.type === "newline" || this.tok.type === "eof" || this.isOp(";");
  }

  protected dottedName(): string {
    let name = this.expectName().text;
    while (this.acceptOp(".")) name += "." + this.expectName().text;
    return name;
  }

  protected checkTarget(x: Expr, mode: "assign" | "delete"): void {
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

  protected targetList(): Expr {
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

  protected target(): Expr {
    if (this.isOp("*")) {
      const s = this.next();
      const value = this.bitor();
      return { ...this.pos(s), type: "Starred", value };
    }
    return this.bitor();
  }

  // ---- expressions ----
  protected starExpressions(allowYield = false): Expr {
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

  protected starExpression(): Expr {
    if (this.isOp("*")) {
      const s = this.next();
      const value = this.bitor();
      return { ...this.pos(s), type: "Starred", value };
    }
    return this.namedExpr();
  }

  protected yieldExpr(): Expr {
    const s = this.next();
    if (this.acceptKw("from")) this.expression();
    else if (!this.atStmtEnd() && !this.isOp(")")) this.starExpressions();
    return { ...this.pos(s), type: "UnsupportedExpr", what: "yield (제너레이터)", whatEn: "yield (generators)" };
  }

  protected namedExpr(): Expr {
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

  protected lambda(): Expr {
    const s = this.next();
    const args = this.parameters(":");
    this.expectOp(":");
    const body = this.expression();
    return { ...this.span(this.pos(s), body), type: "Lambda", args, body };
  }

  protected disjunction(): Expr {
    const first = this.conjunction();
    if (!this.isKw("or")) return first;
    const values = [first];
    while (this.acceptKw("or")) values.push(this.conjunction());
    if (values.length > MAX_EXPR_CHAIN) throw new CompileDepthError(first.line);
    return { ...this.span(first, values[values.length - 1]), type: "BoolOp", op: "or", values };
  }

  protected conjunction(): Expr {
    const first = this.inversion();
    if (!this.isKw("and")) return first;
    const values = [first];
    while (this.acceptKw("and")) values.push(this.inversion());
    if (values.length > MAX_EXPR_CHAIN) throw new CompileDepthError(first.line);
    return { ...this.span(first, values[values.length - 1]), type: "BoolOp", op: "and", values };
  }

  protected inversion(): Expr {
    if (this.isKw("not")) {
      const s = this.next();
      this.enter();
      const operand = this.inversion();
      this.leave();
      return { ...this.span(this.pos(s, s), operand), type: "UnaryOp", op: "not", operand };
    }
    return this.comparison();
  }

  protected compOp(): string | null {
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

  protected comparison(): Expr {
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

  protected binLevel(ops: string[], nextFn: () => Expr): Expr {
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
  protected bitor = (): Expr => this.binLevel(["|"], this.bitxor);
  protected bitxor = (): Expr => this.binLevel(["^"], this.bitand);
  protected bitand = (): Expr => this.binLevel(["&"], this.shift);
  protected shift = (): Expr => this.binLevel(["<<", ">>"], this.sum);
  protected sum = (): Expr => this.binLevel(["+", "-"], this.term);
  protected term = (): Expr => this.binLevel(["*", "/", "//", "%", "@"], this.factor);

  protected factor = (): Expr => {
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

  protected power(): Expr {
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

  protected primary(): Expr {
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

  protected slices(): Expr {
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

  protected sliceItem(): Expr {
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

  protected callArguments(): { args: Expr[]; keywords: Keyword[] } {
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

  protected comprehensionClauses(): Comprehension[] {
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

  protected atom(): Expr {
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

  protected parenthesized(): Expr {
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

  protected listDisplay(): Expr {
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

  protected dictOrSet(): Expr {
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

  protected dictRest(open: Token, k: Expr | null, v: Expr | null): Expr {
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

  protected strings(): Expr {
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
  protected fstring(body: string, raw: boolean, line: number, col: number, nested = 0): FStringPart[] {
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
  }}

export function parseSubExpression(text: string, line: number, col: number): Expr {
  const shown = "(" + text + ")";
  const toks = tokenize(shown);
  if (toks instanceof PySyntaxError) {
    throw new PySyntaxError("SyntaxError", "f-string: " + toks.message, line, -1);
  }
  const p = new ExpressionParser(toks, line - 1, col - 1);
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

export function parseNumber(text: string): bigint | number {
  const lower = text.toLowerCase();
  if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) return BigInt(lower);
  if (/^[0-9]+$/.test(text)) return BigInt(text);
  return Number(text);
}
