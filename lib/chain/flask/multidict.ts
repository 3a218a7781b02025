/** Werkzeug's MultiDict, read-only: ordered (key, value) pairs, `get` gives the first value of a key. */
export class MultiDict<V = string> {
  readonly pairs: ReadonlyArray<readonly [string, V]>;

  constructor(pairs: ReadonlyArray<readonly [string, V]>) {
    this.pairs = pairs;
  }

  get(key: string): V | undefined {
    return this.pairs.find(([k]) => k === key)?.[1];
  }

  getList(key: string): V[] {
    return this.pairs.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(key: string): boolean {
    return this.pairs.some(([k]) => k === key);
  }

  /** Distinct keys in first-seen order. */
  keys(): string[] {
    return [...new Set(this.pairs.map(([k]) => k))];
  }

  /** `to_dict(flat=True)`: first value per key. */
  toDict(): Array<[string, V]> {
    return this.keys().map((k) => [k, this.get(k) as V]);
  }

  /** `to_dict(flat=False)`: all values per key. */
  toLists(): Array<[string, V[]]> {
    return this.keys().map((k) => [k, this.getList(k)]);
  }
}
