/**
 * Werkzeug's Headers: an ordered list of (name, value) with case-insensitive lookup. `set` replaces the first
 * occurrence in place and drops the others (or appends), `add` appends — the order a student sees on the wire
 * comes from these rules.
 */
import type { HeaderList } from "../trace";
import type { PyError } from "./routing/values";

/** A response may carry at most this many headers (user code is untrusted). */
export const MAX_HEADERS = 200;

export class Headers {
  readonly list: HeaderList;

  constructor(initial: HeaderList = []) {
    this.list = initial.map(([k, v]) => [k, v]);
  }

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.list.find(([k]) => k.toLowerCase() === lower)?.[1];
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.list.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  add(name: string, value: string): PyError | null {
    const err = checkHeader(name, value);
    if (err) return err;
    if (this.list.length >= MAX_HEADERS) return { pyType: "ValueError", message: "too many headers" };
    this.list.push([name, value]);
    return null;
  }

  set(name: string, value: string): PyError | null {
    const err = checkHeader(name, value);
    if (err) return err;
    const lower = name.toLowerCase();
    const index = this.list.findIndex(([k]) => k.toLowerCase() === lower);
    if (index < 0) return this.add(name, value);
    this.list[index] = [name, value];
    for (let i = this.list.length - 1; i > index; i -= 1) {
      if (this.list[i][0].toLowerCase() === lower) this.list.splice(i, 1);
    }
    return null;
  }

  /** `setlist`: like set for the first value, then add the rest right after removing old ones. */
  setList(name: string, values: string[]): PyError | null {
    if (values.length === 0) {
      this.remove(name);
      return null;
    }
    const err = this.set(name, values[0]);
    if (err) return err;
    for (const v of values.slice(1)) {
      const e = this.add(name, v);
      if (e) return e;
    }
    return null;
  }

  remove(name: string): void {
    const lower = name.toLowerCase();
    for (let i = this.list.length - 1; i >= 0; i -= 1) {
      if (this.list[i][0].toLowerCase() === lower) this.list.splice(i, 1);
    }
  }
}

/** Werkzeug refuses newlines in header values ("Header values must not contain newline characters."). */
function checkHeader(name: string, value: string): PyError | null {
  if (/[\r\n]/.test(value)) return { pyType: "ValueError", message: "Header values must not contain newline characters." };
  if (/[\r\n]/.test(name)) return { pyType: "ValueError", message: "Header names must not contain newline characters." };
  return null;
}
