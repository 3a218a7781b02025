/** Helpers for HeaderList (ordered, duplicates kept, names compared case-insensitively as HTTP does). */
import type { HeaderList } from "../trace";

export function getHeader(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

export function getAllHeaders(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}

/** A copy without every header called `name`. */
export function withoutHeader(headers: HeaderList, name: string): HeaderList {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() !== lower);
}

/** A copy where the first `name` is replaced by `value` (appended if absent); later duplicates are dropped. */
export function withHeader(headers: HeaderList, name: string, value: string): HeaderList {
  const lower = name.toLowerCase();
  const out: HeaderList = [];
  let done = false;
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) out.push([n, v]);
    else if (!done) {
      out.push([name, value]);
      done = true;
    }
  }
  if (!done) out.push([name, value]);
  return out;
}
