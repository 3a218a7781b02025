import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { secureFilename } from "./secure-filename";

/** Recorded from Werkzeug 2.2.2 by conformance/capture/flask/secure_filename_cases.py. */
const CASES = JSON.parse(readFileSync(path.join(import.meta.dirname, "secure-filename.cases.json"), "utf8")) as Array<[string, string]>;

describe("secure_filename as Werkzeug 2.2.2 computes it", () => {
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => expect(secureFilename(input)).toBe(expected));
  }
});
