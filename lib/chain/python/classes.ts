/**
 * Builtin classes (int, str, list, ValueError...) as PyClass objects shared by all interpreters. They are
 * immutable from Python (user code cannot define or modify classes). Behaviour is attached in builtins.ts.
 */
import type { NativeClass, PyClass, PyInstance, PyValue } from "./values";

export function makeClass(name: string, module: string, native: NativeClass = {}, base: PyClass | null = null): PyClass {
  return { kind: "class", name, module, base, native, attrs: new Map() };
}

const B = "builtins";
export const objectClass = makeClass("object", B);
export const typeClass = makeClass("type", B, {}, objectClass);
export const intClass = makeClass("int", B, {}, objectClass);
export const boolClass = makeClass("bool", B, {}, intClass);
export const floatClass = makeClass("float", B, {}, objectClass);
export const strClass = makeClass("str", B, {}, objectClass);
export const bytesClass = makeClass("bytes", B, {}, objectClass);
export const noneClass = makeClass("NoneType", B, {}, objectClass);
export const listClass = makeClass("list", B, {}, objectClass);
export const tupleClass = makeClass("tuple", B, {}, objectClass);
export const dictClass = makeClass("dict", B, {}, objectClass);
export const setClass = makeClass("set", B, {}, objectClass);
export const frozensetClass = makeClass("frozenset", B, {}, objectClass);
export const rangeClass = makeClass("range", B, {}, objectClass);
export const sliceClass = makeClass("slice", B, {}, objectClass);
export const functionClass = makeClass("function", B, {}, objectClass);
export const builtinFunctionClass = makeClass("builtin_function_or_method", B, {}, objectClass);
export const methodClass = makeClass("method", B, {}, objectClass);
export const moduleClass = makeClass("module", B, {}, objectClass);
export const dictKeysClass = makeClass("dict_keys", B, {}, objectClass);
export const dictValuesClass = makeClass("dict_values", B, {}, objectClass);
export const dictItemsClass = makeClass("dict_items", B, {}, objectClass);
const iteratorClasses = new Map<string, PyClass>();
export function iteratorClass(name: string): PyClass {
  let c = iteratorClasses.get(name);
  if (!c) {
    c = makeClass(name, B, {}, objectClass);
    iteratorClasses.set(name, c);
  }
  return c;
}

// ---- exceptions ----
export const exceptionClasses = new Map<string, PyClass>();
function exc(name: string, base: PyClass | null, module = B): PyClass {
  const c = makeClass(name, module, {}, base ?? objectClass);
  exceptionClasses.set(name, c);
  return c;
}
export const BaseException = exc("BaseException", objectClass);
export const ExceptionClass = exc("Exception", BaseException);
exc("SystemExit", BaseException);
exc("KeyboardInterrupt", BaseException);
exc("GeneratorExit", BaseException);
const Arithmetic = exc("ArithmeticError", ExceptionClass);
exc("ZeroDivisionError", Arithmetic);
exc("OverflowError", Arithmetic);
const Lookup = exc("LookupError", ExceptionClass);
exc("KeyError", Lookup);
exc("IndexError", Lookup);
const ValueErr = exc("ValueError", ExceptionClass);
const UnicodeErr = exc("UnicodeError", ValueErr);
exc("UnicodeDecodeError", UnicodeErr);
exc("UnicodeEncodeError", UnicodeErr);
exc("TypeError", ExceptionClass);
exc("AttributeError", ExceptionClass);
const NameErr = exc("NameError", ExceptionClass);
exc("UnboundLocalError", NameErr);
const RuntimeErr = exc("RuntimeError", ExceptionClass);
exc("RecursionError", RuntimeErr);
exc("NotImplementedError", RuntimeErr);
exc("MemoryError", ExceptionClass);
exc("AssertionError", ExceptionClass);
exc("StopIteration", ExceptionClass);
const ImportErr = exc("ImportError", ExceptionClass);
exc("ModuleNotFoundError", ImportErr);
const OSErr = exc("OSError", ExceptionClass);
exc("FileNotFoundError", OSErr);
exc("TimeoutError", OSErr);
const SyntaxErr = exc("SyntaxError", ExceptionClass);
exc("IndentationError", SyntaxErr);
export const JSONDecodeError = makeClass("JSONDecodeError", "json.decoder", {}, ValueErr);

export function isSubclass(c: PyClass, base: PyClass): boolean {
  for (let k: PyClass | null = c; k; k = k.base) if (k === base) return true;
  return false;
}

export function isExceptionClass(c: PyClass): boolean {
  return isSubclass(c, BaseException);
}

/** A Python exception travelling through TypeScript code. */
export class PyRaise {
  constructor(public readonly exception: PyInstance) {}
}

export function isPyException(e: unknown): e is PyRaise {
  return e instanceof PyRaise;
}

export function newException(cls: PyClass, args: PyValue[]): PyInstance {
  return {
    kind: "instance",
    cls,
    attrs: new Map(),
    exception: { args, traceback: [], cause: null, context: null, suppressContext: false },
  };
}

/** `throw pyError("TypeError", "msg")`: a builtin exception by class name (unknown names become RuntimeError). */
export function pyError(type: string, ...args: PyValue[]): PyRaise {
  const cls = exceptionClasses.get(type) ?? exceptionClasses.get("RuntimeError")!;
  return new PyRaise(newException(cls, args));
}

/** Thrown (not a PyRaise) when a run must stop and Python code must not be able to catch it. */
export class Abort {
  constructor(public readonly reason: "step-budget") {}
}
