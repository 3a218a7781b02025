/** Attribute lookup/assignment for every kind of value, with CPython's AttributeError messages. */
import * as C from "./classes";
import { newException, pyError, PyRaise } from "./classes";
import { methodsOf } from "./methods";
import { nativeHook, qualifiedName, typeName, typeOf } from "./objects";
import { setSuggestionCandidates } from "./traceback";
import type { PyClass, PyInstance, PyValue, Runtime } from "./values";
import { bindClassAttribute, isUserClass, propertySetter } from "./user-classes";
import { pyTuple } from "./values";
import { honestLimitText, realAttributeError, realNames, runnerOf } from "./modules/real-names";

function bind(self: PyValue, fn: PyValue): PyValue {
  return { kind: "method", self, func: fn };
}

function attributeError(msg: string, obj: PyValue, name: string, candidates: string[]): PyRaise {
  const exc = newException(C.exceptionClasses.get("AttributeError")!, [msg]);
  exc.attrs.set("name", name);
  exc.attrs.set("obj", obj);
  setSuggestionCandidates(exc, candidates);
  return new PyRaise(exc);
}

/** Names visible on a value, sorted like dir(). */
export function dirOf(obj: PyValue): string[] {
  const names = new Set<string>();
  if (obj !== null && typeof obj === "object") {
    if (obj.kind === "module" || obj.kind === "instance") for (const k of obj.attrs.keys()) names.add(k);
    if (obj.kind === "function") for (const k of obj.attrs.keys()) names.add(k);
    if (obj.kind === "class") for (const k of obj.attrs.keys()) names.add(k);
  }
  for (let c: PyClass | null = typeOf(obj); c; c = c.base) {
    for (const k of Object.keys(c.native.methods ?? {})) names.add(k);
    for (const k of c.attrs.keys()) names.add(k);
    const tbl = methodsOf(c);
    if (tbl) for (const k of Object.keys(tbl)) names.add(k);
  }
  if (obj !== null && typeof obj === "object" && obj.kind === "instance" && obj.strValue !== undefined) {
    for (const k of Object.keys(methodsOf(C.strClass) ?? {})) names.add(k);
  }
  return [...names].sort();
}

function classLookup(cls: PyClass, name: string): PyValue | undefined {
  for (let c: PyClass | null = cls; c; c = c.base) {
    const a = c.attrs.get(name);
    if (a !== undefined) return a;
    const m = c.native.methods?.[name];
    if (m) return { kind: "builtin", name, fn: m };
    const tbl = methodsOf(c);
    if (tbl && tbl[name]) return { kind: "builtin", name, fn: tbl[name] };
  }
  return undefined;
}

export function getAttribute(interp: Runtime, obj: PyValue, name: string): PyValue {
  if (obj !== null && typeof obj === "object") {
    switch (obj.kind) {
      case "module": {
        const v = obj.attrs.get(name);
        if (v !== undefined) return v;
        if (name === "__name__") return obj.name;
        // A host module stands for a real one: a name the real module has is a feature the model lacks.
        if (!name.startsWith("__") && realNames(obj.name)?.has(name)) {
          throw pyError("NotImplementedError", honestLimitText(`${obj.name}.${name}`, interp.currentPlace(), runnerOf(obj.name)));
        }
        const real = realAttributeError(obj.name, name);
        // CPython suggests from the real module's names; an AttributeError(name) of a module __getattr__ gets none.
        const candidates = real?.frame ? [] : [...(realNames(obj.name) ?? obj.attrs.keys())];
        const raised = attributeError(real?.message ?? `module '${obj.name}' has no attribute '${name}'`, obj, name, candidates);
        if (real?.frame) raised.exception.exception?.traceback.push(real.frame);
        throw raised;
      }
      case "instance":
        return instanceAttr(interp, obj, name);
      case "class": {
        if (name === "__name__") return obj.name;
        if (name === "__qualname__") return obj.attrs.get("__qualname__") ?? obj.name;
        if (name === "__base__") return obj.base;
        if (name === "__bases__") return pyTuple(obj.base ? [obj.base] : []);
        if (name === "__module__") return obj.module;
        if (name === "__mro__") {
          const mro: PyValue[] = [];
          for (let c: PyClass | null = obj; c; c = c.base) mro.push(c);
          return pyTuple(mro);
        }
        if (name === "__doc__" && !obj.attrs.has("__doc__")) return null;
        const v = classLookup(obj, name);
        if (v !== undefined) return bindClassAttribute(interp, v, undefined, obj);
        throw attributeError(`type object '${obj.name}' has no attribute '${name}'`, obj, name, dirOf(obj));
      }
      case "function": {
        const v = obj.attrs.get(name);
        if (v !== undefined) return v;
        if (name === "__name__") return obj.name;
        if (name === "__qualname__") return obj.qualname;
        if (name === "__module__") return obj.module;
        if (name === "__doc__") return null;
        break;
      }
      case "builtin":
        if (name === "__name__" || name === "__qualname__") return obj.name;
        if (name === "__doc__") return null;
        break;
      case "method":
        if (name === "__self__") return obj.self;
        if (name === "__func__") return obj.func;
        if (name === "__name__") return getAttribute(interp, obj.func, "__name__");
        break;
      case "slice":
        if (name === "start") return obj.start;
        if (name === "stop") return obj.stop;
        if (name === "step") return obj.step;
        break;
      case "dict":
        if (obj.cls) {
          const v = nativeHook(obj.cls, "subclassAttr")?.(obj, name, interp);
          if (v !== undefined) return v;
        }
        break;
      case "tuple":
        // collections.namedtuple: a field by name (the class's `_fields`).
        if (obj.cls) {
          const fields = obj.cls.attrs.get("_fields");
          const i = fields !== null && typeof fields === "object" && fields.kind === "tuple" ? fields.items.indexOf(name) : -1;
          if (i >= 0) return obj.items[i];
        }
        break;
      case "range":
        if (name === "start") return obj.start;
        if (name === "stop") return obj.stop;
        if (name === "step") return obj.step;
        break;
    }
  }
  if (name === "__class__") return typeOf(obj);
  const cls = typeOf(obj);
  const m = classLookup(cls, name);
  if (m !== undefined) return m !== null && typeof m === "object" && m.kind === "builtin" ? bind(obj, m) : m;
  if (typeof obj === "bigint" || typeof obj === "boolean") {
    if (name === "real" || name === "numerator") return typeof obj === "boolean" ? (obj ? 1n : 0n) : obj;
    if (name === "imag") return 0n;
    if (name === "denominator") return 1n;
  }
  if (typeof obj === "number") {
    if (name === "real") return obj;
    if (name === "imag") return 0;
  }
  throw attributeError(`'${typeName(obj)}' object has no attribute '${name}'`, obj, name, dirOf(obj));
}

function instanceAttr(interp: Runtime, obj: PyInstance, name: string): PyValue {
  const own = obj.attrs.get(name);
  if (own !== undefined) return own;
  if (obj.exception) {
    if (name === "args") return pyTuple(obj.exception.args);
    if (name === "__cause__") return obj.exception.cause;
    if (name === "__context__") return obj.exception.context;
    if (name === "__suppress_context__") return obj.exception.suppressContext;
    if (name === "__traceback__") return null;
  }
  const h = nativeHook(obj.cls, "getattr");
  if (h) {
    const v = h(obj, name, interp);
    if (v !== undefined) return v;
  }
  if (name === "__class__") return obj.cls;
  if (name === "__dict__") return interp.newDict([...obj.attrs]);
  const m = classLookup(obj.cls, name);
  if (m !== undefined) return m !== null && typeof m === "object" && m.kind === "builtin" ? bind(obj, m) : bindClassAttribute(interp, m, obj, obj.cls);
  if (obj.strValue !== undefined) {
    const sm = methodsOf(C.strClass)?.[name];
    if (sm) return bind(obj, { kind: "builtin", name, fn: sm });
  }
  throw attributeError(`'${obj.cls.name}' object has no attribute '${name}'`, obj, name, dirOf(obj));
}

export function setAttribute(interp: Runtime, obj: PyValue, name: string, value: PyValue): void {
  if (obj !== null && typeof obj === "object") {
    switch (obj.kind) {
      case "instance": {
        const h = nativeHook(obj.cls, "setattr");
        if (h) {
          if (!h(obj, name, value, interp)) {
            throw attributeError(`'${obj.cls.name}' object has no attribute '${name}'`, obj, name, []);
          }
          return;
        }
        const prop = propertySetter(obj.cls, name);
        if (prop) {
          if (prop.fset === null) throw attributeError("can't set attribute", obj, name, []);
          interp.call(prop.fset, [obj, value]);
          return;
        }
        if (obj.exception && name === "__cause__") {
          obj.exception.cause = value as PyInstance | null;
          return;
        }
        obj.attrs.set(name, value);
        return;
      }
      case "function":
        if (name === "__name__" && typeof value === "string") obj.name = value;
        else if (name === "__qualname__" && typeof value === "string") obj.qualname = value;
        else obj.attrs.set(name, value);
        return;
      case "module":
        obj.attrs.set(name, value);
        return;
      case "class":
        if (isUserClass(obj)) {
          obj.attrs.set(name, value);
          return;
        }
        throw pyError("TypeError", `cannot set '${name}' attribute of immutable type '${qualifiedName(obj)}'`);
    }
  }
  const has = classLookup(typeOf(obj), name) !== undefined;
  if (has) throw attributeError(`'${typeName(obj)}' object attribute '${name}' is read-only`, obj, name, []);
  throw attributeError(`'${typeName(obj)}' object has no attribute '${name}'`, obj, name, dirOf(obj));
}

export function deleteAttribute(interp: Runtime, obj: PyValue, name: string): void {
  void interp;
  if (obj !== null && typeof obj === "object" && (obj.kind === "instance" || obj.kind === "module" || obj.kind === "function")) {
    if (obj.attrs.delete(name)) return;
    const tn = obj.kind === "instance" ? obj.cls.name : typeName(obj);
    throw attributeError(obj.kind === "module" ? `module '${obj.name}' has no attribute '${name}'` : `'${tn}' object has no attribute '${name}'`, obj, name, []);
  }
  throw attributeError(`'${typeName(obj)}' object has no attribute '${name}'`, obj, name, dirOf(obj));
}
