/**
 * Reads and validates the YAML frontmatter of a lesson. Errors point at the line of the offending key so the
 * instructor lands on it directly.
 */
import matter from "gray-matter";
import type { ContentError } from "./errors";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "./schema";

export type FrontmatterResult =
  | { ok: true; data: LessonFrontmatter }
  | { ok: false; errors: ContentError[] };

const FIELD_HINTS: Record<string, string> = {
  title: 'add `title: "…"` (1–80 characters)',
  description: 'add `description: "…"`, one sentence of at most 200 characters',
  unlisted: "write `unlisted: true` or remove the line",
  slug: "use lowercase letters, digits and dashes, segments separated by `/` (e.g. `intro/welcome`), or remove it",
};

/** 1-based line of `key:` inside the frontmatter block, or 1 when absent. */
function lineOfKey(source: string, key: string): number {
  const lines = source.split("\n");
  if (lines[0]?.trim() !== "---") return 1;
  for (let i = 1; i < lines.length && i < 500; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "---") break;
    if (line.startsWith(`${key}:`)) return i + 1;
  }
  return 1;
}

export function readFrontmatter(source: string, file: string): FrontmatterResult {
  let data: unknown;
  try {
    // A fresh options object disables gray-matter's content cache, which would otherwise keep stale results.
    data = matter(source, {}).data;
  } catch (cause) {
    const mark = (cause as { mark?: { line?: number } }).mark;
    const reason = (cause as { reason?: string }).reason ?? String(cause);
    return {
      ok: false,
      errors: [
        {
          code: "invalid-frontmatter",
          file,
          line: typeof mark?.line === "number" ? mark.line + 2 : 1,
          message: `the YAML frontmatter cannot be parsed (${reason}). Check quotes and \`key: value\` pairs between the two \`---\` lines.`,
        },
      ],
    };
  }
  const parsed = lessonFrontmatterSchema.safeParse(data ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = parsed.error.issues.map((issue): ContentError => {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "";
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (unknownKeys.length > 0) {
      return {
        code: "invalid-frontmatter",
        file,
        line: lineOfKey(source, unknownKeys[0] ?? ""),
        message: `frontmatter field(s) ${unknownKeys.map((k) => `\`${k}\``).join(", ")} are not known. Allowed fields: title, description, slug, unlisted. Remove or rename them.`,
      };
    }
    const hint = FIELD_HINTS[key] ?? "see lib/content/schema.ts for the allowed fields";
    return {
      code: "invalid-frontmatter",
      file,
      line: lineOfKey(source, key),
      message: `frontmatter field \`${key || "(root)"}\` is invalid: ${issue.message}. Fix: ${hint}.`,
    };
  });
  return { ok: false, errors };
}
