/**
 * Walks content/ and returns the raw folder tree: parts and lessons in NN- order. Nothing else decides order.
 *   content/course.json
 *   content/NN-part/meta.json
 *   content/NN-part/NN-lesson/index.mdx
 * Folders that do not start with digits (content/scenarios) are not parts.
 */
import fs from "node:fs";
import path from "node:path";
import type { ContentError } from "./errors";

const ORDERED_NAME = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const MAX_ENTRIES = 500;

export interface FoundLesson {
  order: number;
  /** Folder name without the NN- prefix. */
  name: string;
  /** Absolute folder. */
  dir: string;
  /** Project-relative index.mdx path. */
  file: string;
}

export interface FoundPart {
  order: number;
  name: string;
  dir: string;
  /** Project-relative meta.json path. */
  metaFile: string;
  lessons: FoundLesson[];
}

function relative(projectRoot: string, absolute: string): string {
  return path.relative(projectRoot, absolute).split(path.sep).join("/");
}

/** Sub-folders with an NN-name, sorted; reports malformed and duplicate prefixes. */
function orderedFolders(
  dir: string,
  projectRoot: string,
  errors: ContentError[],
): { order: number; name: string; dir: string }[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  const found: { order: number; name: string; dir: string }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d/.test(entry.name)) continue;
    const absolute = path.join(/*turbopackIgnore: true*/ dir, entry.name);
    const match = ORDERED_NAME.exec(entry.name);
    if (!match) {
      errors.push({
        code: "invalid-folder-name",
        file: relative(projectRoot, absolute),
        line: 1,
        message: `folder name "${entry.name}" is not NN-name. Rename it like "02-http-basics": two digits, a dash, then lowercase letters, digits and dashes.`,
      });
      continue;
    }
    found.push({ order: Number(match[1]), name: match[2] ?? "", dir: absolute });
  }
  found.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  for (let i = 1; i < found.length; i++) {
    const prev = found[i - 1];
    const cur = found[i];
    if (prev && cur && prev.order === cur.order) {
      errors.push({
        code: "duplicate-order",
        file: relative(projectRoot, cur.dir),
        line: 1,
        message: `number ${String(cur.order).padStart(2, "0")} is used by two folders ("${path.basename(prev.dir)}" and "${path.basename(cur.dir)}"), so their order is ambiguous. Give one of them another number.`,
      });
    }
  }
  return found;
}

export function discoverContent(contentDir: string, projectRoot: string, errors: ContentError[]): FoundPart[] {
  const parts: FoundPart[] = [];
  for (const part of orderedFolders(contentDir, projectRoot, errors)) {
    const metaPath = path.join(/*turbopackIgnore: true*/ part.dir, "meta.json");
    const lessons: FoundLesson[] = [];
    for (const lesson of orderedFolders(part.dir, projectRoot, errors)) {
      const index = path.join(/*turbopackIgnore: true*/ lesson.dir, "index.mdx");
      if (!fs.existsSync(index)) {
        errors.push({
          code: "missing-lesson-file",
          file: relative(projectRoot, lesson.dir),
          line: 1,
          message: `lesson folder has no index.mdx. Add ${relative(projectRoot, index)} (with title and description frontmatter) or remove the folder.`,
        });
        continue;
      }
      lessons.push({ order: lesson.order, name: lesson.name, dir: lesson.dir, file: relative(projectRoot, index) });
    }
    parts.push({ order: part.order, name: part.name, dir: part.dir, metaFile: relative(projectRoot, metaPath), lessons });
  }
  return parts;
}
