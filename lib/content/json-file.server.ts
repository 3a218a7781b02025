/** Reads a small JSON file and validates it with a zod schema, reporting the line of a syntax error. */
import fs from "node:fs";
import type { z } from "zod";
import type { ContentError, ContentErrorCode } from "./errors";

const MAX_JSON_BYTES = 64 * 1024;

export type JsonResult<T> = { ok: true; data: T } | { ok: false; error: ContentError };

function lineAt(text: string, offset: number): number {
  return text.slice(0, Math.max(0, offset)).split("\n").length;
}

export function readJsonFile<S extends z.ZodType>(
  absolute: string,
  file: string,
  schema: S,
  codes: { missing: ContentErrorCode; invalid: ContentErrorCode },
  hint: string,
): JsonResult<z.infer<S>> {
  let text: string;
  try {
    if (fs.statSync(absolute).size > MAX_JSON_BYTES) throw new Error("too large");
    text = fs.readFileSync(absolute, "utf8");
  } catch {
    return { ok: false, error: { code: codes.missing, file, line: 1, message: `file is missing or unreadable. ${hint}` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(reason);
    const lineCol = /line (\d+)/.exec(reason);
    const line = lineCol ? Number(lineCol[1]) : position ? lineAt(text, Number(position[1])) : 1;
    return {
      ok: false,
      error: { code: codes.invalid, file, line, message: `invalid JSON (${reason}). ${hint}` },
    };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `\`${i.path.join(".") || "(root)"}\`: ${i.message}`).join("; ");
    return { ok: false, error: { code: codes.invalid, file, line: 1, message: `${issues}. ${hint}` } };
  }
  return { ok: true, data: parsed.data };
}
