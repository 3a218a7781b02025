import { describe, expect, it } from "vitest";
import { memo } from "./memo";

describe("memo", () => {
  it("computes once per key and forgets the least recently used beyond capacity", () => {
    const cache = memo<number>(2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => ++computed);
    expect([get("a"), get("a"), get("b")]).toEqual([1, 1, 2]);
    get("a"); // a is now the most recent
    get("c"); // evicts b
    expect(cache.size).toBe(2);
    expect(get("a")).toBe(1);
    expect(get("b")).toBe(4);
  });

  it("keeps the order right when the newest key is asked for again, and caches undefined results", () => {
    const cache = memo<number | undefined>(2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => (key === "u" ? (computed++, undefined) : ++computed));
    get("a");
    get("b");
    get("b"); // already the newest
    get("c"); // evicts a, the least recently used
    expect(get("b")).toBe(2);
    expect(get("a")).toBe(4);
    const before = computed;
    expect([get("u"), get("u")]).toEqual([undefined, undefined]);
    expect(computed).toBe(before + 1);
  });
});
