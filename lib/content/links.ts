/**
 * Internal links (`[다음 장](/learn/part/lesson)`) are collected while compiling and checked against the lesson
 * list, so a renamed folder fails the build instead of shipping a 404.
 */
import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { ContentError } from "./errors";

export interface InternalLink {
  /** The path without hash or query, e.g. `/learn/intro/welcome`. */
  path: string;
  line: number;
}

/** Paths a markdown link may target other than lessons. */
const STATIC_PAGES = new Set(["/", "/complete", "/my-project"]);

export function normalizeInternalPath(url: string): string | undefined {
  if (!url.startsWith("/") || url.startsWith("//")) return undefined;
  const bare = url.split(/[?#]/)[0] ?? "";
  return bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
}

export function remarkCollectLinks(links: InternalLink[]) {
  return () => (tree: Root) => {
    visit(tree, (node) => {
      if ((node.type === "link" || node.type === "definition") && "url" in node) {
        const path = normalizeInternalPath(node.url);
        if (path !== undefined && links.length < 1000) links.push({ path, line: node.position?.start.line ?? 1 });
      }
    });
  };
}

/** Links to /learn/… that name no lesson (or to other unknown site paths). */
export function findBrokenLinks(
  links: readonly InternalLink[],
  lessonPaths: ReadonlySet<string>,
  file: string,
): ContentError[] {
  return links
    .filter((link) => !STATIC_PAGES.has(link.path) && !lessonPaths.has(link.path))
    .map((link) => ({
      code: "broken-link" as const,
      file,
      line: link.line,
      message: `the link to \`${link.path}\` leads to no page. Internal links must be /learn/<slug> of an existing lesson (e.g. ${[...lessonPaths][0] ?? "/learn/part/lesson"}), /, /complete or /my-project. Fix the slug or remove the link.`,
    }));
}
