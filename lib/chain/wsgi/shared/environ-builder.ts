/** A Python dict in insertion order: setting an existing key keeps its place (as `environ[key] = v` does). */
import type { Environ, EnvironValue } from "../../trace";

export class OrderedEnviron {
  readonly #entries = new Map<string, EnvironValue>();

  set(key: string, value: EnvironValue): void {
    this.#entries.set(key, value);
  }

  get(key: string): EnvironValue | undefined {
    return this.#entries.get(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  toEnviron(): Environ {
    return [...this.#entries.entries()];
  }
}

export const str = (value: string): EnvironValue => ({ type: "str", value });
export const bool = (value: boolean): EnvironValue => ({ type: "bool", value });
export const int = (value: number): EnvironValue => ({ type: "int", value });
/** An object of class `className` (module.qualname) that Python shows as `repr`. */
export const obj = (className: string, repr: string, data?: Uint8Array): EnvironValue =>
  data === undefined ? { type: "object", repr, className } : { type: "object", repr, className, data };
/** A class itself as the value (Gunicorn's wsgi.file_wrapper is the FileWrapper class). */
export const cls = (className: string): EnvironValue => ({ type: "object", repr: `<class '${className}'>`, className, isClass: true });

/** A stable, plausible CPython heap address for object reprs (`0x7f…`), so traces are deterministic. */
export function fakeAddress(seed: number): string {
  return "0x7f" + (0x3a6c21e0 + seed * 0x1b0).toString(16).padStart(10, "0");
}

/** Read a str value from an environ list, or undefined. */
export function environStr(environ: Environ, key: string): string | undefined {
  for (const [k, v] of environ) if (k === key && v.type === "str") return v.value;
  return undefined;
}
