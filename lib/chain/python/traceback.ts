/**
 * Tracebacks as CPython 3.11 prints them. Two styles:
 *  - "logging" (default): Python's traceback module (what logging/Flask/Gunicorn write), including its caret
 *    quirk with trailing whitespace, and no "Did you mean" suggestions;
 *  - "display": the interpreter's own top-level report (uWSGI's PyErr_Print), with suggestions.
 */
import { exceptionClasses, isSubclass } from "./classes";
import type { PySyntaxError } from "./lexer";
import { exceptionStr, qualifiedName } from "./objects";
import type { PyInstance, Runtime, TracebackEntry, TracebackStyle } from "./values";


const suggestionCandidates = new WeakMap<PyInstance, string[]>();

/** Names that CPython would consider for ". Did you mean: 'x'?" (AttributeError: dir(obj); NameError: scopes). */
export function setSuggestionCandidates(exc: PyInstance, names: string[]): void {
  suggestionCandidates.set(exc, names);
}

const RECURSIVE_CUTOFF = 3;

export function formatTraceback(interp: Runtime, exc: PyInstance, extraFrames: TracebackEntry[] = [], style: TracebackStyle = "logging"): string {
  const seen = new Set<PyInstance>();
  const one = (e: PyInstance, extra: TracebackEntry[]): string => {
    seen.add(e);
    let out = "";
    const st = e.exception;
    if (st) {
      if (st.cause && !seen.has(st.cause)) {
        out += one(st.cause, []) + "\nThe above exception was the direct cause of the following exception:\n\n";
      } else if (st.context && !st.suppressContext && !seen.has(st.context)) {
        out += one(st.context, []) + "\nDuring handling of the above exception, another exception occurred:\n\n";
      }
    }
    const tb = [...extra, ...(st?.traceback ?? [])];
    if (tb.length) out += "Traceback (most recent call last):\n" + formatEntries(tb, style);
    out += formatExceptionOnly(interp, e, style) + "\n";
    return out;
  };
  return one(exc, extraFrames);
}

function formatEntries(tb: TracebackEntry[], style: TracebackStyle): string {
  let out = "";
  let last: TracebackEntry | null = null;
  let count = 0;
  const flush = () => {
    if (count > RECURSIVE_CUTOFF) {
      const n = count - RECURSIVE_CUTOFF;
      out += `  [Previous line repeated ${n} more time${n > 1 ? "s" : ""}]\n`;
    }
  };
  for (const e of tb) {
    if (!last || last.filename !== e.filename || last.line !== e.line || last.name !== e.name) {
      flush();
      last = e;
      count = 0;
    }
    count++;
    if (count > RECURSIVE_CUTOFF) continue;
    out += formatEntry(e, style);
  }
  flush();
  return out;
}

function formatEntry(e: TracebackEntry & { anchorStart?: number; anchorEnd?: number }, style: TracebackStyle): string {
  let out = `  File "${e.filename}", line ${e.line}, in ${e.name}\n`;
  if (e.source === undefined) return out;
  const raw = e.source;
  const stripped = raw.trim();
  if (!stripped) return out;
  out += `    ${stripped}\n`;
  if (e.colStart === undefined) return out;
  const trailing = style === "logging" ? raw.length - raw.trimEnd().length : 0;
  const strippedChars = raw.length + 1 - stripped.length - (style === "logging" ? 0 : trailing);
  const start = e.colStart + 1;
  let end: number;
  let anchors: { left: number; right: number } | null = null;
  if (e.colEnd !== undefined) {
    end = e.colEnd + 1;
    if (e.anchorStart !== undefined) {
      const seg = raw.slice(e.colStart, e.colEnd);
      if (e.anchorEnd === -1) {
        anchors = { left: e.anchorStart - e.colStart, right: seg.length };
      } else if (e.anchorEnd !== undefined) {
        const opStr = raw.slice(e.anchorStart, e.anchorEnd);
        const off = opStr.length - opStr.trimStart().length;
        const left = e.anchorStart - e.colStart + off;
        let right = left + 1;
        if (off + 1 < opStr.length && !/\s/.test(opStr[off + 1])) right++;
        anchors = { left, right };
      }
    }
  } else {
    end = strippedChars + stripped.length;
  }
  if (end - start < stripped.length || (anchors && anchors.right - anchors.left > 0)) {
    out += "    " + " ".repeat(Math.max(0, start - strippedChars));
    if (anchors) {
      out += "~".repeat(Math.max(0, anchors.left)) + "^".repeat(Math.max(0, anchors.right - anchors.left)) + "~".repeat(Math.max(0, end - start - anchors.right));
    } else out += "^".repeat(Math.max(0, end - start));
    out += "\n";
  }
  return out;
}

export function formatExceptionOnly(interp: Runtime, exc: PyInstance, style: TracebackStyle = "logging"): string {
  const name = exceptionTypeName(exc);
  let msg: string;
  try {
    msg = exc.exception ? exceptionStr(interp, exc) : interp.str(exc);
  } catch {
    msg = "<exception str() failed>";
  }
  if (style === "display") {
    const sugg = suggestion(exc);
    if (sugg) msg += `. Did you mean: '${sugg}'?`;
  }
  return msg ? `${name}: ${msg}` : name;
}

function suggestion(exc: PyInstance): string | null {
  const attrErr = exceptionClasses.get("AttributeError")!;
  const nameErr = exceptionClasses.get("NameError")!;
  if (!isSubclass(exc.cls, attrErr) && !isSubclass(exc.cls, nameErr)) return null;
  const name = exc.attrs.get("name");
  const cands = suggestionCandidates.get(exc);
  if (typeof name !== "string" || !cands || cands.length >= 750) return null;
  return bestMatch(name, cands);
}

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;

/** The closest candidate as CPython's suggestion algorithm picks it, or null. */
export function bestMatch(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDist = Number.MAX_SAFE_INTEGER;
  for (const item of candidates) {
    if (item === name) continue;
    let maxDist = Math.floor(((utf8Len(name) + utf8Len(item) + 3) * MOVE_COST) / 6);
    maxDist = Math.min(maxDist, bestDist - 1);
    const d = levenshtein(name, item, maxDist);
    if (d > maxDist) continue;
    if (best === null || d < bestDist) {
      best = item;
      bestDist = d;
    }
  }
  return best;
}

function utf8Len(s: string): number {
  return new TextEncoder().encode(s).length;
}

function levenshtein(a0: string, b0: string, maxCost: number): number {
  if (a0 === b0) return 0;
  let a = a0;
  let b = b0;
  while (a && b && a[0] === b[0]) {
    a = a.slice(1);
    b = b.slice(1);
  }
  while (a && b && a[a.length - 1] === b[b.length - 1]) {
    a = a.slice(0, -1);
    b = b.slice(0, -1);
  }
  if (!a || !b) return (a.length + b.length) * MOVE_COST;
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  for (let i = 0; i < a.length; i++) buffer[i] = (i + 1) * MOVE_COST;
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    const code = b[bi];
    let distance = bi * MOVE_COST;
    result = distance;
    let minimum = Number.MAX_SAFE_INTEGER;
    for (let ai = 0; ai < a.length; ai++) {
      const sub = a[ai] === code ? 0 : a[ai].toLowerCase() === code.toLowerCase() ? CASE_COST : MOVE_COST;
      const substitute = distance + sub;
      distance = buffer[ai];
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[ai] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** A SyntaxError report as traceback.format_exception_only writes it (File/line, source, carets, message). */
export function formatSyntaxError(err: PySyntaxError, filename: string, lines: string[]): string {
  let out = `  File "${filename}", line ${err.line}\n`;
  const text = err.text ?? lines[err.line - 1];
  if (text !== undefined) {
    const ltext = text.replace(/^[ \n\f]+/, "");
    const spaces = text.length - ltext.length;
    out += `    ${ltext}\n`;
    if (err.offset) {
      const offset = err.offset;
      let endOffset = err.endOffset || offset;
      if (offset === endOffset || endOffset === -1) endOffset = offset + 1;
      const colno = offset - 1 - spaces;
      const endColno = endOffset - 1 - spaces;
      if (colno >= 0) {
        const caretSpace = Array.from(ltext.slice(0, colno), (c) => (/\s/.test(c) ? c : " ")).join("");
        out += `    ${caretSpace}${"^".repeat(Math.max(0, endColno - colno))}\n`;
      }
    }
  }
  out += `${err.type}: ${err.message}\n`;
  return out;
}

/** The type as the traceback module writes it: the qualified name, behind its module unless that is __main__ or builtins. */
function exceptionTypeName(exc: PyInstance): string {
  const qual = exc.cls.attrs.get("__qualname__");
  if (typeof qual !== "string") return qualifiedName(exc.cls);
  return exc.cls.module === "__main__" || exc.cls.module === "builtins" ? qual : `${exc.cls.module}.${qual}`;
}
