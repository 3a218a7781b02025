/**
 * Jinja2 3.1's expression grammar (parser.py's parse_tuple … parse_primary), one method per precedence level,
 * with its error messages. The statement parser (parser.ts) extends this class.
 */
import type { CallArgs, CompareOp, Expr, Target } from "./ast";
import { TemplateSyntaxError, TemplateUnsupported } from "./errors";
import type { Token } from "./lexer";
import { describeToken } from "./lexer";

/** Deepest expression nesting the parser follows (real Jinja2 would go on until Python's recursion limit). */
const MAX_DEPTH = 100;

/** A token description as in `expect()`'s messages: a token type or `name:value`. */
function describeExpr(expr: string): string {
  if (expr.startsWith("name:")) return expr.slice(5);
  return describeToken({ type: expr as Token["type"], value: expr, line: 0 });
}

export class ExpressionParser {
  protected pos = 0;
  #depth = 0;

  constructor(protected readonly tokens: Token[]) {}

  protected get current(): Token {
    return this.tokens[this.pos];
  }

  protected look(): Token {
    return this.tokens[Math.min(this.pos + 1, this.tokens.length - 1)];
  }

  protected next(): Token {
    const token = this.tokens[this.pos];
    if (token.type !== "eof") this.pos++;
    return token;
  }

  protected fail(message: string, line = this.current.line): never {
    throw new TemplateSyntaxError(message, line);
  }

  /** Whether the current token is `expr`: a token type, an operator, or `name:value`. */
  protected test(expr: string): boolean {
    const token = this.current;
    if (expr.startsWith("name:")) return token.type === "name" && token.value === expr.slice(5);
    if (token.type === "operator") return token.value === expr;
    return token.type === expr;
  }

  protected skipIf(expr: string): boolean {
    if (!this.test(expr)) return false;
    this.next();
    return true;
  }

  protected expect(expr: string): Token {
    if (this.test(expr)) return this.next();
    const token = this.current;
    const wanted = expr.startsWith("name:") ? expr.slice(5) : expr === "name" ? "name" : describeExpr(expr);
    if (token.type === "eof") this.fail(`unexpected end of template, expected '${wanted}'.`);
    this.fail(`expected token '${wanted}', got '${describeToken(token)}'`);
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) throw new TemplateUnsupported(`${MAX_DEPTH}단계보다 깊게 중첩된 식`, this.current.line);
  }

  protected isTupleEnd(extraEnd: string[] = []): boolean {
    const type = this.current.type;
    if (type === "variable_end" || type === "block_end" || this.test(")")) return true;
    return extraEnd.some((e) => this.test(e));
  }

  parseTuple(options: { simplified?: boolean; withCondexpr?: boolean; extraEnd?: string[]; explicitParens?: boolean } = {}): Expr {
    const line = this.current.line;
    const parse = options.simplified
      ? () => this.parsePrimary()
      : () => this.parseExpression(options.withCondexpr ?? true);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expect(",");
      if (this.isTupleEnd(options.extraEnd)) break;
      items.push(parse());
      if (this.test(",")) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0];
      if (!options.explicitParens) this.fail(`Expected an expression, got '${describeToken(this.current)}'`);
    }
    return { t: "tuple", items, line };
  }

  parseExpression(withCondexpr = true): Expr {
    this.#enter();
    try {
      return withCondexpr ? this.parseCondexpr() : this.parseOr();
    } finally {
      this.#depth--;
    }
  }

  private parseCondexpr(): Expr {
    const line = this.current.line;
    let expr = this.parseOr();
    while (this.skipIf("name:if")) {
      const test = this.parseOr();
      const otherwise = this.skipIf("name:else") ? this.parseCondexpr() : null;
      expr = { t: "cond", test, then: expr, otherwise, line };
    }
    return expr;
  }

  private parseOr(): Expr {
    const line = this.current.line;
    let left = this.parseAnd();
    while (this.skipIf("name:or")) left = { t: "logic", op: "or", left, right: this.parseAnd(), line };
    return left;
  }

  private parseAnd(): Expr {
    const line = this.current.line;
    let left = this.parseNot();
    while (this.skipIf("name:and")) left = { t: "logic", op: "and", left, right: this.parseNot(), line };
    return left;
  }

  private parseNot(): Expr {
    if (this.test("name:not")) {
      const line = this.next().line;
      this.#enter();
      try {
        return { t: "unary", op: "not", operand: this.parseNot(), line };
      } finally {
        this.#depth--;
      }
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const line = this.current.line;
    const first = this.parseMath1();
    const ops: Array<[CompareOp, Expr]> = [];
    for (;;) {
      const token = this.current;
      if (token.type === "operator" && ["==", "!=", "<", "<=", ">", ">="].includes(token.value)) {
        this.next();
        ops.push([token.value as CompareOp, this.parseMath1()]);
      } else if (this.skipIf("name:in")) ops.push(["in", this.parseMath1()]);
      else if (this.test("name:not") && this.look().type === "name" && this.look().value === "in") {
        this.next();
        this.next();
        ops.push(["not in", this.parseMath1()]);
      } else break;
    }
    return ops.length === 0 ? first : { t: "compare", first, ops, line };
  }

  private parseMath1(): Expr {
    const line = this.current.line;
    let left = this.parseConcat();
    while (this.test("+") || this.test("-")) {
      const op = this.next().value as "+" | "-";
      left = { t: "binop", op, left, right: this.parseConcat(), line };
    }
    return left;
  }

  private parseConcat(): Expr {
    const line = this.current.line;
    const items = [this.parseMath2()];
    while (this.skipIf("~")) items.push(this.parseMath2());
    return items.length === 1 ? items[0] : { t: "concat", items, line };
  }

  private parseMath2(): Expr {
    const line = this.current.line;
    let left = this.parsePow();
    while (this.test("*") || this.test("/") || this.test("//") || this.test("%")) {
      const op = this.next().value as "*" | "/" | "//" | "%";
      left = { t: "binop", op, left, right: this.parsePow(), line };
    }
    return left;
  }

  private parsePow(): Expr {
    const line = this.current.line;
    let left = this.parseUnary();
    while (this.skipIf("**")) left = { t: "binop", op: "**", left, right: this.parseUnary(), line };
    return left;
  }

  protected parseUnary(withFilter = true): Expr {
    const line = this.current.line;
    let node: Expr;
    if (this.test("-") || this.test("+")) {
      const op = this.next().value as "-" | "+";
      this.#enter();
      try {
        node = { t: "unary", op, operand: this.parseUnary(false), line };
      } finally {
        this.#depth--;
      }
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  protected parsePrimary(): Expr {
    const token = this.current;
    const line = token.line;
    if (token.type === "name") {
      this.next();
      if (["true", "false", "True", "False"].includes(token.value)) return { t: "const", value: token.value === "true" || token.value === "True", line };
      if (token.value === "none" || token.value === "None") return { t: "const", value: null, line };
      return { t: "name", name: token.value, line };
    }
    if (token.type === "string") {
      let value = this.next().value;
      while (this.current.type === "string") value += this.next().value;
      return { t: "const", value, line };
    }
    if (token.type === "integer") {
      this.next();
      return { t: "const", value: BigInt(token.value), line };
    }
    if (token.type === "float") {
      this.next();
      return { t: "const", value: Number(token.value), line };
    }
    if (this.test("(")) {
      this.next();
      const node = this.parseTuple({ explicitParens: true });
      this.expect(")");
      return node;
    }
    if (this.test("[")) return this.parseList();
    if (this.test("{")) return this.parseDict();
    this.fail(`unexpected '${describeToken(token)}'`, token.line);
  }

  private parseList(): Expr {
    const line = this.expect("[").line;
    const items: Expr[] = [];
    while (!this.test("]")) {
      if (items.length > 0) this.expect(",");
      if (this.test("]")) break;
      items.push(this.parseExpression());
    }
    this.expect("]");
    return { t: "list", items, line };
  }

  private parseDict(): Expr {
    const line = this.expect("{").line;
    const items: Array<[Expr, Expr]> = [];
    while (!this.test("}")) {
      if (items.length > 0) this.expect(",");
      if (this.test("}")) break;
      const key = this.parseExpression();
      this.expect(":");
      items.push([key, this.parseExpression()]);
    }
    this.expect("}");
    return { t: "dict", items, line };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.test(".") || this.test("[")) node = this.parseSubscript(node);
      else if (this.test("(")) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.test("|")) node = this.parseFilter(node);
      else if (this.test("name:is")) node = this.parseTest(node);
      else if (this.test("(")) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const token = this.next();
    if (token.value === ".") {
      const attr = this.next();
      if (attr.type === "name") return { t: "getattr", obj: node, attr: attr.value, line: token.line };
      if (attr.type !== "integer") this.fail("expected name or number", attr.line);
      return { t: "getitem", obj: node, key: { t: "const", value: BigInt(attr.value), line: attr.line }, line: token.line };
    }
    const args: Expr[] = [];
    while (!this.test("]")) {
      if (args.length > 0) this.expect(",");
      args.push(this.parseSubscribed());
    }
    this.expect("]");
    const key: Expr = args.length === 1 ? args[0] : { t: "tuple", items: args, line: token.line };
    return { t: "getitem", obj: node, key, line: token.line };
  }

  private parseSubscribed(): Expr {
    const line = this.current.line;
    let start: Expr | null = null;
    if (!this.test(":")) {
      const node = this.parseExpression();
      if (!this.test(":")) return node;
      start = node;
    }
    this.next();
    let stop: Expr | null = null;
    let step: Expr | null = null;
    if (!this.test(":") && !this.test("]") && !this.test(",")) stop = this.parseExpression();
    if (this.skipIf(":") && !this.test("]") && !this.test(",")) step = this.parseExpression();
    return { t: "slice", start, stop, step, line };
  }

  protected parseCallArgs(): CallArgs {
    const open = this.expect("(");
    const call: CallArgs = { args: [], kwargs: [] };
    const ensure = (ok: boolean) => {
      if (!ok) this.fail("invalid syntax for function call expression", open.line);
    };
    let requireComma = false;
    while (!this.test(")")) {
      if (requireComma) {
        this.expect(",");
        if (this.test(")")) break;
      }
      if (this.skipIf("*")) {
        ensure(call.dynArgs === undefined && call.dynKwargs === undefined);
        call.dynArgs = this.parseExpression();
      } else if (this.skipIf("**")) {
        ensure(call.dynKwargs === undefined);
        call.dynKwargs = this.parseExpression();
      } else if (this.current.type === "name" && this.look().type === "operator" && this.look().value === "=") {
        ensure(call.dynKwargs === undefined);
        const key = this.next().value;
        this.next();
        call.kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(call.dynArgs === undefined && call.dynKwargs === undefined && call.kwargs.length === 0);
        call.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expect(")");
    return call;
  }

  private parseCall(node: Expr): Expr {
    const line = this.current.line;
    return { t: "call", fn: node, ...this.parseCallArgs(), line };
  }

  protected parseFilter(node: Expr | null, startInline = false): Expr {
    let result = node;
    while (this.test("|") || startInline) {
      if (!startInline) this.next();
      startInline = false;
      const token = this.expect("name");
      let name = token.value;
      while (this.skipIf(".")) name += `.${this.expect("name").value}`;
      const call = this.test("(") ? this.parseCallArgs() : { args: [], kwargs: [] };
      result = { t: "filter", name, node: result as Expr, ...call, line: token.line };
    }
    return result as Expr;
  }

  private parseTest(node: Expr): Expr {
    const line = this.next().line;
    const negated = this.skipIf("name:not");
    let name = this.expect("name").value;
    while (this.skipIf(".")) name += `.${this.expect("name").value}`;
    let call: CallArgs = { args: [], kwargs: [] };
    const type = this.current.type;
    if (this.test("(")) call = this.parseCallArgs();
    else if (
      (["name", "string", "integer", "float"].includes(type) || this.test("[") || this.test("{")) &&
      !this.test("name:else") &&
      !this.test("name:or") &&
      !this.test("name:and")
    ) {
      if (this.test("name:is")) this.fail("You cannot chain multiple tests with is");
      call = { args: [this.parsePostfix(this.parsePrimary())], kwargs: [] };
    }
    const test: Expr = { t: "test", name, node, ...call, line };
    return negated ? { t: "unary", op: "not", operand: test, line } : test;
  }

  /** A `for`/`set` target: names, or a tuple of names. */
  protected parseAssignTarget(extraEnd: string[] = [], nameOnly = false): Target {
    if (nameOnly) {
      const token = this.expect("name");
      return { t: "name", name: token.value, line: token.line };
    }
    const line = this.current.line;
    const node = this.parseTuple({ simplified: true, extraEnd });
    const toTarget = (e: Expr): Target => {
      if (e.t === "name") {
        if (["true", "false", "none", "True", "False", "None"].includes(e.name)) this.fail(`can't assign to 'const'`, line);
        return { t: "name", name: e.name, line: e.line };
      }
      if (e.t === "tuple") return { t: "tuple", items: e.items.map(toTarget), line: e.line };
      if (e.t === "getattr") throw new TemplateUnsupported("namespace 속성에 값 넣기 (set ns.x = …)", line);
      this.fail(`can't assign to '${e.t}'`, line);
    };
    return toTarget(node);
  }
}
