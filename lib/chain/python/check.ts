/**
 * Static check after parsing, before running: rejects what the embedded Python does not support (with the
 * line and a Korean + English description) and reports compile-time SyntaxErrors CPython raises after parsing
 * ('return' outside function...).
 */
import type { Expr, Module, Stmt } from "./ast";
import { plainSubexpressions } from "./subexpressions";
import { PySyntaxError } from "./lexer";
import { regexProblem } from "./modules/re";

export interface CheckProblem {
  line: number;
  what: string;
  whatEn: string;
  syntax?: PySyntaxError;
}

const FORBIDDEN_CALLS: Record<string, [string, string]> = {
  eval: ["eval() 호출", "eval()"],
  exec: ["exec() 호출", "exec()"],
  compile: ["compile() 호출", "compile()"],
  open: ["open() 호출 (파일 입출력)", "open() (file I/O)"],
  __import__: ["__import__() 호출", "__import__()"],
  input: ["input() 호출", "input()"],
  globals: ["globals() 호출", "globals()"],
  locals: ["locals() 호출", "locals()"],
  vars: ["vars() 호출", "vars()"],
  breakpoint: ["breakpoint() 호출", "breakpoint()"],
  memoryview: ["memoryview", "memoryview"],
};

class Found {
  constructor(readonly problem: CheckProblem) {}
}

export function checkModule(mod: Module, importable: Set<string>): CheckProblem | null {
  try {
    block(mod.body, { inFunction: false, inLoop: false, importable });
    return null;
  } catch (e) {
    if (e instanceof Found) return e.problem;
    throw e;
  }
}

interface Ctx {
  inFunction: boolean;
  inLoop: boolean;
  importable: Set<string>;
}

function fail(line: number, what: string, whatEn: string): never {
  throw new Found({ line, what, whatEn });
}
function syntax(s: { line: number; col: number; endCol: number; endLine: number }, msg: string): never {
  throw new Found({ line: s.line, what: msg, whatEn: msg, syntax: new PySyntaxError("SyntaxError", msg, s.line, s.col + 1, s.endLine === s.line ? s.endCol + 1 : 0) });
}

function block(body: Stmt[], ctx: Ctx): void {
  for (const s of body) stmt(s, ctx);
}

function stmt(s: Stmt, ctx: Ctx): void {
  switch (s.type) {
    case "Unsupported":
      fail(s.line, s.what, s.whatEn);
      break;
    case "Expr":
      expr(s.value);
      break;
    case "Assign":
      s.targets.forEach(expr);
      expr(s.value);
      break;
    case "AugAssign":
      expr(s.target);
      expr(s.value);
      break;
    case "AnnAssign":
      expr(s.target);
      if (s.value) expr(s.value);
      break;
    case "FunctionDef":
      s.decorators.forEach(expr);
      for (const a of [...s.args.args, ...s.args.kwonly]) if (a.default) expr(a.default);
      block(s.body, { ...ctx, inFunction: true, inLoop: false });
      break;
    case "ClassDef":
      s.decorators.forEach(expr);
      s.bases.forEach(expr);
      if (s.keywords.length) fail(s.line, "class의 키워드 인자 (metaclass= 등)", "class keyword arguments (metaclass=…)");
      if (s.bases.length > 1) fail(s.line, "다중 상속 (부모 클래스가 둘 이상인 class)", "multiple inheritance");
      block(s.body, { ...ctx, inFunction: false, inLoop: false });
      break;
    case "With":
      for (const item of s.items) {
        const c = item.context;
        if (c.type === "Call" && c.func.type === "Attribute" && FLASK_CONTEXTS.has(c.func.attr)) {
          fail(s.line, `with ….${c.func.attr}() (Flask의 컨텍스트 관리자)`, `with ….${c.func.attr}() (Flask's context managers)`);
        }
        expr(item.context);
        if (item.target) expr(item.target);
      }
      block(s.body, ctx);
      break;
    case "Return":
      if (!ctx.inFunction) syntax(s, "'return' outside function");
      if (s.value) expr(s.value);
      break;
    case "If":
      expr(s.test);
      block(s.body, ctx);
      block(s.orelse, ctx);
      break;
    case "For":
      expr(s.target);
      expr(s.iter);
      block(s.body, { ...ctx, inLoop: true });
      block(s.orelse, ctx);
      break;
    case "While":
      expr(s.test);
      block(s.body, { ...ctx, inLoop: true });
      block(s.orelse, ctx);
      break;
    case "Break":
      if (!ctx.inLoop) syntax(s, "'break' outside loop");
      break;
    case "Continue":
      if (!ctx.inLoop) syntax(s, "'continue' not properly in loop");
      break;
    case "Delete":
      s.targets.forEach(expr);
      break;
    case "Raise":
      if (s.exc) expr(s.exc);
      if (s.cause) expr(s.cause);
      break;
    case "Try":
      block(s.body, ctx);
      for (const h of s.handlers) {
        if (h.excType) expr(h.excType);
        block(h.body, ctx);
      }
      block(s.orelse, ctx);
      block(s.finalbody, ctx);
      break;
    case "Nonlocal":
      if (!ctx.inFunction) syntax(s, "nonlocal declaration not allowed at module level");
      break;
    case "Assert":
      expr(s.test);
      if (s.msg) expr(s.msg);
      break;
    case "Import":
      for (const a of s.names) {
        if (!ctx.importable.has(a.name)) fail(s.line, `import ${a.name} (지원하는 모듈: ${[...ctx.importable].sort().join(", ")})`, `import of module '${a.name}'`);
      }
      break;
    case "ImportFrom":
      if (s.level > 0) fail(s.line, "상대 경로 import (from . import ...)", "relative import");
      if (!ctx.importable.has(s.module)) fail(s.line, `from ${s.module} import ... (지원하는 모듈: ${[...ctx.importable].sort().join(", ")})`, `import from module '${s.module}'`);
      if (s.names.some((n) => n.name === "*") && ctx.inFunction) syntax(s, "import * only allowed at module level");
      break;
    case "Global":
    case "Pass":
      break;
  }
}

function expr(e: Expr | null): void {
  if (!e) return;
  switch (e.type) {
    case "UnsupportedExpr":
      fail(e.line, e.what, e.whatEn);
      break;
    case "Name":
    case "Const":
      break;
    case "Call": {
      // Calls of builtins the embedded Python does not have (a variable may still use the name)
      const f = e.func.type === "Name" ? FORBIDDEN_CALLS[e.func.id] : undefined;
      if (f) fail(e.line, f[0], f[1]);
      const fs = fileSystemCall(e.func);
      if (fs) fail(e.line, `${fs}() (파일 시스템 접근: 코스 모형에는 디스크가 없습니다)`, `${fs}() (file system access)`);
      const pattern = unsupportedPattern(e);
      if (pattern) {
        fail(
          e.line,
          `정규식의 ${pattern.ko} — "${pattern.source}" (코스 모형은 멈추지 않는 선형 시간 정규식 엔진을 씁니다. 실제 파이썬의 re에서는 그대로 동작합니다)`,
          `regular expression ${pattern.en} in "${pattern.source}"`,
        );
      }
      expr(e.func);
      e.args.forEach(expr);
      e.keywords.forEach((k) => expr(k.value));
      break;
    }
    case "Attribute":
      if (e.attr.startsWith("__") && e.attr.endsWith("__") && !ALLOWED_DUNDERS.has(e.attr)) {
        fail(e.line, `특수 속성 ${e.attr}`, `special attribute ${e.attr}`);
      }
      expr(e.value);
      break;
    case "Lambda":
      for (const a of [...e.args.args, ...e.args.kwonly]) if (a.default) expr(a.default);
      expr(e.body);
      break;
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
      expr(e.elt);
      for (const g of e.generators) {
        expr(g.target);
        expr(g.iter);
        g.ifs.forEach(expr);
      }
      break;
    case "DictComp":
      expr(e.key);
      expr(e.value);
      for (const g of e.generators) {
        expr(g.target);
        expr(g.iter);
        g.ifs.forEach(expr);
      }
      break;
    default:
      plainSubexpressions(e)?.forEach(expr);
  }
}

/** os / os.path functions that ask the file system, which the model does not have. */
const FILE_SYSTEM_CALLS = new Set(["exists", "isfile", "isdir", "getsize", "getmtime", "listdir", "makedirs", "mkdir", "remove", "unlink", "rename", "rmdir", "walk", "scandir", "stat", "chdir", "getcwd"]);

/** `os.makedirs` / `os.path.exists` (or `path.exists` after `from os import path`), as the dotted name. */
function fileSystemCall(func: Expr): string | undefined {
  if (func.type !== "Attribute" || !FILE_SYSTEM_CALLS.has(func.attr)) return undefined;
  const base = func.value;
  if (base.type === "Name" && (base.id === "os" || base.id === "path")) return `${base.id}.${func.attr}`;
  if (base.type === "Attribute" && base.attr === "path" && base.value.type === "Name" && base.value.id === "os") return `os.path.${func.attr}`;
  return undefined;
}

const RE_FUNCTIONS = new Set(["compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"]);

/**
 * `re.search(r"(\w)\1", ...)`: a literal pattern the linear-time engine cannot run (back references, lookaround...)
 * is reported before the app runs, with its line, instead of failing on the first request.
 */
function unsupportedPattern(call: Extract<Expr, { type: "Call" }>): { ko: string; en: string; source: string } | undefined {
  const f = call.func;
  if (f.type !== "Attribute" || !RE_FUNCTIONS.has(f.attr) || f.value.type !== "Name" || f.value.id !== "re") return undefined;
  const first = call.args[0];
  if (!first || first.type !== "Const" || typeof first.value !== "string") return undefined;
  const problem = regexProblem(first.value);
  return problem ? { ...problem, source: first.value } : undefined;
}

/** Flask's own context managers, not modelled yet: a `with` over one is reported instead of failing later. */
const FLASK_CONTEXTS = new Set(["app_context", "test_request_context", "test_client", "request_context"]);

const ALLOWED_DUNDERS = new Set(["__wrapped__", "__init__", "__enter__", "__exit__", "__eq__", "__bases__", "__base__", "__name__", "__doc__", "__qualname__", "__module__", "__class__", "__cause__", "__context__", "__dict__", "__html__", "__str__", "__repr__", "__len__", "__self__", "__func__", "__mro__", "__suppress_context__", "__traceback__"]);
