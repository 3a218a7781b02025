import { describe, expect, it } from "vitest";
import { escapeUri, normalizeUri, percentDecode, resolveDots, resolveSegments } from "./uri";

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

describe("shortcuts for URIs with nothing to decode, resolve or escape", () => {
  it("resolveDots gives what the full walk gives, for every short path over / . a", () => {
    const paths: string[] = [];
    const grow = (prefix: string) => {
      paths.push(prefix);
      if (prefix.length < 7) for (const c of ["/", ".", "a"]) grow(prefix + c);
    };
    grow("/");
    for (const path of paths) {
      for (const merge of [true, false]) expect(resolveDots(path, merge), `${path} merge=${merge}`).toBe(resolveSegments(path, merge));
    }
  });

  it("percentDecode returns a text without % as it is", () => {
    expect(percentDecode("/static/style.css")).toEqual({ ok: true, value: "/static/style.css" });
    expect(percentDecode("/a%41b")).toEqual({ ok: true, value: "/aAb" });
  });

  it("escapeUri copies plain runs and escapes at the start, middle and end", () => {
    expect(escapeUri("/plain/path")).toBe("/plain/path");
    expect(escapeUri(" a")).toBe("%20a");
    expect(escapeUri("a  b")).toBe("a%20%20b");
    expect(escapeUri("a\u00ff")).toBe("a%FF");
  });
});
