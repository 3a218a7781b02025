/**
 * What a load computes from the source text alone, cached: the parse (or its SyntaxError) and the static check's
 * verdict. A class sends the same app.py again and again, and neither result depends on the run.
 */
import type { Module } from "./ast";
import { checkModule } from "./check";
import { MAX_SOURCE_BYTES } from "./limits";
import { parseModule } from "./parser";
import { memo } from "../memo";

/** Parse results by exact source text. The tree is never changed by running it; a syntax error is a value too. */
const parsedModules = memo<ReturnType<typeof parseModule>>(64);

/** The static check's verdict by parsed module and importable modules (the tree and the verdict never change). */
const checkedModules = new WeakMap<Module, Map<string, ReturnType<typeof checkModule>>>();

export function checkedModule(mod: Module, importable: string[]): ReturnType<typeof checkModule> {
  const key = importable.join("\0");
  let verdicts = checkedModules.get(mod);
  if (!verdicts) checkedModules.set(mod, (verdicts = new Map()));
  if (!verdicts.has(key)) verdicts.set(key, checkModule(mod, new Set(importable)));
  return verdicts.get(key)!;
}

/** Whether `source` is over MAX_SOURCE_BYTES in UTF-8; encoded only when it could be (a code unit takes at most 3 bytes). */
export function overSourceLimit(source: string): boolean {
  return source.length * 3 > MAX_SOURCE_BYTES && new TextEncoder().encode(source).length > MAX_SOURCE_BYTES;
}

/** The parse of `source` (or its SyntaxError), shared with every load of the same text. */
export function parseCached(source: string): ReturnType<typeof parseModule> {
  return parsedModules.get(source, () => parseModule(source));
}
