/**
 * `collections`: Counter, defaultdict and OrderedDict are dict subclasses (PyDictObject.cls: every dict method and
 * operator works on them, type() and repr are theirs), namedtuple makes tuple subclasses (PyTuple.cls, fields by
 * name), deque is a host class over a list. The classes hold no per-run state and are built once.
 */
import { makeClass } from "../machine";
import { pyError, PyRaise } from "../classes";
import { dictDelete, dictGet, dictItems, dictSet } from "../dict";
import { binaryOp, compareOp } from "../ops";
import type { BinaryOperator, Kwargs, NativeFn, PyClass, PyDictObject, PyInstance, PyModule, PyTuple, PyValue, Runtime } from "../values";
import { pyBuiltin, pyList, pyModule, pyTuple, strOf } from "../values";
import { MAX_SEQUENCE_LENGTH } from "../limits";

function asDict(v: PyValue, cls: string, method: string): PyDictObject {
  if (v === null || typeof v !== "object" || v.kind !== "dict") throw pyError("TypeError", `descriptor '${method}' for '${cls}' objects doesn't apply to a '${typeof v}' object`);
  return v;
}

function newSubDict(interp: Runtime, cls: PyClass, pairs: Array<[PyValue, PyValue]> = [], data?: unknown): PyDictObject {
  const d = interp.newDict(pairs);
  d.cls = cls;
  if (data !== undefined) d.data = data;
  return d;
}

/** dict(arg, **kwargs) pairs: a mapping's items or an iterable of pairs. */
function pairsOf(interp: Runtime, arg: PyValue | undefined, kwargs: Kwargs): Array<[PyValue, PyValue]> {
  const out: Array<[PyValue, PyValue]> = [];
  if (arg !== undefined && arg !== null) {
    if (typeof arg === "object" && arg.kind === "dict") out.push(...dictItems(arg));
    else {
      for (const item of interp.iterate(arg)) {
        const kv = interp.iterate(item);
        if (kv.length !== 2) throw pyError("ValueError", `dictionary update sequence element #${out.length} has length ${kv.length}; 2 is required`);
        out.push([kv[0], kv[1]]);
      }
    }
  }
  for (const [k, v] of kwargs) out.push([k, v]);
  return out;
}

// ------------------------------------------------------------------ Counter

/** Counter.update / subtract: count an iterable's items, or add a mapping's values. */
function countInto(interp: Runtime, d: PyDictObject, arg: PyValue | undefined, kwargs: Kwargs, sign: 1n | -1n): void {
  const add = (k: PyValue, n: PyValue) => {
    const old = dictGet(interp, d, k) ?? 0n;
    dictSet(interp, d, k, binaryOp(interp, sign === 1n ? "+" : "-", old, n));
  };
  if (arg !== undefined && arg !== null) {
    if (typeof arg === "object" && arg.kind === "dict") for (const [k, n] of dictItems(arg)) add(k, n);
    else for (const k of interp.iterate(arg)) add(k, 1n);
  }
  for (const [k, n] of kwargs) add(k, n);
}

/** most_common: by count, largest first; equal counts keep insertion order (sorted() is stable). */
function mostCommon(interp: Runtime, d: PyDictObject): Array<[PyValue, PyValue]> {
  const items = dictItems(d);
  interp.charge(items.length);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (compareOp(interp, ">", a.item[1], b.item[1]) ? -1 : compareOp(interp, "<", a.item[1], b.item[1]) ? 1 : a.i - b.i))
    .map(({ item }) => item);
}

let counterClass: PyClass | undefined;

function counter(): PyClass {
  counterClass ??= makeClass(
    "Counter",
    "collections",
    {
      construct: (cls, args, kwargs, interp) => {
        if (args.length > 1) throw pyError("TypeError", `expected at most 1 argument, got ${args.length}`);
        const d = newSubDict(interp, cls);
        countInto(interp, d, args[0], kwargs, 1n);
        return d;
      },
      missing: () => 0n,
      subclassRepr: (self, _plain, interp) => {
        const d = self as PyDictObject;
        if (d.entries.size === 0) return "Counter()";
        const parts = mostCommon(interp, d).map(([k, v]) => `${interp.repr(k)}: ${interp.repr(v)}`);
        return `Counter({${parts.join(", ")}})`;
      },
      dictBinop: (self, op, other, interp) => counterOp(interp, self, op, other),
      methods: {
        most_common: (args, kwargs, interp) => {
          const a = interp.bindArgs("most_common", args.slice(1), kwargs, ["n"], { n: null });
          let items = mostCommon(interp, asDict(args[0], "Counter", "most_common"));
          if (a.n !== null) items = items.slice(0, Math.max(0, Number(a.n as bigint)));
          return pyList(items.map(([k, v]) => pyTuple([k, v])));
        },
        elements: (args, _kwargs, interp) => {
          const out: PyValue[] = [];
          for (const [k, v] of dictItems(asDict(args[0], "Counter", "elements"))) {
            const n = typeof v === "bigint" ? v : 0n;
            if (BigInt(out.length) + n > BigInt(MAX_SEQUENCE_LENGTH)) throw pyError("MemoryError");
            for (let i = 0n; i < n; i += 1n) out.push(k);
          }
          interp.chargeAlloc(out.length);
          return pyList(out);
        },
        update: (args, kwargs, interp) => {
          countInto(interp, asDict(args[0], "Counter", "update"), args[1], kwargs, 1n);
          return null;
        },
        subtract: (args, kwargs, interp) => {
          countInto(interp, asDict(args[0], "Counter", "subtract"), args[1], kwargs, -1n);
          return null;
        },
        total: (args, _kwargs, interp) => dictItems(asDict(args[0], "Counter", "total")).reduce<PyValue>((sum, [, v]) => binaryOp(interp, "+", sum, v), 0n),
        copy: (args, _kwargs, interp) => newSubDict(interp, counter(), dictItems(asDict(args[0], "Counter", "copy"))),
      },
    },
    dictClassOf(),
  );
  return counterClass;
}

/** Counter's + - & |: keep only positive counts. */
function counterOp(interp: Runtime, self: PyDictObject, op: BinaryOperator, other: PyValue): PyValue | undefined {
  if (!["+", "-", "&", "|"].includes(op)) return undefined;
  if (other === null || typeof other !== "object" || other.kind !== "dict" || other.cls !== counter()) return undefined;
  const out = newSubDict(interp, counter());
  const positive = (v: PyValue) => compareOp(interp, ">", v, 0n);
  const keys = [...dictItems(self).map(([k]) => k), ...dictItems(other).map(([k]) => k).filter((k) => dictGet(interp, self, k) === undefined)];
  for (const k of keys) {
    const a = dictGet(interp, self, k) ?? 0n;
    const b = dictGet(interp, other, k) ?? 0n;
    let v: PyValue;
    if (op === "+") v = binaryOp(interp, "+", a, b);
    else if (op === "-") v = binaryOp(interp, "-", a, b);
    else if (op === "&") v = compareOp(interp, "<", a, b) ? a : b;
    else v = compareOp(interp, "<", a, b) ? b : a;
    if (positive(v)) dictSet(interp, out, k, v);
  }
  return out;
}

// ------------------------------------------------------------------ defaultdict, OrderedDict

let defaultdictClass: PyClass | undefined;

function defaultdict(): PyClass {
  defaultdictClass ??= makeClass(
    "defaultdict",
    "collections",
    {
      construct: (cls, args, kwargs, interp) => {
        const factory = args[0] ?? null;
        if (factory !== null && !interp.truthy(interp.call(interp.builtins.get("callable")!, [factory]))) throw pyError("TypeError", "first argument must be callable or None");
        return newSubDict(interp, cls, pairsOf(interp, args[1], kwargs), { factory });
      },
      missing: (self, key, interp) => {
        const factory = (self.data as { factory: PyValue }).factory;
        if (factory === null) throw new PyRaise(interp.newException("KeyError", key));
        const value = interp.call(factory, []);
        dictSet(interp, self, key, value);
        return value;
      },
      subclassAttr: (self, name) => (name === "default_factory" ? ((self as PyDictObject).data as { factory: PyValue }).factory : undefined),
      subclassRepr: (self, plain, interp) => `defaultdict(${interp.repr(((self as PyDictObject).data as { factory: PyValue }).factory)}, ${plain()})`,
      methods: {
        copy: (args, _kwargs, interp) => {
          const d = asDict(args[0], "defaultdict", "copy");
          return newSubDict(interp, defaultdict(), dictItems(d), { ...(d.data as object) });
        },
      },
    },
    dictClassOf(),
  );
  return defaultdictClass;
}

let orderedDictClass: PyClass | undefined;

function orderedDict(): PyClass {
  orderedDictClass ??= makeClass(
    "OrderedDict",
    "collections",
    {
      construct: (cls, args, kwargs, interp) => {
        if (args.length > 1) throw pyError("TypeError", `expected at most 1 argument, got ${args.length}`);
        return newSubDict(interp, cls, pairsOf(interp, args[0], kwargs));
      },
      subclassRepr: (self, _plain, interp) => {
        const items = dictItems(self as PyDictObject);
        return items.length ? `OrderedDict([${items.map(([k, v]) => `(${interp.repr(k)}, ${interp.repr(v)})`).join(", ")}])` : "OrderedDict()";
      },
      methods: {
        move_to_end: (args, kwargs, interp) => {
          const a = interp.bindArgs("move_to_end", args.slice(1), kwargs, ["key", "last"], { last: true });
          const d = asDict(args[0], "OrderedDict", "move_to_end");
          const value = dictDelete(interp, d, a.key);
          if (value === undefined) throw new PyRaise(interp.newException("KeyError", a.key));
          if (interp.truthy(a.last)) dictSet(interp, d, a.key, value);
          else {
            const rest = dictItems(d);
            d.entries.clear();
            for (const [k, v] of [[a.key, value] as [PyValue, PyValue], ...rest]) dictSet(interp, d, k, v);
          }
          return null;
        },
        popitem: (args, kwargs, interp) => {
          const a = interp.bindArgs("popitem", args.slice(1), kwargs, ["last"], { last: true });
          const d = asDict(args[0], "OrderedDict", "popitem");
          const items = dictItems(d);
          if (!items.length) throw new PyRaise(interp.newException("KeyError", "dictionary is empty"));
          const [k, v] = interp.truthy(a.last) ? items[items.length - 1] : items[0];
          dictDelete(interp, d, k);
          return pyTuple([k, v]);
        },
        copy: (args, _kwargs, interp) => newSubDict(interp, orderedDict(), dictItems(asDict(args[0], "OrderedDict", "copy"))),
      },
    },
    dictClassOf(),
  );
  return orderedDictClass;
}

// ------------------------------------------------------------------ namedtuple

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]);

function namedtupleFactory(args: PyValue[], kwargs: Kwargs, interp: Runtime): PyValue {
  const a = interp.bindArgs("namedtuple", args, kwargs, ["typename", "field_names", "rename", "defaults", "module"], { rename: false, defaults: null, module: null });
  const typename = interp.str(a.typename);
  const given = strOf(a.field_names);
  const fields = given !== undefined ? given.replace(/,/g, " ").split(/\s+/).filter((f) => f) : interp.iterate(a.field_names).map((f) => interp.str(f));
  for (const name of [typename, ...fields]) {
    if (!IDENTIFIER.test(name)) throw pyError("ValueError", `Type names and field names must be valid identifiers: ${interp.repr(name)}`);
    if (KEYWORDS.has(name)) throw pyError("ValueError", `Type names and field names cannot be a keyword: ${interp.repr(name)}`);
  }
  const seen = new Set<string>();
  for (const name of fields) {
    if (name.startsWith("_")) throw pyError("ValueError", `Field names cannot start with an underscore: ${interp.repr(name)}`);
    if (seen.has(name)) throw pyError("ValueError", `Encountered duplicate field name: ${interp.repr(name)}`);
    seen.add(name);
  }
  const defaults = a.defaults === null ? [] : interp.iterate(a.defaults);
  if (defaults.length > fields.length) throw pyError("TypeError", "Got more default values than field names");
  const firstDefault = fields.length - defaults.length;

  const make = (items: PyValue[]): PyTuple => ({ kind: "tuple", items, cls });
  const methods: Record<string, NativeFn> = {
    _asdict: (self, _kw, it) => it.newDict(fields.map((f, i) => [f, (self[0] as PyTuple).items[i]] as [PyValue, PyValue])),
    _replace: (self, kw, it) => {
      const items = [...(self[0] as PyTuple).items];
      for (const [k, v] of kw) {
        const i = fields.indexOf(k);
        if (i < 0) throw pyError("ValueError", `Got unexpected field names: [${it.repr(k)}]`);
        items[i] = v;
      }
      return make(items);
    },
  };
  const cls: PyClass = makeClass(
    typename,
    a.module === null ? "__main__" : interp.str(a.module),
    {
      construct: (_c, cargs, ckwargs, it) => {
        if (cargs.length > fields.length) {
          throw pyError("TypeError", `${typename}.__new__() takes ${fields.length + 1} positional arguments but ${cargs.length + 1} were given`);
        }
        const items: PyValue[] = [];
        const missing: string[] = [];
        fields.forEach((f, i) => {
          if (i < cargs.length) {
            if (ckwargs.has(f)) throw pyError("TypeError", `${typename}.__new__() got multiple values for argument '${f}'`);
            items.push(cargs[i]);
          } else if (ckwargs.has(f)) items.push(ckwargs.get(f)!);
          else if (i >= firstDefault) items.push(defaults[i - firstDefault]);
          else missing.push(f);
        });
        for (const k of ckwargs.keys()) if (!fields.includes(k)) throw pyError("TypeError", `${typename}.__new__() got an unexpected keyword argument '${k}'`);
        if (missing.length) {
          const names = missing.map((m) => `'${m}'`);
          const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
          throw pyError("TypeError", `${typename}.__new__() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`);
        }
        void it;
        return make(items);
      },
      subclassRepr: (self, _plain, it) => `${typename}(${fields.map((f, i) => `${f}=${it.repr((self as PyTuple).items[i])}`).join(", ")})`,
      methods,
    },
    tupleClassOf(),
  );
  cls.attrs.set("_fields", pyTuple(fields));
  cls.attrs.set("_make", pyBuiltin("_make", (margs, _mk, it) => make(it.iterate(margs[0] ?? pyTuple([])))));
  return cls;
}

// ------------------------------------------------------------------ deque

interface DequeData {
  items: PyValue[];
  maxlen: number | null;
}

let dequeClass: PyClass | undefined;

function dq(self: PyValue): DequeData {
  return (self as PyInstance).data as DequeData;
}

function bounded(d: DequeData, fromLeft: boolean): void {
  if (d.items.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
  if (d.maxlen === null) return;
  while (d.items.length > d.maxlen) {
    if (fromLeft) d.items.pop();
    else d.items.shift();
  }
}

function deque(): PyClass {
  dequeClass ??= makeClass("deque", "collections", {
    construct: (cls, args, kwargs, interp) => {
      const a = interp.bindArgs("deque", args, kwargs, ["iterable", "maxlen"], { iterable: null, maxlen: null });
      const maxlen = a.maxlen === null ? null : Number(a.maxlen as bigint);
      if (maxlen !== null && maxlen < 0) throw pyError("ValueError", "maxlen must be non-negative");
      const data: DequeData = { items: a.iterable === null ? [] : interp.iterate(a.iterable), maxlen };
      bounded(data, false);
      return interp.newInstance(cls, { data });
    },
    repr: (self, interp) => {
      const d = dq(self);
      const body = `[${d.items.map((x) => interp.repr(x)).join(", ")}]`;
      return d.maxlen === null ? `deque(${body})` : `deque(${body}, maxlen=${d.maxlen})`;
    },
    len: (self) => dq(self).items.length,
    bool: (self) => dq(self).items.length > 0,
    iter: (self) => [...dq(self).items][Symbol.iterator](),
    contains: (self, item, interp) => dq(self).items.some((x) => interp.eq(x, item)),
    eq: (self, other, interp) => {
      if (other === null || typeof other !== "object" || other.kind !== "instance" || other.cls !== self.cls) return undefined;
      const a = dq(self).items;
      const b = dq(other).items;
      return a.length === b.length && a.every((x, i) => interp.eq(x, b[i]));
    },
    getitem: (self, key) => {
      const items = dq(self).items;
      if (typeof key !== "bigint") throw pyError("TypeError", "sequence index must be integer, not 'slice'");
      const i = Number(key < 0n ? key + BigInt(items.length) : key);
      if (i < 0 || i >= items.length) throw pyError("IndexError", "deque index out of range");
      return items[i];
    },
    setitem: (self, key, value) => {
      const items = dq(self).items;
      const i = Number((key as bigint) < 0n ? (key as bigint) + BigInt(items.length) : (key as bigint));
      if (typeof key !== "bigint" || i < 0 || i >= items.length) throw pyError("IndexError", "deque index out of range");
      items[i] = value;
    },
    getattr: (self, name) => (name === "maxlen" ? (dq(self).maxlen === null ? null : BigInt(dq(self).maxlen!)) : undefined),
    methods: {
      append: (args) => {
        const d = dq(args[0]);
        d.items.push(args[1] ?? null);
        bounded(d, false);
        return null;
      },
      appendleft: (args) => {
        const d = dq(args[0]);
        d.items.unshift(args[1] ?? null);
        bounded(d, true);
        return null;
      },
      extend: (args, _kw, interp) => {
        const d = dq(args[0]);
        for (const x of interp.iterate(args[1] ?? pyList([]))) {
          d.items.push(x);
          bounded(d, false);
        }
        return null;
      },
      extendleft: (args, _kw, interp) => {
        const d = dq(args[0]);
        for (const x of interp.iterate(args[1] ?? pyList([]))) {
          d.items.unshift(x);
          bounded(d, true);
        }
        return null;
      },
      pop: (args) => {
        const d = dq(args[0]);
        if (!d.items.length) throw pyError("IndexError", "pop from an empty deque");
        return d.items.pop()!;
      },
      popleft: (args) => {
        const d = dq(args[0]);
        if (!d.items.length) throw pyError("IndexError", "pop from an empty deque");
        return d.items.shift()!;
      },
      rotate: (args) => {
        const d = dq(args[0]);
        const n = d.items.length;
        if (n === 0) return null;
        const k = ((Number((args[1] as bigint | undefined) ?? 1n) % n) + n) % n;
        d.items.unshift(...d.items.splice(n - k, k));
        return null;
      },
      clear: (args) => {
        dq(args[0]).items.length = 0;
        return null;
      },
      count: (args, _kw, interp) => BigInt(dq(args[0]).items.filter((x) => interp.eq(x, args[1] ?? null)).length),
      index: (args, _kw, interp) => {
        const i = dq(args[0]).items.findIndex((x) => interp.eq(x, args[1] ?? null));
        if (i < 0) throw pyError("ValueError", `${interp.repr(args[1] ?? null)} is not in deque`);
        return BigInt(i);
      },
      remove: (args, _kw, interp) => {
        const d = dq(args[0]);
        const i = d.items.findIndex((x) => interp.eq(x, args[1] ?? null));
        if (i < 0) throw pyError("ValueError", `${interp.repr(args[1] ?? null)} is not in deque`);
        d.items.splice(i, 1);
        return null;
      },
      reverse: (args) => {
        dq(args[0]).items.reverse();
        return null;
      },
      copy: (args, _kw, interp) => interp.newInstance(deque(), { data: { items: [...dq(args[0]).items], maxlen: dq(args[0]).maxlen } }),
    },
  });
  return dequeClass;
}

// ------------------------------------------------------------------ module

let dictClass: PyClass | undefined;
let tupleClass: PyClass | undefined;

function dictClassOf(): PyClass {
  if (!dictClass) throw new Error("collections: dict class not set");
  return dictClass;
}

function tupleClassOf(): PyClass {
  if (!tupleClass) throw new Error("collections: tuple class not set");
  return tupleClass;
}

export function collectionsModule(interp: Runtime): PyModule {
  dictClass ??= interp.builtinClass("dict");
  tupleClass ??= interp.builtinClass("tuple");
  const mod = pyModule("collections", {
    Counter: counter(),
    defaultdict: defaultdict(),
    OrderedDict: orderedDict(),
    deque: deque(),
    namedtuple: pyBuiltin("namedtuple", namedtupleFactory),
  });
  mod.file = "/usr/lib/python3.11/collections/__init__.py";
  return mod;
}
