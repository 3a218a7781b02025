/** A small least-recently-used cache for pure, immutable results keyed by their exact input text. */
export interface Memo<T> {
  get(key: string, compute: () => T): T;
  readonly size: number;
}

export function memo<T>(capacity: number): Memo<T> {
  const entries = new Map<string, T>();
  // The most recently used key: asking for it again (the common case) needs no reordering.
  let newest: string | undefined;
  return {
    get(key, compute) {
      const known = entries.get(key);
      if (known !== undefined || entries.has(key)) {
        if (key !== newest) {
          entries.delete(key);
          entries.set(key, known as T);
          newest = key;
        }
        return known as T;
      }
      const value = compute();
      entries.set(key, value);
      newest = key;
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
