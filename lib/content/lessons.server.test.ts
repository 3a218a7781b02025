import path from "node:path";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ContentBuildError, formatContentError, type ContentError } from "./errors";
import { getCourse, loadCourse } from "./lessons.server";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const rel = (name: string, file: string) => `lib/content/fixtures/${name}/${file}`;

/** The compiled lesson rendered to HTML, the way a student's browser receives it. */
function render(code: string): string {
  const passThrough = ({ children }: { children?: unknown }) => children;
  const components = { Intro: passThrough, Note: passThrough, Pitfall: passThrough, Recap: passThrough };
  return renderToStaticMarkup(createElement(getMDXComponent(code), { components }));
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

/** The valid fixture course, compiled once for the tests that only read it. */
let valid: ReturnType<typeof loadCourse> | undefined;
const validCourse = () => (valid ??= loadCourse({ contentDir: fixture("valid"), projectRoot }));

async function errorsOf(name: string): Promise<ContentError[]> {
  const result = await loadCourse({ contentDir: fixture(name), projectRoot });
  if (result.ok) throw new Error(`fixture ${name} unexpectedly loaded`);
  return result.errors;
}

describe("loadCourse: a valid course", () => {
  it("orders lessons by NN- prefixes only and links prev/next across parts", async () => {
    const result = await validCourse();
    if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
    const { course } = result;
    expect(course.config.title).toBe("테스트 코스");
    expect(course.parts.map((p) => [p.slug, p.title, p.lessons.length])).toEqual([
      ["start", "시작", 2],
      ["next", "다음 파트", 1],
    ]);
    expect(course.lessons.map((l) => [l.slug, l.number])).toEqual([
      ["start/hello", "1.1"],
      ["custom/second", "1.2"],
      ["next/third", "2.1"],
    ]);
    const [first, second, third] = course.lessons;
    expect(first?.prev).toBeUndefined();
    expect(first?.next?.slug).toBe("custom/second");
    expect(second?.next?.href).toBe("/learn/next/third");
    expect(third?.prev?.title).toBe("둘째");
    expect(third?.next).toBeUndefined();
  });

  it("builds unlisted lessons but keeps them out of parts, numbering and prev/next", async () => {
    const result = await validCourse();
    if (!result.ok) throw new Error("fixture failed");
    expect(result.course.unlisted.map((l) => [l.slug, l.next, l.prev])).toEqual([["fixtures/widgets", undefined, undefined]]);
    expect(result.course.parts.map((p) => p.slug)).not.toContain("fixtures");
    expect(result.course.lessons.map((l) => l.slug)).not.toContain("fixtures/widgets");
  });

  it("builds a table of contents with unique Hangul heading ids", async () => {
    const result = await validCourse();
    if (!result.ok) throw new Error("fixture failed");
    expect(result.course.lessons[0]?.toc).toEqual([
      { id: "첫-절", text: "첫 절", depth: 2 },
      { id: "작은-절", text: "작은 절", depth: 3 },
      { id: "첫-절-1", text: "첫 절", depth: 2 },
    ]);
  });

  it("compiles code fences with shiki: title, language and highlighted lines", async () => {
    const result = await validCourse();
    if (!result.ok) throw new Error("fixture failed");
    const code = result.course.lessons[0]?.code ?? "";
    expect(code).toContain('"data-title": "site.conf"');
    expect(code).toContain('"data-language": "nginx"');
    expect(code).toMatch(/className: "line highlighted"/);
    expect(code).toContain("--shiki-dark");
  });

  it("inlines the real scenario file excerpt, numbered from its first line", async () => {
    const result = await validCourse();
    if (!result.ok) throw new Error("fixture failed");
    const html = render(result.course.lessons[0]?.code ?? "");
    const block = /<pre[^>]*data-title="app.conf"[^>]*>([\s\S]*?)<\/pre>/.exec(html);
    expect(block?.[0]).toContain('data-start="2"');
    expect(textOf(block?.[1] ?? "")).toBe("line two\nline three");
    expect(block?.[1]).toMatch(/<span class="line">[\s\S]*<span class="line highlighted">/);
  });

  it("getCourse returns the same course and caches it", async () => {
    const a = await getCourse({ contentDir: fixture("valid"), projectRoot });
    const b = await getCourse({ contentDir: fixture("valid"), projectRoot });
    expect(a).toBe(b);
    expect(a.lessons).toHaveLength(3);
  });

  // The real course's content is loaded (once for the whole unit run) by lib/course-check/lessons.test.ts.
});

describe("loadCourse: every error names the file, the line and the fix", () => {
  it("missing course.json", async () => {
    const [error] = await errorsOf("missing-course-config");
    expect(error).toMatchObject({ code: "missing-course-config", file: rel("missing-course-config", "course.json") });
    expect(error?.message).toContain('"title"');
  });

  it("course.json with a JSON syntax error reports its line", async () => {
    const [error] = await errorsOf("invalid-course-config");
    expect(error).toMatchObject({ code: "invalid-course-config", line: 4 });
    expect(error?.message).toMatch(/invalid JSON/);
  });

  it("a part without meta.json", async () => {
    const [error] = await errorsOf("missing-part-meta");
    expect(error).toMatchObject({ code: "missing-part-meta", file: rel("missing-part-meta", "01-a/meta.json") });
    expect(error?.message).toContain('{"title"');
  });

  it("meta.json with the wrong field", async () => {
    const errors = await errorsOf("invalid-part-meta");
    expect(errors[0]).toMatchObject({ code: "invalid-part-meta", file: rel("invalid-part-meta", "01-a/meta.json") });
    expect(errors[0]?.message).toMatch(/title/);
  });

  it("a lesson folder without index.mdx", async () => {
    const [error] = await errorsOf("missing-lesson-file");
    expect(error).toMatchObject({ code: "missing-lesson-file", file: rel("missing-lesson-file", "01-a/02-empty") });
    expect(error?.message).toContain("index.mdx");
  });

  it("two folders with the same number", async () => {
    const [error] = await errorsOf("duplicate-order");
    expect(error?.code).toBe("duplicate-order");
    expect(error?.message).toMatch(/01-b.*01-c|01-c.*01-b/);
    expect(error?.message).toContain("another number");
  });

  it("a folder named without the NN-name pattern", async () => {
    const [error] = await errorsOf("invalid-folder-name");
    expect(error).toMatchObject({ code: "invalid-folder-name", file: rel("invalid-folder-name", "01-a/2-Second") });
    expect(error?.message).toContain("02-http-basics");
  });

  it("frontmatter: unknown field, missing description, empty title — each on its line", async () => {
    const errors = await errorsOf("invalid-frontmatter");
    const b = rel("invalid-frontmatter", "01-a/01-b/index.mdx");
    const c = rel("invalid-frontmatter", "01-a/02-c/index.mdx");
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: b, line: 3, message: expect.stringContaining("`summary`") }),
        expect.objectContaining({ file: b, line: 1, message: expect.stringContaining("`description`") }),
        expect.objectContaining({ file: c, line: 2, message: expect.stringContaining("`title`") }),
      ]),
    );
    expect(errors.every((e) => e.code === "invalid-frontmatter")).toBe(true);
  });

  it("frontmatter that is not YAML", async () => {
    const [error] = await errorsOf("invalid-yaml");
    expect(error).toMatchObject({ code: "invalid-frontmatter", file: rel("invalid-yaml", "01-a/01-b/index.mdx") });
    expect(error?.line).toBeGreaterThanOrEqual(3);
    expect(error?.message).toContain("---");
  });

  it("two lessons with the same slug", async () => {
    const [error] = await errorsOf("duplicate-slug");
    expect(error).toMatchObject({ code: "duplicate-slug", file: rel("duplicate-slug", "01-a/02-c/index.mdx") });
    expect(error?.message).toContain('"a/b"');
    expect(error?.message).toContain(rel("duplicate-slug", "01-a/01-b/index.mdx"));
  });

  it("a markdown link to a lesson that does not exist", async () => {
    const [error] = await errorsOf("broken-link");
    expect(error).toMatchObject({ code: "broken-link", file: rel("broken-link", "01-a/01-b/index.mdx"), line: 10 });
    expect(error?.message).toContain("/learn/a/nope");
    expect(error?.message).toContain("/learn/a/b");
  });

  it("an MDX syntax error (unclosed tag) with its line", async () => {
    const [error] = await errorsOf("mdx-syntax");
    expect(error).toMatchObject({ code: "mdx-syntax", file: rel("mdx-syntax", "01-a/01-b/index.mdx"), line: 8 });
    expect(error?.message).toContain("<Note>");
    expect(error?.message).toContain("Fix:");
  });

  it("ScenarioFile: missing file, range past the end, path escaping the scenario, an anchor the file no longer has", async () => {
    const errors = await errorsOf("scenario-file");
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ["scenario-file", 6],
      ["scenario-file", 8],
      ["scenario-file", 10],
      ["scenario-file", 12],
    ]);
    expect(errors[0]?.message).toContain("missing.conf");
    expect(errors[1]?.message).toContain("it has 2 lines");
    expect(errors[2]?.message).toContain('without ".."');
    expect(errors[3]?.message).toContain('from="location /gone/ {" is not in app.conf');
  });

  it("a content folder without parts", async () => {
    const [error] = await errorsOf("empty-course");
    expect(error?.code).toBe("empty-course");
    expect(error?.message).toContain("content/01-part-name/01-lesson-name/index.mdx");
  });

  it("getCourse throws one ContentBuildError listing file:line: message", async () => {
    const failure = getCourse({ contentDir: fixture("broken-link"), projectRoot });
    await expect(failure).rejects.toBeInstanceOf(ContentBuildError);
    await expect(failure).rejects.toThrow(`${rel("broken-link", "01-a/01-b/index.mdx")}:10: the link to \`/learn/a/nope\``);
  });
});
