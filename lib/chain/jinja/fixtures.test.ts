/**
 * The Jinja2 model against fixtures captured from the real Jinja2 3.1.2 inside Flask 2.2.2
 * (conformance/capture/jinja/capture.py). Each case runs through the Flask model as the capture ran it: a view
 * renders the case with render_template / render_template_string; the output, or the exception's type, message
 * and template frames (read from Flask's logged traceback), must be the real ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "../flask";
import { EPOCH, gunicornEnviron, readFolder } from "../flask/fixture-run.testkit";

interface Case {
  id: string;
  template?: string;
  source?: string;
  context?: Record<string, unknown>;
}

interface Expected {
  id: string;
  output?: string;
  error?: { type: string; message: string; frames: Array<[string, number, string]> };
}

/** A JSON context value as Python source ({"$markup": …} and {"$tuple": […]} as the capture decodes them). */
function pyLiteral(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number" || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
  const obj = value as Record<string, unknown>;
  if ("$markup" in obj) return `Markup(${JSON.stringify(obj.$markup)})`;
  if ("$tuple" in obj) return `(${(obj.$tuple as unknown[]).map((v) => `${pyLiteral(v)},`).join(" ")})`;
  return `{${Object.entries(obj).map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`).join(", ")}}`;
}

/** app.py whose `/` view renders case `?case=N` (and answers "" without one, for url_for('index')). */
function appSource(cases: Case[]): string {
  const lines = ["from flask import Flask, Markup, request, render_template, render_template_string", "app = Flask(__name__)", "CASES = ["];
  for (const c of cases) {
    const kwargs = `{${Object.entries(c.context ?? {}).map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`).join(", ")}}`;
    lines.push(c.template !== undefined ? `    (True, ${JSON.stringify(c.template)}, ${kwargs}),` : `    (False, ${JSON.stringify(c.source)}, ${kwargs}),`);
  }
  lines.push("]", '@app.route("/")', "def index():", '    if "case" not in request.args:', '        return ""');
  lines.push('    is_file, what, context = CASES[int(request.args["case"])]', "    if is_file:", "        return render_template(what, **context)");
  lines.push("    return render_template_string(what, **context)", "");
  return lines.join("\n");
}

/** The exception and template frames of the traceback Flask logged. */
function errorOf(log: string): Expected["error"] {
  const lines = log.trimEnd().split("\n");
  const last = lines[lines.length - 1];
  const colon = last.indexOf(": ");
  const type = (colon === -1 ? last : last.slice(0, colon)).split(".").pop() ?? "";
  const message = colon === -1 ? "" : last.slice(colon + 2);
  const frames: Array<[string, number, string]> = [];
  for (const line of lines) {
    const m = /^ {2}File "(.*)", line (\d+), in (.*)$/.exec(line);
    if (!m) continue;
    const [, file, lineNo, name] = m;
    if (file.startsWith("{APP_DIR}/templates/")) frames.push([file.slice("{APP_DIR}/".length), Number(lineNo), name]);
    else if (file === "<template>" || file === "<unknown>") frames.push([file, Number(lineNo), name]);
  }
  return { type, message, frames };
}

const root = path.join(import.meta.dirname, "fixtures");
for (const name of readdirSync(root).sort()) {
  describe(`fixtures/${name}: the real Jinja2 3.1.2`, () => {
    const dir = path.join(root, name);
    const cases = JSON.parse(readFileSync(path.join(dir, "cases.json"), "utf8")) as Case[];
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected[];
    const files = readFolder(dir);
    files.delete("cases.json");
    files.set("app.py", new TextEncoder().encode(appSource(cases)));
    const loaded = createFlaskAppLoader({ appDir: "{APP_DIR}/" }).load(files, "app", "app", {});
    if (!loaded.ok) throw new Error(`${loaded.error.message}\n${loaded.traceback}`);
    cases.forEach((c, i) => {
      it(c.id, () => {
        const outcome = loaded.app.call(gunicornEnviron({ method: "GET", path: "/", query: `case=${i}` }), { startAt: 0, epochMs: EPOCH });
        if (outcome.kind !== "response") throw new Error(`no response: ${outcome.kind}`);
        const want = expected[i];
        if (want.output !== undefined) {
          const log = outcome.output.map((o) => o.text).join("");
          expect(log).toBe("");
          expect(new TextDecoder().decode(outcome.body)).toBe(want.output);
        } else {
          expect(outcome.status).toBe("500 INTERNAL SERVER ERROR");
          expect(errorOf(outcome.output.map((o) => o.text).join(""))).toEqual(want.error);
        }
      });
    });
  });
}
