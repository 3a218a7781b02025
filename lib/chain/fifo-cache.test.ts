import { describe, expect, it } from "vitest";
import { fifoCache } from "./fifo-cache";

describe("fifoCache", () => {
  it("computes a key once and then answers from the cache", () => {
    const cache = fifoCache<string, number>(4);
    let calls = 0;
    const compute = () => ++calls;
    expect(cache.get("a", compute)).toBe(1);
    expect(cache.get("a", compute)).toBe(1);
    expect(calls).toBe(1);
  });

  it("keeps an undefined result too", () => {
    const cache = fifoCache<string, undefined>(4);
    let calls = 0;
    cache.get("a", () => void calls++);
    cache.get("a", () => void calls++);
    expect(calls).toBe(1);
  });

  it("never holds more than its capacity, dropping the oldest key first", () => {
    const cache = fifoCache<number, number>(3);
    for (let i = 0; i < 10; i++) cache.get(i, () => i * 10);
    expect(cache.size).toBe(3);
    let recomputed = false;
    expect(cache.get(9, () => ((recomputed = true), -1))).toBe(90);
    expect(recomputed).toBe(false);
    expect(cache.get(0, () => -1)).toBe(-1);
    expect(cache.size).toBe(3);
  });
});
