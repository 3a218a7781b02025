/** Builtin functions and the constructors of builtin types. */
import * as C from "./classes";
import { newException, pyError } from "./classes";
import { dictSet, newDict } from "./dict";
import { roundFloat } from "./floatfmt";
import { formatValue } from "./format";
import { MAX_SEQUENCE_LENGTH, MAX_STR_LENGTH } from "./limits";
import { dictUpdate, sortValues } from "./methods";
import { getAttribute, setAttribute } from "./attributes";
import { hashKey, nativeHook, objectId, repr, str, truthy, typeName, typeOf } from "./objects";
import { asIndex, bitLength, checkIntSize, intToFloat } from "./ints";
import { binaryOp, compareOp } from "./ops";
import { asciiRepr, decodeBytes, encodeStr, WS } from "./text";
import { classmethodClass, makeSuper, propertyClass, staticmethodClass } from "./user-classes";
import type { Kwargs, NativeFn, PyClass, PyModule, PyValue, Runtime } from "./values";
import { isInstance, pyBuiltin, pyList, pyTuple, strOf } from "./values";

function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size) throw pyError("TypeError", `${name}() takes no keyword arguments`);
}

function exactly(name: string, args: PyValue[], n: number): void {
  if (args.length !== n) {
    throw pyError("TypeError", `${name}() takes exactly ${n === 1 ? "one argument" : n + " arguments"} (${args.length} given)`);
  }
}

function range(name: string, args: PyValue[], min: number, max: number): void {
  if (args.length < min) throw pyError("TypeError", `${name} expected ${min === max ? "" : "at least "}${min} argument${min === 1 ? "" : "s"}, got ${args.length}`);
  if (args.length > max) throw pyError("TypeError", `${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${args.length}`);
}

export function toIndex(v: PyValue): bigint {
  const n = asIndex(v);
  if (n === undefined) throw pyError("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
  return n;
}

// ---- int() / float() parsing ----

const INT_MAX_STR_DIGITS = 4300;

function parseIntString(text: string, base: number, original: PyValue, interp: Runtime): bigint {
  const bad = () => pyError("ValueError", `invalid literal for int() with base ${base}: ${repr(interp, original)}`);
  let s = text.replace(new RegExp(`^[${WS}]+|[${WS}]+$`, "g"), "");
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let b = base;
  const prefix = /^0([xXoObB])/.exec(s);
  if (prefix) {
    const pb = { x: 16, o: 8, b: 2 }[prefix[1].toLowerCase() as "x" | "o" | "b"];
    if (b === 0 || b === pb) {
      b = pb;
      s = s.slice(2);
      if (s.startsWith("_")) s = s.slice(1);
    }
  }
  if (b === 0) {
    b = 10;
    if (/^0+[1-9]/.test(s.replace(/_/g, ""))) throw bad();
  }
  if (!s || s.startsWith("_") || s.endsWith("_") || s.includes("__")) throw bad();
  s = s.replace(/_/g, "");
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
  // Unicode decimal digits are accepted too
  s = s.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    if (cp < 128) return d;
    for (let z = cp; z >= cp - 9; z--) {
      if (!/\p{Nd}/u.test(String.fromCodePoint(z - 1))) return String(cp - z);
    }
    return d;
  });
  for (const ch of s.toLowerCase()) if (!digits.includes(ch)) throw bad();
  if (b === 10 && s.length > INT_MAX_STR_DIGITS) {
    throw pyError("ValueError", `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  let n: bigint;
  if (b === 10) n = BigInt(s);
  else if (b === 16) n = BigInt("0x" + s);
  else if (b === 8) n = BigInt("0o" + s);
  else if (b === 2) n = BigInt("0b" + s);
  else {
    n = 0n;
    for (const ch of s.toLowerCase()) n = n * BigInt(b) + BigInt(digits.indexOf(ch));
  }
  return checkIntSize(neg ? -n : n);
}

function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw pyError("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw pyError("OverflowError", "cannot convert float infinity to integer");
  return BigInt(Math.trunc(x));
}

function parseFloatString(text: string, original: PyValue, interp: Runtime): number {
  const s = text.replace(new RegExp(`^[${WS}]+|[${WS}]+$`, "g"), "");
  const m = /^([+-]?)(?:(inf|infinity)|(nan)|((?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?))$/i.exec(s);
  if (!m || (m[4] !== undefined && !/\d/.test(m[4].replace(/[eE].*$/, "")))) {
    throw pyError("ValueError", `could not convert string to float: ${repr(interp, original)}`);
  }
  const sign = m[1] === "-" ? -1 : 1;
  if (m[2]) return sign * Infinity;
  if (m[3]) return NaN;
  return sign * Number(m[4].replace(/_/g, ""));
}

// ---- constructors of builtin types ----

function construct(cls: PyClass, fn: (args: PyValue[], kwargs: Kwargs, interp: Runtime) => PyValue): void {
  cls.native.construct = (_c, args, kwargs, interp) => fn(args, kwargs, interp);
}

construct(C.intClass, (args, kwargs, interp) => {
  if (args.length > 2) throw pyError("TypeError", `int() takes at most 2 arguments (${args.length} given)`);
  for (const k of kwargs.keys()) if (k !== "base") throw pyError("TypeError", `'${k}' is an invalid keyword argument for int()`);
  const a = interp.bindArgs("int", args, kwargs, ["x", "base"], { x: 0n, base: null });
  const x = a.x;
  if (args.length === 0 && !kwargs.has("x")) {
    if (a.base !== null) throw pyError("TypeError", "int() missing string argument");
    return 0n;
  }
  if (a.base !== null) {
    const base = toIndex(a.base);
    if (base !== 0n && (base < 2n || base > 36n)) throw pyError("ValueError", "int() base must be >= 2 and <= 36, or 0");
    const s = strOf(x) ?? (x !== null && typeof x === "object" && x.kind === "bytes" ? decodeBytes(x.data, "latin-1") : undefined);
    if (s === undefined) throw pyError("TypeError", "int() can't convert non-string with explicit base");
    return parseIntString(s, Number(base), x, interp);
  }
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  if (typeof x === "number") return floatToInt(x);
  const s = strOf(x);
  if (s !== undefined) return parseIntString(s, 10, x, interp);
  if (x !== null && typeof x === "object" && x.kind === "bytes") return parseIntString(decodeBytes(x.data, "latin-1"), 10, x, interp);
  throw pyError("TypeError", `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
});

construct(C.floatClass, (args, kwargs, interp) => {
  noKw("float", kwargs);
  range("float", args, 0, 1);
  if (!args.length) return 0;
  const x = args[0];
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return intToFloat(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  const s = strOf(x);
  if (s !== undefined) return parseFloatString(s, x, interp);
  if (x !== null && typeof x === "object" && x.kind === "bytes") return parseFloatString(decodeBytes(x.data, "latin-1"), x, interp);
  throw pyError("TypeError", `float() argument must be a string or a real number, not '${typeName(x)}'`);
});

construct(C.strClass, (args, kwargs, interp) => {
  const a = interp.bindArgs("str", args, kwargs, ["object", "encoding", "errors"], { object: "", encoding: null, errors: null });
  if (a.encoding === null && a.errors === null) return str(interp, a.object);
  if (a.encoding !== null && strOf(a.encoding) === undefined) throw pyError("TypeError", `str() argument 'encoding' must be str, not ${typeName(a.encoding)}`);
  if (a.errors !== null && strOf(a.errors) === undefined) throw pyError("TypeError", `str() argument 'errors' must be str, not ${typeName(a.errors)}`);
  const o = a.object;
  if (o === null || typeof o !== "object" || o.kind !== "bytes") throw pyError("TypeError", `decoding to str: need a bytes-like object, ${typeName(o)} found`);
  return decodeBytes(o.data, a.encoding === null ? "utf-8" : String(strOf(a.encoding)), a.errors === null ? "strict" : String(strOf(a.errors)));
});

construct(C.boolClass, (args, kwargs, interp) => {
  noKw("bool", kwargs);
  range("bool", args, 0, 1);
  return args.length ? truthy(interp, args[0]) : false;
});

construct(C.listClass, (args, kwargs, interp) => {
  noKw("list", kwargs);
  range("list", args, 0, 1);
  return pyList(args.length ? interp.iterate(args[0]) : []);
});

construct(C.tupleClass, (args, kwargs, interp) => {
  noKw("tuple", kwargs);
  range("tuple", args, 0, 1);
  if (args.length && args[0] !== null && typeof args[0] === "object" && args[0].kind === "tuple") return args[0];
  return pyTuple(args.length ? interp.iterate(args[0]) : []);
});

construct(C.dictClass, (args, kwargs, interp) => {
  range("dict", args, 0, 1);
  const d = newDict();
  dictUpdate(interp, d, args[0], kwargs);
  return d;
});

function makeSet(frozen: boolean): (args: PyValue[], kwargs: Kwargs, interp: Runtime) => PyValue {
  return (args, kwargs, interp) => {
    const name = frozen ? "frozenset" : "set";
    noKw(name, kwargs);
    range(name, args, 0, 1);
    const items = new Map<string, PyValue>();
    if (args.length) for (const x of interp.iterate(args[0])) {
      const k = hashKey(interp, x);
      if (!items.has(k)) items.set(k, x);
    }
    return { kind: "set", items, frozen };
  };
}
construct(C.setClass, makeSet(false));
construct(C.frozensetClass, makeSet(true));

construct(C.rangeClass, (args, kwargs) => {
  noKw("range", kwargs);
  if (args.length === 0) throw pyError("TypeError", "range expected at least 1 argument, got 0");
  if (args.length > 3) throw pyError("TypeError", `range expected at most 3 arguments, got ${args.length}`);
  const n = args.map(toIndex);
  const [start, stop, step] = n.length === 1 ? [0n, n[0], 1n] : [n[0], n[1], n[2] ?? 1n];
  if (step === 0n) throw pyError("ValueError", "range() arg 3 must not be zero");
  return { kind: "range", start, stop, step };
});

construct(C.bytesClass, (args, kwargs, interp) => {
  const a = interp.bindArgs("bytes", args, kwargs, ["source", "encoding", "errors"], { source: null, encoding: null, errors: null });
  const src = a.source;
  if (args.length === 0 && !kwargs.size) return { kind: "bytes", data: new Uint8Array(0) };
  const s = strOf(src);
  if (s !== undefined) {
    if (a.encoding === null) throw pyError("TypeError", "string argument without an encoding");
    return { kind: "bytes", data: encodeStr(s, String(strOf(a.encoding)), a.errors === null ? "strict" : String(strOf(a.errors))) };
  }
  if (typeof src === "bigint") {
    if (src < 0n) throw pyError("ValueError", "negative count");
    if (src > BigInt(MAX_STR_LENGTH)) throw pyError("MemoryError");
    return { kind: "bytes", data: new Uint8Array(Number(src)) };
  }
  if (src !== null && typeof src === "object" && src.kind === "bytes") return src;
  const items = interp.iterate(src);
  return {
    kind: "bytes",
    data: Uint8Array.from(items, (x) => {
      const n = asIndex(x);
      if (n === undefined) throw pyError("TypeError", `'${typeName(x)}' object cannot be interpreted as an integer`);
      if (n < 0n || n > 255n) throw pyError("ValueError", "bytes must be in range(0, 256)");
      return Number(n);
    }),
  };
});

construct(C.typeClass, (args, kwargs) => {
  noKw("type", kwargs);
  if (args.length === 1) return typeOf(args[0]);
  throw pyError("TypeError", "type() takes 1 argument (creating classes is not supported here)");
});


construct(C.sliceClass, (args) => {
  range("slice", args, 1, 3);
  if (args.length === 1) return { kind: "slice", start: null, stop: args[0], step: null };
  return { kind: "slice", start: args[0], stop: args[1], step: args[2] ?? null };
});

/** Calling a class: builtin constructors, host classes, exceptions. */
export function callClass(interp: Runtime, cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  if (cls === C.objectClass) {
    if (args.length || kwargs.size) throw pyError("TypeError", "object() takes no arguments");
    return { kind: "instance", cls: C.objectClass, attrs: new Map() };
  }
  const ctor = nativeHook(cls, "construct");
  if (ctor) return ctor(cls, args, kwargs, interp);
  if (C.isExceptionClass(cls)) {
    if (kwargs.size) throw pyError("TypeError", `${cls.name}() takes no keyword arguments`);
    return newException(cls, args);
  }
  if (args.length || kwargs.size) throw pyError("TypeError", `${cls.name}() takes no arguments`);
  return interp.newInstance(cls);
}

// ---- builtin functions ----

function minmax(name: "min" | "max", args: PyValue[], kwargs: Kwargs, interp: Runtime): PyValue {
  for (const k of kwargs.keys()) if (k !== "key" && k !== "default") throw pyError("TypeError", `${name}() got an unexpected keyword argument '${k}'`);
  if (!args.length) throw pyError("TypeError", `${name} expected at least 1 argument, got 0`);
  const key = kwargs.get("key") ?? null;
  let items: PyValue[];
  if (args.length === 1) items = interp.iterate(args[0]);
  else {
    if (kwargs.has("default")) throw pyError("TypeError", `Cannot specify a default for ${name}() with multiple positional arguments`);
    items = args;
  }
  if (!items.length) {
    if (kwargs.has("default")) return kwargs.get("default")!;
    throw pyError("ValueError", `${name}() arg is an empty sequence`);
  }
  let best = items[0];
  let bestKey = key === null ? best : interp.call(key, [best]);
  for (let i = 1; i < items.length; i++) {
    interp.charge(1);
    const k = key === null ? items[i] : interp.call(key, [items[i]]);
    if (compareOp(interp, name === "min" ? "<" : ">", k, bestKey)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function lazy(typeName: string, next: () => PyValue | undefined): PyValue {
  return { kind: "iterator", typeName, next };
}

const fns: Record<string, NativeFn> = {
  super(args, kwargs, interp) {
    if (kwargs.size) throw pyError("TypeError", "super() takes no keyword arguments");
    if (args.length === 0) {
      const { cls, self } = interp.zeroArgSuper();
      return makeSuper(interp, cls, self);
    }
    const [start, obj] = args;
    if (start === null || typeof start !== "object" || start.kind !== "class") throw pyError("TypeError", `super() argument 1 must be a type, not ${typeName(start)}`);
    if (args.length === 1) throw pyError("RuntimeError", "super(): unbound super objects are not supported by the course model");
    return makeSuper(interp, start, obj);
  },
  print(args, kwargs, interp) {
    for (const k of kwargs.keys()) if (!["sep", "end", "file", "flush"].includes(k)) throw pyError("TypeError", `'${k}' is an invalid keyword argument for print()`);
    const sepV = kwargs.get("sep") ?? null;
    const endV = kwargs.get("end") ?? null;
    if (sepV !== null && strOf(sepV) === undefined) throw pyError("TypeError", `sep must be None or a string, not ${typeName(sepV)}`);
    if (endV !== null && strOf(endV) === undefined) throw pyError("TypeError", `end must be None or a string, not ${typeName(endV)}`);
    const sep = sepV === null ? " " : strOf(sepV)!;
    const end = endV === null ? "\n" : strOf(endV)!;
    const text = args.map((a) => str(interp, a)).join(sep) + end;
    interp.chargeAlloc(text.length);
    const file = kwargs.get("file");
    interp.write(file !== undefined && file !== null && isInstance(file) && file.cls.name === "stderr" ? "stderr" : "stdout", text);
    return null;
  },
  len(args, kwargs, interp) {
    noKw("len", kwargs);
    exactly("len", args, 1);
    const v = args[0];
    if (typeof v === "string") return BigInt(/[\uD800-\uDFFF]/.test(v) ? Array.from(v).length : v.length);
    if (v !== null && typeof v === "object") {
      switch (v.kind) {
        case "list":
        case "tuple":
          return BigInt(v.items.length);
        case "dict":
          return BigInt(v.entries.size);
        case "set":
          return BigInt(v.items.size);
        case "bytes":
          return BigInt(v.data.length);
        case "dictview":
          return BigInt(v.dict.entries.size);
        case "range": {
          const { start, stop, step } = v;
          if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
          return start > stop ? (start - stop - step - 1n) / -step : 0n;
        }
        case "instance": {
          const h = nativeHook(v.cls, "len");
          if (h) return BigInt(h(v, interp));
          if (v.strValue !== undefined) return BigInt(Array.from(v.strValue).length);
        }
      }
    }
    throw pyError("TypeError", `object of type '${typeName(v)}' has no len()`);
  },
  repr: (args, kwargs, interp) => (noKw("repr", kwargs), exactly("repr", args, 1), repr(interp, args[0])),
  ascii: (args, kwargs, interp) => (noKw("ascii", kwargs), exactly("ascii", args, 1), asciiRepr(repr(interp, args[0]))),
  abs(args, kwargs) {
    noKw("abs", kwargs);
    exactly("abs", args, 1);
    const v = args[0];
    if (typeof v === "bigint") return v < 0n ? -v : v;
    if (typeof v === "boolean") return v ? 1n : 0n;
    if (typeof v === "number") return Math.abs(v);
    throw pyError("TypeError", `bad operand type for abs(): '${typeName(v)}'`);
  },
  round(args, kwargs, interp) {
    const a = interp.bindArgs("round", args, kwargs, ["number", "ndigits"], { ndigits: null });
    const x = a.number;
    const nd = a.ndigits;
    if (typeof x === "number") {
      if (nd === null) {
        if (Number.isNaN(x)) throw pyError("ValueError", "cannot convert float NaN to integer");
        if (!Number.isFinite(x)) throw pyError("OverflowError", "cannot convert float infinity to integer");
        return BigInt(roundHalfEven(x));
      }
      const n = toIndex(nd);
      return roundFloat(x, n > 400n ? 400 : n < -400n ? -400 : Number(n));
    }
    if (typeof x === "bigint" || typeof x === "boolean") {
      const i = typeof x === "boolean" ? BigInt(x) : x;
      if (nd === null) return i;
      const n = toIndex(nd);
      if (n >= 0n) return i;
      if (-n > 5000n) return 0n;
      const p = 10n ** -n;
      let q = i / p;
      let r = i % p;
      if (r < 0n) {
        r += p;
        q -= 1n;
      }
      if (2n * r > p || (2n * r === p && q % 2n !== 0n)) q += 1n;
      return q * p;
    }
    throw pyError("TypeError", `type ${typeName(x)} doesn't define __round__ method`);
  },
  sum(args, kwargs, interp) {
    if (!args.length) throw pyError("TypeError", "sum() takes at least 1 positional argument (0 given)");
    const a = interp.bindArgs("sum", args, kwargs, ["iterable", "start"], { start: 0n });
    if (strOf(a.start) !== undefined) throw pyError("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
    if (a.start !== null && typeof a.start === "object" && a.start.kind === "bytes") throw pyError("TypeError", "sum() can't sum bytes [use b''.join(seq) instead]");
    let acc: PyValue = a.start;
    const it = interp.iter(a.iterable);
    for (let x = it(); x !== undefined; x = it()) {
      interp.charge(1);
      acc = binaryOp(interp, "+", acc, x);
    }
    return acc;
  },
  min: (args, kwargs, interp) => minmax("min", args, kwargs, interp),
  max: (args, kwargs, interp) => minmax("max", args, kwargs, interp),
  sorted(args, kwargs, interp) {
    if (args.length !== 1) throw pyError("TypeError", `sorted expected 1 argument, got ${args.length}`);
    const { key, reverse } = interp.bindArgs("sorted", [], kwargs, ["key", "reverse"], { key: null, reverse: false });
    return pyList(sortValues(interp, interp.iterate(args[0]), key, truthy(interp, reverse)));
  },
  reversed(args, kwargs, interp) {
    noKw("reversed", kwargs);
    exactly("reversed", args, 1);
    const v = args[0];
    let items: PyValue[];
    if (typeof v === "string" || (v !== null && typeof v === "object" && (v.kind === "list" || v.kind === "tuple" || v.kind === "range" || v.kind === "dict" || v.kind === "dictview"))) {
      items = interp.iterate(v).reverse();
    } else throw pyError("TypeError", `'${typeName(v)}' object is not reversible`);
    let i = 0;
    const kind = v !== null && typeof v === "object" ? (v.kind === "list" ? "list_reverseiterator" : v.kind === "range" ? "range_iterator" : v.kind === "dict" ? "dict_reversekeyiterator" : "reversed") : "reversed";
    return lazy(kind, () => (i < items.length ? items[i++] : undefined));
  },
  enumerate(args, kwargs, interp) {
    if (!args.length && !kwargs.has("iterable")) throw pyError("TypeError", "enumerate() missing required argument 'iterable'");
    const a = interp.bindArgs("enumerate", args, kwargs, ["iterable", "start"], { start: 0n });
    const it = interp.iter(a.iterable);
    let n = toIndex(a.start);
    return lazy("enumerate", () => {
      const x = it();
      if (x === undefined) return undefined;
      return pyTuple([n++, x]);
    });
  },
  zip(args, kwargs, interp) {
    for (const k of kwargs.keys()) if (k !== "strict") throw pyError("TypeError", `zip() got an unexpected keyword argument '${k}'`);
    const strict = truthy(interp, kwargs.get("strict") ?? false);
    const its = args.map((a, i) => {
      const it = interp.tryIter(a);
      if (!it) throw pyError("TypeError", `'${typeName(a)}' object is not iterable`);
      void i;
      return it;
    });
    let done = false;
    return lazy("zip", () => {
      if (done || !its.length) return undefined;
      const row: PyValue[] = [];
      for (let i = 0; i < its.length; i++) {
        const x = its[i]();
        if (x === undefined) {
          done = true;
          if (strict && (i > 0 || its.slice(1).some((o) => o() !== undefined))) {
            throw pyError("ValueError", i > 0 ? `zip() argument ${i + 1} is shorter than argument${i > 1 ? "s 1-" + i : " 1"}` : `zip() argument 2 is longer than argument 1`);
          }
          return undefined;
        }
        row.push(x);
      }
      return pyTuple(row);
    });
  },
  map(args, kwargs, interp) {
    noKw("map", kwargs);
    if (args.length < 2) throw pyError("TypeError", "map() must have at least two arguments.");
    const fn = args[0];
    const its = args.slice(1).map((a) => interp.iter(a));
    return lazy("map", () => {
      const row: PyValue[] = [];
      for (const it of its) {
        const x = it();
        if (x === undefined) return undefined;
        row.push(x);
      }
      return interp.call(fn, row);
    });
  },
  filter(args, kwargs, interp) {
    noKw("filter", kwargs);
    if (args.length !== 2) throw pyError("TypeError", `filter expected 2 arguments, got ${args.length}`);
    const fn = args[0];
    const it = interp.iter(args[1]);
    return lazy("filter", () => {
      for (;;) {
        const x = it();
        if (x === undefined) return undefined;
        interp.charge(1);
        if (truthy(interp, fn === null ? x : interp.call(fn, [x]))) return x;
      }
    });
  },
  iter(args, kwargs, interp) {
    noKw("iter", kwargs);
    exactly("iter", args, 1);
    const v = args[0];
    if (v !== null && typeof v === "object" && v.kind === "iterator") return v;
    const it = interp.iter(v);
    const kind = typeof v === "string" ? "str_ascii_iterator" : v !== null && typeof v === "object" ? (v.kind === "dict" ? "dict_keyiterator" : v.kind + "_iterator") : "iterator";
    return lazy(kind, it);
  },
  next(args, kwargs) {
    noKw("next", kwargs);
    range("next", args, 1, 2);
    const v = args[0];
    if (v === null || typeof v !== "object" || v.kind !== "iterator") throw pyError("TypeError", `'${typeName(v)}' object is not an iterator`);
    const x = v.next();
    if (x !== undefined) return x;
    if (args.length > 1) return args[1];
    throw pyError("StopIteration");
  },
  isinstance(args, kwargs, interp) {
    noKw("isinstance", kwargs);
    exactly("isinstance", args, 2);
    const check = (c: PyValue): boolean => {
      if (c !== null && typeof c === "object" && c.kind === "class") return interp.isinstance(args[0], c);
      if (c !== null && typeof c === "object" && c.kind === "tuple") return c.items.some(check);
      throw pyError("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
    };
    return check(args[1]);
  },
  issubclass(args) {
    exactly("issubclass", args, 2);
    const a = args[0];
    if (a === null || typeof a !== "object" || a.kind !== "class") throw pyError("TypeError", "issubclass() arg 1 must be a class");
    const check = (c: PyValue): boolean => {
      if (c !== null && typeof c === "object" && c.kind === "class") return c === C.objectClass || C.isSubclass(a, c);
      if (c !== null && typeof c === "object" && c.kind === "tuple") return c.items.some(check);
      throw pyError("TypeError", "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    };
    return check(args[1]);
  },
  hasattr(args, kwargs, interp) {
    noKw("hasattr", kwargs);
    exactly("hasattr", args, 2);
    const name = strOf(args[1]);
    if (name === undefined) throw pyError("TypeError", "hasattr(): attribute name must be string");
    return interp.getAttrOrUndefined(args[0], name) !== undefined;
  },
  getattr(args, kwargs, interp) {
    noKw("getattr", kwargs);
    if (args.length < 2) throw pyError("TypeError", `getattr expected at least 2 arguments, got ${args.length}`);
    if (args.length > 3) throw pyError("TypeError", `getattr expected at most 3 arguments, got ${args.length}`);
    const name = strOf(args[1]);
    if (name === undefined) throw pyError("TypeError", "getattr(): attribute name must be string");
    if (args.length === 3) {
      const v = interp.getAttrOrUndefined(args[0], name);
      return v === undefined ? args[2] : v;
    }
    return getAttribute(interp, args[0], name);
  },
  setattr(args, kwargs, interp) {
    noKw("setattr", kwargs);
    exactly("setattr", args, 3);
    const name = strOf(args[1]);
    if (name === undefined) throw pyError("TypeError", `attribute name must be string, not '${typeName(args[1])}'`);
    setAttribute(interp, args[0], name, args[2]);
    return null;
  },
  callable(args) {
    exactly("callable", args, 1);
    const v = args[0];
    if (v === null || typeof v !== "object") return false;
    if (v.kind === "function" || v.kind === "builtin" || v.kind === "method" || v.kind === "class") return true;
    return v.kind === "instance" && !!nativeHook(v.cls, "call");
  },
  id: (args) => (exactly("id", args, 1), objectId(args[0])),
  hash(args, kwargs, interp) {
    exactly("hash", args, 1);
    const v = args[0];
    const k = hashKey(interp, v);
    if (typeof v === "bigint") return v;
    if (typeof v === "boolean") return v ? 1n : 0n;
    if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
    let h = 0n;
    for (let i = 0; i < k.length; i++) h = (h * 1000003n + BigInt(k.charCodeAt(i))) & ((1n << 61n) - 1n);
    return h;
  },
  chr(args) {
    exactly("chr", args, 1);
    const n = toIndex(args[0]);
    if (n < 0n || n > 0x10ffffn) throw pyError("ValueError", "chr() arg not in range(0x110000)");
    return String.fromCodePoint(Number(n));
  },
  ord(args) {
    exactly("ord", args, 1);
    const v = args[0];
    const s = strOf(v);
    if (s !== undefined) {
      const chars = Array.from(s);
      if (chars.length !== 1) throw pyError("TypeError", `ord() expected a character, but string of length ${chars.length} found`);
      return BigInt(chars[0].codePointAt(0)!);
    }
    if (v !== null && typeof v === "object" && v.kind === "bytes") {
      if (v.data.length !== 1) throw pyError("TypeError", `ord() expected a character, but string of length ${v.data.length} found`);
      return BigInt(v.data[0]);
    }
    throw pyError("TypeError", `ord() expected string of length 1, but ${typeName(v)} found`);
  },
  hex: (args) => (exactly("hex", args, 1), radix(toIndex(args[0]), 16, "0x")),
  oct: (args) => (exactly("oct", args, 1), radix(toIndex(args[0]), 8, "0o")),
  bin: (args) => (exactly("bin", args, 1), radix(toIndex(args[0]), 2, "0b")),
  divmod(args, kwargs, interp) {
    exactly("divmod", args, 2);
    const [a, b] = args;
    const numeric = (v: PyValue) => typeof v === "bigint" || typeof v === "number" || typeof v === "boolean";
    if (!numeric(a) || !numeric(b)) throw pyError("TypeError", `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
    if (typeof a === "number" || typeof b === "number") {
      const fb = typeof b === "number" ? b : typeof b === "bigint" ? intToFloat(b) : undefined;
      if (fb === 0) throw pyError("ZeroDivisionError", "float divmod()");
    }
    return pyTuple([binaryOp(interp, "//", a, b), binaryOp(interp, "%", a, b)]);
  },
  pow(args, kwargs, interp) {
    const a = interp.bindArgs("pow", args, kwargs, ["base", "exp", "mod"], { mod: null });
    if (a.mod === null) return binaryOp(interp, "**", a.base, a.exp);
    const b = asIndex(a.base);
    const e = asIndex(a.exp);
    const m = asIndex(a.mod);
    if (b === undefined || e === undefined || m === undefined) throw pyError("TypeError", "pow() 3rd argument not allowed unless all arguments are integers");
    if (m === 0n) throw pyError("ValueError", "pow() 3rd argument cannot be 0");
    let base = ((b % m) + m) % m;
    let exp = e;
    if (exp < 0n) {
      base = modInverse(base, m);
      exp = -exp;
    }
    let result = 1n % m;
    interp.charge(bitLength(exp));
    while (exp > 0n) {
      if (exp & 1n) result = (result * base) % m;
      base = (base * base) % m;
      exp >>= 1n;
    }
    return m < 0n && result > 0n ? result + m : result;
  },
  format(args, kwargs, interp) {
    noKw("format", kwargs);
    range("format", args, 1, 2);
    const spec = args.length > 1 ? strOf(args[1]) : "";
    if (spec === undefined) throw pyError("TypeError", `format() argument 2 must be str, not ${typeName(args[1])}`);
    return formatValue(interp, args[0], spec);
  },
  any(args, kwargs, interp) {
    exactly("any", args, 1);
    const it = interp.iter(args[0]);
    for (let x = it(); x !== undefined; x = it()) {
      interp.charge(1);
      if (truthy(interp, x)) return true;
    }
    return false;
  },
  all(args, kwargs, interp) {
    exactly("all", args, 1);
    const it = interp.iter(args[0]);
    for (let x = it(); x !== undefined; x = it()) {
      interp.charge(1);
      if (!truthy(interp, x)) return false;
    }
    return true;
  },
  dir(args, kwargs, interp) {
    void interp;
    range("dir", args, 1, 1);
    return pyList([]);
  },
};

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m < 0n ? -m : m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw pyError("ValueError", "base is not invertible for the given modulus");
  const mm = m < 0n ? -m : m;
  return ((oldS % mm) + mm) % mm;
}

function radix(n: bigint, base: number, prefix: string): string {
  return (n < 0n ? "-" : "") + prefix + (n < 0n ? -n : n).toString(base);
}

void MAX_SEQUENCE_LENGTH;

const ellipsisClass = C.makeClass("ellipsis", "builtins", { repr: () => "Ellipsis" });

let cached: PyModule | null = null;

/** The `builtins` module (shared; immutable from Python since user code cannot assign into it). */
export function builtinsModule(): PyModule {
  if (cached) return cached;
  const attrs = new Map<string, PyValue>();
  for (const [name, fn] of Object.entries(fns)) attrs.set(name, pyBuiltin(name, fn));
  for (const cls of [C.intClass, C.floatClass, C.strClass, C.boolClass, C.listClass, C.tupleClass, C.dictClass, C.setClass, C.frozensetClass, C.rangeClass, C.bytesClass, C.typeClass, C.objectClass, C.sliceClass]) {
    attrs.set(cls.name, cls);
  }
  for (const [name, cls] of C.exceptionClasses) attrs.set(name, cls);
  attrs.set("Ellipsis", { kind: "instance", cls: ellipsisClass, attrs: new Map() });
  for (const cls of [propertyClass, staticmethodClass, classmethodClass]) attrs.set(cls.name, cls);
  cached = { kind: "module", name: "builtins", attrs };
  return cached;
}

export { dictSet };
