/**
 * Character classes for the `unicode` option (Python `re` on str patterns, as Werkzeug's router uses it):
 * \d = category Nd, \w = letters, numbers and "_" (Python's str.isalnum() or "_"), \s = Python's str.isspace()
 * characters, and case-insensitive classes of characters linked by one-unit upper/lower mappings (so σ, ς
 * and Σ, or k, K and the Kelvin sign, all match each other, as in Python). Built once, lazily, from the runtime's own
 * Unicode tables (no I/O); only the Basic Multilingual Plane, since matching works on UTF-16 code units.
 */
import { type CharSet, normalize, type Range } from "./charset";

/** Python 3.11's str.isspace() characters in the BMP (Unicode 14). */
const PYTHON_SPACE: CharSet = normalize([
  [0x09, 0x0d],
  [0x1c, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
]);

function scan(test: RegExp): CharSet {
  const ranges: Array<[number, number]> = [];
  let start = -1;
  for (let c = 0; c <= 0x10000; c++) {
    const hit = c < 0x10000 && (c < 0xd800 || c > 0xdfff) && test.test(String.fromCharCode(c));
    if (hit && start < 0) start = c;
    if (!hit && start >= 0) {
      ranges.push([start, c - 1]);
      start = -1;
    }
  }
  return ranges;
}

/** Union-find over one-unit case mappings; U+0130 (İ) lowers to "i" in Python's simple mapping. */
function buildCaseClasses(): number[][] {
  const parent = new Int32Array(0x10000).map((_, i) => i);
  const find = (c: number): number => {
    while (parent[c] !== c) {
      parent[c] = parent[parent[c]];
      c = parent[c];
    }
    return c;
  };
  const link = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
      if (other.length === 1 && other !== ch) link(c, other.charCodeAt(0));
    }
  }
  link(0x130, 0x69);
  const byRoot = new Map<number, number[]>();
  for (let c = 0; c < 0x10000; c++) {
    const root = find(c);
    if (root === c && parent[c] === c) continue;
    const members = byRoot.get(root) ?? [root];
    members.push(c);
    byRoot.set(root, members);
  }
  return [...byRoot.values()];
}

interface UnicodeTables {
  digit: CharSet;
  word: CharSet;
  space: CharSet;
  /** Groups of two or more code units that match each other case-insensitively. */
  caseClasses: number[][];
  wordTable: Uint8Array;
}

let tables: UnicodeTables | null = null;

function build(): UnicodeTables {
  const word = scan(/^[\p{L}\p{N}_]$/u);
  const wordTable = new Uint8Array(0x10000);
  for (const [lo, hi] of word) wordTable.fill(1, lo, hi + 1);
  return { digit: scan(/^\p{Nd}$/u), word, space: PYTHON_SPACE, caseClasses: buildCaseClasses(), wordTable };
}

export function unicodeTables(): UnicodeTables {
  tables ??= build();
  return tables;
}

function has(set: CharSet, c: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < set[mid][0]) hi = mid - 1;
    else if (c > set[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Adds every character that matches a member case-insensitively. */
export function foldUnicodeCase(set: CharSet): CharSet {
  const extra: Range[] = [];
  for (const members of unicodeTables().caseClasses) {
    if (members.some((c) => has(set, c))) for (const c of members) extra.push([c, c]);
  }
  return extra.length === 0 ? set : normalize([...set, ...extra]);
}

export function isUnicodeWordUnit(c: number): boolean {
  return unicodeTables().wordTable[c] === 1;
}
