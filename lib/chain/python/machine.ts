/**
 * The machine under the evaluator: the step budget, virtual time, output, the recursion counters, the frame stack
 * and calling (argument binding, tracebacks). It implements the `Runtime` every native receives; the evaluator
 * (evaluator.ts, executor.ts) and the host API (interpreter.ts) build on it.
 */
import type { Expr, Pos, Stmt } from "./ast";
import { builtinsModule, callClass } from "./builtins";
import * as C from "./classes";
import { Abort, newException, pyError, PyRaise } from "./classes";
import { dictSet, newDict } from "./dict";
import { formatValue } from "./format";
import { DEFAULT_RECURSION_LIMIT, DEFAULT_STEP_BUDGET, MAX_SEQUENCE_LENGTH } from "./limits";
import { getAttribute, setAttribute } from "./attributes";
import * as O from "./objects";
import { formatExceptionOnly, formatTraceback } from "./traceback";
import { listNames } from "./text";
import type { Kwargs, NativeClass, PlainValue, PyClass, PyDictObject, PyFunction, PyInstance, PyModule, PyValue, Runtime, TracebackEntry, TracebackStyle } from "./values";
import { isInstance, pyList, pyTuple } from "./values";
import { RETURN, type Frame, type FuncImpl, type Scope, type Signal } from "./frames";
import { iterOf } from "./iteration";

export interface MachineOptions {
  /** os.environ of the program. */
  environment?: Record<string, string>;
  /** Wall-clock epoch ms at virtual time 0 (time.time()). */
  epochMs?: number;
  /** Steps per top-level run (loadModule / callFunction). Default 10^6. */
  stepBudget?: number;
  /** Python frames before RecursionError. Default 1000 (CPython's). */
  recursionLimit?: number;
}

/** An entry of print()'s output. */
export interface OutputEntry {
  /** interp.virtualMs when written. */
  at: number;
  stream: "stdout" | "stderr";
  text: string;
}

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

export abstract class Machine implements Runtime {
  readonly environment: Record<string, string>;
  /** Wall-clock ms at virtual time 0. A host that reuses a loaded module sets it for each run (see flask/reusable.ts). */
  epochMs: number;
  /** How often Python read the wall clock (time.time()...) or a host noted that it did; see noteWallClockRead. */
  wallClockReads = 0;
  stepBudget: number;
  readonly recursionLimit: number;
  readonly builtins: Map<string, PyValue>;
  protected output: OutputEntry[] = [];
  protected steps = 0;
  protected depth = 0;
  protected nativeDepth = 0;
  protected frames: Frame[] = [];
  protected handling: PyInstance[] = [];
  protected reprGuard = new Set<object>();
  protected tbMarks = new WeakMap<PyInstance, Frame>();
  /** Virtual milliseconds consumed (time.sleep). */
  virtualMs = 0;

  constructor(options: MachineOptions) {
    this.environment = { ...(options.environment ?? {}) };
    this.epochMs = options.epochMs ?? 0;
    this.stepBudget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
    this.recursionLimit = Math.max(10, Math.min(options.recursionLimit ?? DEFAULT_RECURSION_LIMIT, DEFAULT_RECURSION_LIMIT));
    this.builtins = builtinsModule().attrs;
  }


  /** Steps used by the current (or last) top-level run. */
  get stepsUsed(): number {
    return this.steps;
  }

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
  protected outputChars = 0;

  write(stream: "stdout" | "stderr", text: string): void {
    if (this.outputChars + text.length > Machine.MAX_OUTPUT_CHARS) {
      this.outputTruncated = true;
      text = text.slice(0, Math.max(0, Machine.MAX_OUTPUT_CHARS - this.outputChars));
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
  abstract importedModule(name: string): PyModule | undefined;
  /** Import a module by name. */
  abstract importModule(name: string): PyModule;

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

  protected callPython(fn: PyFunction, args: PyValue[], kwargs: Kwargs): PyValue {
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

  /** `app.py:3`: the file (as the student names it) and line of the innermost Python frame, for honest limits. */
  currentPlace(): string {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return "";
    return `${frame.code.path ?? frame.code.filename.split("/").pop()}:${frame.node.line}`;
  }

  zeroArgSuper(): { cls: PyClass; self: PyValue } {
    const frame = this.frames[this.frames.length - 1];
    const impl = frame?.fn?.impl as FuncImpl | undefined;
    const cls = impl?.classCell?.cls;
    if (!frame || !impl || !cls) throw pyError("RuntimeError", "super(): __class__ cell not found");
    const first = impl.args.args[0]?.name ?? impl.args.vararg;
    const self = first !== undefined ? frame.scope?.vars.get(first) : undefined;
    if (self === undefined) throw pyError("RuntimeError", "super(): no arguments");
    return { cls, self: first === impl.args.vararg && self !== null && typeof self === "object" && self.kind === "tuple" ? self.items[0] : self };
  }

  protected enterFrame(fn: PyFunction, args: PyValue[], kwargs: Kwargs): Frame {
    const impl = fn.impl as FuncImpl;
    if (this.depth + this.nativeDepth >= this.recursionLimit) throw pyError("RecursionError", "maximum recursion depth exceeded");
    this.charge(1);
    const scope: Scope = { vars: new Map(), info: impl.info, parent: impl.closure };
    this.bindParameters(fn, impl, scope.vars, args, kwargs);
    const node = Array.isArray(impl.body) ? impl.body[0] : impl.body;
    const frame: Frame = { name: fn.name, qualname: fn.qualname, fn, code: impl.code, node, scope, globals: impl.globals, retval: null };
    this.depth++;
    this.frames.push(frame);
    return frame;
  }

  protected bindParameters(fn: PyFunction, impl: FuncImpl, vars: Map<string, PyValue>, args: PyValue[], kwargs: Kwargs): void {
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

  protected addTraceback(exc: PyInstance, frame: Frame, force = false): void {
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

  /** Run a block of statements (executor.ts). */
  protected abstract execBlock(body: Stmt[], f: Frame): Signal;
  /** Evaluate an expression (evaluator.ts). */
  protected abstract evalFast(e: Expr, f: Frame): PyValue;
}

/** JS frames are limited: refuse native nesting (repr of deep lists...) past this many levels too. */
const NATIVE_NEST_LIMIT = 900;

/** int→str conversions beyond 4300 digits raise ValueError (CPython 3.11's sys.int_info.default_max_str_digits). */
const INT_STR_LIMIT = 10n ** 4300n;

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
