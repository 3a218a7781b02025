/**
 * What Jinja2's compiler learns from a parsed template besides its code: the filters and tests it names (one
 * the environment lacks is TemplateAssertionError "No filter named 'x'.", checked per environment by
 * `firstUnknownName`, since Flask apps add their own), and which of the special names `caller`, `varargs` and
 * `kwargs` each macro body reads (compiler.find_undeclared). Builtins Jinja2 has and the model does not run, and
 * globals it does not model, are honest limits.
 */
import type { Expr, MacroUses, NameUse, Stmt, Target } from "./ast";
import { TemplateSyntaxError, TemplateUnsupported } from "./errors";
import { FILTER_NAMES } from "./filters";
import { TEST_NAMES } from "./tests";

/** Jinja2 3.1's builtin filters (jinja2.filters.FILTERS; Flask adds none, it replaces tojson). */
const JINJA_FILTERS = new Set(
  "abs attr batch capitalize center count d default dictsort e escape filesizeformat first float forceescape format groupby indent int items join last length list lower map max min pprint random reject rejectattr replace reverse round safe select selectattr slice sort string striptags sum title tojson trim truncate unique upper urlencode urlize wordcount wordwrap xmlattr".split(" "),
);

/** Jinja2 3.1's builtin tests (jinja2.tests.TESTS). */
const JINJA_TESTS = new Set(
  "!= < <= == > >= boolean callable defined divisibleby eq equalto escaped even false filter float ge greaterthan gt in integer iterable le lessthan lower lt mapping ne none number odd sameas sequence string test true undefined upper".split(" "),
);

/** Globals of Flask's jinja_env that the model does not provide. */
export const UNSUPPORTED_GLOBALS: Record<string, string> = {
  lipsum: "lipsum() 전역 함수",
};

/** Custom filters and tests an environment adds (Flask's app.template_filter / template_test). */
export interface ExtraNames {
  filters: ReadonlySet<string>;
  tests: ReadonlySet<string>;
}

/** The first filter or test a template names that neither the model nor the environment has, as Jinja2 reports it. */
export function firstUnknownName(uses: readonly NameUse[], extra: ExtraNames | undefined): TemplateSyntaxError | null {
  for (const use of uses) {
    const known = use.kind === "filter" ? extra?.filters : extra?.tests;
    if (known?.has(use.name)) continue;
    return new TemplateSyntaxError(`No ${use.kind} named '${use.name}'.`, use.line, "TemplateAssertionError");
  }
  return null;
}

/** Checks a parsed body: gives the filter/test names the model lacks, marks each macro's special-name uses. */
export function checkNames(body: Stmt[]): NameUse[] {
  const unknown: NameUse[] = [];
  walkBody(body, {
    name: (e) => {
      if (e.name in UNSUPPORTED_GLOBALS) throw new TemplateUnsupported(UNSUPPORTED_GLOBALS[e.name], e.line);
    },
    use: (kind, name, line, soft) => {
      const [jinja, model] = kind === "filter" ? [JINJA_FILTERS, FILTER_NAMES] : [JINJA_TESTS, TEST_NAMES];
      if (model.has(name)) return;
      if (jinja.has(name)) throw new TemplateUnsupported(`'${name}' ${kind === "filter" ? "필터" : "테스트"}`, line);
      // Inside an if or an inline if, Jinja2 checks the name when the filter or test runs ("… found.").
      if (!soft) unknown.push({ kind, name, line });
    },
    store: () => {},
  });
  return unknown;
}

interface Visitor {
  name(e: Extract<Expr, { t: "name" }>): void;
  /** `soft`: in an if statement or an inline if, outside any inner frame (loop, macro, block…). */
  use(kind: "filter" | "test", name: string, line: number, soft: boolean): void;
  /** A name assigned (set/for/with targets, macro and caller parameters). */
  store(name: string): void;
}

/** compiler.find_undeclared for the special names: read before any assignment, blocks not entered. */
function macroUses(body: Stmt[]): MacroUses {
  const names = new Set(["caller", "varargs", "kwargs"]);
  const found = new Set<string>();
  walkBody(
    body,
    {
      name: (e) => {
        if (names.has(e.name)) found.add(e.name);
      },
      use: () => {},
      store: (name) => {
        if (!found.has(name)) names.delete(name);
      },
    },
    false,
  );
  return { caller: found.has("caller"), varargs: found.has("varargs"), kwargs: found.has("kwargs") };
}

function walkTarget(target: Target, v: Visitor): void {
  if (target.t === "tuple") target.items.forEach((t) => walkTarget(t, v));
  else if (target.t === "name") v.store(target.name);
  else v.name({ t: "name", name: target.name, line: target.line });
}

function walkBody(body: Stmt[], v: Visitor, intoBlocks = true, soft = false): void {
  for (const stmt of body) walkStmt(stmt, v, intoBlocks, soft);
}

function walkStmt(stmt: Stmt, v: Visitor, intoBlocks: boolean, soft: boolean): void {
  // Statements with a frame of their own (loops, macros, blocks…) are never soft inside.
  const expr = (e: Expr | null, inSoft = false): void => {
    if (e) walkExpr(e, v, inSoft);
  };
  const body = (b: Stmt[]) => walkBody(b, v, intoBlocks);
  switch (stmt.t) {
    case "data":
      return;
    case "output":
      return expr(stmt.expr, soft);
    case "if":
      expr(stmt.test, true);
      walkBody(stmt.body, v, intoBlocks, true);
      return walkBody(stmt.otherwise, v, intoBlocks, true);
    case "for":
      expr(stmt.iter, soft);
      walkTarget(stmt.target, v);
      expr(stmt.filter);
      body(stmt.body);
      return body(stmt.otherwise);
    case "set":
      expr(stmt.value, soft);
      return walkTarget(stmt.target, v);
    case "setblock":
    case "filterblock":
      for (const f of stmt.filters) {
        v.use("filter", f.name, f.line, false);
        [...f.args, ...f.kwargs.map(([, x]) => x), f.dynArgs ?? null, f.dynKwargs ?? null].forEach((x) => expr(x));
      }
      body(stmt.body);
      return stmt.t === "setblock" ? walkTarget(stmt.target, v) : undefined;
    case "block":
      return intoBlocks ? body(stmt.body) : undefined;
    case "macro":
    case "callblock":
      if (stmt.t === "callblock") expr(stmt.call);
      else v.store(stmt.name);
      for (const p of stmt.params) expr(p.default);
      if (stmt.params.some((p) => p.name === "caller" && p.default === null)) {
        throw new TemplateSyntaxError('When defining macros or call blocks the special "caller" argument must be omitted or be given a default.', stmt.line, "TemplateAssertionError");
      }
      if (intoBlocks) stmt.uses = macroUses(stmt.body);
      for (const p of stmt.params) v.store(p.name);
      return body(stmt.body);
    case "extends":
    case "include":
      return expr(stmt.template, soft);
    case "import":
    case "fromimport":
      expr(stmt.template, soft);
      if (stmt.t === "import") v.store(stmt.target);
      else stmt.names.forEach(([, alias]) => v.store(alias));
      return;
    case "with":
      stmt.values.forEach((x) => expr(x));
      stmt.targets.forEach((t) => walkTarget(t, v));
      return body(stmt.body);
    case "autoescape":
      expr(stmt.value);
      return body(stmt.body);
    case "do":
      return expr(stmt.expr, soft);
    case "break":
    case "continue":
      return;
  }
}

function walkExpr(e: Expr, v: Visitor, soft: boolean): void {
  const each = (items: Array<Expr | null>, inSoft = soft): void => {
    for (const i of items) if (i) walkExpr(i, v, inSoft);
  };
  switch (e.t) {
    case "name":
      return v.name(e);
    case "const":
      return;
    case "getattr":
      return each([e.obj]);
    case "getitem":
      return each([e.obj, e.key]);
    case "slice":
      return each([e.start, e.stop, e.step]);
    case "call":
      return each([e.fn, ...e.args, ...e.kwargs.map(([, x]) => x), e.dynArgs ?? null, e.dynKwargs ?? null]);
    case "filter":
    case "test":
      each([e.node]);
      v.use(e.t, e.name, e.line, soft);
      return each([...e.args, ...e.kwargs.map(([, x]) => x), e.dynArgs ?? null, e.dynKwargs ?? null]);
    case "list":
    case "tuple":
    case "concat":
      return each(e.items);
    case "dict":
      return each(e.items.flat());
    case "binop":
    case "logic":
      return each([e.left, e.right]);
    case "unary":
      return each([e.operand]);
    case "compare":
      return each([e.first, ...e.ops.map(([, x]) => x)]);
    case "cond":
      return each([e.test, e.then, e.otherwise], true);
  }
}
