import { describe, expect, test } from "vitest";
import { parseFlag, parseNumber, parseSize, parseTime } from "./values";

describe("nginx value parsers", () => {
  test.each([
    ["1024", 1024],
    ["10k", 10 * 1024],
    ["10K", 10 * 1024],
    ["1m", 1024 * 1024],
    ["1G", 1024 ** 3],
    ["0", 0],
  ])("size %s = %d bytes", (s, n) => expect(parseSize(s)).toBe(n));

  test.each(["1mb", "1.5m", "", "m", "-1", "1 m"])("size %j is invalid", (s) => expect(parseSize(s)).toBeNull());

  test.each([
    ["10", false, 10_000],
    ["10s", false, 10_000],
    ["500ms", false, 500],
    ["1m30s", false, 90_000],
    ["1h", true, 3_600_000],
    ["2d", true, 2 * 86_400_000],
    ["5s10", false, 15_000],
  ] as const)("time %s (sec=%s) = %d ms", (s, isSec, ms) => expect(parseTime(s, isSec)).toBe(ms));

  test.each([
    ["10x", false],
    ["30s1m", false],
    ["1s1s", false],
    ["500ms", true],
    ["", false],
    ["s", false],
  ] as const)("time %j (sec=%s) is invalid", (s, isSec) => expect(parseTime(s, isSec)).toBeNull());

  test("flags are case-insensitive on/off only", () => {
    expect(parseFlag("ON")).toBe(true);
    expect(parseFlag("off")).toBe(false);
    expect(parseFlag("yes")).toBeNull();
  });

  test("numbers are plain decimal", () => {
    expect(parseNumber("2048")).toBe(2048);
    expect(parseNumber("2k")).toBeNull();
    expect(parseNumber("-1")).toBeNull();
  });
});
