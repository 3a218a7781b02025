/**
 * How deep a test file goes through its exhaustive tables and random properties. The unit run (npm run test:unit)
 * takes a deterministic sample, so that it stays fast; the live run (npm run test:live, part of .ci/run) runs the
 * same files again with FULL_TABLES=1: every row of every table and the full number of random cases, with a fresh
 * seed each time. A file that samples must be listed in FULL_TABLE_FILES (depth.test.ts checks that it is).
 */

/** Set by vitest.live.config.ts. */
export const FULL_TABLES = process.env.FULL_TABLES === "1";

/** The test files that sample in the unit run and run whole in the live run. */
export const FULL_TABLE_FILES = [
  "lib/chain/nginx/config/directives.test.ts",
  "lib/chain/regex/first-units.test.ts",
  "lib/chain/regex/oracle.test.ts",
  "lib/chain/zlib/zlib.test.ts",
  "lib/chain/python/properties.test.ts",
];

/**
 * Every row in the full run; in the unit run every `every`-th row, starting with the first, and the last. A stride
 * that shares no factor with the table's cycles (contexts, levels) keeps each kind of row in the sample.
 */
export function tableRows<T>(rows: readonly T[], every: number): T[] {
  if (FULL_TABLES || every <= 1) return [...rows];
  return rows.filter((_, i) => i % every === 0 || i === rows.length - 1);
}

/**
 * fast-check settings: `numRuns` random cases with a fresh seed in the full run; `sampleRuns` from a fixed seed in
 * the unit run, so that it checks the same cases every time and a failure there can be run again.
 */
export function propertyRuns(numRuns: number, sampleRuns: number): { numRuns: number; seed?: number } {
  return FULL_TABLES ? { numRuns } : { numRuns: sampleRuns, seed: 20261207 };
}
