/**
 * CPython's iteration order of a set of numbers. A set is a hash table whose slots are visited in index order;
 * ints hash to themselves (mod 2**61 - 1), so `{3, 1, 2}` prints as `{1, 2, 3}`. We replay the insertions
 * (in the set's insertion order, ignoring earlier deletions) into a table sized and probed as CPython 3.11's
 * setobject.c does. str hashes are randomised per process in CPython, so other sets keep insertion order.
 */
import type { PyValue } from "./values";

const P = (1n << 61n) - 1n;
const MASK64 = (1n << 64n) - 1n;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;

/** CPython's hash of an int/bool/integral float as an unsigned 64-bit value, or undefined for other values. */
function numericHash(v: PyValue): bigint | undefined {
  let n: bigint;
  if (typeof v === "bigint") n = v;
  else if (typeof v === "boolean") n = v ? 1n : 0n;
  else if (typeof v === "number" && Number.isInteger(v)) n = BigInt(v);
  else return undefined;
  let h = (n < 0n ? -n : n) % P;
  if (n < 0n) h = -h;
  if (h === -1n) h = -2n;
  return h & MASK64;
}

export function cpythonSetOrder(items: PyValue[]): PyValue[] {
  if (items.length < 2 || items.length > 200_000) return items;
  const hashes: bigint[] = [];
  for (const v of items) {
    const h = numericHash(v);
    if (h === undefined) return items;
    hashes.push(h);
  }
  let size = 8;
  let table: Array<number | undefined> = new Array(size);
  let fill = 0;
  const insertClean = (tbl: Array<number | undefined>, mask: number, idx: number) => {
    const hash = hashes[idx];
    let perturb = hash;
    let i = Number(hash & BigInt(mask));
    for (;;) {
      if (tbl[i] === undefined) {
        tbl[i] = idx;
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 0; j < LINEAR_PROBES; j++) {
          i++;
          if (tbl[i] === undefined) {
            tbl[i] = idx;
            return;
          }
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  };
  for (let idx = 0; idx < items.length; idx++) {
    const mask = size - 1;
    insertClean(table, mask, idx); // no dummies and no duplicates: add_entry finds the same slot
    fill++;
    if (fill * 5 >= mask * 3) {
      const minused = fill > 50000 ? fill * 2 : fill * 4;
      let newSize = 8;
      while (newSize <= minused) newSize <<= 1;
      const old = table;
      size = newSize;
      table = new Array(size);
      for (const e of old) if (e !== undefined) insertClean(table, size - 1, e);
    }
  }
  const out: PyValue[] = [];
  for (const e of table) if (e !== undefined) out.push(items[e]);
  return out;
}
