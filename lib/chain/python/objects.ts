/** Type, repr/str, truthiness, equality and hashing of values, as CPython computes them. */
import * as C from "./classes";
import { pyError } from "./classes";
import { floatRepr } from "./floatfmt";
import { strRepr } from "./repr";
export { strRepr };
import { MAX_STR_LENGTH } from "./limits";
import { cpythonSetOrder } from "./setorder";
import type { PyClass, PyDictObject, PyInstance, PyObject, PyValue, Runtime } from "./values";
import { isInstance, strOf } from "./values";

export function typeOf(v: PyValue): PyClass {
  if (v === null) return C.noneClass;
  switch (typeof v) {
    case "boolean":
      return C.boolClass;
    case "bigint":
      return C.intClass;
    case "number":
      return C.floatClass;
    case "string":
      return C.strClass;
  }
  switch (v.kind) {
    case "bytes":
      return C.bytesClass;
    case "list":
      return C.listClass;
    case "tuple":
      return v.cls ?? C.tupleClass;
    case "dict":
      return v.cls ?? C.dictClass;
    case "set":
      return v.frozen ? C.frozensetClass : C.setClass;
    case "range":
      return C.rangeClass;
    case "slice":
      return C.sliceClass;
    case "function":
      return C.functionClass;
    case "builtin":
      return C.builtinFunctionClass;
    case "method":
      return C.methodClass;
    case "module":
      return C.moduleClass;
    case "class":
      return C.typeClass;
    case "instance":
      return v.cls;
    case "iterator":
      return C.iteratorClass(v.typeName);
    case "dictview":
      return v.which === "keys" ? C.dictKeysClass : v.which === "values" ? C.dictValuesClass : C.dictItemsClass;
  }
}

export function typeName(v: PyValue): string {
  return typeOf(v).name;
}

/** Fake but stable object addresses for id() and default reprs. */
const ids = new WeakMap<object, bigint>();
let nextId = 0x7f3a1c2e0000n;
export function objectId(v: PyValue): bigint {
  if (v === null) return 0x955d60n;
  if (typeof v !== "object") {
    // value types: derive from the value (CPython's small ints are cached; good enough for a course)
    return 0x7f3a00000000n + (BigInt(hashString(String(v) + typeof v)) & 0xffffffn) * 16n;
  }
  let id = ids.get(v);
  if (id === undefined) {
    nextId += 0x30n;
    id = nextId;
    ids.set(v, id);
  }
  return id;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function addr(v: PyValue): string {
  return "0x" + objectId(v).toString(16);
}

export function qualifiedName(c: PyClass): string {
  return c.module === "builtins" ? c.name : `${c.module}.${c.name}`;
}

export function isExceptionInstance(v: PyValue): v is PyInstance {
  return isInstance(v) && v.exception !== undefined;
}

// ---- repr / str ----

export function bytesRepr(data: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of data) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const b of data) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (String.fromCharCode(b) === quote) out += "\\" + quote;
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + b.toString(16).padStart(2, "0");
    else out += String.fromCharCode(b);
  }
  return out + quote;
}

export function repr(interp: Runtime, v: PyValue): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return interp.intToString(v);
    case "number":
      return floatRepr(v);
    case "string":
      return strRepr(v);
  }
  return objectRepr(interp, v);
}

function plainDictRepr(interp: Runtime, v: PyDictObject): string {
  return interp.guardRepr(v, "{...}", () => {
    let total = 0;
    const parts = [...v.entries.values()].map(([k, x]) => {
      interp.charge(1);
      const s = repr(interp, k) + ": " + repr(interp, x);
      total += s.length + 2;
      if (total > MAX_STR_LENGTH) throw pyError("MemoryError");
      return s;
    });
    return "{" + parts.join(", ") + "}";
  });
}

function objectRepr(interp: Runtime, v: PyObject): string {
  switch (v.kind) {
    case "bytes":
      return bytesRepr(v.data);
    case "list":
      return interp.guardRepr(v, "[...]", () => "[" + joinReprs(interp, v.items) + "]");
    case "tuple": {
      const plain = () =>
        v.items.length === 1
          ? interp.guardRepr(v, "(...)", () => "(" + repr(interp, v.items[0]) + ",)")
          : interp.guardRepr(v, "(...)", () => "(" + joinReprs(interp, v.items) + ")");
      const hook = v.cls ? nativeHook(v.cls, "subclassRepr") : undefined;
      return hook ? hook(v, plain, interp) : plain();
    }
    case "dict": {
      const plain = () => plainDictRepr(interp, v);
      const hook = v.cls ? nativeHook(v.cls, "subclassRepr") : undefined;
      return hook ? hook(v, plain, interp) : plain();
    }
    case "set": {
      const items = cpythonSetOrder([...v.items.values()]);
      if (v.frozen) return interp.guardRepr(v, "frozenset(...)", () => "frozenset(" + (items.length ? "{" + items.map((x) => repr(interp, x)).join(", ") + "}" : "") + ")");
      if (!items.length) return "set()";
      return interp.guardRepr(v, "{...}", () => "{" + joinReprs(interp, items) + "}");
    }
    case "range":
      return `range(${v.start}, ${v.stop}${v.step === 1n ? "" : ", " + v.step})`;
    case "slice":
      return `slice(${repr(interp, v.start)}, ${repr(interp, v.stop)}, ${repr(interp, v.step)})`;
    case "function":
      return `<function ${v.qualname} at ${addr(v)}>`;
    case "builtin":
      return `<built-in function ${v.name}>`;
    case "method": {
      const f = v.func;
      const fname = f && typeof f === "object" && (f.kind === "builtin" || f.kind === "function") ? f.name : "?";
      if (f && typeof f === "object" && f.kind === "builtin") {
        return `<built-in method ${fname} of ${typeName(v.self)} object at ${addr(v.self)}>`;
      }
      return `<bound method ${typeName(v.self)}.${fname} of ${repr(interp, v.self)}>`;
    }
    case "module":
      return v.file ? `<module '${v.name}' from '${v.file}'>` : `<module '${v.name}' (built-in)>`;
    case "class":
      return `<class '${qualifiedName(v)}'>`;
    case "iterator":
      return `<${v.typeName} object at ${addr(v)}>`;
    case "dictview": {
      const d = v.dict;
      return interp.guardRepr(v, "...", () => {
        const parts = [...d.entries.values()].map(([k, x]) =>
          v.which === "keys" ? repr(interp, k) : v.which === "values" ? repr(interp, x) : `(${repr(interp, k)}, ${repr(interp, x)})`,
        );
        return `dict_${v.which}([${parts.join(", ")}])`;
      });
    }
    case "instance":
      return instanceRepr(interp, v);
  }
}

/** ", ".join(repr(x) for x in items), charged per item and bounded in size. */
function joinReprs(interp: Runtime, items: readonly PyValue[]): string {
  let total = 0;
  const parts = items.map((x) => {
    interp.charge(1);
    const s = repr(interp, x);
    total += s.length + 2;
    if (total > MAX_STR_LENGTH) throw pyError("MemoryError");
    return s;
  });
  return parts.join(", ");
}

function nativeHook<K extends keyof PyClass["native"]>(cls: PyClass, name: K): PyClass["native"][K] | undefined {
  for (let c: PyClass | null = cls; c; c = c.base) {
    const h = c.native[name];
    if (h) return h;
  }
  return undefined;
}
export { nativeHook };

function instanceRepr(interp: Runtime, v: PyInstance): string {
  const hook = nativeHook(v.cls, "repr");
  if (hook) return hook(v, interp);
  if (v.exception) {
    const args = v.exception.args;
    const inner = args.length === 1 ? repr(interp, args[0]) : args.map((a) => repr(interp, a)).join(", ");
    return `${v.cls.name}(${inner})`;
  }
  if (v.strValue !== undefined) return strRepr(v.strValue);
  return `<${qualifiedName(v.cls)} object at ${addr(v)}>`;
}

export function str(interp: Runtime, v: PyValue): string {
  if (typeof v === "string") return v;
  if (isInstance(v)) {
    const hook = nativeHook(v.cls, "str");
    if (hook) return hook(v, interp);
    if (v.exception) return exceptionStr(interp, v);
    if (v.strValue !== undefined) return v.strValue;
    const rhook = nativeHook(v.cls, "repr");
    if (rhook) return rhook(v, interp);
  }
  return repr(interp, v);
}

export function exceptionStr(interp: Runtime, v: PyInstance): string {
  const args = v.exception!.args;
  if (args.length === 0) return "";
  if (args.length === 1) {
    if (C.isSubclass(v.cls, C.exceptionClasses.get("KeyError")!)) return repr(interp, args[0]);
    return str(interp, args[0]);
  }
  return repr(interp, { kind: "tuple", items: args });
}

// ---- truthiness ----

export function truthy(interp: Runtime, v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
    case "string":
      return v.length > 0;
  }
  switch (v.kind) {
    case "bytes":
      return v.data.length > 0;
    case "list":
    case "tuple":
      return v.items.length > 0;
    case "dict":
      return v.entries.size > 0;
    case "set":
      return v.items.size > 0;
    case "range":
      return rangeLength(v.start, v.stop, v.step) > 0n;
    case "dictview":
      return v.dict.entries.size > 0;
    case "instance": {
      const b = nativeHook(v.cls, "bool");
      if (b) return b(v, interp);
      const l = nativeHook(v.cls, "len");
      if (l) return l(v, interp) > 0;
      if (v.strValue !== undefined) return v.strValue.length > 0;
      return true;
    }
    default:
      return true;
  }
}

export function rangeLength(start: bigint, stop: bigint, step: bigint): bigint {
  if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
  return start > stop ? (start - stop - step - 1n) / -step : 0n;
}

// ---- equality and hashing ----

function numEq(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === "bigint" && typeof b === "bigint") return a === b;
  if (typeof a === "number" && typeof b === "number") return a === b;
  const i = (typeof a === "bigint" ? a : b) as bigint;
  const f = (typeof a === "number" ? a : b) as number;
  if (!Number.isFinite(f) || !Number.isInteger(f)) return false;
  return BigInt(f) === i;
}

/** Python's bool/int/float as a number-like, or undefined. */
export function asNumber(v: PyValue): bigint | number | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return undefined;
}

export function eq(interp: Runtime, a: PyValue, b: PyValue): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  const na = asNumber(a);
  if (na !== undefined) {
    const nb = asNumber(b);
    if (nb !== undefined) return numEq(na, nb);
  }
  if (isInstance(a)) {
    const h = nativeHook(a.cls, "eq");
    if (h) {
      const r = h(a, b, interp);
      if (r !== undefined) return r;
    }
  }
  if (isInstance(b)) {
    const h = nativeHook(b.cls, "eq");
    if (h) {
      const r = h(b, a, interp);
      if (r !== undefined) return r;
    }
  }
  const sa = strOf(a);
  if (sa !== undefined) {
    const sb = strOf(b);
    return sb !== undefined && sa === sb;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a.kind !== b.kind) {
    if (a.kind === "set" && b.kind === "set") return setEq(interp, a.items, b.items);
    return false;
  }
  switch (a.kind) {
    case "bytes": {
      const bd = (b as typeof a).data;
      if (a.data.length !== bd.length) return false;
      for (let i = 0; i < bd.length; i++) if (a.data[i] !== bd[i]) return false;
      return true;
    }
    case "list":
    case "tuple": {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      return interp.guardRecursion(() => {
        for (let i = 0; i < bi.length; i++) {
          interp.charge(1);
          if (!eq(interp, a.items[i], bi[i])) return false;
        }
        return true;
      });
    }
    case "dict": {
      const be = (b as typeof a).entries;
      if (a.entries.size !== be.size) return false;
      return interp.guardRecursion(() => {
        for (const [k, [, v]] of a.entries) {
          interp.charge(1);
          const other = be.get(k);
          if (!other || !eq(interp, v, other[1])) return false;
        }
        return true;
      });
    }
    case "set":
      return setEq(interp, a.items, (b as typeof a).items);
    case "range": {
      const br = b as typeof a;
      const la = rangeLength(a.start, a.stop, a.step);
      const lb = rangeLength(br.start, br.stop, br.step);
      if (la !== lb) return false;
      if (la === 0n) return true;
      if (a.start !== br.start) return false;
      return la === 1n || a.step === br.step;
    }
    case "dictview": {
      const bv = b as typeof a;
      if (a.which === "values" || bv.which !== a.which) return false;
      return eq(interp, a.dict, bv.dict) || setEq(interp, viewKeys(interp, a), viewKeys(interp, bv));
    }
    case "method":
      return a.self === (b as typeof a).self && a.func === (b as typeof a).func;
    default:
      return false;
  }
}

function viewKeys(interp: Runtime, v: { dict: { entries: Map<string, [PyValue, PyValue]> }; which: string }): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  for (const [k, [key, val]] of v.dict.entries) {
    if (v.which === "keys") m.set(k, key);
    else {
      const t: PyValue = { kind: "tuple", items: [key, val] };
      m.set(hashKey(interp, t), t);
    }
  }
  return m;
}

function setEq(interp: Runtime, a: Map<string, PyValue>, b: Map<string, PyValue>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  void interp;
  return true;
}

/** A string equal for Python-equal hashable values; TypeError for unhashable ones. */
export function hashKey(interp: Runtime, v: PyValue): string {
  if (v === null) return "N";
  switch (typeof v) {
    case "boolean":
      return v ? "i1" : "i0";
    case "bigint":
      return "i" + v.toString(36);
    case "number":
      if (Number.isInteger(v)) return "i" + BigInt(v).toString(36);
      if (Number.isNaN(v)) return "nan" + String(objectId(v));
      return "f" + String(v);
    case "string":
      return "s" + v;
  }
  switch (v.kind) {
    case "bytes":
      return "b" + Array.from(v.data, (x) => String.fromCharCode(x)).join("");
    case "tuple":
      return interp.guardRecursion(() => "t" + JSON.stringify(v.items.map((x) => hashKey(interp, x))));
    case "set":
      if (v.frozen) return "F" + JSON.stringify([...v.items.keys()].sort());
      break;
    case "list":
    case "dict":
    case "dictview":
      break;
    case "range":
      return "r" + JSON.stringify([String(v.start), String(v.stop), String(v.step)]);
    case "instance": {
      const h = nativeHook(v.cls, "hashKey");
      if (h) {
        const k = h(v, interp);
        if (k === null) break;
        return k;
      }
      if (v.strValue !== undefined) return "s" + v.strValue;
      return "o" + objectId(v).toString(36);
    }
    default:
      return "o" + objectId(v).toString(36);
  }
  throw pyError("TypeError", `unhashable type: '${typeName(v)}'`);
}
