/**
 * Random patterns from a small grammar, checked against JS RegExp, which agrees with PCRE on this subset:
 * ASCII input without newlines, quantified bodies that cannot match empty (JS and PCRE differ on empty
 * iterations), and captures compared only when no quantifier encloses them (JS resets those per iteration).
 * The unit run checks a fifth of the random cases from a fixed seed; the live run all, freshly drawn (lib/testing/depth.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRegex } from "./index";
import { propertyRuns } from "@/lib/testing/depth";

interface Gen {
  src: string;
  nullable: boolean;
  /** Contains a capturing group. */
  captures: boolean;
  /** A capture sits inside a quantified item. */
  capturesInLoop: boolean;
  /** Can carry a quantifier (not an anchor). */
  repeatable: boolean;
}

const atom = (src: string, nullable = false, repeatable = true): Gen => ({
  src,
  nullable,
  captures: false,
  capturesInLoop: false,
  repeatable,
});

const leaf = fc.constantFrom(
  atom("a"),
  atom("b"),
  atom("A"),
  atom("."),
  atom("[ab]"),
  atom("[^a]"),
  atom("[a-c]"),
  atom("\\d"),
  atom("\\w"),
  atom("\\s"),
  atom("\\."),
  atom("^", true, false),
  atom("$", true, false),
  atom("\\b", true, false),
);

const quantifier = fc.constantFrom("*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "*?", "+?", "??", "{1,2}?");

const { pattern } = fc.letrec<{ pattern: Gen; term: Gen; factor: Gen }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("term"),
    fc.array(tie("term"), { minLength: 2, maxLength: 3 }).map((items) => ({
      src: items.map((i) => i.src).join("|"),
      nullable: items.some((i) => i.nullable),
      captures: items.some((i) => i.captures),
      capturesInLoop: items.some((i) => i.capturesInLoop),
      repeatable: false,
    })),
  ),
  term: fc.array(tie("factor"), { minLength: 0, maxLength: 4 }).map((items) => ({
    src: items.map((i) => i.src).join(""),
    nullable: items.every((i) => i.nullable),
    captures: items.some((i) => i.captures),
    capturesInLoop: items.some((i) => i.capturesInLoop),
    repeatable: false,
  })),
  factor: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("pattern"), fc.boolean()).map(([inner, capture]) => ({
      src: capture ? `(${inner.src})` : `(?:${inner.src})`,
      nullable: inner.nullable,
      captures: capture || inner.captures,
      capturesInLoop: inner.capturesInLoop,
      repeatable: true,
    })),
    fc
      .tuple(fc.oneof(leaf, tie("factor")), quantifier)
      .filter(([body]) => body.repeatable && !body.nullable && !/[*+?}]$/.test(body.src))
      .map(([body, q]) => ({
        src: body.src + q,
        nullable: q.startsWith("*") || q.startsWith("?") || q.startsWith("{0"),
        captures: body.captures,
        capturesInLoop: body.captures,
        repeatable: false,
      })),
  ),
}));

const input = fc.string({ unit: fc.constantFrom("a", "b", "A", "c", "1", " ", ".", "_"), maxLength: 12 });

function check(p: Gen, subject: string, caseInsensitive: boolean): void {
  const oracle = new RegExp(p.src, caseInsensitive ? "i" : "").exec(subject);
  const compiled = compileRegex(p.src, { caseInsensitive });
  expect(compiled.ok, p.src).toBe(true);
  if (!compiled.ok) return;
  const ours = compiled.regex.exec(subject);
  if (oracle === null) {
    expect(ours, `${p.src} on ${JSON.stringify(subject)}`).toBeNull();
    return;
  }
  expect(ours, `${p.src} on ${JSON.stringify(subject)}`).not.toBeNull();
  expect(ours?.index).toBe(oracle.index);
  if (p.capturesInLoop) expect(ours?.groups[0]).toBe(oracle[0]);
  else expect(ours?.groups).toEqual([...oracle]);
}

describe("agrees with JS RegExp on random patterns", () => {
  it("case-sensitive", () => {
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 4 }), (p, subjects) => {
        for (const s of subjects) check(p, s, false);
      }),
      propertyRuns(1500, 300),
    );
  });

  it("case-insensitive (~*)", () => {
    fc.assert(
      fc.property(pattern, input, (p, s) => check(p, s, true)),
      propertyRuns(500, 100),
    );
  });
});

describe("never throws", () => {
  it("on arbitrary pattern text and input", () => {
    const chars = fc.constantFrom(..."()[]{}|*+?.^$\\-:=!<>PpkgxuQE0129azAZ,#'&R ".split(""));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 16 }), fc.string({ maxLength: 10 }), (src, subject) => {
        const result = compileRegex(src, { caseInsensitive: subject.length % 2 === 0 });
        if (result.ok) {
          const m = result.regex.exec(subject);
          if (m !== null) expect(m.groups).toHaveLength(result.regex.groupCount + 1);
        } else {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(src.length);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      propertyRuns(3000, 600),
    );
  });
});
