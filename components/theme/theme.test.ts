import { describe, expect, it } from "vitest";
import { THEME_INIT_SCRIPT, THEME_STORAGE_KEY, parseTheme, resolveTheme } from "./theme";

describe("theme", () => {
  it("follows the system until the student chooses", () => {
    expect(resolveTheme(undefined, true)).toBe("dark");
    expect(resolveTheme(undefined, false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
  });
  it("accepts only known stored values", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("purple")).toBeUndefined();
    expect(parseTheme(null)).toBeUndefined();
  });
  it("the inline script sets data-theme from storage or the system before paint", () => {
    const storage = new Map<string, string>([[THEME_STORAGE_KEY, "dark"]]);
    const html = { dataset: {} as Record<string, string>, style: {} as Record<string, string> };
    const run = new Function("localStorage", "window", "document", THEME_INIT_SCRIPT);
    run({ getItem: (k: string) => storage.get(k) ?? null }, { matchMedia: () => ({ matches: false }) }, {
      documentElement: html,
    });
    expect(html.dataset.theme).toBe("dark");
    storage.clear();
    run({ getItem: (k: string) => storage.get(k) ?? null }, { matchMedia: () => ({ matches: true }) }, {
      documentElement: html,
    });
    expect(html.dataset.theme).toBe("dark");
    run({ getItem: () => null }, { matchMedia: () => ({ matches: false }) }, { documentElement: html });
    expect(html.dataset.theme).toBe("light");
    expect(html.style.colorScheme).toBe("light");
  });
});
