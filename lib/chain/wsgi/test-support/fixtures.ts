/** Reading the captured fixtures in tests (Node only: never imported by the library). */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Environ, EnvironValue } from "../../trace";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

export function fixtureBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, relative)));
}

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), "latin1");
}

export function fixtureNames(dir: string, suffix: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

/** One captured environ entry: [key, Python type name, repr(), JSON value for simple types]. */
export type CapturedEntry = [string, string, string, unknown];

/** The environ the capture app wrote as its JSON body (see fixtures/capture/dumpjson.py). */
export function capturedEnviron(responseRelative: string): CapturedEntry[] {
  const bytes = fixtureBytes(responseRelative);
  const text = new TextDecoder().decode(bytes);
  const body = text.slice(text.indexOf("\r\n\r\n") + 4);
  return JSON.parse(body) as CapturedEntry[];
}

/** Heap addresses differ from run to run: compare reprs without them. */
export function normalizeRepr(repr: string): string {
  return repr.replace(/0x[0-9a-f]+/g, "0x…");
}

function pythonTypeOf(value: EnvironValue): string {
  return value.type === "object" ? "object" : value.type;
}

/** Our environ in the captured shape, for a deep comparison. */
export function comparableEnviron(environ: Environ): Array<[string, string, unknown]> {
  return environ.map(([key, value]) => [
    key,
    pythonTypeOf(value),
    value.type === "object" ? normalizeRepr(value.repr) : value.value,
  ]);
}

export function comparableCaptured(entries: CapturedEntry[]): Array<[string, string, unknown]> {
  return entries.map(([key, type, repr, value]) => {
    const simple = ["str", "bool", "int", "tuple"].includes(type);
    return [key, simple ? type : "object", simple ? value : normalizeRepr(repr)];
  });
}
