/**
 * A template's traceback frame as Python 3.11 prints it after Jinja2 rewrote the stack: Jinja2 raises from a fake
 * `raise __jinja_exception__` compiled at the template's line, so the frame's columns are 0..25 *bytes* of that
 * line, and the traceback module underlines them when they do not cover the whole stripped line.
 */
import type { TracebackEntry } from "../python";

const FAKE_RAISE_BYTES = "raise __jinja_exception__".length;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export interface FrameSource {
  filename: string;
  /** Whether Python finds the source (a file; not "<template>" or "<unknown>"). */
  showSource: boolean;
  lines: string[];
}

export function templateFrame(template: FrameSource, line: number, location: string): TracebackEntry {
  const raw = template.lines[line - 1];
  if (!template.showSource || raw === undefined || raw.trim() === "") return { filename: template.filename, line, name: location };
  // traceback's _byte_offset_to_character_offset on the line as linecache gives it (with its newline).
  const end = [...decoder.decode(encoder.encode(`${raw}\n`).slice(0, FAKE_RAISE_BYTES))].length;
  return { filename: template.filename, line, name: location, source: raw, colStart: 0, colEnd: end };
}
