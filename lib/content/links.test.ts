import { describe, expect, it } from "vitest";
import { findBrokenLinks, normalizeInternalPath } from "./links";

describe("normalizeInternalPath", () => {
  it("drops hash, query and trailing slash of site paths", () => {
    expect(normalizeInternalPath("/learn/a/b/#top")).toBe("/learn/a/b");
    expect(normalizeInternalPath("/learn/a/b?x=1")).toBe("/learn/a/b");
    expect(normalizeInternalPath("/")).toBe("/");
  });
  it("ignores external, protocol-relative and in-page links", () => {
    expect(normalizeInternalPath("https://peps.python.org/pep-3333/")).toBeUndefined();
    expect(normalizeInternalPath("//evil.example/")).toBeUndefined();
    expect(normalizeInternalPath("#section")).toBeUndefined();
  });
});

describe("findBrokenLinks", () => {
  const lessons = new Set(["/learn/intro/welcome"]);
  it("accepts existing lessons, home and the completion page", () => {
    const links = ["/learn/intro/welcome", "/", "/complete"].map((path) => ({ path, line: 1 }));
    expect(findBrokenLinks(links, lessons, "x.mdx")).toEqual([]);
  });
  it("reports unknown targets with file, line and a suggestion", () => {
    const [error] = findBrokenLinks([{ path: "/learn/intro/welcom", line: 7 }], lessons, "x.mdx");
    expect(error).toMatchObject({ code: "broken-link", file: "x.mdx", line: 7 });
    expect(error?.message).toContain("/learn/intro/welcome");
  });
});
