/**
 * evaluateConfigModule: run a settings module such as gunicorn.conf.py and return its public globals as plain
 * JS values. Errors are reported as Gunicorn does ("Failed to read config file: ..." plus the traceback).
 */
import type { ConfigError } from "../contracts";
import { createInterpreter } from "./interpreter";
import type { PlainValue, PyValue, TracebackEntry } from "./values";

const GUNICORN_FRAMES: TracebackEntry[] = [
  { filename: "/usr/lib/python3/dist-packages/gunicorn/app/base.py", line: 111, name: "get_config_from_filename", source: "        spec.loader.exec_module(mod)" },
  { filename: "<frozen importlib._bootstrap_external>", line: 940, name: "exec_module" },
  { filename: "<frozen importlib._bootstrap>", line: 241, name: "_call_with_frames_removed" },
];
const GUNICORN_SYNTAX_FRAMES =
  '  File "/usr/lib/python3/dist-packages/gunicorn/app/base.py", line 111, in get_config_from_filename\n' +
  "    spec.loader.exec_module(mod)\n" +
  '  File "<frozen importlib._bootstrap_external>", line 936, in exec_module\n' +
  '  File "<frozen importlib._bootstrap_external>", line 1074, in get_code\n' +
  '  File "<frozen importlib._bootstrap_external>", line 1004, in source_to_code\n' +
  '  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed\n';

export function evaluateConfigModule(
  source: string,
  filename: string,
  /** os.environ seen by the config (optional: configs often read PORT or WEB_CONCURRENCY). */
  environment: Record<string, string> = {},
): { ok: true; values: Record<string, PlainValue> } | { ok: false; error: ConfigError } {
  const interp = createInterpreter({ stepBudget: 200_000, environment });
  const path = filename.split("/").pop() ?? filename;
  const res = interp.loadModule(source, { filename, path, moduleName: "__config__" });
  if (!res.ok) {
    let message = res.error.message;
    if (res.kind === "syntax") {
      message = `Failed to read config file: ${path}\nTraceback (most recent call last):\n${GUNICORN_SYNTAX_FRAMES}${res.traceback}`;
    } else if (res.kind === "exception" && res.exception) {
      message = `Failed to read config file: ${path}\n${interp.formatTraceback(res.exception, GUNICORN_FRAMES)}`;
    }
    return { ok: false, error: { ...res.error, message: message.replace(/\n$/, "") } };
  }
  const values: Record<string, PlainValue> = {};
  for (const [name, v] of res.module.attrs) {
    if (name.startsWith("_")) continue;
    const plain = toPlainOrUndefined(interp, v);
    if (plain !== undefined) values[name] = plain;
  }
  return { ok: true, values };
}

/** A module-level `name = …` (also `name: T = …` and `name += …`), at the start of a line. */
const TOP_LEVEL_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=\n]*)?(?:[-+*/%|&^@]|\/\/|\*\*|<<|>>)?=(?!=)/;

/**
 * The line (1-based) of the last module-level assignment to each name: where a student looks when Gunicorn refuses
 * a setting's value (Gunicorn itself names no line then). Names set in other ways (in an `if`, via globals()) are
 * not found, and the error keeps line 0.
 */
export function assignmentLines(source: string): Record<string, number> {
  const lines: Record<string, number> = Object.create(null);
  const rows = source.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const match = TOP_LEVEL_ASSIGNMENT.exec(rows[i]!);
    if (match) lines[match[1]!] = i + 1;
  }
  return lines;
}

function toPlainOrUndefined(interp: ReturnType<typeof createInterpreter>, v: PyValue): PlainValue | undefined {
  if (v !== null && typeof v === "object" && (v.kind === "module" || v.kind === "function" || v.kind === "builtin" || v.kind === "class")) return undefined;
  try {
    return interp.toPlain(v);
  } catch {
    return undefined;
  }
}
