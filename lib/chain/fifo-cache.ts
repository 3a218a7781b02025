/**
 * A bounded cache for pure results on the request path, where a hit must cost one Map lookup (memo.ts's LRU
 * reorders its entry on every hit, several times the cost). When full, the oldest entry goes first: the keys here
 * (a config's templates, the seconds a class's requests fall in, a deploy root) are few, so order rarely matters.
 */
export interface FifoCache<K, V> {
  get(key: K, compute: () => V): V;
  readonly size: number;
}

export function fifoCache<K, V>(capacity: number): FifoCache<K, V> {
  const entries = new Map<K, V>();
  return {
    get(key, compute) {
      const known = entries.get(key);
      if (known !== undefined || entries.has(key)) return known as V;
      const value = compute();
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as K);
      entries.set(key, value);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
