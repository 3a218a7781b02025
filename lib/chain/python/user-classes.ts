/**
 * Classes written in Python (`class Greeter(Base): ...`): the class object built from the executed body, the
 * dunder methods the rest of the runtime reaches through `NativeClass` hooks, `super()`, and the three decorators
 * a class body uses (`property`, `staticmethod`, `classmethod`).
 *
 * Single inheritance only (the check rejects more than one base, with a Korean message). A class is immutable once
 * made, like the builtin ones: its hooks are chosen from the dunders its body defines, and each hook looks the
 * dunder up again from the instance's own class, so a subclass's override wins.
 */
import * as C from "./classes";
import { pyError, PyRaise } from "./classes";
import type { BinaryOperator, Kwargs, NativeClass, PyClass, PyInstance, PyValue, Runtime } from "./values";
import { isInstance, pyBuiltin } from "./values";

/** Where a function defined in a class body finds its class (`__class__`, for zero-argument super()). */
export interface ClassCell {
  cls: PyClass | null;
}

/** The Python-level attribute `name` of `cls` or a base written in Python (never a builtin's native method). */
export function userAttr(cls: PyClass | null, name: string): PyValue | undefined {
  for (let c = cls; c; c = c.base) {
    const v = c.attrs.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function callDunder(interp: Runtime, self: PyInstance, name: string, args: PyValue[]): PyValue {
  const fn = userAttr(self.cls, name);
  if (fn === undefined) throw pyError("TypeError", `'${self.cls.name}' object has no method '${name}'`);
  return interp.call(fn, [self, ...args]);
}

function stringResult(interp: Runtime, self: PyInstance, name: string): string {
  const r = callDunder(interp, self, name, []);
  if (typeof r === "string") return r;
  if (isInstance(r) && r.strValue !== undefined) return r.strValue;
  throw pyError("TypeError", `${name} returned non-string (type ${interp.typeName(r)})`);
}

const BINARY_DUNDERS: Partial<Record<BinaryOperator, string>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow",
  "@": "matmul",
  "&": "and",
  "|": "or",
  "^": "xor",
  "<<": "lshift",
  ">>": "rshift",
};

/** Hooks for the dunders a class body defines (each dispatches through the instance's class). */
function hooksFor(ns: Map<string, PyValue>): NativeClass {
  const has = (name: string) => ns.has(name);
  const native: NativeClass = {};
  if (has("__repr__")) native.repr = (self, interp) => stringResult(interp, self, "__repr__");
  if (has("__str__")) native.str = (self, interp) => stringResult(interp, self, "__str__");
  if (has("__eq__")) {
    native.eq = (self, other, interp) => interp.truthy(callDunder(interp, self, "__eq__", [other]));
    // As CPython: a class that defines __eq__ without __hash__ is unhashable.
    if (!has("__hash__")) native.hashKey = () => null;
  }
  if (has("__bool__")) {
    native.bool = (self, interp) => {
      const r = callDunder(interp, self, "__bool__", []);
      if (typeof r !== "boolean") throw pyError("TypeError", `__bool__ should return bool, returned ${interp.typeName(r)}`);
      return r;
    };
  }
  if (has("__len__")) {
    native.len = (self, interp) => {
      const r = callDunder(interp, self, "__len__", []);
      if (typeof r === "boolean") return r ? 1 : 0;
      if (typeof r !== "bigint") throw pyError("TypeError", `'${interp.typeName(r)}' object cannot be interpreted as an integer`);
      if (r < 0n) throw pyError("ValueError", "__len__() should return >= 0");
      return Number(r);
    };
    if (!has("__bool__")) native.bool = (self, interp) => native.len!(self, interp) > 0;
  }
  if (has("__getitem__")) native.getitem = (self, key, interp) => callDunder(interp, self, "__getitem__", [key]);
  if (has("__setitem__")) native.setitem = (self, key, value, interp) => void callDunder(interp, self, "__setitem__", [key, value]);
  if (has("__contains__")) native.contains = (self, item, interp) => interp.truthy(callDunder(interp, self, "__contains__", [item]));
  if (has("__iter__")) native.iter = (self, interp) => pythonIterator(interp, callDunder(interp, self, "__iter__", []));
  else if (has("__next__")) native.iter = (self, interp) => pythonIterator(interp, self);
  if (has("__call__")) native.call = (self, args, kwargs, interp) => interp.call(userAttr(self.cls, "__call__")!, [self, ...args], kwargs);
  const binaryNames = Object.values(BINARY_DUNDERS).some((n) => has(`__${n}__`) || has(`__r${n}__`));
  if (binaryNames) {
    native.binop = (self, op, other, reflected, interp) => {
      const base = BINARY_DUNDERS[op];
      if (!base) return undefined;
      const fn = userAttr(self.cls, reflected ? `__r${base}__` : `__${base}__`);
      if (fn === undefined) return undefined;
      const r = interp.call(fn, [self, other]);
      return r === notImplemented(interp) ? undefined : r;
    };
  }
  return native;
}

function notImplemented(interp: Runtime): PyValue | undefined {
  return interp.builtins.get("NotImplemented");
}

/** A JS iterator over a Python iterator object (one with __next__) or any iterable. */
function pythonIterator(interp: Runtime, it: PyValue): Iterator<PyValue> {
  if (isInstance(it) && userAttr(it.cls, "__next__") !== undefined) {
    const stop = C.exceptionClasses.get("StopIteration")!;
    return {
      next: () => {
        try {
          return { done: false, value: callDunder(interp, it, "__next__", []) };
        } catch (e) {
          if (e instanceof PyRaise && C.isSubclass(e.exception.cls, stop)) return { done: true, value: undefined };
          throw e;
        }
      },
    };
  }
  const next = interp.iter(it);
  return {
    next: () => {
      const v = next();
      return v === undefined ? { done: true, value: undefined } : { done: false, value: v };
    },
  };
}

const userClasses = new WeakSet<PyClass>();

/** Whether `cls` was made by a class statement (its attributes can be assigned, unlike a builtin type's). */
export function isUserClass(cls: PyClass): boolean {
  return userClasses.has(cls);
}

/** Make the class object for a class statement whose body filled `ns`. */
export function makeUserClass(name: string, module: string, base: PyClass, ns: Map<string, PyValue>): PyClass {
  const native = hooksFor(ns);
  native.construct = (cls, args, kwargs, rt) => construct(rt, cls, args, kwargs);
  const cls: PyClass = { kind: "class", name, module, base, native, attrs: ns };
  userClasses.add(cls);
  return cls;
}

function construct(interp: Runtime, cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  const inst = interp.newInstance(cls);
  // BaseException.__new__ keeps every argument; an __init__ may set them again through super().__init__.
  if (inst.exception) inst.exception.args = [...args];
  const init = userAttr(cls, "__init__") ?? nativeInit(cls);
  if (init !== undefined) {
    const r = interp.call(init, [inst, ...args], kwargs);
    if (r !== null) throw pyError("TypeError", `__init__() should return None, not '${interp.typeName(r)}'`);
    return inst;
  }
  if (inst.exception) {
    if (kwargs.size) throw pyError("TypeError", `${cls.name}() takes no keyword arguments`);
    return inst;
  }
  if (args.length || kwargs.size) throw pyError("TypeError", `${cls.name}() takes no arguments`);
  return inst;
}

/** An `__init__` a host base class defines natively (werkzeug's BaseConverter), for a subclass without its own. */
function nativeInit(cls: PyClass): PyValue | undefined {
  for (let c: PyClass | null = cls; c; c = c.base) {
    const m = c.native.methods?.__init__;
    if (m) return pyBuiltin("__init__", m);
  }
  return undefined;
}

// ---- descriptors: property, staticmethod, classmethod ----------------------------------------------------------

interface PropertyData {
  fget: PyValue;
  fset: PyValue;
}

export const propertyClass: PyClass = C.makeClass("property", "builtins", {
  construct(cls, args, kwargs, interp) {
    const a = interp.bindArgs("property", args, kwargs, ["fget", "fset"], { fget: null, fset: null });
    return interp.newInstance(cls, { data: { fget: a.fget, fset: a.fset } satisfies PropertyData });
  },
  methods: {
    setter: (args, _kwargs, interp) => {
      const self = args[0] as PyInstance;
      const data = self.data as PropertyData;
      return interp.newInstance(propertyClass, { data: { fget: data.fget, fset: args[1] ?? null } satisfies PropertyData });
    },
    getter: (args, _kwargs, interp) => {
      const self = args[0] as PyInstance;
      const data = self.data as PropertyData;
      return interp.newInstance(propertyClass, { data: { fget: args[1] ?? null, fset: data.fset } satisfies PropertyData });
    },
  },
}, C.objectClass);

export const staticmethodClass: PyClass = C.makeClass("staticmethod", "builtins", {
  construct: (cls, args, _kwargs, interp) => interp.newInstance(cls, { data: args[0] ?? null }),
}, C.objectClass);

export const classmethodClass: PyClass = C.makeClass("classmethod", "builtins", {
  construct: (cls, args, _kwargs, interp) => interp.newInstance(cls, { data: args[0] ?? null }),
}, C.objectClass);

/**
 * What a class attribute becomes when read: a function binds to the instance, a classmethod to the class, a
 * staticmethod unwraps, a property calls its getter (on an instance; on the class it is the property itself).
 */
export function bindClassAttribute(interp: Runtime, attr: PyValue, instance: PyValue | undefined, cls: PyClass): PyValue {
  if (attr === null || typeof attr !== "object") return attr;
  if (attr.kind === "function") return instance === undefined ? attr : { kind: "method", self: instance, func: attr };
  if (attr.kind !== "instance") return attr;
  if (attr.cls === staticmethodClass) return attr.data as PyValue;
  if (attr.cls === classmethodClass) return { kind: "method", self: cls, func: attr.data as PyValue };
  if (attr.cls === propertyClass && instance !== undefined) {
    const { fget } = attr.data as PropertyData;
    if (fget === null) throw pyError("AttributeError", "unreadable attribute");
    return interp.call(fget, [instance]);
  }
  return attr;
}

/** A property's setter for `obj.name = value`, if the class defines a property of that name. */
export function propertySetter(cls: PyClass, name: string): { fset: PyValue } | undefined {
  const attr = userAttr(cls, name);
  if (attr === undefined || !isInstance(attr) || attr.cls !== propertyClass) return undefined;
  return { fset: (attr.data as PropertyData).fset };
}

// ---- super() --------------------------------------------------------------------------------------------------

interface SuperData {
  /** Look up after this class in the instance's class chain. */
  start: PyClass;
  self: PyValue;
}

export const superClass: PyClass = C.makeClass("super", "builtins", {
  getattr(self, name, interp) {
    const { start, self: obj } = self.data as SuperData;
    const ownerCls = isInstance(obj) ? obj.cls : (obj as PyClass);
    for (let c = start.base; c; c = c.base) {
      const v = c.attrs.get(name);
      if (v !== undefined) return bindClassAttribute(interp, v, obj === ownerCls ? undefined : obj, ownerCls);
      const m = c.native.methods?.[name];
      if (m) return { kind: "method", self: obj, func: pyBuiltin(name, m) };
    }
    if (name === "__init__") return pyBuiltin("__init__", (args) => baseInit(obj, args));
    return undefined;
  },
  repr(self, interp) {
    const { start, self: obj } = self.data as SuperData;
    return `<super: <class '${start.name}'>, <${interp.typeName(obj)} object>>`;
  },
}, C.objectClass);

/** `super().__init__(...)` that reaches a builtin base: BaseException keeps its args, object takes none. */
function baseInit(obj: PyValue, args: PyValue[]): PyValue {
  if (isInstance(obj) && obj.exception) {
    obj.exception.args = [...args];
    return null;
  }
  if (args.length) throw pyError("TypeError", "object.__init__() takes exactly one argument (the instance to initialize)");
  return null;
}

export function makeSuper(interp: Runtime, start: PyClass, self: PyValue): PyInstance {
  return interp.newInstance(superClass, { data: { start, self } satisfies SuperData });
}
