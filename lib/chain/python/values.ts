/**
 * The value model: how Python objects live in TypeScript.
 *
 *   None → null        bool → boolean        int → bigint (arbitrary precision, bounded by limits.ts)
 *   float → number     str → string          everything else → a PyObject (discriminated by `kind`)
 *
 * Host modules (flask, markupsafe) build their objects from these constructors and `NativeClass` below.
 */

export type PyValue = null | boolean | bigint | number | string | PyObject;

export type PyObject =
  | PyBytes
  | PyList
  | PyTuple
  | PyDictObject
  | PySet
  | PyRange
  | PySlice
  | PyFunction
  | PyBuiltin
  | PyBoundMethod
  | PyModule
  | PyClass
  | PyInstance
  | PyIterator
  | PyDictView;

export interface PyBytes {
  kind: "bytes";
  data: Uint8Array;
}
export interface PyList {
  kind: "list";
  items: PyValue[];
}
export interface PyTuple {
  kind: "tuple";
  items: readonly PyValue[];
  /** A tuple subclass made by a host (collections.namedtuple): type() and methods come from it. */
  cls?: PyClass;
}
export interface PySet {
  kind: "set";
  /** hashKey → element, insertion ordered (CPython's order differs for ints beyond small ranges; see README). */
  items: Map<string, PyValue>;
  frozen: boolean;
}
export interface PyRange {
  kind: "range";
  start: bigint;
  stop: bigint;
  step: bigint;
}
export interface PySlice {
  kind: "slice";
  start: PyValue;
  stop: PyValue;
  step: PyValue;
}
/** dict.keys()/values()/items(): live views of a dict. */
export interface PyDictView {
  kind: "dictview";
  dict: PyDictObject;
  which: "keys" | "values" | "items";
}
/** A lazy iterator (iter(), enumerate, zip, map, filter, reversed, generator expressions are lists). */
export interface PyIterator {
  kind: "iterator";
  /** Type name for repr, e.g. `list_iterator`, `map`, `enumerate`. */
  typeName: string;
  /** Next item, or `undefined` when exhausted. May throw a PyException. */
  next(): PyValue | undefined;
}

/** A Python `def` or `lambda`. Its internals are the interpreter's business. */
export interface PyFunction {
  kind: "function";
  name: string;
  qualname: string;
  module: string;
  /** Opaque to hosts. */
  impl: unknown;
  /** Attributes set on the function (`f.__doc__`, decorators' marks). */
  attrs: Map<string, PyValue>;
}

/** Positional and keyword arguments as Python passed them; keyword order is the call's order. */
export type Kwargs = Map<string, PyValue>;

/**
 * A function implemented in TypeScript. Raise Python exceptions with `throw pyError("TypeError", "...")`.
 * Never throw anything else on purpose; let errors from `interp.call(...)` propagate (or catch only those for
 * which `isPyException(e)` is true, and rethrow the rest: they include the step-budget abort).
 */
export type NativeFn = (args: PyValue[], kwargs: Kwargs, interp: Runtime) => PyValue;

export interface PyBuiltin {
  kind: "builtin";
  name: string;
  /** Module for repr (`<built-in function len>` / `<function escape at …>` for hosts is not distinguished). */
  module?: string;
  fn: NativeFn;
}

export interface PyBoundMethod {
  kind: "method";
  self: PyValue;
  func: PyValue;
}

export interface PyModule {
  kind: "module";
  name: string;
  attrs: Map<string, PyValue>;
  /** `<module 'time' (built-in)>` vs a file path for a source module. */
  file?: string;
}

/**
 * A class: builtin types (int, str, list, ValueError…), and native classes defined by host modules.
 * User code cannot define classes (rejected at load time), so every class comes from TypeScript.
 */
export interface PyClass {
  kind: "class";
  name: string;
  module: string;
  base: PyClass | null;
  /** Behaviour of instances; for builtin types most of it lives in the interpreter. */
  native: NativeClass;
  /** Class attributes (e.g. `Response.default_mimetype`); looked up after instance attributes. */
  attrs: Map<string, PyValue>;
}

/**
 * What a host module says about its class. Every hook is optional; missing hooks mean Python's default for a
 * plain object (identity equality and hash, `<module.Name object at 0x…>` repr, always truthy...).
 * `self` is always an instance of this class or of a subclass.
 */
export interface NativeClass {
  /** Called for `Cls(*args, **kwargs)`. Default: an instance with no data; args are a TypeError. */
  construct?(cls: PyClass, args: PyValue[], kwargs: Kwargs, interp: Runtime): PyValue;
  /** Methods, looked up as attributes and bound to the instance: `args[0]` is `self`. */
  methods?: Record<string, NativeFn>;
  /** Computed attributes (`request.method`); return undefined when absent so lookup continues. */
  getattr?(self: PyInstance, name: string, interp: Runtime): PyValue | undefined;
  /** Attribute assignment; return false to refuse (AttributeError). Default: stored in `self.attrs`. */
  setattr?(self: PyInstance, name: string, value: PyValue, interp: Runtime): boolean;
  repr?(self: PyInstance, interp: Runtime): string;
  str?(self: PyInstance, interp: Runtime): string;
  bool?(self: PyInstance, interp: Runtime): boolean;
  len?(self: PyInstance, interp: Runtime): number;
  /** `a == b` where `self` is the left operand (or the right one, reflected). undefined = NotImplemented. */
  eq?(self: PyInstance, other: PyValue, interp: Runtime): boolean | undefined;
  /** Ordering for `<`, `<=`, `>`, `>=` and sorting: negative, zero or positive; undefined = not comparable. */
  compare?(self: PyInstance, other: PyValue, interp: Runtime): number | undefined;
  /** A stable string: equal objects must give equal keys. Return null for "unhashable type". */
  hashKey?(self: PyInstance, interp: Runtime): string | null;
  getitem?(self: PyInstance, key: PyValue, interp: Runtime): PyValue;
  setitem?(self: PyInstance, key: PyValue, value: PyValue, interp: Runtime): void;
  /** `del self[key]`. */
  delitem?(self: PyInstance, key: PyValue, interp: Runtime): void;
  contains?(self: PyInstance, item: PyValue, interp: Runtime): boolean;
  /** Iteration: return a JS iterator of Python values. */
  iter?(self: PyInstance, interp: Runtime): Iterator<PyValue>;
  call?(self: PyInstance, args: PyValue[], kwargs: Kwargs, interp: Runtime): PyValue;
  /** Binary operators with `self` on the left (`reflected` = self was on the right). undefined = NotImplemented. */
  binop?(self: PyInstance, op: BinaryOperator, other: PyValue, reflected: boolean, interp: Runtime): PyValue | undefined;
  /** `format(self, spec)` / f-string `{self:spec}`. Default: str(self) formatted as a str. */
  format?(self: PyInstance, spec: string, interp: Runtime): string;
  /** For a dict or tuple subclass (PyDictObject.cls, PyTuple.cls): repr, given the plain dict's or tuple's. */
  subclassRepr?(self: PyDictObject | PyTuple, plain: () => string, interp: Runtime): string;
  /** For a dict or tuple subclass: computed attributes (undefined when absent). */
  subclassAttr?(self: PyDictObject | PyTuple, name: string, interp: Runtime): PyValue | undefined;
  /** For a dict subclass: its binary operators with self on the left (undefined = NotImplemented). */
  dictBinop?(self: PyDictObject, op: BinaryOperator, other: PyValue, interp: Runtime): PyValue | undefined;
  /** For a dict subclass: `__missing__`, what `d[key]` gives for an absent key (default: KeyError). */
  missing?(self: PyDictObject, key: PyValue, interp: Runtime): PyValue;
}

export type BinaryOperator = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "@" | "&" | "|" | "^" | "<<" | ">>";

/**
 * An instance of a PyClass. Exceptions are instances too: `args` holds the exception's args and
 * `exception` its traceback/cause (see exceptions.ts). `strValue` makes the instance a str subclass
 * (markupsafe.Markup): isinstance(x, str) holds, str methods and operators work on `strValue`
 * unless the class overrides them.
 */
export interface PyInstance {
  kind: "instance";
  cls: PyClass;
  /** Instance `__dict__` (attributes assigned from Python or the host). */
  attrs: Map<string, PyValue>;
  /** Host-private state: anything (the Flask app's rule table, a Response's bytes...). */
  data?: unknown;
  strValue?: string;
  /** Present on exception instances. */
  exception?: ExceptionState;
}

export interface ExceptionState {
  args: PyValue[];
  /** Frames innermost last, as CPython's traceback lists them. */
  traceback: TracebackEntry[];
  cause: PyInstance | null;
  context: PyInstance | null;
  suppressContext: boolean;
}

export interface TracebackEntry {
  filename: string;
  line: number;
  name: string;
  /** The source line, stripped, if known. */
  source?: string;
  /** 0-based column range of the failing expression on that line, for 3.11 carets (optional). */
  colStart?: number;
  colEnd?: number;
}

// ---- the runtime every native receives ---------------------------------------------------------------------------

/** A JSON-like plain value (host data in and out of Python). */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [k: string]: PlainValue };

/**
 * How a traceback is written: "logging" is the traceback module's text (logging, Flask, Gunicorn); "display" is
 * the interpreter's own report of an uncaught exception (uWSGI's PyErr_Print), with "Did you mean" suggestions.
 */
export type TracebackStyle = "logging" | "display";

/**
 * What the running interpreter offers to the code around it: builtins, methods, modules and host natives receive
 * it as `interp`. The interpreter (interpreter.ts) implements it; nothing else depends on the interpreter itself,
 * so the evaluator can change without touching the hundreds of natives.
 */
export interface Runtime {
  readonly environment: Record<string, string>;
  /** Wall-clock ms at virtual time 0. */
  epochMs: number;
  /** Virtual milliseconds consumed (time.sleep). */
  virtualMs: number;
  wallClockReads: number;
  outputTruncated: boolean;
  readonly builtins: Map<string, PyValue>;
  readonly stepsUsed: number;

  /** Charge `n` steps; throws the step-budget abort past the budget. */
  charge(n: number): void;
  /** Charge for allocating `units` characters/slots. */
  chargeAlloc(units: number): void;
  sleep(seconds: number): void;
  /** Wall-clock ms now (epochMs + virtual time), counted as a read. */
  wallClockMs(): number;
  noteWallClockRead(): void;
  write(stream: "stdout" | "stderr", text: string): void;

  repr(v: PyValue): string;
  str(v: PyValue): string;
  truthy(v: PyValue): boolean;
  eq(a: PyValue, b: PyValue): boolean;
  hashKey(v: PyValue): string;
  typeOf(v: PyValue): PyClass;
  typeName(v: PyValue): string;
  isinstance(v: PyValue, cls: PyClass): boolean;
  format(v: PyValue, spec: string): string;
  intToString(v: bigint): string;

  getAttr(obj: PyValue, name: string): PyValue;
  getAttrOrUndefined(obj: PyValue, name: string): PyValue | undefined;
  setAttr(obj: PyValue, name: string, value: PyValue): void;

  builtinClass(name: string): PyClass;
  makeClass(name: string, module: string, native: NativeClass, base?: PyClass): PyClass;
  makeExceptionClass(name: string, module: string, base?: PyClass): PyClass;
  newInstance(cls: PyClass, init?: { data?: unknown; strValue?: string }): PyInstance;
  newException(cls: PyClass | string, ...args: PyValue[]): PyInstance;
  newDict(entries?: Array<[PyValue, PyValue]>): PyDictObject;
  formatTraceback(exc: PyInstance, extraFrames?: TracebackEntry[], style?: TracebackStyle): string;
  formatExceptionOnly(exc: PyInstance, style?: TracebackStyle): string;

  /** Bind native arguments like a Python signature; throws CPython's TypeErrors. */
  bindArgs(fname: string, args: PyValue[], kwargs: Kwargs, names: string[], defaults?: Record<string, PyValue>): Record<string, PyValue>;
  /** Run `fn` one native nesting level deeper (repr/eq/hash of nested containers). */
  guardRecursion<T>(fn: () => T): T;
  guardRepr(obj: object, ifCycle: string, fn: () => string): string;

  tryIter(v: PyValue): (() => PyValue | undefined) | undefined;
  iter(v: PyValue): () => PyValue | undefined;
  iterate(v: PyValue): PyValue[];
  toPlain(v: PyValue): PlainValue;
  fromPlain(p: PlainValue): PyValue;

  importedModule(name: string): PyModule | undefined;
  importModule(name: string): PyModule;
  /** Call any callable. Throws PyRaise for Python exceptions (and the step-budget abort). */
  call(fn: PyValue, args: PyValue[], kwargs?: Kwargs): PyValue;
  /** `app.py:3`: where the innermost Python frame is now (empty outside Python), for honest-limit messages. */
  currentPlace(): string;
  /** What a zero-argument `super()` means in the running Python function: its class and its first argument. */
  zeroArgSuper(): { cls: PyClass; self: PyValue };
}

// ---- constructors -------------------------------------------------------------------------------------------

export const None = null;

export function pyList(items: PyValue[] = []): PyList {
  return { kind: "list", items };
}
export function pyTuple(items: readonly PyValue[] = []): PyTuple {
  return { kind: "tuple", items };
}
export function pyBytes(data: Uint8Array): PyBytes {
  return { kind: "bytes", data };
}
export function pyBuiltin(name: string, fn: NativeFn, module?: string): PyBuiltin {
  return { kind: "builtin", name, fn, module };
}
export function pyModule(name: string, attrs: Record<string, PyValue> = {}): PyModule {
  return { kind: "module", name, attrs: new Map(Object.entries(attrs)) };
}

// ---- guards --------------------------------------------------------------------------------------------------

export function isInt(v: PyValue): v is bigint {
  return typeof v === "bigint";
}
export function isFloat(v: PyValue): v is number {
  return typeof v === "number";
}
export function isObject(v: PyValue): v is PyObject {
  return v !== null && typeof v === "object";
}
export function isInstance(v: PyValue): v is PyInstance {
  return isObject(v) && v.kind === "instance";
}
/** str or a str subclass instance (Markup): returns its text, else undefined. */
export function strOf(v: PyValue): string | undefined {
  if (typeof v === "string") return v;
  if (isInstance(v) && v.strValue !== undefined) return v.strValue;
  return undefined;
}

/** dict: insertion ordered; `entries` maps hashKey (see objects.ts) → [key, value]. Use dict.ts helpers. */
export interface PyDictObject {
  kind: "dict";
  entries: Map<string, [PyValue, PyValue]>;
  /**
   * A dict subclass made by a host (flask's Config, collections.Counter...): type(), methods and the hooks
   * `subclassRepr`/`missing` come from it, everything else is the dict's. `data` is the subclass's own state.
   */
  cls?: PyClass;
  data?: unknown;
}
