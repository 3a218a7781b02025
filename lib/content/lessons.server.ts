/**
 * Loads the whole course: discovers folders, validates course.json, meta.json and frontmatter, compiles every
 * lesson, checks slugs and internal links, and returns one flat ordered list. Problems are collected and returned
 * (loadCourse) or thrown together as a ContentBuildError (getCourse, used by the app so `next build` fails).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { compileLesson } from "./compile-mdx.server";
import { discoverContent } from "./discover.server";
import { ContentBuildError, type ContentError } from "./errors";
import { readFrontmatter } from "./frontmatter";
import { readJsonFile } from "./json-file.server";
import { findBrokenLinks, type InternalLink } from "./links";
import { lessonHref, linkNeighbours, summarize } from "./nav";
import { courseConfigSchema, partMetaSchema } from "./schema";
import type { Course, Lesson, LessonSummary, PartSummary } from "./types";

export interface LoadOptions {
  /** Absolute content folder; default `<cwd>/content`. */
  contentDir?: string;
  /** Absolute project root used to print relative file names; default cwd. */
  projectRoot?: string;
  /** Absolute scenarios folder; default `<contentDir>/scenarios`. */
  scenariosDir?: string;
}

export type LoadResult = { ok: true; course: Course } | { ok: false; errors: ContentError[] };

const MAX_MDX_BYTES = 512 * 1024;

function resolveOptions(options: LoadOptions): Required<LoadOptions> {
  const projectRoot = options.projectRoot ?? process.cwd();
  const contentDir = options.contentDir ?? path.join(/*turbopackIgnore: true*/ projectRoot, "content");
  return { projectRoot, contentDir, scenariosDir: options.scenariosDir ?? path.join(/*turbopackIgnore: true*/ contentDir, "scenarios") };
}

export async function loadCourse(options: LoadOptions = {}): Promise<LoadResult> {
  const { projectRoot, contentDir, scenariosDir } = resolveOptions(options);
  const errors: ContentError[] = [];
  const courseFile = path.relative(projectRoot, path.join(/*turbopackIgnore: true*/ contentDir, "course.json")).split(path.sep).join("/");
  const config = readJsonFile(
    path.join(/*turbopackIgnore: true*/ contentDir, "course.json"),
    courseFile,
    courseConfigSchema,
    { missing: "missing-course-config", invalid: "invalid-course-config" },
    'It must be {"title": "…", "description": "…", "learn": ["…"]}.',
  );
  if (!config.ok) errors.push(config.error);

  const found = discoverContent(contentDir, projectRoot, errors);
  const parts: PartSummary[] = [];
  const drafts: (LessonSummary & { file: string; dir: string; source: string; unlisted: boolean })[] = [];
  for (const part of found) {
    const meta = readJsonFile(
      path.join(/*turbopackIgnore: true*/ part.dir, "meta.json"),
      part.metaFile,
      partMetaSchema,
      { missing: "missing-part-meta", invalid: "invalid-part-meta" },
      'Each part folder needs meta.json like {"title": "서버와 HTTP"}.',
    );
    if (!meta.ok) errors.push(meta.error);
    const partTitle = meta.ok ? meta.data.title : part.name;
    // Numbers count listed parts and lessons only, so unlisted fixtures never leave gaps.
    const summary: PartSummary = { slug: part.name, title: partTitle, number: parts.length + 1, lessons: [] };
    for (const lesson of part.lessons) {
      const source = fs.readFileSync(path.join(/*turbopackIgnore: true*/ lesson.dir, "index.mdx"), "utf8").slice(0, MAX_MDX_BYTES);
      const front = readFrontmatter(source, lesson.file);
      if (!front.ok) {
        errors.push(...front.errors);
        continue;
      }
      const slug = front.data.slug ?? `${part.name}/${lesson.name}`;
      const entry = {
        slug,
        href: lessonHref(slug),
        title: front.data.title,
        description: front.data.description,
        partSlug: part.name,
        partTitle,
        number: front.data.unlisted ? "부록" : `${summary.number}.${summary.lessons.length + 1}`,
        file: lesson.file,
        dir: lesson.dir,
        source,
        unlisted: front.data.unlisted === true,
      };
      const duplicate = drafts.find((d) => d.slug === slug);
      if (duplicate) {
        errors.push({
          code: "duplicate-slug",
          file: lesson.file,
          line: 1,
          message: `slug "${slug}" is already used by ${duplicate.file}. Two lessons cannot share a URL: rename a folder or set a different \`slug:\` in the frontmatter.`,
        });
        continue;
      }
      drafts.push(entry);
      if (!entry.unlisted) summary.lessons.push(summarize(entry));
    }
    if (summary.lessons.length > 0) parts.push(summary);
  }
  if (found.length > 0 && !drafts.some((d) => !d.unlisted) && errors.length === 0) {
    errors.push({
      code: "empty-course",
      file: path.relative(projectRoot, contentDir) || "content",
      line: 1,
      message: "the course has no lessons. Add content/NN-part/NN-lesson/index.mdx.",
    });
  }
  if (found.length === 0) {
    errors.push({
      code: "empty-course",
      file: path.relative(projectRoot, contentDir) || "content",
      line: 1,
      message: "no part folders found. Add content/01-part-name/meta.json and content/01-part-name/01-lesson-name/index.mdx.",
    });
  }

  const compiled = await Promise.all(
    drafts.map((d) => compileLesson({ source: d.source, file: d.file, cwd: d.dir, scenariosDir })),
  );
  const known = new Set(drafts.map((d) => d.href));
  const lessons: Omit<Lesson, "prev" | "next">[] = [];
  const unlisted: Lesson[] = [];
  compiled.forEach((result, i) => {
    const draft = drafts[i];
    if (!draft) return;
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    errors.push(...findBrokenLinks(result.lesson.links as InternalLink[], known, draft.file));
    const lesson = { ...summarize(draft), file: draft.file, toc: result.lesson.toc, code: result.lesson.code };
    if (draft.unlisted) unlisted.push(lesson);
    else lessons.push(lesson);
  });

  if (errors.length > 0 || !config.ok) return { ok: false, errors };
  return { ok: true, course: { config: config.data, parts, lessons: linkNeighbours(lessons), unlisted } };
}

/** Hash of every input file (content + scenarios), so the cache never serves stale lessons in `next dev`. */
function inputsHash(dir: string, hash = crypto.createHash("sha256"), depth = 0): crypto.Hash {
  if (depth > 6) return hash;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const absolute = path.join(/*turbopackIgnore: true*/ dir, entry.name);
    if (entry.isDirectory()) inputsHash(absolute, hash, depth + 1);
    else if (entry.isFile()) {
      const stat = fs.statSync(absolute);
      hash.update(`${absolute}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash;
}

const cache = new Map<string, Promise<LoadResult>>();

/** The course for the app; throws ContentBuildError (failing `next build`) when content has problems. */
export async function getCourse(options: LoadOptions = {}): Promise<Course> {
  const resolved = resolveOptions(options);
  const key = `${resolved.contentDir}\0${inputsHash(resolved.contentDir).digest("hex")}`;
  let pending = cache.get(key);
  if (!pending) {
    cache.clear();
    pending = loadCourse(resolved);
    cache.set(key, pending);
  }
  const result = await pending;
  if (!result.ok) throw new ContentBuildError(result.errors);
  return result.course;
}
