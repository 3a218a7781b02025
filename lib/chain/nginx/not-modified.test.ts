import { describe, expect, it } from "vitest";
import { etagListMatches } from "./not-modified";

const tag = '"69a55190-7"';

describe("etagListMatches (ngx_http_test_if_match)", () => {
  it("If-Match: strong comparison, so a weak tag never matches; * always does", () => {
    expect(etagListMatches(tag, tag, false)).toBe(true);
    expect(etagListMatches(`"a", ${tag}`, tag, false)).toBe(true);
    expect(etagListMatches(`W/${tag}`, tag, false)).toBe(false);
    expect(etagListMatches("*", null, false)).toBe(true);
    expect(etagListMatches(tag, null, false)).toBe(false);
  });
  it("If-None-Match: W/ is ignored on both sides, items split at commas with spaces and tabs", () => {
    expect(etagListMatches(`W/${tag}`, tag, true)).toBe(true);
    expect(etagListMatches(`"a" ,\t${tag}`, tag, true)).toBe(true);
    expect(etagListMatches(`${tag}x`, tag, true)).toBe(false);
  });
});
