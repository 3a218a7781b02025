/** Subscription: indexing and slicing of str/bytes/list/tuple/range, dict lookup, item assignment/deletion. */
import { exceptionClasses, newException, pyError, PyRaise } from "./classes";
import { dictDelete, dictGet, dictSet } from "./dict";
import { hasAstral } from "./text";
import { nativeHook, rangeLength, typeName } from "./objects";
import { asIndex } from "./ints";
import type { PyInstance, PySlice, PyValue, Runtime } from "./values";
import { isInstance, pyList, pyTuple } from "./values";

/** An integer index value: int, bool; else TypeError with CPython's wording for `what`. */
function indexOf(key: PyValue, what: string): bigint {
  const n = asIndex(key);
  if (n === undefined) throw pyError("TypeError", `${what} indices must be integers or slices, not ${typeName(key)}`);
  return n;
}

function normIndex(i: bigint, len: number, what: string, verb = "index"): number {
  let n = i;
  if (n < 0n) n += BigInt(len);
  if (n < 0n || n >= BigInt(len)) throw pyError("IndexError", `${what} ${verb} out of range`);
  return Number(n);
}

/** Slice bounds as CPython's PySlice_AdjustIndices: returns start, stop, step, count. */
export function sliceIndices(s: PySlice, len: number): { start: number; stop: number; step: number; count: number } {
  const get = (v: PyValue): bigint | null => {
    if (v === null) return null;
    const n = asIndex(v);
    if (n === undefined) throw pyError("TypeError", "slice indices must be integers or None or have an __index__ method");
    return n;
  };
  const stepB = get(s.step) ?? 1n;
  if (stepB === 0n) throw pyError("ValueError", "slice step cannot be zero");
  const step = stepB > 1n << 40n ? 2 ** 40 : stepB < -(1n << 40n) ? -(2 ** 40) : Number(stepB);
  const L = BigInt(len);
  const clamp = (v: bigint | null, def: number, lo: bigint, hi: bigint): number => {
    if (v === null) return def;
    let x = v;
    if (x < 0n) x += L;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return Number(x);
  };
  let start: number;
  let stop: number;
  if (step > 0) {
    start = clamp(get(s.start), 0, 0n, L);
    stop = clamp(get(s.stop), len, 0n, L);
  } else {
    start = clamp(get(s.start), len - 1, -1n, L - 1n);
    stop = clamp(get(s.stop), -1, -1n, L - 1n);
  }
  let count = 0;
  if (step > 0 && stop > start) count = Math.floor((stop - start - 1) / step) + 1;
  if (step < 0 && start > stop) count = Math.floor((start - stop - 1) / -step) + 1;
  return { start, stop, step, count };
}

function sliceArray<T>(arr: readonly T[], s: PySlice): T[] {
  const { start, step, count } = sliceIndices(s, arr.length);
  if (step === 1) return arr.slice(start, start + count);
  const out: T[] = [];
  for (let i = 0, j = start; i < count; i++, j += step) out.push(arr[j]);
  return out;
}

function isSlice(v: PyValue): v is PySlice {
  return v !== null && typeof v === "object" && v.kind === "slice";
}

export function getItem(interp: Runtime, obj: PyValue, key: PyValue): PyValue {
  if (typeof obj === "string") return strItem(interp, obj, key);
  if (obj === null || typeof obj !== "object") throw notSubscriptable(obj);
  switch (obj.kind) {
    case "list":
    case "tuple": {
      if (isSlice(key)) {
        const items = sliceArray(obj.items, key);
        interp.chargeAlloc(items.length);
        return obj.kind === "list" ? pyList(items) : pyTuple(items);
      }
      return obj.items[normIndex(indexOf(key, obj.kind), obj.items.length, obj.kind)];
    }
    case "dict": {
      const v = dictGet(interp, obj, key);
      if (v !== undefined) return v;
      const missing = obj.cls ? nativeHook(obj.cls, "missing") : undefined;
      if (missing) return missing(obj, key, interp);
      throw keyError(key);
    }
    case "bytes": {
      if (isSlice(key)) return { kind: "bytes", data: Uint8Array.from(sliceArray(Array.from(obj.data), key)) };
      return BigInt(obj.data[normIndex(indexOf(key, "byte"), obj.data.length, "index")]);
    }
    case "range": {
      const len = rangeLength(obj.start, obj.stop, obj.step);
      if (isSlice(key)) {
        if (len > 1n << 32n) throw pyError("OverflowError", "Python int too large to convert to C ssize_t");
        const { start, stop, step } = sliceIndices(key, Number(len));
        const s = BigInt(step);
        return { kind: "range", start: obj.start + BigInt(start) * obj.step, stop: obj.start + BigInt(stop) * obj.step, step: obj.step * s };
      }
      let i = indexOf(key, "range");
      if (i < 0n) i += len;
      if (i < 0n || i >= len) throw pyError("IndexError", "range object index out of range");
      return obj.start + i * obj.step;
    }
    case "instance": {
      const h = nativeHook(obj.cls, "getitem");
      if (h) return h(obj, key, interp);
      if (obj.strValue !== undefined) return strItem(interp, obj.strValue, key);
      break;
    }
    case "class":
      if (obj.name === "list" || obj.name === "dict" || obj.name === "tuple" || obj.name === "set" || obj.name === "type") return obj;
      break;
  }
  throw notSubscriptable(obj);
}

function strItem(interp: Runtime, s: string, key: PyValue): PyValue {
  const chars = hasAstral(s) ? Array.from(s) : null;
  if (isSlice(key)) {
    if (!chars) {
      const { start, step, count } = sliceIndices(key, s.length);
      if (step === 1) return s.slice(start, start + count);
      let out = "";
      for (let i = 0, j = start; i < count; i++, j += step) out += s[j];
      interp.charge(Math.ceil(count / 64));
      return out;
    }
    return sliceArray(chars, key).join("");
  }
  const idx = asIndex(key);
  if (idx === undefined) throw pyError("TypeError", `string indices must be integers, not '${typeName(key)}'`);
  if (chars) return chars[normIndex(idx, chars.length, "string")];
  return s[normIndex(idx, s.length, "string")];
}

function notSubscriptable(obj: PyValue): PyRaise {
  return pyError("TypeError", `'${typeName(obj)}' object is not subscriptable`);
}

export function keyError(key: PyValue): PyRaise {
  return new PyRaise(newException(exceptionClasses.get("KeyError")!, [key]));
}

export function setItem(interp: Runtime, obj: PyValue, key: PyValue, value: PyValue): void {
  if (obj !== null && typeof obj === "object") {
    switch (obj.kind) {
      case "list": {
        if (isSlice(key)) {
          const items = interp.iterate(value);
          const { start, step, count } = sliceIndices(key, obj.items.length);
          if (step === 1) {
            obj.items.splice(start, count, ...items);
            return;
          }
          if (items.length !== count) {
            throw pyError("ValueError", `attempt to assign sequence of size ${items.length} to extended slice of size ${count}`);
          }
          for (let i = 0, j = start; i < count; i++, j += step) obj.items[j] = items[i];
          return;
        }
        const n = asIndex(key);
        if (n === undefined) throw pyError("TypeError", `list indices must be integers or slices, not ${typeName(key)}`);
        obj.items[normIndex(n, obj.items.length, "list", "assignment index")] = value;
        return;
      }
      case "dict":
        dictSet(interp, obj, key, value);
        return;
      case "instance": {
        const h = nativeHook(obj.cls, "setitem");
        if (h) {
          h(obj as PyInstance, key, value, interp);
          return;
        }
        break;
      }
    }
  }
  throw pyError("TypeError", `'${typeName(obj)}' object does not support item assignment`);
}

export function deleteItem(interp: Runtime, obj: PyValue, key: PyValue): void {
  if (obj !== null && typeof obj === "object") {
    if (obj.kind === "list") {
      if (isSlice(key)) {
        const { start, step, count } = sliceIndices(key, obj.items.length);
        const drop = new Set<number>();
        for (let i = 0, j = start; i < count; i++, j += step) drop.add(j);
        obj.items = obj.items.filter((_, i) => !drop.has(i));
        return;
      }
      const n = asIndex(key);
      if (n === undefined) throw pyError("TypeError", `list indices must be integers or slices, not ${typeName(key)}`);
      obj.items.splice(normIndex(n, obj.items.length, "list", "assignment index"), 1);
      return;
    }
    if (obj.kind === "dict") {
      if (dictDelete(interp, obj, key) === undefined) throw keyError(key);
      return;
    }
  }
  if (isInstance(obj)) {
    const h = nativeHook(obj.cls, "delitem");
    if (h) return h(obj, key, interp);
    throw pyError("TypeError", `'${typeName(obj)}' object does not support item deletion`);
  }
  throw pyError("TypeError", `'${typeName(obj)}' object doesn't support item deletion`);
}
