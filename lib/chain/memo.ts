/** A small least-recently-used cache for pure, immutable results keyed by their exact input text. */
export interface Memo<T> {
  get(key: string, compute: () => T): T;
  readonly size: number;
}

export function memo<T>(capacity: number): Memo<T> {
  const entries = new Map<string, T>();
  return {
    get(key, compute) {
      if (entries.has(key)) {
        const value = entries.get(key)!;
        entries.delete(key);
        entries.set(key, value);
        return value;
      }
      const value = compute();
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
