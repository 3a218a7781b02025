/** Navigation derived from the one ordered lesson list. Pure: usable on the server and in the browser. */
import type { Course, Lesson, LessonSummary } from "./types";

export const LEARN_PREFIX = "/learn/";
export const COMPLETE_PATH = "/complete";

export function lessonHref(slug: string): string {
  return `${LEARN_PREFIX}${slug}`;
}

export function summarize(lesson: LessonSummary): LessonSummary {
  const { slug, href, title, description, partSlug, partTitle, number } = lesson;
  return { slug, href, title, description, partSlug, partTitle, number };
}

/** Sets prev/next on every lesson of the ordered list. */
export function linkNeighbours<T extends LessonSummary>(
  lessons: readonly T[],
): (T & { prev?: LessonSummary; next?: LessonSummary })[] {
  return lessons.map((lesson, i) => {
    const prev = lessons[i - 1];
    const next = lessons[i + 1];
    return { ...lesson, prev: prev ? summarize(prev) : undefined, next: next ? summarize(next) : undefined };
  });
}

/** The lesson for the catch-all route segments, or undefined. */
export function findLesson(course: Course, segments: readonly string[]): Lesson | undefined {
  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  const slug = segments.slice(0, 20).map(decode).join("/");
  return course.lessons.find((l) => l.slug === slug) ?? course.unlisted.find((l) => l.slug === slug);
}

/** Route params for generateStaticParams. */
export function staticParams(course: Course): { slug: string[] }[] {
  return [...course.lessons, ...course.unlisted].map((l) => ({ slug: l.slug.split("/") }));
}

/** Prefixes an absolute site path with the configured base path, for URLs that next/link does not handle. */
export function withBasePath(pathname: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, "");
  if (!pathname.startsWith("/") || pathname.startsWith("//")) return pathname;
  if (base && (pathname === base || pathname.startsWith(`${base}/`))) return pathname;
  return `${base}${pathname}`;
}
