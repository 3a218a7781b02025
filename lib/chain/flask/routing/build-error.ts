/**
 * Werkzeug 2.2's BuildError message for url_for: the closest rule by difflib's SequenceMatcher ratio of the
 * endpoint names (plus small bonuses), then "Did you forget to specify values [...]?" or "Did you mean 'x'
 * instead?".
 */
import type { PyError } from "./values";

/** difflib.SequenceMatcher(None, a, b).ratio() for short strings (no autojunk below 200 characters). */
export function sequenceRatio(a: string, b: string): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  let matches = 0;
  const stack: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  let guard = 0;
  while (stack.length > 0 && guard++ < 10000) {
    const [alo, ahi, blo, bhi] = stack.pop()!;
    // Longest common block; ties go to the earliest start in a, then in b (difflib's find_longest_match).
    let bestI = alo;
    let bestJ = blo;
    let bestSize = 0;
    for (let i = alo; i < ahi; i += 1) {
      for (let j = blo; j < bhi; j += 1) {
        let k = 0;
        while (i + k < ahi && j + k < bhi && a[i + k] === b[j + k]) k += 1;
        if (k > bestSize) {
          bestI = i;
          bestJ = j;
          bestSize = k;
        }
      }
    }
    if (bestSize === 0) continue;
    matches += bestSize;
    if (alo < bestI && blo < bestJ) stack.push([alo, bestI, blo, bestJ]);
    if (bestI + bestSize < ahi && bestJ + bestSize < bhi) stack.push([bestI + bestSize, ahi, bestJ + bestSize, bhi]);
  }
  return (2 * matches) / total;
}

export interface BuildCandidate {
  endpoint: string;
  arguments: readonly string[];
}

function pyList(items: string[]): string {
  return `[${[...items].sort().map((i) => `'${i}'`).join(", ")}]`;
}

export function buildErrorMessage(endpoint: string, values: readonly string[], rules: readonly BuildCandidate[]): PyError {
  let message = `Could not build url for endpoint '${endpoint}'`;
  if (values.length > 0) message += ` with values ${pyList([...values])}`;
  message += ".";
  let best: BuildCandidate | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const subset = values.every((v) => rule.arguments.includes(v));
    const score = 0.98 * sequenceRatio(rule.endpoint, endpoint) + 0.01 * (subset ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  if (best) {
    if (best.endpoint === endpoint) {
      const missing = best.arguments.filter((a) => !values.includes(a));
      if (missing.length > 0) message += ` Did you forget to specify values ${pyList(missing)}?`;
    } else {
      message += ` Did you mean '${best.endpoint}' instead?`;
    }
  }
  return { pyType: "BuildError", message };
}
