/**
 * <ScenarioFile scenario="hello_cju" file="nginx.conf" from="location / {" highlight="proxy_pass" />
 * (or lines="5-9" highlight="7", which lessons do not use since inserted lines would shift them)
 * is replaced at compile time by a code block holding the real file from content/scenarios/<scenario>/<file>
 * (never a retyped copy), titled with the file name and numbered with the file's own line numbers.
 */
import fs from "node:fs";
import path from "node:path";
import type { Code, Root } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";
import { languageForFile, parseLineList, parseLineRange } from "./code-meta";
import { resolveAnchors } from "./excerpt-anchor";
import type { ContentError } from "./errors";

const MAX_FILE_BYTES = 256 * 1024;

export interface ScenarioFileOptions {
  /** Absolute path of content/scenarios. */
  scenariosDir: string;
  /** Project-relative path of the lesson, for error messages. */
  file: string;
  errors: ContentError[];
}

function attribute(node: MdxJsxFlowElement, name: string): string | undefined {
  for (const attr of node.attributes) {
    if (attr.type === "mdxJsxAttribute" && attr.name === name && typeof attr.value === "string") return attr.value;
  }
  return undefined;
}

type Excerpt = { ok: true; code: Code } | { ok: false; message: string };

export function scenarioFileToCode(node: MdxJsxFlowElement, scenariosDir: string): Excerpt {
  const scenario = attribute(node, "scenario");
  const file = attribute(node, "file");
  if (!scenario || !/^[a-z0-9_-]{1,64}$/i.test(scenario)) {
    return { ok: false, message: '<ScenarioFile> needs scenario="<folder in content/scenarios>" (letters, digits, _ and -).' };
  }
  if (!file || file.length > 200 || file.startsWith("/") || file.split("/").some((s) => s === ".." || s === "")) {
    return { ok: false, message: '<ScenarioFile> needs file="<path inside the scenario folder>", e.g. file="nginx.conf", without "..".' };
  }
  const absolute = path.join(/*turbopackIgnore: true*/ scenariosDir, scenario, file);
  let text: string;
  try {
    const stat = fs.statSync(absolute);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) throw new Error("not a small file");
    text = fs.readFileSync(absolute, "utf8");
  } catch {
    return {
      ok: false,
      message: `<ScenarioFile> cannot read content/scenarios/${scenario}/${file}. Check the scenario and file names (files must exist and be under 256 KB).`,
    };
  }
  const allLines = text.replace(/\n$/, "").split("\n");
  const linesAttr = attribute(node, "lines");
  let from = 1;
  let to = allLines.length;
  if (linesAttr !== undefined) {
    const range = parseLineRange(linesAttr);
    if (!range || range.to > allLines.length) {
      return {
        ok: false,
        message: `<ScenarioFile> lines="${linesAttr}" is not a range inside ${file} (it has ${allLines.length} lines). Use lines="FROM-TO" with 1 ≤ FROM ≤ TO ≤ ${allLines.length}.`,
      };
    }
    ({ from, to } = range);
  }
  let highlightAttr = attribute(node, "highlight");
  const fromAnchor = attribute(node, "from");
  let anchoredHighlight: number[] | null = null;
  if (fromAnchor !== undefined) {
    if (linesAttr !== undefined) return { ok: false, message: '<ScenarioFile> takes either lines="…" or from="…", not both.' };
    const anchored = resolveAnchors(text, file, fromAnchor, attribute(node, "to"), highlightAttr);
    if (!anchored.ok) return { ok: false, message: anchored.message };
    ({ from, to } = anchored);
    anchoredHighlight = anchored.highlight;
    highlightAttr = undefined;
  }
  const relative = (anchoredHighlight ?? (highlightAttr ? parseLineList(highlightAttr) : []))
    .filter((n) => n >= from && n <= to)
    .map((n) => n - from + 1);
  const meta = [`title="${file}"`, `start=${from}`, relative.length ? `{${relative.join(",")}}` : ""].join(" ").trim();
  return {
    ok: true,
    code: {
      type: "code",
      lang: languageForFile(file),
      meta,
      value: allLines.slice(from - 1, to).join("\n"),
      position: node.position,
    },
  };
}

export function remarkScenarioFile(options: ScenarioFileOptions) {
  return () => (tree: Root) => {
    visit(tree, "mdxJsxFlowElement", (node, index, parent) => {
      if (node.name !== "ScenarioFile" || index === undefined || !parent) return;
      const result = scenarioFileToCode(node, options.scenariosDir);
      if (result.ok) {
        parent.children[index] = result.code;
      } else {
        options.errors.push({
          code: "scenario-file",
          file: options.file,
          line: node.position?.start.line ?? 1,
          message: result.message,
        });
        parent.children.splice(index, 1);
        return index;
      }
    });
  };
}
