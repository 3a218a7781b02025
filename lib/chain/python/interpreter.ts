/**
 * The evaluator and the host API. A tree-walking interpreter over ast.ts with explicit frames, a step budget,
 * a recursion limit and virtual time. Public entry points (`loadModule`, `callFunction`) never throw.
 */
import type { ConfigError } from "../contracts";
import type { Arguments, Comprehension, Expr, ExceptHandler, Module, Pos, Stmt } from "./ast";
import { builtinsModule, callClass } from "./builtins";
import { checkModule } from "./check";
import * as C from "./classes";
import { Abort, isPyException, newException, pyError, PyRaise } from "./classes";
import { dictGet, dictSet, newDict } from "./dict";
import { formatValue } from "./format";
import { PySyntaxError } from "./lexer";
import {
  DEFAULT_RECURSION_LIMIT,
  DEFAULT_STEP_BUDGET,
  MAX_SEQUENCE_LENGTH,
  MAX_SOURCE_BYTES,
} from "./limits";
import { getAttribute, setAttribute, deleteAttribute } from "./attributes";
import { getItem, setItem, deleteItem } from "./items";
import * as O from "./objects";
import { binaryOp, compareOp, unaryOp } from "./ops";
import { CompileDepthError, parseModule } from "./parser";
import { memo } from "../memo";

/**
 * Parse results by exact source text. The tree is never changed by running it, and a class sends the same app.py
 * again and again; a syntax error is a value too, so it is cached alike.
 */
const parsedModules = memo<ReturnType<typeof parseModule>>(64);

/**
 * The static check's verdict by parsed module and importable modules: a module is checked once, not at every
 * load (the tree and the verdict never change).
 */
const checkedModules = new WeakMap<Module, Map<string, ReturnType<typeof checkModule>>>();

function checkedModule(mod: Module, importable: string[]): ReturnType<typeof checkModule> {
  const key = importable.join("\0");
  let verdicts = checkedModules.get(mod);
  if (!verdicts) checkedModules.set(mod, (verdicts = new Map()));
  if (!verdicts.has(key)) verdicts.set(key, checkModule(mod, new Set(importable)));
  return verdicts.get(key)!;
}

/** Whether `source` is over MAX_SOURCE_BYTES in UTF-8; encoded only when it could be (a code unit takes at most 3 bytes). */
function overSourceLimit(source: string): boolean {
  return source.length * 3 > MAX_SOURCE_BYTES && new TextEncoder().encode(source).length > MAX_SOURCE_BYTES;
}

/** The parse of `source` (or its SyntaxError), shared with every load of the same text. */
export function parseCached(source: string): ReturnType<typeof parseModule> {
  return parsedModules.get(source, () => parseModule(source));
}
import { comprehensionScope, functionScope, type ScopeInfo } from "./scope";
import { formatExceptionOnly, formatSyntaxError, formatTraceback, setSuggestionCandidates, type TracebackStyle } from "./traceback";
import { stdlibModules } from "./modules/registry";
import { cpythonSetOrder } from "./setorder";
import type {
  BinaryOperator,
  Kwargs,
  NativeClass,
  PyClass,
  PyDictObject,
  PyFunction,
  PyInstance,
  PyModule,
  PyValue,
  TracebackEntry,
} from "./values";
import { isInstance, pyList, pyTuple } from "./values";

export type PlainValue = string | number | boolean | null | PlainValue[] | { [k: string]: PlainValue };

export type HostModuleFactory = (interp: Interpreter) => PyModule;

export interface InterpreterOptions {
  /** os.environ of the program. */
  environment?: Record<string, string>;
  /** Wall-clock epoch ms at virtual time 0 (time.time()). */
  epochMs?: number;
  /** Steps per top-level run (loadModule / callFunction). Default 10^6. */
  stepBudget?: number;
  /** Python frames before RecursionError. Default 1000 (CPython's). */
  recursionLimit?: number;
  /** Modules provided by the host (flask, markupsafe), created on first import. */
  hostModules?: Record<string, HostModuleFactory>;
}

export interface CallOptions {
  /**
   * Python frames already on the stack in the real program (gunicorn's worker loop and Flask's dispatch are
   * about 15 frames under a view), so RecursionError comes at the same depth as in CPython. Default 0.
   */
  baseDepth?: number;
}

export interface LoadOptions {
  /** File name as Python reports it, e.g. `/srv/hello_cju/app.py`. */
  filename: string;
  /** Scenario-relative path for ConfigError.path, e.g. `app.py`. Default: the basename of filename. */
  path?: string;
  /** `__name__` of the module. Default `__main__`. */
  moduleName?: string;
}

export type LoadOutcome =
  | { ok: true; module: PyModule }
  | {
      ok: false;
      kind: "syntax" | "unsupported" | "exception" | "step-budget" | "internal-error";
      error: ConfigError;
      /** CPython's text (traceback or SyntaxError report) ending in a newline; "" for unsupported. */
      traceback: string;
      exception?: PyInstance;
    };

export type RunOutcome =
  | { kind: "ok"; value: PyValue }
  | { kind: "exception"; exception: PyInstance; traceback: string }
  | { kind: "step-budget"; steps: number }
  | { kind: "internal-error"; message: string };

export interface OutputEntry {
  /** interp.virtualMs when written. */
  at: number;
  stream: "stdout" | "stderr";
  text: string;
}

interface CodeInfo {
  filename: string;
  lines: string[];
}

export interface Scope {
  vars: Map<string, PyValue>;
  info: ScopeInfo;
  parent: Scope | null;
}

interface Frame {
  name: string;
  code: CodeInfo;
  node: Pos;
  scope: Scope | null;
  globals: Map<string, PyValue>;
  retval: PyValue;
}

interface FuncImpl {
  args: Arguments;
  body: Stmt[] | Expr;
  info: ScopeInfo;
  defaults: PyValue[];
  kwDefaults: Map<string, PyValue>;
  closure: Scope | null;
  globals: Map<string, PyValue>;
  code: CodeInfo;
}

/** The values a function keeps from where it was made: defaults, keyword defaults, closure cells, attributes. */
export function functionCaptures(fn: PyFunction): PyValue[] {
  const impl = fn.impl as FuncImpl;
  const out: PyValue[] = [...impl.defaults, ...impl.kwDefaults.values(), ...fn.attrs.values()];
  for (let s = impl.closure; s; s = s.parent) out.push(...s.vars.values());
  return out;
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Signal = 0 | 1 | 2 | 3;

/** JS frames are limited: refuse native nesting (repr of deep lists...) past this many levels too. */
const NATIVE_NEST_LIMIT = 900;

/** A builtin class by name (`str`, `Exception`...). Builtin classes are shared by all interpreters. */
export function builtinClass(name: string): PyClass {
  const v = builtinsModule().attrs.get(name);
  if (v && typeof v === "object" && v !== null && v.kind === "class") return v;
  const e = C.exceptionClasses.get(name);
  if (e) return e;
  throw new Error(`no builtin class ${name}`);
}

/**
 * A class for a host module with no tie to one interpreter (its hooks get the calling interpreter), so that it
 * can be shared like the builtin ones. Python cannot change a class.
 */
export function makeClass(name: string, module: string, native: NativeClass, base?: PyClass): PyClass {
  return C.makeClass(name, module, native, base ?? C.objectClass);
}

export function createInterpreter(options: InterpreterOptions = {}): Interpreter {
  return new Interpreter(options);
}

export class Interpreter {
  readonly environment: Record<string, string>;
  /** Wall-clock ms at virtual time 0. A host that reuses a loaded module sets it for each run (see flask/reusable.ts). */
  epochMs: number;
  /** How often Python read the wall clock (time.time()...) or a host noted that it did; see noteWallClockRead. */
  wallClockReads = 0;
  stepBudget: number;
  readonly recursionLimit: number;
  private readonly hostFactories: Record<string, HostModuleFactory>;
  private readonly modules = new Map<string, PyModule>();
  readonly builtins: Map<string, PyValue>;
  private output: OutputEntry[] = [];
  private steps = 0;
  private depth = 0;
  private nativeDepth = 0;
  private frames: Frame[] = [];
  private handling: PyInstance[] = [];
  private reprGuard = new Set<object>();
  private tbMarks = new WeakMap<PyInstance, Frame>();
  /** Virtual milliseconds consumed (time.sleep). */
  virtualMs = 0;

  constructor(options: InterpreterOptions) {
    this.environment = { ...(options.environment ?? {}) };
    this.epochMs = options.epochMs ?? 0;
    this.stepBudget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
    this.recursionLimit = Math.max(10, Math.min(options.recursionLimit ?? DEFAULT_RECURSION_LIMIT, DEFAULT_RECURSION_LIMIT));
    this.hostFactories = options.hostModules ?? {};
    this.builtins = builtinsModule().attrs;
  }

  // ================================================================ public entry points (never throw)

  loadModule(source: string, options: LoadOptions): LoadOutcome {
    const filename = options.filename;
    const path = options.path ?? filename.split("/").pop() ?? filename;
    const moduleName = options.moduleName ?? "__main__";
    const cfg = (line: number, message: string, messageKo: string): ConfigError => ({ file: filename, path, line, message, messageKo });
    try {
      if (overSourceLimit(source)) {
        return {
          ok: false,
          kind: "unsupported",
          error: cfg(1, `${path}: source larger than ${MAX_SOURCE_BYTES / 1024} KiB`, `소스 파일이 너무 큽니다 (최대 ${MAX_SOURCE_BYTES / 1024} KiB).`),
          traceback: "",
        };
      }
      const code: CodeInfo = { filename, lines: source.replace(/\r\n?/g, "\n").split("\n") };
      const parsed = parseCached(source);
      if (parsed instanceof PySyntaxError) return this.syntaxOutcome(parsed, code, cfg, path);
      if (parsed instanceof CompileDepthError) {
        const msg = "RecursionError: maximum recursion depth exceeded during compilation";
        return { ok: false, kind: "syntax", error: cfg(parsed.line, msg, `식이 너무 깊게 중첩되어 컴파일할 수 없습니다 (${msg})`), traceback: msg + "\n" };
      }
      const problem = checkedModule(parsed, [...Object.keys(this.hostFactories), ...Object.keys(stdlibModules)]);
      if (problem) {
        if (problem.syntax) return this.syntaxOutcome(problem.syntax, code, cfg, path);
        return {
          ok: false,
          kind: "unsupported",
          error: cfg(
            problem.line,
            `${path}:${problem.line}: unsupported syntax: ${problem.whatEn}`,
            `지원하지 않는 문법입니다: ${problem.what}`,
          ),
          traceback: "",
        };
      }
      const mod: PyModule = { kind: "module", name: moduleName, attrs: new Map(), file: filename };
      mod.attrs.set("__name__", moduleName);
      mod.attrs.set("__file__", filename);
      mod.attrs.set("__doc__", docstring(parsed));
      const out = this.topLevel(() => {
        this.runModuleBody(parsed, mod, code);
        return null;
      });
      switch (out.kind) {
        case "ok":
          this.modules.set(moduleName, mod);
          return { ok: true, module: mod };
        case "exception": {
          const tb = out.exception.exception!.traceback;
          const line = tb.length ? tb[tb.length - 1].line : 1;
          const modLine = tb.find((t) => t.filename === filename)?.line ?? line;
          const last = this.formatExceptionOnly(out.exception);
          return {
            ok: false,
            kind: "exception",
            error: cfg(modLine, last, `모듈을 불러오는 중 예외가 발생했습니다: ${last}`),
            traceback: out.traceback,
            exception: out.exception,
          };
        }
        case "step-budget":
          return {
            ok: false,
            kind: "step-budget",
            error: cfg(1, `${path}: step budget of ${this.stepBudget} exhausted while importing`, `모듈을 불러오는 동안 실행 단계 한도(${this.stepBudget})를 넘었습니다. 무한 루프가 있는지 확인하세요.`),
            traceback: "",
          };
        default:
          return { ok: false, kind: "internal-error", error: cfg(1, out.message, `인터프리터 내부 오류: ${out.message}`), traceback: "" };
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, kind: "internal-error", error: cfg(1, message, `인터프리터 내부 오류: ${message}`), traceback: "" };
    }
  }

  /** Call a Python callable from the host's top level (a view, an error handler). Never throws. */
  callFunction(fn: PyValue, args: PyValue[] = [], kwargs: Kwargs = new Map(), options: CallOptions = {}): RunOutcome {
    return this.topLevel(() => this.call(fn, args, kwargs), options.baseDepth ?? 0);
  }

  /** Output written by print() since the last drain. */
  drainOutput(): OutputEntry[] {
    const out = this.output;
    this.output = [];
    this.outputChars = 0;
    return out;
  }

  /** Steps used by the current (or last) top-level run. */
  get stepsUsed(): number {
    return this.steps;
  }

  private topLevel(fn: () => PyValue, baseDepth = 0): RunOutcome {
    const nested = this.frames.length > 0;
    if (!nested) {
      this.steps = 0;
      this.depth = Math.max(0, Math.min(baseDepth, this.recursionLimit - 10));
      this.nativeDepth = 0;
      this.handling = [];
      this.reprGuard.clear();
    }
    const savedFrames = this.frames.length;
    try {
      return { kind: "ok", value: fn() };
    } catch (e) {
      this.frames.length = savedFrames;
      if (e instanceof PyRaise) return { kind: "exception", exception: e.exception, traceback: this.formatTraceback(e.exception) };
      if (e instanceof Abort) {
        if (nested) throw e;
        return { kind: "step-budget", steps: this.steps };
      }
      if (e instanceof RangeError && e.message.indexOf("call stack") >= 0) {
        const exc = newException(C.exceptionClasses.get("RecursionError")!, ["maximum recursion depth exceeded"]);
        return { kind: "exception", exception: exc, traceback: this.formatTraceback(exc) };
      }
      return { kind: "internal-error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    } finally {
      if (!nested) {
        this.frames.length = 0;
        this.depth = 0;
      }
    }
  }

  private syntaxOutcome(err: PySyntaxError, code: CodeInfo, cfg: (l: number, m: string, k: string) => ConfigError, path: string): LoadOutcome {
    const text = formatSyntaxError(err, code.filename, code.lines);
    const kindKo = err.type === "IndentationError" ? "들여쓰기 오류" : "문법 오류";
    return {
      ok: false,
      kind: "syntax",
      error: cfg(err.line, `${err.type}: ${err.message}`, `${kindKo}(${err.type}): ${err.message}`),
      traceback: text,
    };
  }

  // ================================================================ host helpers

  /** Charge `n` steps; throws Abort past the budget. */
  charge(n: number): void {
    this.steps += n;
    if (this.steps > this.stepBudget) throw new Abort("step-budget");
  }

  /** Charge for allocating `units` characters/slots (bounds total work and memory of a run). */
  chargeAlloc(units: number): void {
    // One step per 128 characters/slots: with the step budget this bounds what a run can allocate in total.
    if (units > 128) this.charge(Math.ceil(units / 128));
  }

  sleep(seconds: number): void {
    this.virtualMs += seconds * 1000;
  }

  /** Wall-clock ms now (epochMs + virtual time), counted: what a module computes from it depends on the run. */
  wallClockMs(): number {
    this.noteWallClockRead();
    return this.epochMs + this.virtualMs;
  }

  /** For host code that turns the wall clock into something Python sees (a log record's timestamp). */
  noteWallClockRead(): void {
    this.wallClockReads++;
  }

  /** Output past this many characters between two drains is dropped (and `outputTruncated` set). */
  static readonly MAX_OUTPUT_CHARS = 1 << 20;
  outputTruncated = false;
  private outputChars = 0;

  write(stream: "stdout" | "stderr", text: string): void {
    if (this.outputChars + text.length > Interpreter.MAX_OUTPUT_CHARS) {
      this.outputTruncated = true;
      text = text.slice(0, Math.max(0, Interpreter.MAX_OUTPUT_CHARS - this.outputChars));
      if (!text) return;
    }
    this.outputChars += text.length;
    this.output.push({ at: this.virtualMs, stream, text });
  }

  repr(v: PyValue): string {
    return O.repr(this, v);
  }
  str(v: PyValue): string {
    return O.str(this, v);
  }
  truthy(v: PyValue): boolean {
    return O.truthy(this, v);
  }
  eq(a: PyValue, b: PyValue): boolean {
    return O.eq(this, a, b);
  }
  hashKey(v: PyValue): string {
    return O.hashKey(this, v);
  }
  typeOf(v: PyValue): PyClass {
    return O.typeOf(v);
  }
  typeName(v: PyValue): string {
    return O.typeName(v);
  }
  isinstance(v: PyValue, cls: PyClass): boolean {
    if (cls === C.strClass && isInstance(v) && v.strValue !== undefined) return true;
    if (cls === C.objectClass) return true;
    return C.isSubclass(O.typeOf(v), cls);
  }
  format(v: PyValue, spec: string): string {
    return formatValue(this, v, spec);
  }
  intToString(v: bigint): string {
    if (v >= INT_STR_LIMIT || v <= -INT_STR_LIMIT) {
      const s = v.toString();
      if (s.replace("-", "").length > 4300) {
        throw pyError("ValueError", "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
      }
      return s;
    }
    return v.toString();
  }

  getAttr(obj: PyValue, name: string): PyValue {
    return getAttribute(this, obj, name);
  }
  getAttrOrUndefined(obj: PyValue, name: string): PyValue | undefined {
    try {
      return getAttribute(this, obj, name);
    } catch (e) {
      if (e instanceof PyRaise && C.isSubclass(e.exception.cls, C.exceptionClasses.get("AttributeError")!)) return undefined;
      throw e;
    }
  }
  setAttr(obj: PyValue, name: string, value: PyValue): void {
    setAttribute(this, obj, name, value);
  }

  builtinClass(name: string): PyClass {
    return builtinClass(name);
  }
  makeClass(name: string, module: string, native: NativeClass, base?: PyClass): PyClass {
    return makeClass(name, module, native, base);
  }
  makeExceptionClass(name: string, module: string, base?: PyClass): PyClass {
    return C.makeClass(name, module, {}, base ?? C.ExceptionClass);
  }
  newInstance(cls: PyClass, init: { data?: unknown; strValue?: string } = {}): PyInstance {
    const inst: PyInstance = { kind: "instance", cls, attrs: new Map(), data: init.data };
    if (init.strValue !== undefined) inst.strValue = init.strValue;
    if (C.isExceptionClass(cls)) inst.exception = { args: [], traceback: [], cause: null, context: null, suppressContext: false };
    return inst;
  }
  newException(cls: PyClass | string, ...args: PyValue[]): PyInstance {
    const c = typeof cls === "string" ? this.builtinClass(cls) : cls;
    return newException(c, args);
  }
  newDict(entries: Array<[PyValue, PyValue]> = []): PyDictObject {
    const d = newDict();
    for (const [k, v] of entries) dictSet(this, d, k, v);
    return d;
  }
  /**
   * CPython's traceback text. `extraFrames` are prepended (e.g. Flask's own frames). Style "logging" (default) is
   * what the traceback module writes (logging, Flask, Gunicorn); "display" is the interpreter's own report on an
   * uncaught exception (uWSGI's PyErr_Print, `python3 app.py`), with "Did you mean" suggestions.
   */
  formatTraceback(exc: PyInstance, extraFrames: TracebackEntry[] = [], style: TracebackStyle = "logging"): string {
    return formatTraceback(this, exc, extraFrames, style);
  }
  formatExceptionOnly(exc: PyInstance, style: TracebackStyle = "logging"): string {
    return formatExceptionOnly(this, exc, style);
  }

  /** Bind native arguments like a Python signature `name(p1, p2=default, ...)`; throws CPython's TypeErrors. */
  bindArgs(fname: string, args: PyValue[], kwargs: Kwargs, names: string[], defaults: Record<string, PyValue> = {}): Record<string, PyValue> {
    const out: Record<string, PyValue> = {};
    if (args.length > names.length) {
      const req = names.filter((n) => !(n in defaults)).length;
      const takes = req === names.length ? `${names.length}` : `from ${req} to ${names.length}`;
      throw pyError("TypeError", `${fname}() takes ${takes} positional argument${names.length === 1 && req === names.length ? "" : "s"} but ${args.length} ${args.length === 1 ? "was" : "were"} given`);
    }
    args.forEach((a, i) => (out[names[i]] = a));
    for (const [k, v] of kwargs) {
      if (!names.includes(k)) throw pyError("TypeError", `${fname}() got an unexpected keyword argument '${k}'`);
      if (k in out) throw pyError("TypeError", `${fname}() got multiple values for argument '${k}'`);
      out[k] = v;
    }
    const missing = names.filter((n) => !(n in out) && !(n in defaults));
    if (missing.length) throw pyError("TypeError", `${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${listNames(missing)}`);
    for (const n of names) if (!(n in out)) out[n] = defaults[n];
    return out;
  }

  /** Run `fn` one native nesting level deeper (repr/eq/hash of nested containers). */
  guardRecursion<T>(fn: () => T): T {
    if (++this.nativeDepth + this.depth > Math.min(this.recursionLimit, NATIVE_NEST_LIMIT)) {
      this.nativeDepth--;
      throw pyError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object");
    }
    try {
      return fn();
    } finally {
      this.nativeDepth--;
    }
  }
  guardRepr(obj: object, ifCycle: string, fn: () => string): string {
    if (this.reprGuard.has(obj)) return ifCycle;
    this.reprGuard.add(obj);
    try {
      return this.guardRecursion(fn);
    } finally {
      this.reprGuard.delete(obj);
    }
  }

  /** A next() function over an iterable, or undefined if not iterable. */
  tryIter(v: PyValue): (() => PyValue | undefined) | undefined {
    return iterOf(this, v);
  }
  /** next() function; TypeError "'int' object is not iterable" otherwise. */
  iter(v: PyValue): () => PyValue | undefined {
    const it = iterOf(this, v);
    if (!it) throw pyError("TypeError", `'${O.typeName(v)}' object is not iterable`);
    return it;
  }
  /** All items of an iterable (bounded by MAX_SEQUENCE_LENGTH and the step budget). */
  iterate(v: PyValue): PyValue[] {
    if (v !== null && typeof v === "object" && (v.kind === "list" || v.kind === "tuple")) return [...v.items];
    const it = this.iter(v);
    const out: PyValue[] = [];
    for (let x = it(); x !== undefined; x = it()) {
      this.charge(1);
      if (out.length >= MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
      out.push(x);
    }
    return out;
  }

  toPlain(v: PyValue): PlainValue {
    return this.guardRecursion((): PlainValue => {
      if (v === null || typeof v === "boolean" || typeof v === "string") return v;
      if (typeof v === "bigint") return Number(v);
      if (typeof v === "number") return v;
      if (isInstance(v) && v.strValue !== undefined) return v.strValue;
      switch (v.kind) {
        case "list":
        case "tuple":
          return v.items.map((x) => this.toPlain(x));
        case "dict": {
          const o: { [k: string]: PlainValue } = {};
          for (const [k, x] of v.entries.values()) {
            let key: string;
            if (typeof k === "string") key = k;
            else if (k === null) key = "null";
            else if (typeof k === "boolean") key = k ? "true" : "false";
            else if (typeof k === "bigint" || typeof k === "number") key = O.repr(this, k);
            else if (isInstance(k) && k.strValue !== undefined) key = k.strValue;
            else throw pyError("TypeError", `keys must be str, int, float, bool or None, not ${O.typeName(k)}`);
            o[key] = this.toPlain(x);
          }
          return o;
        }
      }
      throw pyError("TypeError", `Object of type ${O.typeName(v)} is not JSON serializable`);
    });
  }
  fromPlain(p: PlainValue): PyValue {
    if (p === null || typeof p === "boolean" || typeof p === "string") return p;
    if (typeof p === "number") return Number.isSafeInteger(p) && !Object.is(p, -0) ? BigInt(p) : p;
    if (Array.isArray(p)) return pyList(p.map((x) => this.fromPlain(x)));
    const d = newDict();
    for (const [k, x] of Object.entries(p)) dictSet(this, d, k, this.fromPlain(x));
    return d;
  }

  /** A module imported so far (host or standard library), without importing it. */
  importedModule(name: string): PyModule | undefined {
    return this.modules.get(name);
  }

  /** Import a module by name (host modules, then time/json/os/multiprocessing). */
  importModule(name: string): PyModule {
    const cached = this.modules.get(name);
    if (cached) return cached;
    const host = this.hostFactories[name];
    const std = stdlibModules[name];
    if (!host && !std) throw pyError("ModuleNotFoundError", `No module named '${name}'`);
    const mod = host ? host(this) : std(this);
    this.modules.set(name, mod);
    return mod;
  }

  // ================================================================ calling

  /** Call any callable. Throws PyRaise for Python exceptions (and Abort for the step budget). */
  call(fn: PyValue, args: PyValue[], kwargs: Kwargs = new Map()): PyValue {
    if (fn !== null && typeof fn === "object") {
      switch (fn.kind) {
        case "function":
          return this.callPython(fn, args, kwargs);
        case "builtin":
          // A native function on the stack counts toward the recursion limit, as C calls do in CPython.
          this.nativeDepth++;
          try {
            return fn.fn(args, kwargs, this);
          } finally {
            this.nativeDepth--;
          }
        case "method":
          return this.call(fn.func, [fn.self, ...args], kwargs);
        case "class":
          return callClass(this, fn, args, kwargs);
        case "instance": {
          const h = O.nativeHook(fn.cls, "call");
          if (h) return h(fn, args, kwargs, this);
          break;
        }
      }
    }
    throw pyError("TypeError", `'${O.typeName(fn)}' object is not callable`);
  }

  private callPython(fn: PyFunction, args: PyValue[], kwargs: Kwargs): PyValue {
    const frame = this.enterFrame(fn, args, kwargs);
    try {
      const body = (fn.impl as FuncImpl).body;
      if (!Array.isArray(body)) return this.evalFast(body, frame);
      return this.execBlock(body, frame) === RETURN ? frame.retval : null;
    } catch (e) {
      if (e instanceof PyRaise) this.addTraceback(e.exception, frame);
      else if (e instanceof RangeError) {
        // Safety net: the JS stack ran out before the recursion counter (a very deep expression per frame).
        const exc = newException(C.exceptionClasses.get("RecursionError")!, ["maximum recursion depth exceeded"]);
        this.addTraceback(exc, frame);
        throw new PyRaise(exc);
      }
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  private enterFrame(fn: PyFunction, args: PyValue[], kwargs: Kwargs): Frame {
    const impl = fn.impl as FuncImpl;
    if (this.depth + this.nativeDepth >= this.recursionLimit) throw pyError("RecursionError", "maximum recursion depth exceeded");
    this.charge(1);
    const scope: Scope = { vars: new Map(), info: impl.info, parent: impl.closure };
    this.bindParameters(fn, impl, scope.vars, args, kwargs);
    const node = Array.isArray(impl.body) ? impl.body[0] : impl.body;
    const frame: Frame = { name: fn.name, code: impl.code, node, scope, globals: impl.globals, retval: null };
    this.depth++;
    this.frames.push(frame);
    return frame;
  }

  private bindParameters(fn: PyFunction, impl: FuncImpl, vars: Map<string, PyValue>, args: PyValue[], kwargs: Kwargs): void {
    const params = impl.args.args;
    const name = fn.qualname;
    const n = params.length;
    for (let i = 0; i < Math.min(n, args.length); i++) vars.set(params[i].name, args[i]);
    if (args.length > n) {
      if (impl.args.vararg) vars.set(impl.args.vararg, pyTuple(args.slice(n)));
      else {
        const req = params.filter((p) => !p.default).length;
        const takes = req === n ? `${n}` : `from ${req} to ${n}`;
        const kwGiven = [...kwargs.keys()].filter((k) => impl.args.kwonly.some((p) => p.name === k)).length;
        const extra = kwGiven ? ` positional argument${args.length === 1 ? "" : "s"} (and ${kwGiven} keyword-only argument${kwGiven === 1 ? "" : "s"})` : "";
        throw pyError(
          "TypeError",
          `${name}() takes ${takes} positional argument${n === 1 && req === n ? "" : "s"} but ${args.length}${extra} ${args.length === 1 && !kwGiven ? "was" : "were"} given`,
        );
      }
    } else if (impl.args.vararg) vars.set(impl.args.vararg, pyTuple([]));
    let extraKw: PyDictObject | null = null;
    if (impl.args.kwarg) {
      extraKw = newDict();
      vars.set(impl.args.kwarg, extraKw);
    }
    for (const [k, v] of kwargs) {
      const isParam = params.some((p) => p.name === k) || impl.args.kwonly.some((p) => p.name === k);
      if (isParam) {
        if (vars.has(k)) throw pyError("TypeError", `${name}() got multiple values for argument '${k}'`);
        vars.set(k, v);
      } else if (extraKw) dictSet(this, extraKw, k, v);
      else throw pyError("TypeError", `${name}() got an unexpected keyword argument '${k}'`);
    }
    const missing: string[] = [];
    const firstDefault = n - impl.defaults.length;
    for (let i = 0; i < n; i++) {
      const p = params[i];
      if (vars.has(p.name)) continue;
      if (i >= firstDefault) vars.set(p.name, impl.defaults[i - firstDefault]);
      else missing.push(p.name);
    }
    if (missing.length) {
      throw pyError("TypeError", `${name}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${listNames(missing)}`);
    }
    const kwMissing: string[] = [];
    for (const p of impl.args.kwonly) {
      if (vars.has(p.name)) continue;
      if (impl.kwDefaults.has(p.name)) vars.set(p.name, impl.kwDefaults.get(p.name)!);
      else kwMissing.push(p.name);
    }
    if (kwMissing.length) {
      throw pyError("TypeError", `${name}() missing ${kwMissing.length} required keyword-only argument${kwMissing.length > 1 ? "s" : ""}: ${listNames(kwMissing)}`);
    }
  }

  private addTraceback(exc: PyInstance, frame: Frame, force = false): void {
    if (!exc.exception) return;
    if (!force && this.tbMarks.get(exc) === frame) return;
    this.tbMarks.set(exc, frame);
    const node = frame.node;
    const src = frame.code.lines[node.line - 1];
    exc.exception.traceback.unshift({
      filename: frame.code.filename,
      line: node.line,
      name: frame.name,
      source: src,
      colStart: node.col,
      colEnd: node.endLine === node.line ? node.endCol : undefined,
      ...(binopAnchor(node) ?? {}),
    } as TracebackEntry);
  }

  // ================================================================ statements

  private runModuleBody(mod: Module, module: PyModule, code: CodeInfo): void {
    const frame: Frame = { name: "<module>", code, node: mod.body[0] ?? { line: 1, col: 0, endLine: 1, endCol: 0 }, scope: null, globals: module.attrs, retval: null };
    this.frames.push(frame);
    this.depth++;
    try {
      this.execBlock(mod.body, frame);
    } catch (e) {
      if (e instanceof PyRaise) this.addTraceback(e.exception, frame);
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  private execBlock(body: Stmt[], f: Frame): Signal {
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      if (++this.steps > this.stepBudget) throw new Abort("step-budget");
      f.node = s;
      // Common statements are handled here (and calls evaluated directly) so that each level of Python
      // recursion costs as few JS frames as possible.
      if (s.type === "Return") {
        f.retval = s.value ? this.evalFast(s.value, f) : null;
        return RETURN;
      }
      if (s.type === "Expr") {
        this.evalFast(s.value, f);
        continue;
      }
      const r = this.exec(s, f);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  }

  private exec(s: Stmt, f: Frame): Signal {
    switch (s.type) {
      case "Expr":
        this.eval(s.value, f);
        return NORMAL;
      case "Assign":
        this.execAssign(s, f);
        return NORMAL;
      case "AugAssign":
        this.augAssign(s, f);
        return NORMAL;
      case "AnnAssign":
        if (s.value) this.assign(s.target, this.eval(s.value, f), f);
        return NORMAL;
      case "Return":
        f.retval = s.value ? this.eval(s.value, f) : null;
        return RETURN;
      case "If":
        return this.execIf(s, f);
      case "While":
        return this.execWhile(s, f);
      case "For":
        return this.execFor(s, f);
      case "Break":
        return BREAK;
      case "Continue":
        return CONTINUE;
      case "Pass":
      case "Global":
      case "Nonlocal":
        return NORMAL;
      case "FunctionDef":
        this.execDef(s, f);
        return NORMAL;
      case "Raise":
        this.execRaise(s, f);
        return NORMAL;
      case "Try":
        return this.execTry(s, f);
      case "Delete":
        for (const t of s.targets) this.deleteTarget(t, f);
        return NORMAL;
      case "Assert":
        this.execAssert(s, f);
        return NORMAL;
      case "Import":
      case "ImportFrom":
        this.execImport(s, f);
        return NORMAL;
      case "Unsupported":
        throw pyError("SyntaxError", `unsupported: ${s.whatEn}`);
    }
  }

  private execAssign(s: Extract<Stmt, { type: "Assign" }>, f: Frame): void {
    const v = this.evalFast(s.value, f);
    for (const t of s.targets) this.assign(t, v, f);
  }

  private execIf(s: Extract<Stmt, { type: "If" }>, f: Frame): Signal {
    if (O.truthy(this, this.eval(s.test, f))) return this.execBlock(s.body, f);
    return this.execBlock(s.orelse, f);
  }

  private execAssert(s: Extract<Stmt, { type: "Assert" }>, f: Frame): void {
    if (O.truthy(this, this.eval(s.test, f))) return;
    const args = s.msg ? [this.eval(s.msg, f)] : [];
    f.node = s;
    throw this.raiseNew(newException(C.exceptionClasses.get("AssertionError")!, args));
  }

  private execImport(s: Extract<Stmt, { type: "Import" | "ImportFrom" }>, f: Frame): void {
    if (s.type === "Import") {
      for (const a of s.names) this.storeName(a.asname ?? a.name, this.importModule(a.name), f);
      return;
    }
    const mod = this.importModule(s.module);
    for (const a of s.names) {
      if (a.name === "*") {
        for (const [k, v] of mod.attrs) if (!k.startsWith("_")) this.storeName(k, v, f);
        continue;
      }
      const v = mod.attrs.get(a.name);
      if (v === undefined) {
        throw pyError("ImportError", `cannot import name '${a.name}' from '${mod.name}' (${mod.file ?? "unknown location"})`);
      }
      this.storeName(a.asname ?? a.name, v, f);
    }
  }

  private execWhile(s: Extract<Stmt, { type: "While" }>, f: Frame): Signal {
    while (O.truthy(this, this.eval(s.test, f))) {
      this.charge(1);
      const r = this.execBlock(s.body, f);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return r;
      f.node = s;
    }
    return this.execBlock(s.orelse, f);
  }

  private execFor(s: Extract<Stmt, { type: "For" }>, f: Frame): Signal {
    const iterable = this.eval(s.iter, f);
    f.node = s.iter;
    const next = this.iter(iterable);
    for (;;) {
      const item = next();
      if (item === undefined) break;
      this.charge(1);
      this.assign(s.target, item, f);
      const r = this.execBlock(s.body, f);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return r;
      f.node = s.iter;
    }
    return this.execBlock(s.orelse, f);
  }

  private execDef(s: Extract<Stmt, { type: "FunctionDef" }>, f: Frame): void {
    const decorators = s.decorators.map((d) => this.eval(d, f));
    let fn: PyValue = this.makeFunction(s.name, s.args, s.body, s, f);
    for (let i = decorators.length - 1; i >= 0; i--) {
      f.node = s.decorators[i];
      fn = this.call(decorators[i], [fn]);
    }
    this.storeName(s.name, fn, f);
  }

  private makeFunction(name: string, args: Arguments, body: Stmt[] | Expr, node: object, f: Frame): PyFunction {
    const defaults = args.args.filter((a) => a.default).map((a) => this.eval(a.default!, f));
    const kwDefaults = new Map<string, PyValue>();
    for (const a of args.kwonly) if (a.default) kwDefaults.set(a.name, this.eval(a.default, f));
    const info = Array.isArray(body) ? functionScope(node, args, body) : functionScope(node, args, []);
    const impl: FuncImpl = { args, body, info, defaults, kwDefaults, closure: f.scope, globals: f.globals, code: f.code };
    const qual = f.scope && f.name !== "<module>" && !f.name.startsWith("<") ? `${f.name}.<locals>.${name}` : name;
    const modName = f.globals.get("__name__");
    const fn: PyFunction = {
      kind: "function",
      name,
      qualname: qual,
      module: typeof modName === "string" ? modName : "__main__",
      impl,
      attrs: new Map(),
    };
    if (Array.isArray(body)) {
      const first = body[0];
      fn.attrs.set("__doc__", first && first.type === "Expr" && first.value.type === "Const" && typeof first.value.value === "string" ? first.value.value : null);
    }
    return fn;
  }

  private raiseNew(exc: PyInstance): PyRaise {
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== exc && exc.exception && !exc.exception.context) exc.exception.context = ctx;
    return new PyRaise(exc);
  }

  private execRaise(s: Extract<Stmt, { type: "Raise" }>, f: Frame): void {
    if (!s.exc) {
      const cur = this.handling[this.handling.length - 1];
      if (!cur) throw pyError("RuntimeError", "No active exception to reraise");
      throw new PyRaise(cur);
    }
    const exc = this.toException(this.eval(s.exc, f), "exceptions must derive from BaseException");
    if (s.cause) {
      const c = this.eval(s.cause, f);
      exc.exception!.cause = c === null ? null : this.toException(c, "exception causes must derive from BaseException");
      exc.exception!.suppressContext = true;
    }
    f.node = s;
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== exc && !exc.exception!.context) exc.exception!.context = ctx;
    if (exc.exception!.traceback.length) this.addTraceback(exc, f, true);
    throw new PyRaise(exc);
  }

  private toException(v: PyValue, msg: string): PyInstance {
    if (v !== null && typeof v === "object" && v.kind === "class" && C.isExceptionClass(v)) {
      const inst = this.call(v, []);
      if (O.isExceptionInstance(inst)) return inst;
    }
    if (O.isExceptionInstance(v)) return v;
    throw pyError("TypeError", msg);
  }

  private execTry(s: Extract<Stmt, { type: "Try" }>, f: Frame): Signal {
    let sig: Signal = NORMAL;
    let pending: unknown = undefined;
    let hasPending = false;
    try {
      let raised = false;
      try {
        sig = this.execBlock(s.body, f);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        raised = true;
        this.addTraceback(e.exception, f);
        const h = this.matchHandler(s.handlers, e.exception, f);
        if (!h) throw e;
        sig = this.runHandler(h, e.exception, f);
      }
      if (!raised && sig === NORMAL && s.orelse.length) sig = this.execBlock(s.orelse, f);
    } catch (e) {
      if (e instanceof Abort || !s.finalbody.length) throw e;
      pending = e;
      hasPending = true;
    }
    if (s.finalbody.length) {
      const fsig = this.execBlock(s.finalbody, f);
      if (fsig !== NORMAL) return fsig; // return/break in finally swallows the exception
      if (hasPending) throw pending;
    }
    return sig;
  }

  private matchHandler(handlers: ExceptHandler[], exc: PyInstance, f: Frame): ExceptHandler | null {
    for (const h of handlers) {
      if (!h.excType) return h;
      f.node = h.excType;
      const t = this.eval(h.excType, f);
      const classes = t !== null && typeof t === "object" && t.kind === "tuple" ? t.items : [t];
      for (const c of classes) {
        if (c === null || typeof c !== "object" || c.kind !== "class" || !C.isExceptionClass(c)) {
          throw pyError("TypeError", "catching classes that do not inherit from BaseException is not allowed");
        }
        if (C.isSubclass(exc.cls, c)) return h;
      }
    }
    return null;
  }

  private runHandler(h: ExceptHandler, exc: PyInstance, f: Frame): Signal {
    this.handling.push(exc);
    try {
      if (h.name) this.storeName(h.name, exc, f);
      return this.execBlock(h.body, f);
    } finally {
      this.handling.pop();
      if (h.name) this.deleteName(h.name, f, true);
    }
  }

  // ================================================================ names

  private lookupName(name: string, f: Frame, node: Pos): PyValue {
    const scope = f.scope;
    if (scope) {
      if (scope.info.locals.has(name)) {
        const v = scope.vars.get(name);
        if (v !== undefined) return v;
        f.node = node;
        if (scope.info === moduleLikeInfo) return this.lookupGlobal(name, f, node);
        throw pyError("UnboundLocalError", `cannot access local variable '${name}' where it is not associated with a value`);
      }
      if (!scope.info.globals.has(name)) {
        for (let s = scope.parent; s; s = s.parent) {
          if (s.info.locals.has(name)) {
            const v = s.vars.get(name);
            if (v !== undefined) return v;
            f.node = node;
            throw pyError("NameError", `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
          }
        }
      }
    }
    return this.lookupGlobal(name, f, node);
  }

  private lookupGlobal(name: string, f: Frame, node: Pos): PyValue {
    const g = f.globals.get(name);
    if (g !== undefined) return g;
    const b = this.builtins.get(name);
    if (b !== undefined) return b;
    f.node = node;
    const exc = newException(C.exceptionClasses.get("NameError")!, [`name '${name}' is not defined`]);
    exc.attrs.set("name", name);
    setSuggestionCandidates(exc, [...(f.scope ? f.scope.vars.keys() : f.globals.keys()), ...f.globals.keys(), ...this.builtins.keys()]);
    throw new PyRaise(exc);
  }

  private storeName(name: string, v: PyValue, f: Frame): void {
    const scope = f.scope;
    if (scope) {
      if (scope.info.locals.has(name)) {
        scope.vars.set(name, v);
        return;
      }
      if (scope.info.nonlocals.has(name)) {
        for (let s = scope.parent; s; s = s.parent) {
          if (s.info.locals.has(name)) {
            s.vars.set(name, v);
            return;
          }
        }
      }
      if (!scope.info.globals.has(name)) {
        scope.vars.set(name, v);
        return;
      }
    }
    f.globals.set(name, v);
  }

  private deleteName(name: string, f: Frame, quiet = false): void {
    const scope = f.scope;
    if (scope && scope.info.locals.has(name)) {
      if (!scope.vars.delete(name) && !quiet) throw pyError("UnboundLocalError", `cannot access local variable '${name}' where it is not associated with a value`);
      return;
    }
    if (!f.globals.delete(name) && !quiet) throw pyError("NameError", `name '${name}' is not defined`);
  }

  // ================================================================ assignment

  private assign(t: Expr, v: PyValue, f: Frame): void {
    switch (t.type) {
      case "Name":
        this.storeName(t.id, v, f);
        return;
      case "Attribute": {
        const obj = this.eval(t.value, f);
        f.node = t;
        setAttribute(this, obj, t.attr, v);
        return;
      }
      case "Subscript": {
        const obj = this.eval(t.value, f);
        const key = this.eval(t.index, f);
        f.node = t;
        setItem(this, obj, key, v);
        return;
      }
      case "Tuple":
      case "List":
        this.unpack(t.elts, v, f, t);
        return;
      case "Starred":
        this.assign(t.value, v, f);
        return;
    }
    throw pyError("SyntaxError", "cannot assign to expression");
  }

  private unpack(elts: Expr[], v: PyValue, f: Frame, node: Pos): void {
    const starIdx = elts.findIndex((e) => e.type === "Starred");
    f.node = node;
    const it = this.tryIter(v);
    if (!it) throw pyError("TypeError", `cannot unpack non-iterable ${O.typeName(v)} object`);
    const items: PyValue[] = [];
    const limit = starIdx < 0 ? elts.length + 1 : MAX_SEQUENCE_LENGTH;
    for (let x = it(); x !== undefined; x = it()) {
      this.charge(1);
      items.push(x);
      if (items.length >= limit) break;
    }
    if (starIdx < 0) {
      if (items.length < elts.length) throw pyError("ValueError", `not enough values to unpack (expected ${elts.length}, got ${items.length})`);
      if (items.length > elts.length) throw pyError("ValueError", `too many values to unpack (expected ${elts.length})`);
      elts.forEach((e, i) => this.assign(e, items[i], f));
      return;
    }
    const after = elts.length - starIdx - 1;
    if (items.length < elts.length - 1) throw pyError("ValueError", `not enough values to unpack (expected at least ${elts.length - 1}, got ${items.length})`);
    for (let i = 0; i < starIdx; i++) this.assign(elts[i], items[i], f);
    this.assign(elts[starIdx], pyList(items.slice(starIdx, items.length - after)), f);
    for (let i = 0; i < after; i++) this.assign(elts[starIdx + 1 + i], items[items.length - after + i], f);
  }

  private augAssign(s: Extract<Stmt, { type: "AugAssign" }>, f: Frame): void {
    const op = s.op as BinaryOperator;
    const t = s.target;
    const inplace = (cur: PyValue, rhs: PyValue): PyValue => {
      f.node = s;
      if (cur !== null && typeof cur === "object" && cur.kind === "list") {
        if (op === "+") {
          const items = this.iterate(rhs);
          if (cur.items.length + items.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
          this.chargeAlloc(items.length);
          for (const x of items) cur.items.push(x);
          return cur;
        }
        if (op === "*") {
          const r = binaryOp(this, op, cur, rhs) as typeof cur;
          cur.items = r.items;
          return cur;
        }
      }
      if (cur !== null && typeof cur === "object" && cur.kind === "dict" && op === "|") {
        const r = binaryOp(this, op, cur, rhs) as PyDictObject;
        cur.entries = r.entries;
        return cur;
      }
      return binaryOp(this, op, cur, rhs);
    };
    if (t.type === "Name") {
      const cur = this.lookupName(t.id, f, t);
      const rhs = this.eval(s.value, f);
      this.storeName(t.id, inplace(cur, rhs), f);
    } else if (t.type === "Attribute") {
      const obj = this.eval(t.value, f);
      f.node = t;
      const cur = getAttribute(this, obj, t.attr);
      const rhs = this.eval(s.value, f);
      const nv = inplace(cur, rhs);
      f.node = t;
      setAttribute(this, obj, t.attr, nv);
    } else if (t.type === "Subscript") {
      const obj = this.eval(t.value, f);
      const key = this.eval(t.index, f);
      f.node = t;
      const cur = getItem(this, obj, key);
      const rhs = this.eval(s.value, f);
      const nv = inplace(cur, rhs);
      f.node = t;
      setItem(this, obj, key, nv);
    }
  }

  private deleteTarget(t: Expr, f: Frame): void {
    switch (t.type) {
      case "Name":
        f.node = t;
        this.deleteName(t.id, f);
        return;
      case "Subscript": {
        const obj = this.eval(t.value, f);
        const key = this.eval(t.index, f);
        f.node = t;
        deleteItem(this, obj, key);
        return;
      }
      case "Attribute": {
        const obj = this.eval(t.value, f);
        f.node = t;
        deleteAttribute(this, obj, t.attr);
        return;
      }
      case "Tuple":
      case "List":
        for (const e of t.elts) this.deleteTarget(e, f);
        return;
    }
  }

  // ================================================================ expressions

  /** eval() with the call case short-circuited (one JS frame less per Python call). */
  private evalFast(e: Expr, f: Frame): PyValue {
    return e.type === "Call" ? this.evalCall(e, f) : this.eval(e, f);
  }

  eval(e: Expr, f: Frame): PyValue {
    // A small dispatcher (each case in its own method) keeps JS frames small: deep Python recursion must fit
    // V8's stack well before the recursion limit.
    switch (e.type) {
      case "Const":
        return this.evalConst(e);
      case "Name":
        return this.lookupName(e.id, f, e);
      case "BinOp":
        return this.evalBinOp(e, f);
      case "Call":
        return this.evalCall(e, f);
      case "Attribute":
        return this.evalAttribute(e, f);
      case "Subscript":
        return this.evalSubscript(e, f);
      case "Compare":
        return this.evalCompare(e, f);
      case "BoolOp":
        return this.evalBoolOp(e, f);
      case "UnaryOp":
        return this.evalUnary(e, f);
      case "IfExp":
        return this.evalIfExp(e, f);
      case "FString":
        return this.evalFString(e.parts, f, e);
      case "List":
        return pyList(this.evalElements(e.elts, f));
      case "Tuple":
        return pyTuple(this.evalElements(e.elts, f));
      case "Set":
        return this.evalSet(e, f);
      case "Dict":
        return this.evalDict(e, f);
      case "Slice":
        return this.evalSlice(e, f);
      case "Lambda":
        return this.makeFunction("<lambda>", e.args, e.body, e, f);
      case "ListComp":
      case "GeneratorExp":
      case "SetComp":
      case "DictComp":
        return this.evalComprehension(e, f);
      case "Starred":
        throw pyError("SyntaxError", "can't use starred expression here");
      case "UnsupportedExpr":
        throw pyError("SyntaxError", `unsupported: ${e.whatEn}`);
    }
  }

  private evalConst(e: Extract<Expr, { type: "Const" }>): PyValue {
    const v = e.value;
    if (v !== null && typeof v === "object") return { kind: "bytes", data: v.bytes };
    return v;
  }

  private evalBinOp(e: Extract<Expr, { type: "BinOp" }>, f: Frame): PyValue {
    const a = this.eval(e.left, f);
    const b = this.eval(e.right, f);
    f.node = e;
    return binaryOp(this, e.op as BinaryOperator, a, b);
  }

  private evalAttribute(e: Extract<Expr, { type: "Attribute" }>, f: Frame): PyValue {
    const obj = this.eval(e.value, f);
    f.node = e;
    return getAttribute(this, obj, e.attr);
  }

  private evalSubscript(e: Extract<Expr, { type: "Subscript" }>, f: Frame): PyValue {
    const obj = this.eval(e.value, f);
    const key = this.eval(e.index, f);
    f.node = e;
    return getItem(this, obj, key);
  }

  private evalBoolOp(e: Extract<Expr, { type: "BoolOp" }>, f: Frame): PyValue {
    let v: PyValue = null;
    for (const x of e.values) {
      v = this.eval(x, f);
      const t = O.truthy(this, v);
      if (e.op === "and" ? !t : t) return v;
    }
    return v;
  }

  private evalUnary(e: Extract<Expr, { type: "UnaryOp" }>, f: Frame): PyValue {
    const v = this.eval(e.operand, f);
    if (e.op === "not") return !O.truthy(this, v);
    f.node = e;
    return unaryOp(this, e.op, v);
  }

  private evalIfExp(e: Extract<Expr, { type: "IfExp" }>, f: Frame): PyValue {
    return O.truthy(this, this.eval(e.test, f)) ? this.eval(e.body, f) : this.eval(e.orelse, f);
  }

  private evalSet(e: Extract<Expr, { type: "Set" }>, f: Frame): PyValue {
    const items = new Map<string, PyValue>();
    for (const x of this.evalElements(e.elts, f)) {
      const k = O.hashKey(this, x);
      if (!items.has(k)) items.set(k, x);
    }
    return { kind: "set", items, frozen: false };
  }

  private evalDict(e: Extract<Expr, { type: "Dict" }>, f: Frame): PyValue {
    const d = newDict();
    for (let i = 0; i < e.keys.length; i++) {
      const k = e.keys[i];
      if (k === null) {
        const m = this.eval(e.values[i], f);
        if (m === null || typeof m !== "object" || m.kind !== "dict") throw pyError("TypeError", `'${O.typeName(m)}' object is not a mapping`);
        for (const [kk, vv] of m.entries.values()) dictSet(this, d, kk, vv);
      } else {
        const kv = this.eval(k, f);
        const vv = this.eval(e.values[i], f);
        f.node = k;
        dictSet(this, d, kv, vv);
      }
    }
    return d;
  }

  private evalSlice(e: Extract<Expr, { type: "Slice" }>, f: Frame): PyValue {
    return {
      kind: "slice",
      start: e.lower ? this.eval(e.lower, f) : null,
      stop: e.upper ? this.eval(e.upper, f) : null,
      step: e.step ? this.eval(e.step, f) : null,
    };
  }

  private evalElements(elts: Expr[], f: Frame): PyValue[] {
    const out: PyValue[] = [];
    for (const x of elts) {
      if (x.type === "Starred") {
        const v = this.eval(x.value, f);
        f.node = x;
        for (const item of this.iterate(v)) out.push(item);
        if (out.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
      } else out.push(this.eval(x, f));
    }
    return out;
  }

  private evalCompare(e: Extract<Expr, { type: "Compare" }>, f: Frame): PyValue {
    let left = this.eval(e.left, f);
    for (let i = 0; i < e.ops.length; i++) {
      const right = this.eval(e.comparators[i], f);
      f.node = e;
      if (!compareOp(this, e.ops[i], left, right)) return false;
      left = right;
    }
    return true;
  }

  private evalCall(e: Extract<Expr, { type: "Call" }>, f: Frame): PyValue {
    const fn = this.eval(e.func, f);
    const ak = this.evalArgs(e, f, fn);
    f.node = e;
    if (fn !== null && typeof fn === "object" && fn.kind === "function") return this.callPython(fn, ak[0], ak[1]);
    return this.call(fn, ak[0], ak[1]);
  }

  private evalArgs(e: Extract<Expr, { type: "Call" }>, f: Frame, fn: PyValue): [PyValue[], Kwargs] {
    const args: PyValue[] = [];
    for (const a of e.args) {
      if (a.type === "Starred") {
        const v = this.eval(a.value, f);
        f.node = a;
        const it = this.tryIter(v);
        if (!it) throw pyError("TypeError", `${callableName(fn)} argument after * must be an iterable, not ${O.typeName(v)}`);
        for (const x of this.iterate(v)) args.push(x);
      } else args.push(this.eval(a, f));
    }
    const kwargs: Kwargs = new Map();
    for (const k of e.keywords) {
      const v = this.eval(k.value, f);
      if (k.name !== null) {
        kwargs.set(k.name, v);
        continue;
      }
      f.node = e;
      if (v === null || typeof v !== "object" || v.kind !== "dict") {
        throw pyError("TypeError", `${callableName(fn)} argument after ** must be a mapping, not ${O.typeName(v)}`);
      }
      for (const [kk, vv] of v.entries.values()) {
        if (typeof kk !== "string") throw pyError("TypeError", "keywords must be strings");
        if (kwargs.has(kk)) throw pyError("TypeError", `${callableName(fn)} got multiple values for keyword argument '${kk}'`);
        kwargs.set(kk, vv);
      }
    }
    return [args, kwargs];
  }

  private evalFString(parts: Extract<Expr, { type: "FString" }>["parts"], f: Frame, node: Pos): string {
    let out = "";
    for (const p of parts) {
      if (typeof p === "string") {
        out += p;
        continue;
      }
      const v = this.eval(p.expr, f);
      f.node = node;
      let s: PyValue = v;
      if (p.conversion === "r") s = O.repr(this, v);
      else if (p.conversion === "s") s = O.str(this, v);
      else if (p.conversion === "a") s = asciiRepr(O.repr(this, v));
      const spec = p.spec ? this.evalFString(p.spec, f, node) : "";
      f.node = node;
      const piece = formatValue(this, s, spec);
      if (p.debugText !== null) out += p.debugText;
      out += piece;
      if (out.length > 16 * 1024 * 1024) throw pyError("MemoryError");
    }
    return out;
  }

  private evalComprehension(e: Extract<Expr, { type: "ListComp" | "SetComp" | "GeneratorExp" | "DictComp" }>, f: Frame): PyValue {
    const info = comprehensionScope(e, e.generators);
    const firstIterable = this.eval(e.generators[0].iter, f);
    f.node = e.generators[0].iter;
    const firstIter = this.iter(firstIterable);
    f.node = e;
    const scope: Scope = { vars: new Map(), info, parent: f.scope };
    const name = e.type === "ListComp" ? "<listcomp>" : e.type === "SetComp" ? "<setcomp>" : e.type === "DictComp" ? "<dictcomp>" : "<genexpr>";
    // CPython 3.11 runs a comprehension in its own frame: it counts toward the recursion limit and shows in tracebacks.
    if (this.depth + this.nativeDepth >= this.recursionLimit) throw pyError("RecursionError", "maximum recursion depth exceeded");
    const cf: Frame = { name, code: f.code, node: e, scope, globals: f.globals, retval: null };
    this.depth++;
    this.frames.push(cf);
    try {
      return this.runComprehension(e, cf, firstIter);
    } catch (err) {
      if (err instanceof PyRaise) this.addTraceback(err.exception, cf);
      throw err;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  private runComprehension(e: Extract<Expr, { type: "ListComp" | "SetComp" | "GeneratorExp" | "DictComp" }>, cf: Frame, firstIter: () => PyValue | undefined): PyValue {
    const results: PyValue[] = [];
    const dict = e.type === "DictComp" ? newDict() : null;
    const loop = (level: number, iterable: PyValue | (() => PyValue | undefined)): void => {
      const gen: Comprehension = e.generators[level];
      cf.node = gen.iter;
      const next = typeof iterable === "function" ? iterable : this.iter(iterable);
      for (let x = next(); x !== undefined; x = next()) {
        this.charge(1);
        this.assign(gen.target, x, cf);
        let ok = true;
        for (const cond of gen.ifs) {
          if (!O.truthy(this, this.eval(cond, cf))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (level + 1 < e.generators.length) loop(level + 1, this.eval(e.generators[level + 1].iter, cf));
        else if (dict) {
          const k = this.eval((e as Extract<Expr, { type: "DictComp" }>).key, cf);
          const v = this.eval((e as Extract<Expr, { type: "DictComp" }>).value, cf);
          dictSet(this, dict, k, v);
        } else {
          results.push(this.eval((e as unknown as { elt: Expr }).elt, cf));
          if (results.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
        }
      }
    };
    loop(0, firstIter);
    if (dict) return dict;
    if (e.type === "SetComp") {
      const items = new Map<string, PyValue>();
      for (const x of results) {
        const k = O.hashKey(this, x);
        if (!items.has(k)) items.set(k, x);
      }
      return { kind: "set", items, frozen: false };
    }
    if (e.type === "GeneratorExp") {
      let i = 0;
      return { kind: "iterator", typeName: "generator", next: () => (i < results.length ? results[i++] : undefined) };
    }
    return pyList(results);
  }
}

/** int→str conversions beyond 4300 digits raise ValueError (CPython 3.11's sys.int_info.default_max_str_digits). */
const INT_STR_LIMIT = 10n ** 4300n;

const moduleLikeInfo: ScopeInfo = { locals: new Set(), globals: new Set(), nonlocals: new Set() };

function docstring(m: Module): PyValue {
  const first = m.body[0];
  return first && first.type === "Expr" && first.value.type === "Const" && typeof first.value.value === "string" ? first.value.value : null;
}

export function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(", ") + ", and " + q[q.length - 1];
}

function callableName(fn: PyValue): string {
  if (fn !== null && typeof fn === "object") {
    if (fn.kind === "function") return fn.module === "builtins" ? `${fn.qualname}()` : `${fn.module}.${fn.qualname}()`;
    if (fn.kind === "builtin") return `${fn.name}()`;
    if (fn.kind === "class") return `${fn.name}()`;
  }
  return `${O.typeName(fn)} object`;
}

export function asciiRepr(r: string): string {
  let out = "";
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out;
}

/** For `a + b` style nodes: where the operator sits, for 3.11's `~~^~~` carets. */
function binopAnchor(node: Pos): { anchorStart: number; anchorEnd: number } | undefined {
  const n = node as Expr;
  if (!("type" in n)) return undefined;
  if (n.type === "BinOp" && n.left.endLine === n.line && n.right.line === n.line) {
    return { anchorStart: n.left.endCol, anchorEnd: n.right.col };
  }
  if (n.type === "Subscript" && n.value.endLine === n.line) {
    return { anchorStart: n.value.endCol, anchorEnd: -1 };
  }
  return undefined;
}

/** iterator over any iterable value, or undefined. */
function iterOf(interp: Interpreter, v: PyValue): (() => PyValue | undefined) | undefined {
  if (typeof v === "string") {
    const chars = hasAstral(v) ? Array.from(v) : null;
    let i = 0;
    if (chars) return () => (i < chars.length ? chars[i++] : undefined);
    return () => (i < v.length ? v[i++] : undefined);
  }
  if (v === null || typeof v !== "object") return undefined;
  switch (v.kind) {
    case "list": {
      let i = 0;
      return () => (i < v.items.length ? v.items[i++] : undefined);
    }
    case "tuple": {
      let i = 0;
      return () => (i < v.items.length ? v.items[i++] : undefined);
    }
    case "bytes": {
      let i = 0;
      return () => (i < v.data.length ? BigInt(v.data[i++]) : undefined);
    }
    case "dict":
    case "dictview": {
      const d = v.kind === "dict" ? v : v.dict;
      const which = v.kind === "dict" ? "keys" : v.which;
      const size = d.entries.size;
      const it = d.entries.values();
      return () => {
        if (d.entries.size !== size) throw pyError("RuntimeError", "dictionary changed size during iteration");
        const r = it.next();
        if (r.done) return undefined;
        const [k, x] = r.value;
        return which === "keys" ? k : which === "values" ? x : pyTuple([k, x]);
      };
    }
    case "set": {
      const size = v.items.size;
      const ordered = cpythonSetOrder([...v.items.values()]);
      let i = 0;
      return () => {
        if (v.items.size !== size) throw pyError("RuntimeError", "Set changed size during iteration");
        return i < ordered.length ? ordered[i++] : undefined;
      };
    }
    case "range": {
      let cur = v.start;
      const { stop, step } = v;
      return () => {
        if (step > 0n ? cur >= stop : cur <= stop) return undefined;
        const r = cur;
        cur += step;
        return r;
      };
    }
    case "iterator":
      return () => v.next();
    case "instance": {
      const h = O.nativeHook(v.cls, "iter");
      if (h) {
        const it = h(v, interp);
        return () => {
          const r = it.next();
          return r.done ? undefined : r.value;
        };
      }
      if (v.strValue !== undefined) return iterOf(interp, v.strValue);
      return undefined;
    }
  }
  return undefined;
}

export function hasAstral(s: string): boolean {
  return /[\uD800-\uDFFF]/.test(s);
}

export { isPyException };
export type { Frame };
export { dictGet };
