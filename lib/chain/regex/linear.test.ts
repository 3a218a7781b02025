/**
 * Patterns that make a backtracking engine (PCRE, JS RegExp) take exponential or quadratic time run here in
 * work proportional to the input: the VM's step counter, not the clock, is what these tests measure.
 */
import { describe, expect, it } from "vitest";
import { compileRegex, execWithSteps, type LinearRegex } from "./index";

function compiled(pattern: string): LinearRegex {
  const result = compileRegex(pattern);
  if (!result.ok) throw new Error(result.error.message);
  return result.regex;
}

function steps(re: LinearRegex, input: string): number {
  const run = execWithSteps(re, input);
  if (run === null) throw new Error("not a compiled regex");
  return run.steps;
}

const pathological: Array<[pattern: string, unit: string, tail: string, matches: boolean]> = [
  ["(a*)*b", "a", "", false],
  ["(a|aa)*c", "a", "", false],
  ["(x+x+)+y", "x", "", false],
  ["^(a+)+$", "a", "!", false],
  ["(.*a){12}", "a", "", true],
  ["(\\w+\\s?)*$", "ab ", "!", true],
  ["(a|a?)+?b", "a", "b", true],
];

describe("step count grows linearly with the input", () => {
  for (const [pattern, unit, tail, matches] of pathological) {
    it(`${pattern} on ${JSON.stringify(unit)}×n${tail ? ` + ${JSON.stringify(tail)}` : ""}`, () => {
      const re = compiled(pattern);
      expect(re.test(unit.repeat(4000) + tail)).toBe(matches);
      const small = steps(re, unit.repeat(1000) + tail);
      const large = steps(re, unit.repeat(4000) + tail);
      // Four times the input, about four times the work (a quadratic engine would show ~16×).
      expect(large / small).toBeGreaterThan(3.5);
      expect(large / small).toBeLessThan(4.5);
      // And it stays bounded by input length × program size.
      expect(large).toBeLessThan((4000 * unit.length + tail.length + 1) * 4 * pattern.length * 4);
    });
  }

  it("finishes on 10^5-character inputs with the right answer", () => {
    const input = "a".repeat(100_000);
    expect(compiled("(a*)*b").test(input)).toBe(false);
    expect(compiled("(a|aa)*c").test(input)).toBe(false);
    expect(compiled("(x+x+)+y").test("x".repeat(100_000))).toBe(false);
    const m = compiled("^(a|aa)*$").exec(input);
    expect(m?.groups[0]).toHaveLength(100_000);
    expect(m?.groups[1]).toBe("a");
  });
});
