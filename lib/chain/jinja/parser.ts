/**
 * Jinja2 3.1's statement parser (parser.py's subparse / parse_statement and the tags Flask templates use), with
 * its messages for unknown tags and unclosed blocks. Tags that real Jinja2 knows but this model does not run
 * are TemplateUnsupported; anything else unknown is Jinja2's own TemplateSyntaxError.
 */
import type { Expr, Params, Stmt, Target, TemplateAst } from "./ast";
import { TemplateSyntaxError, TemplateUnsupported } from "./errors";
import type { LexerOptions, Token } from "./lexer";
import { tokenize } from "./lexer";
import { ExpressionParser } from "./parse-expr";
import { checkNames } from "./names";

/** Deepest nesting of tags the parser follows. */
const MAX_NESTING = 100;

export function parseTemplate(source: string, options: LexerOptions = {}): TemplateAst {
  const parser = new TemplateParser(tokenize(source, options), options);
  const body = parser.parseAll();
  const ast: TemplateAst = { body, blocks: new Map(), hasExtends: body.some((s) => s.t === "extends"), unknownNames: [] };
  collectBlocks(body, ast.blocks);
  ast.unknownNames = checkNames(body);
  return ast;
}

function collectBlocks(body: Stmt[], blocks: TemplateAst["blocks"]): void {
  for (const stmt of body) {
    if (stmt.t === "block") {
      if (blocks.has(stmt.name)) throw new TemplateSyntaxError(`block '${stmt.name}' defined twice`, stmt.line, "TemplateAssertionError");
      blocks.set(stmt.name, stmt);
    }
    if ("body" in stmt) collectBlocks(stmt.body, blocks);
    if ("otherwise" in stmt) collectBlocks(stmt.otherwise, blocks);
  }
}

class TemplateParser extends ExpressionParser {
  readonly #endTokenStack: string[][] = [];
  readonly #tagStack: string[] = [];
  /** Whether each enclosing body is a loop's (for {% break %} / {% continue %}). */
  readonly #inLoop: boolean[] = [false];

  constructor(
    tokens: Token[],
    readonly options: LexerOptions,
  ) {
    super(tokens);
  }

  /** Parses a body that is (or is not) a loop's. */
  private loopBody<T>(inLoop: boolean, parse: () => T): T {
    this.#inLoop.push(inLoop);
    try {
      return parse();
    } finally {
      this.#inLoop.pop();
    }
  }

  parseAll(): Stmt[] {
    return this.subparse(null);
  }

  private subparse(endTokens: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    if (endTokens) this.#endTokenStack.push(endTokens);
    if (this.#endTokenStack.length > MAX_NESTING) throw new TemplateUnsupported(`${MAX_NESTING}단계보다 깊게 중첩된 태그`, this.current.line);
    try {
      while (this.current.type !== "eof") {
        const token = this.current;
        if (token.type === "data") {
          body.push({ t: "data", text: token.value, line: token.line });
          this.next();
        } else if (token.type === "variable_begin") {
          this.next();
          const expr = this.parseTuple({ withCondexpr: true });
          body.push({ t: "output", expr, line: token.line });
          this.expect("variable_end");
        } else if (token.type === "block_begin") {
          this.next();
          if (endTokens && endTokens.some((e) => this.test(e))) return body;
          const stmt = this.parseStatement();
          if (stmt) body.push(stmt);
          this.expect("block_end");
        } else this.fail("internal parsing error");
      }
      return body;
    } finally {
      if (endTokens) this.#endTokenStack.pop();
    }
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipIf(":");
    this.expect("block_end");
    const result = this.subparse(endTokens);
    if (this.current.type === "eof") this.failEof(endTokens);
    if (dropNeedle) this.next();
    return result;
  }

  private failEof(endTokens: string[]): never {
    this.failUnknown(null, [...this.#endTokenStack, endTokens], this.current.line);
  }

  private failUnknown(name: string | null, stack: string[][], line: number): never {
    const names = (exprs: string[]) => exprs.map((e) => (e.startsWith("name:") ? e.slice(5) : e));
    const expected = new Set(stack.flatMap(names));
    const message = [name === null ? "Unexpected end of template." : `Encountered unknown tag '${name}'.`];
    if (stack.length > 0) {
      const looking = names(stack[stack.length - 1]).map((n) => `'${n}'`).join(" or ");
      if (name !== null && expected.has(name)) {
        message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else message.push(`Jinja was looking for the following tags: ${looking}.`);
    }
    if (this.#tagStack.length > 0) message.push(`The innermost block that needs to be closed is '${this.#tagStack[this.#tagStack.length - 1]}'.`);
    this.fail(message.join(" "), line);
  }

  private parseStatement(): Stmt | null {
    const token = this.current;
    if (token.type !== "name") this.fail("tag name expected", token.line);
    const tag = token.value;
    this.#tagStack.push(tag);
    let popped = false;
    try {
      switch (tag) {
        case "if":
          return this.parseIf();
        case "for":
          return this.parseFor();
        case "set":
          return this.parseSet();
        case "block":
          return this.parseBlock();
        case "extends":
          this.next();
          return { t: "extends", template: this.parseExpression(), line: token.line };
        case "include":
          return this.parseInclude();
        case "macro":
          return this.parseMacro();
        case "with":
          return this.parseWith();
        case "import":
          return this.parseImport();
        case "from":
          return this.parseFrom();
        case "call":
          return this.parseCallBlock();
        case "filter": {
          const line = this.next().line;
          const filters = this.filterChain(this.parseFilter(null, true));
          return { t: "filterblock", filters, body: this.parseStatements(["name:endfilter"], true), line };
        }
        case "autoescape": {
          const line = this.next().line;
          const value = this.parseExpression();
          return { t: "autoescape", value, body: this.parseStatements(["name:endautoescape"], true), line };
        }
        case "break":
        case "continue":
          if (!this.options.loopControls) break;
          if (!this.#inLoop[this.#inLoop.length - 1]) throw new TemplateUnsupported(`반복문 밖의 {% ${tag} %}`, token.line);
          this.next();
          return { t: tag, line: token.line };
        case "do":
          if (!this.options.doTag) break;
          this.next();
          return { t: "do", expr: this.parseTuple(), line: token.line };
        case "print": {
          this.next();
          return { t: "output", expr: this.parseTuple(), line: token.line };
        }
      }
      this.#tagStack.pop();
      popped = true;
      return this.failUnknown(tag, this.#endTokenStack, token.line);
    } finally {
      if (!popped) this.#tagStack.pop();
    }
  }

  /** `if` and each `elif`: the tag name is already consumed when `afterTag` is set. */
  private parseIf(afterTag = false): Stmt {
    const line = afterTag ? this.current.line : this.next().line;
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(["name:elif", "name:else", "name:endif"]);
    const token = this.next();
    let otherwise: Stmt[] = [];
    if (token.value === "elif") otherwise = [this.parseIf(true)];
    else if (token.value === "else") otherwise = this.parseStatements(["name:endif"], true);
    return { t: "if", test, body, otherwise, line };
  }

  private parseFor(): Stmt {
    const line = this.next().line;
    const target = this.parseAssignTarget(["name:in"]);
    this.expect("name:in");
    const iter = this.parseTuple({ withCondexpr: false, extraEnd: ["name:recursive"] });
    const filter: Expr | null = this.skipIf("name:if") ? this.parseExpression() : null;
    const recursive = this.skipIf("name:recursive");
    const body = this.loopBody(true, () => this.parseStatements(["name:endfor", "name:else"]));
    const otherwise = this.next().value === "endfor" ? [] : this.loopBody(false, () => this.parseStatements(["name:endfor"], true));
    return { t: "for", target, iter, filter, recursive, body, otherwise, line };
  }

  private parseSet(): Stmt {
    const line = this.next().line;
    let target: Target;
    if (this.current.type === "name" && this.look().type === "operator" && this.look().value === ".") {
      const name = this.next();
      this.next();
      target = { t: "nsref", name: name.value, attr: this.expect("name").value, line: name.line };
    } else target = this.parseAssignTarget();
    if (this.skipIf("=")) return { t: "set", target, value: this.parseTuple(), line };
    const filters = this.test("|") ? this.filterChain(this.parseFilter(null)) : [];
    const body = this.parseStatements(["name:endset"], true);
    return { t: "setblock", target, filters, body, line };
  }

  /** A filter chain parsed on no operand (`{% set x | f | g %}`, `{% filter f | g %}`), innermost first. */
  private filterChain(node: Expr | null): Array<Extract<Expr, { t: "filter" }>> {
    const filters: Array<Extract<Expr, { t: "filter" }>> = [];
    while (node && node.t === "filter") {
      filters.unshift(node);
      node = node.node;
    }
    return filters;
  }

  /** parse_signature: `(a, b=1)` of a macro or a call block. */
  private parseSignature(): Params {
    const params: Params = [];
    this.expect("(");
    while (!this.test(")")) {
      if (params.length > 0) this.expect(",");
      const param = this.parseAssignTarget([], true);
      let dflt: Expr | null = null;
      if (this.skipIf("=")) dflt = this.parseExpression();
      else if (params.some((p) => p.default !== null)) this.fail("non-default argument follows default argument");
      params.push({ name: param.t === "name" ? param.name : "", default: dflt });
    }
    this.expect(")");
    return params;
  }

  private parseCallBlock(): Stmt {
    const line = this.next().line;
    const params = this.test("(") ? this.parseSignature() : [];
    const call = this.parseExpression();
    if (call.t !== "call") this.fail("expected call", line);
    const body = this.loopBody(false, () => this.parseStatements(["name:endcall"], true));
    return { t: "callblock", call, params, body, uses: { caller: false, varargs: false, kwargs: false }, line };
  }

  private parseBlock(): Stmt {
    const line = this.next().line;
    const name = this.expect("name").value;
    const scoped = this.skipIf("name:scoped");
    const required = this.skipIf("name:required");
    if (this.test("-")) this.fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.");
    const body = this.parseStatements(["name:endblock"], true);
    if (required && body.some((s) => s.t !== "data" || s.text.trim() !== "")) this.fail("Required blocks can only contain comments or whitespace", line);
    this.skipIf(`name:${name}`);
    return { t: "block", name, scoped, required, body, line };
  }

  private parseInclude(): Stmt {
    const line = this.next().line;
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.test("name:ignore") && this.look().type === "name" && this.look().value === "missing") {
      this.next();
      this.next();
      ignoreMissing = true;
    }
    let withContext = true;
    if ((this.test("name:with") || this.test("name:without")) && this.look().type === "name" && this.look().value === "context") {
      withContext = this.next().value === "with";
      this.next();
    }
    return { t: "include", template, ignoreMissing, withContext, line };
  }

  private parseWith(): Stmt {
    const line = this.next().line;
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.current.type !== "block_end") {
      if (targets.length > 0) this.expect(",");
      targets.push(this.parseAssignTarget());
      this.expect("=");
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(["name:endwith"], true);
    return { t: "with", targets, values, body, line };
  }

  /** `with context` / `without context` after an import; null when neither follows. */
  private parseImportContext(): boolean | null {
    if ((this.test("name:with") || this.test("name:without")) && this.look().type === "name" && this.look().value === "context") {
      const withContext = this.next().value === "with";
      this.next();
      return withContext;
    }
    return null;
  }

  private parseImport(): Stmt {
    const line = this.next().line;
    const template = this.parseExpression();
    this.expect("name:as");
    const target = this.parseAssignTarget([], true);
    const withContext = this.parseImportContext() ?? false;
    return { t: "import", template, target: target.t === "name" ? target.name : "", withContext, line };
  }

  private parseFrom(): Stmt {
    const line = this.next().line;
    const template = this.parseExpression();
    this.expect("name:import");
    const names: Array<[string, string]> = [];
    let withContext: boolean | null = null;
    for (;;) {
      if (names.length > 0) this.expect(",");
      if (this.current.type === "name") {
        withContext = this.parseImportContext();
        if (withContext !== null) break;
        const target = this.parseAssignTarget([], true);
        const name = target.t === "name" ? target.name : "";
        if (name.startsWith("_")) throw new TemplateSyntaxError("names starting with an underline can not be imported", target.line, "TemplateAssertionError");
        const alias = this.skipIf("name:as") ? this.parseAssignTarget([], true) : target;
        names.push([name, alias.t === "name" ? alias.name : name]);
        withContext = this.parseImportContext();
        if (withContext !== null || !this.test(",")) break;
      } else this.expect("name");
    }
    return { t: "fromimport", template, names, withContext: withContext ?? false, line };
  }

  private parseMacro(): Stmt {
    const line = this.next().line;
    const name = this.parseAssignTarget([], true);
    const params = this.parseSignature();
    const body = this.loopBody(false, () => this.parseStatements(["name:endmacro"], true));
    return { t: "macro", name: name.t === "name" ? name.name : "", params, body, uses: { caller: false, varargs: false, kwargs: false }, line };
  }
}
