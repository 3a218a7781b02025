/**
 * Every test that the unit run only samples must still run whole somewhere: in the live run, which .ci/run runs.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_TABLE_FILES, tableRows } from "./depth";
import live from "../../vitest.live.config";

const ROOT = path.resolve(import.meta.dirname, "../..");

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(rel);
    return entry.name.endsWith(".test.ts") ? [rel] : [];
  });
}

describe("sampled tables", () => {
  it("every test file that samples is listed, and the live run runs the listed files whole", () => {
    const sampling = ["lib", "components", "conformance"]
      .flatMap(testFiles)
      .filter((file) => file !== "lib/testing/depth.test.ts" && /\b(tableRows|propertyRuns)\(/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(sampling.sort()).toEqual([...FULL_TABLE_FILES].sort());
    const projects = (live.test?.projects ?? []) as Array<{ test?: { include?: string[] } }>;
    expect(projects.flatMap((p) => p.test?.include ?? [])).toEqual(expect.arrayContaining(FULL_TABLE_FILES));
    expect(live.test?.env).toMatchObject({ FULL_TABLES: "1" });
  });

  it("a sample keeps the first and the last row and every n-th between", () => {
    const rows = Array.from({ length: 23 }, (_, i) => i);
    expect(tableRows(rows, 7)).toEqual([0, 7, 14, 21, 22]);
    expect(tableRows(rows, 1)).toEqual(rows);
  });
});
