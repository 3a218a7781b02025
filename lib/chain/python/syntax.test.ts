/**
 * SyntaxError/IndentationError reports compared with fixtures/syntax_cases.json, whose `cpython` texts
 * conformance/capture/python/check-fixtures.mjs takes from the real CPython 3.11 (traceback.format_exception_only).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createInterpreter } from "./index";

const cases: Array<{ source: string; cpython: string }> = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "fixtures/syntax_cases.json"), "utf8"),
);

describe("syntax errors as CPython reports them", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(40));
  it.each(cases.map((c) => [c.source, c.cpython]))("%j", (source, cpython) => {
    const res = createInterpreter({ stepBudget: 10_000 }).loadModule(source, { filename: "/srv/app.py", path: "app.py" });
    if (cpython === "OK") {
      expect(res.ok || res.kind !== "syntax").toBe(true);
      return;
    }
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.kind).toBe("syntax");
    expect(res.traceback).toBe(cpython);
    const line = Number(/line (\d+)/.exec(cpython)![1]);
    expect(res.error.line).toBe(line);
    expect(res.error.messageKo).toMatch(new RegExp(`^app\\.py:${line}: (문법|들여쓰기) 오류\\((Syntax|Indentation)Error\\): `));
  });
});
