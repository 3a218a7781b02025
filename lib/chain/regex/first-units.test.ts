/**
 * The VM skips positions where no match can begin (the program's `firstUnits`). Skipping must never change an
 * answer: every fixture pattern runs on many subjects with and without the skip, and the results must agree. The
 * unit run takes every 4th fixture pattern; the live run all of them (lib/testing/depth.ts).
 */
import { describe, expect, it } from "vitest";
import matches from "./fixtures/pcre2-matches.json";
import randomRows from "./fixtures/pcre2-random.json";
import pythonCases from "./fixtures/python-cases.json";
import { parsePattern } from "./parser";
import { compileProgram, type Program } from "./program";
import { runProgram } from "./vm";
import { FULL_TABLES, tableRows } from "@/lib/testing/depth";

function program(pattern: string, caseInsensitive: boolean, unicode: boolean): Program | null {
  const parsed = parsePattern(pattern, { caseInsensitive, unicode });
  if (!parsed.ok) return null;
  return compileProgram(parsed.parsed.root, parsed.parsed.groupCount);
}

/** A small deterministic generator, so a failure names a subject that can be run again. */
function subjects(seed: number, alphabet: string, count: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const out: string[] = [""];
  for (let i = 0; i < count; i++) {
    let s = "";
    const length = next() % 12;
    for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
    out.push(s);
  }
  return out;
}

const all: Array<{ pattern: string; caseInsensitive: boolean; unicode: boolean; subjects: string[] }> = [];
for (const m of matches) all.push({ pattern: m.pattern, caseInsensitive: m.caseInsensitive, unicode: false, subjects: [m.subject] });
for (const r of randomRows) all.push({ pattern: r.pattern, caseInsensitive: false, unicode: false, subjects: [r.subject] });
for (const p of pythonCases) all.push({ pattern: p.pattern, caseInsensitive: false, unicode: true, subjects: p.subjects });
// Each case keeps its index in the whole list: its random subjects are the same in the sample and the full run.
const cases = tableRows(all.map((c, index) => ({ ...c, index })), 4);

/** Runs one case's subjects with and without the skip; every subject where the two disagree. */
function disagreements(c: (typeof cases)[number], tally: { compared: number; skipping: number }): string[] {
  const prog = program(c.pattern, c.caseInsensitive, c.unicode);
  if (!prog) return [];
  if (prog.firstUnits) tally.skipping++;
  const plain: Program = { ...prog, firstUnits: null };
  const alphabet = "ab1 ./-_xAB\n" + c.pattern.replace(/[\\()[\]{}*+?|^$]/g, "") + c.subjects.join("");
  const wrong: string[] = [];
  for (const subject of [...c.subjects, ...subjects(c.index + 1, alphabet, 40)]) {
    const got = runProgram(prog, subject).slots;
    const want = runProgram(plain, subject).slots;
    if (String(got && [...got]) !== String(want && [...want])) {
      wrong.push(`${JSON.stringify(c.pattern)} on ${JSON.stringify(subject)}: ${JSON.stringify(got && [...got])}, unskipped ${JSON.stringify(want && [...want])}`);
    }
    tally.compared++;
  }
  return wrong;
}

/** Cases in groups of 250: each test stays short on a loaded machine, in the full run too. */
const GROUP = 250;
const groups = Array.from({ length: Math.ceil(cases.length / GROUP) }, (_, g) => cases.slice(g * GROUP, (g + 1) * GROUP));

describe("skipping positions where no match can begin changes no answer", () => {
  const tally = { compared: 0, skipping: 0 };
  it.each(groups.map((group) => [group[0]!.index, group[group.length - 1]!.index, group] as const))(
    "agrees with the unskipped run on fixture patterns %i–%i",
    (_from, _to, group) => {
      expect(group.flatMap((c) => disagreements(c, tally))).toEqual([]);
    },
  );

  it("compared many subjects, on many patterns that do skip", () => {
    // The comparison means something only if many patterns do skip.
    expect(tally.skipping).toBeGreaterThan(FULL_TABLES ? 100 : 25);
    expect(tally.compared).toBeGreaterThan(FULL_TABLES ? 10_000 : 2_500);
  });

  it("knows the units a location pattern begins with", () => {
    const prog = program("\\.(png|jpg)$", true, false)!;
    expect(prog.firstUnits?.has(".".charCodeAt(0))).toBe(true);
    expect(prog.firstUnits?.has("/".charCodeAt(0))).toBe(false);
    // A pattern that can match the empty string may match anywhere: nothing is skipped.
    expect(program("a*", false, false)!.firstUnits).toBeNull();
    expect(program("\\b", false, false)!.firstUnits).toBeNull();
  });

  it("answers a subject without any such unit with no match and no work", () => {
    const prog = program("\\.(png|jpg)$", true, false)!;
    expect(runProgram(prog, "/hello/cju")).toEqual({ slots: null, steps: 0 });
    expect(runProgram(prog, "/a.PNG").slots).not.toBeNull();
  });
});
