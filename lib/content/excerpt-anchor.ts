/**
 * Excerpts anchored to the text of a scenario file instead of line numbers, so inserting lines never shifts what a
 * lesson shows: `from="location /static/ {"` starts at the one line containing that text (with the comment lines
 * right above it), `to="…"` ends at the first line after it containing that text, and a line that opens a block
 * (nginx `{`, a Python `def` or decorator) extends to the block's end. `highlight="proxy_pass|alias"` marks the
 * excerpt's lines containing any of the texts. Pure: no file system.
 */
export type AnchorResult = { ok: true; from: number; to: number; highlight: number[] } | { ok: false; message: string };

function occurrences(lines: string[], text: string, start = 0): number[] {
  const hits: number[] = [];
  for (let i = start; i < lines.length; i++) if (lines[i].includes(text)) hits.push(i);
  return hits;
}

const isComment = (line: string) => /^\s*(#|;|\/\/)/.test(line);
const indentOf = (line: string) => /^\s*/.exec(line)![0].length;

/** The last line (0-based) of the block that line `i` opens, or `i` when it opens none. */
export function blockEnd(lines: string[], i: number): number {
  const line = lines[i];
  if (/\{\s*(#.*)?$/.test(line)) {
    let depth = 0;
    for (let j = i; j < lines.length; j++) {
      const code = lines[j].replace(/#.*$/, "");
      for (const ch of code) {
        if (ch === "{") depth++;
        else if (ch === "}") depth--;
      }
      if (depth === 0) return j;
    }
    return lines.length - 1;
  }
  if (/^\s*@/.test(line)) {
    // A decorator: through the decorated def's body.
    let j = i;
    while (j + 1 < lines.length && /^\s*@/.test(lines[j + 1])) j++;
    return j + 1 < lines.length && /^\s*(async\s+)?def\s/.test(lines[j + 1]) ? blockEnd(lines, j + 1) : j;
  }
  if (/^\s*(async\s+)?(def|class)\s/.test(line)) {
    const base = indentOf(line);
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[j].trim() === "") continue;
      if (indentOf(lines[j]) <= base) break;
      last = j;
    }
    return last;
  }
  return i;
}

/** Resolves `from`/`to`/`highlight` anchors to 1-based line numbers of `text`. */
export function resolveAnchors(text: string, file: string, from: string, to: string | undefined, highlight: string | undefined): AnchorResult {
  const lines = text.replace(/\n$/, "").split("\n");
  const starts = occurrences(lines, from);
  if (starts.length === 0) return { ok: false, message: `<ScenarioFile> from="${from}" is not in ${file}. The file changed: anchor the excerpt to text that is there.` };
  if (starts.length > 1) {
    return { ok: false, message: `<ScenarioFile> from="${from}" occurs ${starts.length} times in ${file} (lines ${starts.map((n) => n + 1).join(", ")}). Use text that occurs once.` };
  }
  let first = starts[0];
  while (first > 0 && isComment(lines[first - 1])) first--;
  let last: number;
  if (to === undefined) last = blockEnd(lines, starts[0]);
  else {
    const ends = occurrences(lines, to, starts[0]);
    if (ends.length === 0) return { ok: false, message: `<ScenarioFile> to="${to}" is not in ${file} after from="${from}".` };
    last = blockEnd(lines, ends[0]);
  }
  const marks: number[] = [];
  if (highlight !== undefined) {
    for (const part of highlight.split("|")) {
      const hits = occurrences(lines.slice(0, last + 1), part, first);
      if (hits.length === 0) return { ok: false, message: `<ScenarioFile> highlight="${part}" is not in the excerpt of ${file}.` };
      marks.push(...hits.map((n) => n + 1));
    }
  }
  return { ok: true, from: first + 1, to: last + 1, highlight: [...new Set(marks)].sort((a, b) => a - b) };
}
