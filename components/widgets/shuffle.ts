/**
 * The order a question's choices are shown in: shuffled, so the right answer's place says nothing (the lessons
 * list it first more often than not), but seeded by the question, so every student, every reload, every
 * screenshot and every class discussion sees the same order.
 */

/** FNV-1a over the UTF-16 code units: a 32-bit seed from the question's id. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small, well-mixed 32-bit generator; enough for ordering a handful of choices. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..count-1 fixed by `seed` (Fisher–Yates): show choice `order[k]` in place k. */
export function seededOrder(count: number, seed: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const next = generator(hash(seed));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The items in their seeded order. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  return seededOrder(items.length, seed).map((i) => items[i]);
}
