import { describe, expect, it } from "vitest";
import { seededOrder, seededShuffle } from "./shuffle";

describe("seededOrder", () => {
  it("is a permutation, the same every time for the same seed", () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const order = seededOrder(n, `q-${n}`);
      expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(seededOrder(n, `q-${n}`)).toEqual(order);
    }
  });
  it("moves a first-listed answer to every place about equally over many questions", () => {
    const places = [0, 0, 0];
    for (let q = 0; q < 900; q++) places[seededOrder(3, `quiz-${q}:0`).indexOf(0)]++;
    for (const count of places) expect(count).toBeGreaterThan(240);
  });
  it("differs between questions", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, q) => seededShuffle(["a", "b", "c"], `id:${q}`).join("")));
    expect(orders.size).toBeGreaterThan(3);
  });
});
