/** Binary/unary operators and comparisons with Python semantics and CPython's error messages. */
import { pyError } from "./classes";
import { formatPercent } from "./format";
import { asIndex, bitLength, checkIntSize, intToFloat } from "./ints";
import { MAX_INT_BITS, MAX_SEQUENCE_LENGTH, MAX_STR_LENGTH } from "./limits";
import { asNumber, eq, hashKey, nativeHook, typeName } from "./objects";
import type { BinaryOperator, PyInstance, PyValue, Runtime } from "./values";
import { isInstance, pyList, pyTuple, strOf } from "./values";

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function floatMod(a: number, b: number): number {
  const r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) return r + b;
  if (r === 0) return b < 0 ? -0 : 0;
  return r;
}

function checkFloat(x: number, a: number, b: number): number {
  if (!Number.isFinite(x) && Number.isFinite(a) && Number.isFinite(b)) throw pyError("OverflowError", "(34, 'Numerical result out of range')");
  return x;
}

function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw pyError("ZeroDivisionError", "division by zero");
  const fa = Number(a);
  const fb = Number(b);
  if (Number.isFinite(fa) && Number.isFinite(fb) && Math.abs(fa) < 2 ** 53 && Math.abs(fb) < 2 ** 53) return fa / fb;
  // big operands: scale down keeping precision
  const shift = BigInt(Math.max(0, Math.max(bitLength(a), bitLength(b)) - 1000));
  const r = Number(a >> shift) / Number(b >> shift);
  if (!Number.isFinite(r)) throw pyError("OverflowError", "integer division result too large for a float");
  const q = Number((a * 10n ** 30n) / b) / 1e30;
  if (!Number.isFinite(q)) throw pyError("OverflowError", "integer division result too large for a float");
  return q;
}

function intPow(interp: Runtime, a: bigint, b: bigint): PyValue {
  if (b < 0n) {
    if (a === 0n) throw pyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    return floatPow(intToFloat(a), Number(b));
  }
  if (a === 0n || a === 1n) return b === 0n ? 1n : a;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  const bits = bitLength(a);
  if (BigInt(bits - 1) * b > BigInt(MAX_INT_BITS)) throw pyError("MemoryError");
  interp.charge(Math.ceil(Number(b) * bits / 4096));
  return a ** b;
}

function floatPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw pyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
  if (a < 0 && !Number.isInteger(b)) {
    throw pyError("ValueError", "complex results are not supported here");
  }
  return checkFloat(a ** b, a, b);
}

function numericOp(interp: Runtime, op: BinaryOperator, a: bigint | number, b: bigint | number): PyValue | undefined {
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "+":
        return checkIntSize(a + b);
      case "-":
        return checkIntSize(a - b);
      case "*":
        if (bitLength(a) + bitLength(b) > MAX_INT_BITS) throw pyError("MemoryError");
        return a * b;
      case "/":
        return intTrueDiv(a, b);
      case "//":
        if (b === 0n) throw pyError("ZeroDivisionError", "integer division or modulo by zero");
        return floorDiv(a, b);
      case "%":
        if (b === 0n) throw pyError("ZeroDivisionError", "integer modulo by zero");
        return floorMod(a, b);
      case "**":
        return intPow(interp, a, b);
      case "<<":
        if (b < 0n) throw pyError("ValueError", "negative shift count");
        if (a === 0n) return 0n;
        if (BigInt(bitLength(a)) + b > BigInt(MAX_INT_BITS)) throw pyError("MemoryError");
        return a << b;
      case ">>":
        if (b < 0n) throw pyError("ValueError", "negative shift count");
        return b > BigInt(MAX_INT_BITS) ? (a < 0n ? -1n : 0n) : a >> b;
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
    }
    return undefined;
  }
  if (op === "&" || op === "|" || op === "^" || op === "<<" || op === ">>" || op === "@") return undefined;
  const x = typeof a === "bigint" ? intToFloat(a) : a;
  const y = typeof b === "bigint" ? intToFloat(b) : b;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      if (y === 0) throw pyError("ZeroDivisionError", "float division by zero");
      return checkFloat(x / y, x, y);
    case "//":
      if (y === 0) throw pyError("ZeroDivisionError", "float floor division by zero");
      return Math.floor(x / y);
    case "%":
      if (y === 0) throw pyError("ZeroDivisionError", "float modulo");
      return floatMod(x, y);
    case "**":
      return floatPow(x, y);
  }
  return undefined;
}

export function repeatCount(interp: Runtime, n: bigint, unit: number, max: number): number {
  if (n <= 0n || unit === 0) return 0;
  if (n * BigInt(unit) > BigInt(max)) throw pyError("MemoryError");
  const count = Number(n);
  interp.chargeAlloc(count * unit);
  return count;
}

function seqOp(interp: Runtime, op: BinaryOperator, a: PyValue, b: PyValue): PyValue | undefined {
  const sa = typeof a === "string" ? a : undefined;
  if (sa !== undefined) {
    if (op === "+") {
      const sb = typeof b === "string" ? b : undefined;
      if (sb === undefined) throw pyError("TypeError", `can only concatenate str (not "${typeName(b)}") to str`);
      if (sa.length + sb.length > MAX_STR_LENGTH) throw pyError("MemoryError");
      // V8 concatenates strings as ropes: only the right operand is new memory
      interp.chargeAlloc(sb.length);
      return sa + sb;
    }
    if (op === "*") {
      const n = asIndex(b);
      if (n === undefined) throw pyError("TypeError", `can't multiply sequence by non-int of type '${typeName(b)}'`);
      return sa.repeat(repeatCount(interp, n, sa.length, MAX_STR_LENGTH));
    }
    if (op === "%") return formatPercent(interp, sa, b);
    return undefined;
  }
  if (a === null || typeof a !== "object") return undefined;
  if (a.kind === "list" || a.kind === "tuple") {
    if (op === "+") {
      if (b === null || typeof b !== "object" || b.kind !== a.kind) {
        throw pyError("TypeError", `can only concatenate ${a.kind} (not "${typeName(b)}") to ${a.kind}`);
      }
      const len = a.items.length + b.items.length;
      if (len > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
      interp.chargeAlloc(len * 4);
      // concat copies the two arrays at once; spreading them steps an iterator per item (4M items at the limit).
      const items = a.items.concat(b.items);
      return a.kind === "list" ? pyList(items) : pyTuple(items);
    }
    if (op === "*") {
      const n = asIndex(b);
      if (n === undefined) throw pyError("TypeError", `can't multiply sequence by non-int of type '${typeName(b)}'`);
      const count = repeatCount(interp, n, a.items.length, MAX_SEQUENCE_LENGTH);
      const items: PyValue[] = [];
      for (let i = 0; i < count; i++) for (const x of a.items) items.push(x);
      return a.kind === "list" ? pyList(items) : pyTuple(items);
    }
    return undefined;
  }
  if (a.kind === "bytes") {
    if (op === "+" && b !== null && typeof b === "object" && b.kind === "bytes") {
      if (a.data.length + b.data.length > MAX_STR_LENGTH) throw pyError("MemoryError");
      const out = new Uint8Array(a.data.length + b.data.length);
      out.set(a.data);
      out.set(b.data, a.data.length);
      return { kind: "bytes", data: out };
    }
    if (op === "+") throw pyError("TypeError", `can't concat ${typeName(b)} to bytes`);
    if (op === "*") {
      const n = asIndex(b);
      if (n === undefined) throw pyError("TypeError", `can't multiply sequence by non-int of type '${typeName(b)}'`);
      const count = repeatCount(interp, n, a.data.length, MAX_STR_LENGTH);
      const out = new Uint8Array(count * a.data.length);
      for (let i = 0; i < count; i++) out.set(a.data, i * a.data.length);
      return { kind: "bytes", data: out };
    }
    return undefined;
  }
  if (a.kind === "dict" && op === "|" && b !== null && typeof b === "object" && b.kind === "dict") {
    const out = { kind: "dict" as const, entries: new Map(a.entries) };
    for (const [k, [key, v]] of b.entries) {
      const e = out.entries.get(k);
      out.entries.set(k, [e ? e[0] : key, v]);
    }
    for (const [k, e] of out.entries) out.entries.set(k, [e[0], e[1]]);
    return out;
  }
  if (a.kind === "set" && b !== null && typeof b === "object" && b.kind === "set") {
    const items = new Map<string, PyValue>();
    switch (op) {
      case "|":
        for (const [k, v] of a.items) items.set(k, v);
        for (const [k, v] of b.items) if (!items.has(k)) items.set(k, v);
        break;
      case "&":
        for (const [k, v] of a.items) if (b.items.has(k)) items.set(k, v);
        break;
      case "-":
        for (const [k, v] of a.items) if (!b.items.has(k)) items.set(k, v);
        break;
      case "^":
        for (const [k, v] of a.items) if (!b.items.has(k)) items.set(k, v);
        for (const [k, v] of b.items) if (!a.items.has(k)) items.set(k, v);
        break;
      default:
        return undefined;
    }
    return { kind: "set", items, frozen: a.frozen };
  }
  return undefined;
}

export function binaryOp(interp: Runtime, op: BinaryOperator, a: PyValue, b: PyValue): PyValue {
  // native operator hooks (right operand first when it is a subclass instance of the left operand's type)
  const ia = isInstance(a) ? a : undefined;
  const ib = isInstance(b) ? b : undefined;
  if (ib && !ia && ib.strValue !== undefined && typeof a === "string") {
    const r = callBinHook(interp, ib, op, a, true);
    if (r !== undefined) return r;
  }
  if (ia) {
    const r = callBinHook(interp, ia, op, b, false);
    if (r !== undefined) return r;
  }
  // A host's dict subclass (collections.Counter) with its own operators.
  if (a !== null && typeof a === "object" && a.kind === "dict" && a.cls) {
    const h = nativeHook(a.cls, "dictBinop");
    const r = h ? h(a, op, b, interp) : undefined;
    if (r !== undefined) return r;
  }
  if (ib) {
    const r = callBinHook(interp, ib, op, a, true);
    if (r !== undefined) return r;
  }
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) {
    const r = numericOp(interp, op, na, nb);
    if (r !== undefined) return r;
  } else {
    // str subclasses behave as str for builtin operators
    const sa = ia?.strValue ?? a;
    const sb = ib?.strValue ?? b;
    const r = seqOp(interp, op, sa, sb);
    if (r !== undefined) return r;
    if (na !== undefined && op === "*") {
      const r2 = seqOp(interp, op, sb, a);
      if (r2 !== undefined) return r2;
    }
  }
  const opText = op === "**" ? "** or pow()" : op;
  throw pyError("TypeError", `unsupported operand type(s) for ${opText}: '${typeName(a)}' and '${typeName(b)}'`);
}

function callBinHook(interp: Runtime, self: PyInstance, op: BinaryOperator, other: PyValue, reflected: boolean): PyValue | undefined {
  const h = nativeHook(self.cls, "binop");
  return h ? h(self, op, other, reflected, interp) : undefined;
}

export function unaryOp(interp: Runtime, op: "-" | "+" | "~", v: PyValue): PyValue {
  const n = asNumber(v);
  if (n !== undefined) {
    if (op === "-") return typeof n === "bigint" ? -n : -n;
    if (op === "+") return n;
    if (typeof n === "bigint") return ~n;
  }
  void interp;
  throw pyError("TypeError", `bad operand type for unary ${op}: '${typeName(v)}'`);
}

// ---- comparisons ----

function cmpNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === "number") return -cmpNumbers(b, a);
  // a bigint, b number
  const f = b as number;
  if (Number.isNaN(f)) return NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const fl = BigInt(Math.floor(f));
  if (a < fl) return -1;
  if (a > fl) return 1;
  return Number.isInteger(f) ? 0 : -1;
}

/** Ordering comparison; returns -1/0/1, NaN for unordered floats, or throws TypeError. */
export function order(interp: Runtime, op: string, a: PyValue, b: PyValue): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return cmpNumbers(na, nb);
  const sa = strOf(a);
  const sb = strOf(b);
  if (sa !== undefined && sb !== undefined) return compareStrings(sa, sb);
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    if ((a.kind === "list" && b.kind === "list") || (a.kind === "tuple" && b.kind === "tuple")) {
      return interp.guardRecursion(() => {
        const n = Math.min(a.items.length, b.items.length);
        for (let i = 0; i < n; i++) {
          interp.charge(1);
          if (!eq(interp, a.items[i], b.items[i])) return order(interp, op, a.items[i], b.items[i]);
        }
        return a.items.length - b.items.length;
      });
    }
    if (a.kind === "instance") {
      const cmp = nativeHook(a.cls, "compare");
      const r = cmp ? cmp(a, b, interp) : undefined;
      if (r !== undefined) return r;
    }
    if (a.kind === "bytes" && b.kind === "bytes") {
      const n = Math.min(a.data.length, b.data.length);
      for (let i = 0; i < n; i++) if (a.data[i] !== b.data[i]) return a.data[i] - b.data[i];
      return a.data.length - b.data.length;
    }
  }
  throw pyError("TypeError", `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function compareStrings(a: string, b: string): number {
  // code point order (JS compares UTF-16 units; they differ only for astral vs U+E000..U+FFFF)
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function setCompare(op: string, a: Map<string, PyValue>, b: Map<string, PyValue>): boolean {
  const subset = (x: Map<string, PyValue>, y: Map<string, PyValue>) => [...x.keys()].every((k) => y.has(k));
  switch (op) {
    case "<=":
      return subset(a, b);
    case "<":
      return a.size < b.size && subset(a, b);
    case ">=":
      return subset(b, a);
    default:
      return b.size < a.size && subset(b, a);
  }
}

export function compareOp(interp: Runtime, op: string, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case "==":
      return eq(interp, a, b);
    case "!=":
      return !eq(interp, a, b);
    case "is":
      return isSame(a, b);
    case "is not":
      return !isSame(a, b);
    case "in":
      return contains(interp, b, a);
    case "not in":
      return !contains(interp, b, a);
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && a.kind === "set" && b.kind === "set") {
    return setCompare(op, a.items, b.items);
  }
  const c = order(interp, op, a, b);
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

export function isSame(a: PyValue, b: PyValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  return a === b;
}

export function contains(interp: Runtime, container: PyValue, item: PyValue): boolean {
  const s = strOf(container);
  if (s !== undefined && !(isInstance(container) && nativeHook(container.cls, "contains"))) {
    const sub = strOf(item);
    if (sub === undefined) throw pyError("TypeError", `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return s.includes(sub);
  }
  if (container !== null && typeof container === "object") {
    switch (container.kind) {
      case "list":
      case "tuple":
        for (const x of container.items) {
          interp.charge(1);
          if (eq(interp, x, item)) return true;
        }
        return false;
      case "dict":
        return container.entries.has(hashKey(interp, item));
      case "set":
        return container.items.has(hashKey(interp, item));
      case "dictview":
        if (container.which === "keys") return container.dict.entries.has(hashKey(interp, item));
        break;
      case "bytes": {
        const n = asIndex(item);
        if (n !== undefined) return container.data.includes(Number(n));
        if (item !== null && typeof item === "object" && item.kind === "bytes") {
          const hay = Array.from(container.data, (x) => String.fromCharCode(x)).join("");
          return hay.includes(Array.from(item.data, (x) => String.fromCharCode(x)).join(""));
        }
        throw pyError("TypeError", `a bytes-like object is required, not '${typeName(item)}'`);
      }
      case "range": {
        const n = asNumber(item);
        if (n === undefined) return false;
        if (typeof n === "number" && !Number.isInteger(n)) return false;
        const v = BigInt(n);
        const { start, stop, step } = container;
        if (step > 0n ? v < start || v >= stop : v > start || v <= stop) return false;
        return (v - start) % step === 0n;
      }
      case "instance": {
        const h = nativeHook(container.cls, "contains");
        if (h) return h(container, item, interp);
        break;
      }
    }
  }
  let found = false;
  const it = interp.tryIter(container);
  if (!it) throw pyError("TypeError", `argument of type '${typeName(container)}' is not iterable`);
  for (let x = it(); x !== undefined; x = it()) {
    interp.charge(1);
    if (eq(interp, x, item)) {
      found = true;
      break;
    }
  }
  return found;
}
