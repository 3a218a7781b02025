import { describe, expect, it } from "vitest";
import { escapeUri, normalizeUri } from "./uri";

describe("normalizeUri (nginx ngx_http_parse_complex_uri)", () => {
  const table: Array<[string, string | null, string]> = [
    ["/", "/", ""],
    ["/hello", "/hello", ""],
    ["/a%20b", "/a b", ""],
    ["/app/a%20b/../c?x=1&y=%41", "/app/c", "x=1&y=%41"],
    ["/q/%7e/..//z?k", "/q/z", "k"],
    ["/uw/p%2fq?z=1", "/uw/p/q", "z=1"],
    ["//a///b", "/a/b", ""],
    ["/a/./b/.", "/a/b/", ""],
    ["/a/..", "/", ""],
    ["/a/b/../../c", "/c", ""],
    ["/%2e%2e/x", null, ""],
    ["/../x", null, ""],
    ["/static/../../etc/passwd", null, ""],
    ["/%ED%95%9C", "/\u00ed\u0095\u009c", ""],
  ];
  for (const [input, uri, args] of table) {
    it(`${input} → ${uri ?? "400"}`, () => {
      const r = normalizeUri(input);
      if (uri === null) expect(r.ok).toBe(false);
      else expect(r).toMatchObject({ ok: true, uri, args });
    });
  }
  it("rejects bad escapes and NUL like nginx (400)", () => {
    expect(normalizeUri("/a%2")).toEqual({ ok: false, reason: "bad-escape" });
    expect(normalizeUri("/a%zz")).toEqual({ ok: false, reason: "bad-escape" });
    expect(normalizeUri("/a%00b")).toEqual({ ok: false, reason: "nul" });
  });
  it("keeps args raw and notes an empty query", () => {
    expect(normalizeUri("/x?")).toMatchObject({ ok: true, args: "", hasArgs: true });
    expect(normalizeUri("/x")).toMatchObject({ ok: true, args: "", hasArgs: false });
  });
  it("escapes a decoded URI for proxying", () => {
    expect(escapeUri("/a b/\u00ed\u0095\u009c")).toBe("/a%20b/%ED%95%9C");
    expect(escapeUri("/a?b#c%")).toBe("/a%3Fb%23c%25");
  });
});
