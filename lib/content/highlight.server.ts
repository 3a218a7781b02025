/**
 * Build-time syntax highlighting with shiki. One highlighter per process (loading grammars is the slow part),
 * dual light/dark themes emitted as CSS variables so the page switches theme without re-rendering.
 */
import { createHighlighter, type Highlighter } from "shiki";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { parseCodeMeta } from "./code-meta";
import { fixShikiStyle } from "./contrast";

export const HIGHLIGHT_LANGUAGES = ["nginx", "python", "bash", "http", "ini", "json", "html", "css"] as const;

const ALIASES: Record<string, string> = {
  sh: "bash",
  shell: "bash",
  shellscript: "bash",
  console: "bash",
  py: "python",
  conf: "nginx",
  js: "text",
  txt: "text",
  text: "text",
  plaintext: "text",
};

let highlighterPromise: Promise<Highlighter> | undefined;

export function getHighlighter(): Promise<Highlighter> {
  highlighterPromise ??= createHighlighter({
    themes: ["github-light", "github-dark"],
    langs: [...HIGHLIGHT_LANGUAGES],
  });
  return highlighterPromise;
}

/** A language shiki was loaded with, or `text`. */
export function resolveLanguage(lang: string | undefined): string {
  const lower = (lang ?? "text").toLowerCase();
  const alias = ALIASES[lower] ?? lower;
  return (HIGHLIGHT_LANGUAGES as readonly string[]).includes(alias) ? alias : "text";
}

function textOf(node: Element): string {
  let text = "";
  visit(node, "text", (t) => {
    text += t.value;
  });
  return text;
}

/** Highlights one code string to a hast <pre>, with highlighted lines and numbering metadata. */
export async function highlightToHast(
  code: string,
  lang: string | undefined,
  meta: string | null | undefined,
): Promise<Element> {
  const highlighter = await getHighlighter();
  const info = parseCodeMeta(meta);
  const language = resolveLanguage(lang);
  const highlighted = new Set(info.highlight);
  const root = highlighter.codeToHast(code.replace(/\n$/, ""), {
    lang: language,
    themes: { light: "github-light", dark: "github-dark" },
    defaultColor: false,
    transformers: [
      {
        line(node, line) {
          if (highlighted.has(line)) this.addClassToHast(node, "highlighted");
        },
        span(node) {
          if (typeof node.properties.style === "string") node.properties.style = fixShikiStyle(node.properties.style);
        },
      },
    ],
  });
  const pre = root.children.find((c): c is Element => c.type === "element" && c.tagName === "pre");
  if (!pre) throw new Error("shiki returned no <pre>");
  pre.properties = {
    ...pre.properties,
    dataLanguage: language,
    ...(info.title ? { dataTitle: info.title } : {}),
    ...(info.startLine && info.startLine > 1 ? { dataStart: String(info.startLine) } : {}),
    tabIndex: 0,
  };
  return pre;
}

/** rehype plugin: every ```lang fence becomes a shiki-highlighted <pre data-title data-language>. */
export function rehypeShiki() {
  return async (tree: Root) => {
    const jobs: { parent: { children: unknown[] }; index: number; node: Element }[] = [];
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "pre" || index === undefined || !parent) return;
      const code = node.children[0];
      if (!code || code.type !== "element" || code.tagName !== "code") return;
      jobs.push({ parent, index, node });
    });
    for (const job of jobs) {
      const code = job.node.children[0] as Element;
      const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
      const langClass = classes.map(String).find((c) => c.startsWith("language-"));
      const meta = (code.data as { meta?: string } | undefined)?.meta;
      job.parent.children[job.index] = await highlightToHast(textOf(code), langClass?.slice(9), meta);
    }
  };
}
