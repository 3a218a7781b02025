/** Small int helpers shared by the operators, builtins, methods, indexing and formatting (a leaf module). */
import { pyError } from "./classes";
import { MAX_INT_BITS } from "./limits";
import type { PyValue } from "./values";

export function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  if (v === 0n) return 0;
  // fast estimate through hex length
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

export function checkIntSize(v: bigint): bigint {
  if (bitLength(v) > MAX_INT_BITS) throw pyError("MemoryError");
  return v;
}

/** int → float with CPython's OverflowError. */
export function intToFloat(v: bigint): number {
  const f = Number(v);
  if (!Number.isFinite(f)) throw pyError("OverflowError", "int too large to convert to float");
  return f;
}

/** An int-like value (int or bool) as bigint, else undefined. */
export function asIndex(v: PyValue): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return undefined;
}
