/**
 * What Jinja2's compiler checks after parsing: every filter and test a template names must exist
 * (TemplateAssertionError "No filter named 'x'."). Filters and tests Jinja2 has but this model does not run, and
 * the globals it does not model, are honest limits instead.
 */
import type { Expr, Stmt, Target } from "./ast";
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
  cycler: "cycler() 전역 함수",
  joiner: "joiner() 전역 함수",
  namespace: "namespace() 전역 함수",
  lipsum: "lipsum() 전역 함수",
};

export function checkNames(body: Stmt[]): void {
  for (const stmt of body) checkStmt(stmt);
}

function checkStmt(stmt: Stmt): void {
  switch (stmt.t) {
    case "output":
      return checkExpr(stmt.expr);
    case "if":
      checkExpr(stmt.test);
      checkNames(stmt.body);
      return checkNames(stmt.otherwise);
    case "for":
      checkExpr(stmt.iter);
      if (stmt.filter) checkExpr(stmt.filter);
      checkNames(stmt.body);
      return checkNames(stmt.otherwise);
    case "set":
      checkTarget(stmt.target);
      return checkExpr(stmt.value);
    case "setblock":
      for (const f of stmt.filters) checkFilter(f.name, f.line);
      for (const f of stmt.filters) [...f.args, ...f.kwargs.map(([, v]) => v)].forEach(checkExpr);
      return checkNames(stmt.body);
    case "block":
    case "macro":
      if (stmt.t === "macro") stmt.params.forEach((p) => p.default && checkExpr(p.default));
      return checkNames(stmt.body);
    case "extends":
    case "include":
    case "import":
    case "fromimport":
      return checkExpr(stmt.template);
    case "with":
      stmt.values.forEach(checkExpr);
      return checkNames(stmt.body);
    default:
      return;
  }
}

function checkTarget(target: Target): void {
  if (target.t === "tuple") target.items.forEach(checkTarget);
}

function checkFilter(name: string, line: number): void {
  if (!JINJA_FILTERS.has(name)) throw new TemplateSyntaxError(`No filter named '${name}'.`, line, "TemplateAssertionError");
  if (!FILTER_NAMES.has(name)) throw new TemplateUnsupported(`'${name}' 필터`, line);
}

function checkExpr(e: Expr): void {
  switch (e.t) {
    case "name":
      if (e.name in UNSUPPORTED_GLOBALS) throw new TemplateUnsupported(UNSUPPORTED_GLOBALS[e.name], e.line);
      return;
    case "const":
      return;
    case "getattr":
      return checkExpr(e.obj);
    case "getitem":
      checkExpr(e.obj);
      return checkExpr(e.key);
    case "slice":
      for (const part of [e.start, e.stop, e.step]) if (part) checkExpr(part);
      return;
    case "call":
      checkExpr(e.fn);
      e.args.forEach(checkExpr);
      return e.kwargs.forEach(([, v]) => checkExpr(v));
    case "filter":
      checkExpr(e.node);
      checkFilter(e.name, e.line);
      e.args.forEach(checkExpr);
      return e.kwargs.forEach(([, v]) => checkExpr(v));
    case "test":
      checkExpr(e.node);
      if (!JINJA_TESTS.has(e.name)) throw new TemplateSyntaxError(`No test named '${e.name}'.`, e.line, "TemplateAssertionError");
      if (!TEST_NAMES.has(e.name)) throw new TemplateUnsupported(`'${e.name}' 테스트`, e.line);
      e.args.forEach(checkExpr);
      return e.kwargs.forEach(([, v]) => checkExpr(v));
    case "list":
    case "tuple":
    case "concat":
      return e.items.forEach(checkExpr);
    case "dict":
      return e.items.forEach(([k, v]) => (checkExpr(k), checkExpr(v)));
    case "binop":
    case "logic":
      checkExpr(e.left);
      return checkExpr(e.right);
    case "unary":
      return checkExpr(e.operand);
    case "compare":
      checkExpr(e.first);
      return e.ops.forEach(([, v]) => checkExpr(v));
    case "cond":
      checkExpr(e.test);
      checkExpr(e.then);
      if (e.otherwise) checkExpr(e.otherwise);
  }
}
