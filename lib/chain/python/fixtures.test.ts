/**
 * Runs every fixtures/*.py through the embedded interpreter and compares with the `# expect:` (stdout lines),
 * `# expect-error:` (last traceback line) and `# expect-traceback:` (whole report) comments, which
 * conformance/capture/python/check-fixtures.mjs verifies against the real /usr/bin/python3.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createInterpreter } from "./index";

const dir = path.resolve(import.meta.dirname, "fixtures");
const files = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

function comments(src: string, tag: string): string[] {
  const prefix = `# ${tag}:`;
  return src
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).replace(/^ /, ""));
}

describe("fixtures match CPython 3.11", () => {
  it("has fixtures", () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(file, () => {
      const src = readFileSync(path.join(dir, file), "utf8");
      // conformance/capture/python/check-fixtures.mjs writes CPython's tracebacks with this virtual location
      const filename = `/srv/fixtures/${file}`;
      const interp = createInterpreter({ environment: { FIXTURE_ENV: "값" }, epochMs: Date.UTC(2026, 0, 1) });
      const res = interp.loadModule(src, { filename, moduleName: "__main__" });
      const stdout = interp
        .drainOutput()
        .filter((o) => o.stream === "stdout")
        .map((o) => o.text)
        .join("");
      const lines = stdout === "" ? [] : stdout.replace(/\n$/, "").split("\n");
      expect(lines).toEqual(comments(src, "expect"));
      const expectedError = comments(src, "expect-error");
      const expectedTraceback = comments(src, "expect-traceback");
      if (!expectedError.length) {
        expect(res.ok, res.ok ? "" : res.traceback || res.error.message).toBe(true);
        return;
      }
      expect(res.ok).toBe(false);
      if (res.ok) return;
      let report: string;
      if (res.kind === "exception" && res.exception) report = interp.formatTraceback(res.exception, [], "display");
      else if (res.kind === "syntax") report = res.traceback;
      else throw new Error(`unexpected outcome ${res.kind}: ${res.error.message}`);
      const reportLines = report.replace(/\n$/, "").split("\n");
      expect(reportLines[reportLines.length - 1]).toBe(expectedError[0]);
      if (expectedTraceback.length) expect(reportLines).toEqual(expectedTraceback);
    });
  }
});
