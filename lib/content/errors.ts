/**
 * Content problems are collected, never thrown one by one: an instructor fixing the course wants every problem in
 * one build, each as `file:line: message` with a sentence that says how to fix it.
 */

export type ContentErrorCode =
  | "missing-course-config"
  | "invalid-course-config"
  | "missing-part-meta"
  | "invalid-part-meta"
  | "missing-lesson-file"
  | "duplicate-order"
  | "invalid-folder-name"
  | "invalid-frontmatter"
  | "duplicate-slug"
  | "broken-link"
  | "mdx-syntax"
  | "scenario-file"
  | "empty-course";

export interface ContentError {
  code: ContentErrorCode;
  /** Path relative to the project root (e.g. `content/01-intro/01-welcome/index.mdx`). */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file or folder. */
  line: number;
  /** What is wrong and how to fix it. */
  message: string;
}

export function formatContentError(error: ContentError): string {
  return `${error.file}:${error.line}: ${error.message}`;
}

/** Thrown once by the loader (and so by `next build`) with every problem found. */
export class ContentBuildError extends Error {
  readonly errors: readonly ContentError[];

  constructor(errors: readonly ContentError[]) {
    const lines = errors.map((e) => `  - ${formatContentError(e)}`);
    super(`Course content has ${errors.length} problem(s):\n${lines.join("\n")}`);
    this.name = "ContentBuildError";
    this.errors = errors;
  }
}
