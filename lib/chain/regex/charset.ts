/**
 * Sets of UTF-16 code units as sorted, non-overlapping, non-adjacent [lo, hi] ranges, plus the fixed classes
 * (\d, \w, \s, POSIX names) with PCRE2's default "C" locale tables: ASCII only, no Unicode properties.
 */

export type Range = readonly [lo: number, hi: number];
export type CharSet = Range[];

export const MAX_CODE_UNIT = 0xffff;

export function normalize(ranges: Iterable<Range>): CharSet {
  const sorted = [...ranges].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function negate(set: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_UNIT) out.push([next, MAX_CODE_UNIT]);
  return out;
}

export function union(...sets: CharSet[]): CharSet {
  return normalize(sets.flat());
}

/** Adds the other ASCII case of every letter: PCRE2's default tables fold only A-Z/a-z in non-UTF mode. */
export function foldAsciiCase(set: CharSet): CharSet {
  const extra: Range[] = [];
  for (const [lo, hi] of set) {
    const upLo = Math.max(lo, 0x41);
    const upHi = Math.min(hi, 0x5a);
    if (upLo <= upHi) extra.push([upLo + 32, upHi + 32]);
    const lowLo = Math.max(lo, 0x61);
    const lowHi = Math.min(hi, 0x7a);
    if (lowLo <= lowHi) extra.push([lowLo - 32, lowHi - 32]);
  }
  return extra.length === 0 ? set : normalize([...set, ...extra]);
}

export function single(c: number): CharSet {
  return [[c, c]];
}

const r = (lo: string, hi: string = lo): Range => [lo.charCodeAt(0), hi.charCodeAt(0)];

export const DIGIT: CharSet = [r("0", "9")];
export const WORD: CharSet = normalize([r("0", "9"), r("A", "Z"), r("_"), r("a", "z")]);
/** PCRE2 10.42 \s: HT, LF, VT, FF, CR and space. */
export const SPACE: CharSet = normalize([[0x09, 0x0d], [0x20, 0x20]]);
/** \h in 8-bit non-UTF mode: HT, space, NBSP. */
export const HSPACE: CharSet = normalize([[0x09, 0x09], [0x20, 0x20], [0xa0, 0xa0]]);
/** \v in 8-bit non-UTF mode: LF, VT, FF, CR, NEL. */
export const VSPACE: CharSet = normalize([[0x0a, 0x0d], [0x85, 0x85]]);
export const NOT_NEWLINE: CharSet = negate(single(0x0a));
export const ANY: CharSet = [[0, MAX_CODE_UNIT]];

export const POSIX_CLASSES: Readonly<Record<string, CharSet>> = {
  alpha: normalize([r("A", "Z"), r("a", "z")]),
  digit: DIGIT,
  alnum: normalize([r("0", "9"), r("A", "Z"), r("a", "z")]),
  upper: [r("A", "Z")],
  lower: [r("a", "z")],
  space: SPACE,
  blank: normalize([[0x09, 0x09], [0x20, 0x20]]),
  cntrl: normalize([[0x00, 0x1f], [0x7f, 0x7f]]),
  graph: [[0x21, 0x7e]],
  print: [[0x20, 0x7e]],
  punct: normalize([r("!", "/"), r(":", "@"), r("[", "`"), r("{", "~")]),
  xdigit: normalize([r("0", "9"), r("A", "F"), r("a", "f")]),
  word: WORD,
  ascii: [[0x00, 0x7f]],
};

/** A compiled set: a 256-entry table for Latin-1 (every nginx URI byte) and the ranges above it. */
export class CharMatcher {
  private readonly low = new Uint8Array(256);
  private readonly high: CharSet;

  constructor(readonly set: CharSet) {
    const high: Array<[number, number]> = [];
    for (const [lo, hi] of set) {
      for (let c = lo; c <= Math.min(hi, 0xff); c++) this.low[c] = 1;
      if (hi > 0xff) high.push([Math.max(lo, 0x100), hi]);
    }
    this.high = high;
  }

  has(c: number): boolean {
    if (c < 256) return this.low[c] === 1;
    const high = this.high;
    let lo = 0;
    let hi = high.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c < high[mid][0]) hi = mid - 1;
      else if (c > high[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

export function isWordUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x61 && c <= 0x7a);
}
