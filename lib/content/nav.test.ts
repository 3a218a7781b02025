import { describe, expect, it } from "vitest";
import { findLesson, lessonHref, linkNeighbours, staticParams, withBasePath } from "./nav";
import type { Course, Lesson } from "./types";

const lesson = (slug: string, title: string): Lesson => ({
  slug,
  href: lessonHref(slug),
  title,
  description: "d",
  partSlug: slug.split("/")[0] ?? "",
  partTitle: "p",
  number: "1.1",
  file: `content/${slug}/index.mdx`,
  toc: [],
  code: "",
});

describe("withBasePath", () => {
  it("prefixes site paths with the base path once", () => {
    expect(withBasePath("/learn/a/b", "/course")).toBe("/course/learn/a/b");
    expect(withBasePath("/course/learn/a", "/course")).toBe("/course/learn/a");
    expect(withBasePath("/", "/course/")).toBe("/course/");
  });
  it("leaves paths alone without a base path, and never touches external URLs", () => {
    expect(withBasePath("/learn/a", "")).toBe("/learn/a");
    expect(withBasePath("https://example.com/x", "/course")).toBe("https://example.com/x");
    expect(withBasePath("//cdn.example/x", "/course")).toBe("//cdn.example/x");
  });
});

describe("linkNeighbours and lookups", () => {
  const lessons = linkNeighbours([lesson("a/one", "하나"), lesson("a/two", "둘"), lesson("b/three", "셋")]);
  const hidden = lesson("z/hidden", "숨김");
  const course: Course = { config: { title: "t", description: "d", learn: [] }, parts: [], lessons, unlisted: [hidden] };

  it("links every lesson to its neighbours in list order", () => {
    expect(lessons.map((l) => [l.prev?.title, l.next?.title])).toEqual([
      [undefined, "둘"],
      ["하나", "셋"],
      ["둘", undefined],
    ]);
    expect(lessons[1]?.next).not.toHaveProperty("code");
  });

  it("finds a lesson by its route segments, decoding them", () => {
    expect(findLesson(course, ["b", "three"])?.title).toBe("셋");
    expect(findLesson(course, ["b", "thr%65e"])?.title).toBe("셋");
    expect(findLesson(course, ["z", "hidden"])?.title).toBe("숨김");
    expect(findLesson(course, ["b"])).toBeUndefined();
    expect(findLesson(course, ["%E0%A4%A"])).toBeUndefined();
  });

  it("lists static params for every lesson", () => {
    expect(staticParams(course)).toEqual([
      { slug: ["a", "one"] },
      { slug: ["a", "two"] },
      { slug: ["b", "three"] },
      { slug: ["z", "hidden"] },
    ]);
  });
});
