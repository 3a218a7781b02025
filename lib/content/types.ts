/** The course as the site sees it. Pure types: safe to import from client components. */
import type { TocEntry } from "./headings";
import type { CourseConfig } from "./schema";

export interface LessonSummary {
  /** URL slug after /learn/, e.g. `introduction/welcome`. */
  slug: string;
  /** Site path without base path, e.g. `/learn/introduction/welcome` (next/link adds the base path). */
  href: string;
  title: string;
  description: string;
  partSlug: string;
  partTitle: string;
  /** Position shown to the student, e.g. `1.2`. */
  number: string;
}

export interface Lesson extends LessonSummary {
  /** Project-relative index.mdx path. */
  file: string;
  toc: TocEntry[];
  /** Compiled MDX (mdx-bundler output). */
  code: string;
  prev?: LessonSummary;
  next?: LessonSummary;
}

export interface PartSummary {
  slug: string;
  title: string;
  number: number;
  lessons: LessonSummary[];
}

export interface Course {
  config: CourseConfig;
  parts: PartSummary[];
  /** Every listed lesson in reading order; prev/next and the sidebar are derived from this one list. */
  lessons: Lesson[];
  /** Lessons with `unlisted: true`: built and reachable by URL, but in no list and without prev/next. */
  unlisted: Lesson[];
}
