/**
 * The `unicode` option against Python 3.11's `re` on str (what Werkzeug 2.2's router runs), from
 * fixtures/python-matches.json recorded by conformance/capture/regex/generate_python.py.
 */
import { describe, expect, it } from "vitest";
import cases from "./fixtures/python-matches.json";
import { compileRegex } from "./index";

describe("unicode option matches Python's re", () => {
  for (const { pattern, caseInsensitive, subject, match } of cases) {
    it(`${JSON.stringify(pattern)}${caseInsensitive ? " (IGNORECASE)" : ""} on ${JSON.stringify(subject)}`, () => {
      const result = compileRegex(pattern, { caseInsensitive, unicode: true });
      expect(result.ok, result.ok ? "" : result.error.message).toBe(true);
      if (!result.ok) return;
      const m = result.regex.exec(subject);
      if (match === null) expect(m).toBeNull();
      else expect(m && { index: m.index, groups: m.groups.map((g) => g ?? null) }).toEqual(match);
    });
  }
});

describe("without the option, classes stay PCRE2's ASCII ones", () => {
  it("\\d, \\w and \\b ignore non-ASCII; \\u is an error as in nginx", () => {
    const digits = compileRegex("\\d+");
    expect(digits.ok && digits.regex.exec("\u0661\u0662 12")?.groups[0]).toBe("12");
    const word = compileRegex("\\b\\w+");
    expect(word.ok && word.regex.exec("caf\u00e9")?.groups[0]).toBe("caf");
    const u = compileRegex("\\u00e9");
    expect(u.ok ? null : u.error.message).toBe(
      'pcre2_compile() failed: PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u in "\\u00e9" at "00e9"',
    );
  });

  it("rejects a malformed \\u escape in unicode mode with a typed error", () => {
    const result = compileRegex("\\u12", { unicode: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.offset).toBe(0);
  });
});
