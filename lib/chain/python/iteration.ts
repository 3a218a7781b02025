/** Iteration over every iterable value: the next() function behind for loops, unpacking and iter(). */
import { pyError } from "./classes";
import { nativeHook } from "./objects";
import { cpythonSetOrder } from "./setorder";
import { hasAstral } from "./text";
import type { PyValue, Runtime } from "./values";
import { pyTuple } from "./values";

/** iterator over any iterable value, or undefined. */
export function iterOf(interp: Runtime, v: PyValue): (() => PyValue | undefined) | undefined {
  if (typeof v === "string") {
    const chars = hasAstral(v) ? Array.from(v) : null;
    let i = 0;
    if (chars) return () => (i < chars.length ? chars[i++] : undefined);
    return () => (i < v.length ? v[i++] : undefined);
  }
  if (v === null || typeof v !== "object") return undefined;
  switch (v.kind) {
    case "list": {
      let i = 0;
      return () => (i < v.items.length ? v.items[i++] : undefined);
    }
    case "tuple": {
      let i = 0;
      return () => (i < v.items.length ? v.items[i++] : undefined);
    }
    case "bytes": {
      let i = 0;
      return () => (i < v.data.length ? BigInt(v.data[i++]) : undefined);
    }
    case "dict":
    case "dictview": {
      const d = v.kind === "dict" ? v : v.dict;
      const which = v.kind === "dict" ? "keys" : v.which;
      const size = d.entries.size;
      const it = d.entries.values();
      return () => {
        if (d.entries.size !== size) throw pyError("RuntimeError", "dictionary changed size during iteration");
        const r = it.next();
        if (r.done) return undefined;
        const [k, x] = r.value;
        return which === "keys" ? k : which === "values" ? x : pyTuple([k, x]);
      };
    }
    case "set": {
      const size = v.items.size;
      const ordered = cpythonSetOrder([...v.items.values()]);
      let i = 0;
      return () => {
        if (v.items.size !== size) throw pyError("RuntimeError", "Set changed size during iteration");
        return i < ordered.length ? ordered[i++] : undefined;
      };
    }
    case "range": {
      let cur = v.start;
      const { stop, step } = v;
      return () => {
        if (step > 0n ? cur >= stop : cur <= stop) return undefined;
        const r = cur;
        cur += step;
        return r;
      };
    }
    case "iterator":
      return () => v.next();
    case "instance": {
      const h = nativeHook(v.cls, "iter");
      if (h) {
        const it = h(v, interp);
        return () => {
          const r = it.next();
          return r.done ? undefined : r.value;
        };
      }
      if (v.strValue !== undefined) return iterOf(interp, v.strValue);
      return undefined;
    }
  }
  return undefined;
}
