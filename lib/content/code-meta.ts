/**
 * The code fence meta string: ```nginx title="nginx.conf" {2,5-7}
 * `title` names the file shown above the block; `{…}` lists highlighted lines (1-based, as numbered in the block).
 * Also the `lines="5-9"` range syntax of <ScenarioFile>.
 */

export interface CodeMeta {
  title?: string;
  /** Highlighted line numbers, 1-based, as shown in the block. */
  highlight: number[];
  /** Number shown for the first line (ScenarioFile excerpts start at their real line). */
  startLine?: number;
}

/** At most this many highlighted lines, so a typo like {1-99999999} stays cheap. */
const MAX_HIGHLIGHT = 2000;

export type LineRange = { from: number; to: number };

/** `5-9` → {from:5,to:9}; `7` → {from:7,to:7}. Returns undefined when malformed or reversed. */
export function parseLineRange(text: string): LineRange | undefined {
  const match = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6}))?\s*$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < 1 || to < from) return undefined;
  return { from, to };
}

/** `1,3-5` → [1,3,4,5]; malformed items are ignored. */
export function parseLineList(text: string): number[] {
  const lines = new Set<number>();
  for (const item of text.split(",").slice(0, 100)) {
    const range = parseLineRange(item);
    if (!range) continue;
    for (let n = range.from; n <= range.to && lines.size < MAX_HIGHLIGHT; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const result: CodeMeta = { highlight: [] };
  if (!meta) return result;
  const text = meta.slice(0, 1000);
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(text);
  if (title) result.title = title[1] ?? title[2] ?? title[3];
  const braces = /\{([\d,\s-]+)\}/.exec(text);
  if (braces?.[1]) result.highlight = parseLineList(braces[1]);
  const start = /(?:^|\s)start=(\d{1,6})/.exec(text);
  if (start?.[1]) result.startLine = Number(start[1]);
  return result;
}

/** Language id for a file name, as shiki knows it; `text` when unknown. */
export function languageForFile(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".conf") || lower === "nginx.conf") return "nginx";
  if (lower.endsWith(".py")) return "python";
  if (lower.endsWith(".ini")) return "ini";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".sh")) return "bash";
  if (lower.endsWith(".html")) return "html";
  if (lower.endsWith(".css")) return "css";
  if (lower.endsWith(".http")) return "http";
  return "text";
}
