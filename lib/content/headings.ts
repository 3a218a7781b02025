/**
 * Gives every ## and ### heading a stable id (Hangul kept) and records them for the lesson's table of contents.
 */
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** `HTTP 요청과 응답!` → `http-요청과-응답`. Letters and digits of any script survive. */
export function slugifyHeading(text: string): string {
  const slug = text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return slug.slice(0, 80) || "section";
}

export function remarkHeadings(toc: TocEntry[]) {
  return () => (tree: Root) => {
    const used = new Map<string, number>();
    visit(tree, "heading", (node) => {
      const text = toString(node);
      const base = slugifyHeading(text);
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const id = seen === 0 ? base : `${base}-${seen}`;
      // mdast-util-to-hast copies data.hProperties onto the <h2>/<h3> element.
      const data = (node.data ?? {}) as { hProperties?: Record<string, unknown> };
      node.data = { ...data, hProperties: { ...(data.hProperties ?? {}), id } } as typeof node.data;
      if ((node.depth === 2 || node.depth === 3) && toc.length < 200) toc.push({ id, text, depth: node.depth });
    });
  };
}
