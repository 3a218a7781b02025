/**
 * Fixtures recorded from the real nginx 1.22.1 + PCRE2 10.42 by conformance/capture/regex/generate.py: what `nginx -t` prints
 * for invalid patterns, and what `$1..$9` hold after a match — for hand-picked cases and for 250 patterns
 * drawn once from a random grammar (nested groups, lazy and counted quantifiers, empty alternatives, anchors).
 */
import { describe, expect, it } from "vitest";
import errors from "./fixtures/pcre2-errors.json";
import matches from "./fixtures/pcre2-matches.json";
import randomRows from "./fixtures/pcre2-random.json";
import { compileRegex } from "./index";

/** nginx sees the config file's bytes: a pattern with non-ASCII text reaches PCRE2 as UTF-8 bytes. */
function asBytes(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

describe("compile errors match nginx -t byte for byte", () => {
  for (const { pattern, message } of errors) {
    it(JSON.stringify(pattern), () => {
      const result = compileRegex(asBytes(pattern));
      if (message === null) {
        // nginx -t accepted it: so must we, unless it needs a feature we lack.
        expect(result.ok || result.error.unsupported, result.ok ? "" : result.error.message).toBe(true);
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toBe(asBytes(message));
      expect(result.error.unsupported).toBe(false);
      expect(result.error.messageKo).toMatch(/[가-힣]/);
    });
  }
});

describe("matches agree with PCRE2 as nginx runs it", () => {
  for (const { pattern, caseInsensitive, subject, match } of matches) {
    it(`${JSON.stringify(pattern)}${caseInsensitive ? " (~*)" : ""} on ${JSON.stringify(subject)}`, () => {
      const result = compileRegex(pattern, { caseInsensitive });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const m = result.regex.exec(subject);
      if (match === null) {
        expect(m).toBeNull();
        return;
      }
      expect(m).not.toBeNull();
      expect(m?.index).toBe(match.index);
      // nginx prints an unset group as an empty string.
      expect(m?.groups.map((g) => g ?? "")).toEqual(match.groups);
    });
  }
});

describe("random patterns agree with PCRE2 as nginx runs it", () => {
  const byPattern = new Map<string, typeof randomRows>();
  for (const row of randomRows) byPattern.set(row.pattern, [...(byPattern.get(row.pattern) ?? []), row]);
  for (const [pattern, rows] of byPattern) {
    it(JSON.stringify(pattern), () => {
      const result = compileRegex(pattern);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      for (const { subject, match } of rows) {
        const m = result.regex.exec(subject);
        const ours = m && { index: m.index, groups: m.groups.map((g) => g ?? "") };
        expect(ours, JSON.stringify(subject)).toEqual(match);
      }
    });
  }
});
