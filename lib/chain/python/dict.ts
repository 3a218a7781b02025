/** dict helpers: keys are matched by Python equality through `hashKey` (1 == 1.0 == True share a slot). */
import { pyError } from "./classes";
import { MAX_SEQUENCE_LENGTH } from "./limits";
import type { PyDictObject, PyValue, Runtime } from "./values";

export function newDict(): PyDictObject {
  return { kind: "dict", entries: new Map() };
}

export function dictGet(interp: Runtime, d: PyDictObject, key: PyValue): PyValue | undefined {
  const e = d.entries.get(interp.hashKey(key));
  return e ? e[1] : undefined;
}

export function dictSet(interp: Runtime, d: PyDictObject, key: PyValue, value: PyValue): void {
  const k = interp.hashKey(key);
  const e = d.entries.get(k);
  if (e) e[1] = value;
  else {
    if (d.entries.size >= MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
    d.entries.set(k, [key, value]);
  }
}

/** Removes and returns the value, or undefined when absent. */
export function dictDelete(interp: Runtime, d: PyDictObject, key: PyValue): PyValue | undefined {
  const k = interp.hashKey(key);
  const e = d.entries.get(k);
  if (!e) return undefined;
  d.entries.delete(k);
  return e[1];
}

export function dictItems(d: PyDictObject): Array<[PyValue, PyValue]> {
  return [...d.entries.values()].map(([k, v]) => [k, v]);
}
