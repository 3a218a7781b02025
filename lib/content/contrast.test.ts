import { describe, expect, it } from "vitest";
import { CODE_BACKGROUNDS, contrastRatio, ensureContrast, fixShikiStyle } from "./contrast";

describe("code colour contrast", () => {
  it("computes WCAG ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 0);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 1);
  });
  it("keeps colours that already pass", () => {
    expect(ensureContrast("#24292e", CODE_BACKGROUNDS.light, "light")).toBe("#24292e");
  });
  it("darkens a pale light-theme token and lightens a dim dark-theme comment until they pass", () => {
    const light = ensureContrast("#e36209", CODE_BACKGROUNDS.light, "light");
    const dark = ensureContrast("#6a737d", CODE_BACKGROUNDS.dark, "dark");
    for (const bg of CODE_BACKGROUNDS.light) expect(contrastRatio(light, bg)).toBeGreaterThanOrEqual(4.5);
    for (const bg of CODE_BACKGROUNDS.dark) expect(contrastRatio(dark, bg)).toBeGreaterThanOrEqual(4.5);
  });
  it("rewrites both variables of a shiki style and leaves the rest", () => {
    const fixed = fixShikiStyle("--shiki-light:#E36209;--shiki-dark:#6A737D;font-style:italic");
    expect(fixed).toMatch(/^--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6};font-style:italic$/);
    expect(fixed).not.toContain("E36209");
    expect(fixShikiStyle("color:red")).toBe("color:red");
  });
});
