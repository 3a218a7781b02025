/**
 * Public API of the linear-time regex engine used by the nginx model (location ~ / ~*, rewrite, if) and by
 * Werkzeug-style routing. See README.md for the design and the exact PCRE2 subset.
 *
 * Input strings are matched code unit by code unit. For nginx, pass the URI's bytes decoded as latin-1 (one
 * char per byte), as nginx's PCRE matches `$uri` as bytes; captures come back in the same form.
 */
import { internalError, limitError, type RegexError } from "./errors";
import { parsePattern } from "./parser";
import { compileProgram, MAX_PROGRAM_SIZE, MAX_VM_STATES, type Program, programSize } from "./program";
import { runProgram } from "./vm";

export type { RegexError } from "./errors";

/** Longest pattern accepted (nginx itself has no such limit; ours keeps compile work bounded). */
export const MAX_PATTERN_LENGTH = 4096;
export { MAX_PROGRAM_SIZE } from "./program";

export type RegexCompileResult = { ok: true; regex: LinearRegex } | { ok: false; error: RegexError };

export interface RegexMatch {
  /** Offset of the match in the input. */
  index: number;
  /** [0] = whole match, [n] = group n, undefined for a group that did not take part. */
  groups: Array<string | undefined>;
  named: Record<string, string | undefined>;
}

export interface LinearRegex {
  readonly source: string;
  readonly groupCount: number;
  readonly names: ReadonlyMap<string, number>;
  /** The first match at or after `from` (default 0); `^`/`\A` still mean the start of the whole input. */
  exec(input: string, from?: number): RegexMatch | null;
  test(input: string): boolean;
}

export interface RegexOptions {
  /** `~*` in nginx: PCRE2_CASELESS, which folds ASCII letters only (non-UTF mode). */
  caseInsensitive?: boolean;
  /**
   * For Werkzeug routing (Python `re` on str): \d \w \s \b and case folding follow Unicode as Python's do,
   * `\uHHHH` is accepted and `\x{...}` may go up to U+FFFF. The input is then text (UTF-16 code units), not
   * bytes. The syntax and error messages stay PCRE2's. Default false (nginx).
   */
  unicode?: boolean;
}

class CompiledRegex implements LinearRegex {
  constructor(
    readonly source: string,
    readonly groupCount: number,
    readonly names: ReadonlyMap<string, number>,
    private readonly program: Program,
  ) {}

  exec(input: string, from = 0): RegexMatch | null {
    return this.execWithSteps(input, from).match;
  }

  test(input: string): boolean {
    return this.execWithSteps(input).match !== null;
  }

  /** Also reports the VM's step count (for tests showing the work grows linearly). */
  execWithSteps(subject: string, from = 0): { match: RegexMatch | null; steps: number } {
    const input = String(subject);
    const { slots, steps } = runProgram(this.program, input, from);
    if (slots === null) return { match: null, steps };
    const groups: Array<string | undefined> = [];
    for (let g = 0; g <= this.groupCount; g++) {
      const start = slots[2 * g];
      const end = slots[2 * g + 1];
      groups.push(start >= 0 && end >= start ? input.slice(start, end) : undefined);
    }
    const named: Record<string, string | undefined> = {};
    for (const [name, index] of this.names) {
      // defineProperty, so a group named __proto__ is an ordinary key too.
      Object.defineProperty(named, name, { value: groups[index], enumerable: true, writable: true, configurable: true });
    }
    return { match: { index: slots[0], groups, named }, steps };
  }
}

export function compileRegex(pattern: string, options?: RegexOptions): RegexCompileResult {
  try {
    return compileChecked(String(pattern), options?.caseInsensitive === true, options?.unicode === true);
  } catch {
    // Not expected: the parser reports every problem as a value. Never let a student's pattern throw.
    return { ok: false, error: internalError(String(pattern)) };
  }
}

function compileChecked(source: string, caseInsensitive: boolean, unicode: boolean): RegexCompileResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: limitError("pattern", source, MAX_PATTERN_LENGTH) };
  }
  const parsed = parsePattern(source, { caseInsensitive, unicode });
  if (!parsed.ok) return parsed;
  const { root, groupCount, names } = parsed.parsed;
  if (programSize(root) + 4 > MAX_PROGRAM_SIZE) {
    return { ok: false, error: limitError("program", source, MAX_PROGRAM_SIZE) };
  }
  const program = compileProgram(root, groupCount);
  if (program === null) return { ok: false, error: limitError("nesting", source, MAX_VM_STATES) };
  return { ok: true, regex: new CompiledRegex(source, groupCount, names, program) };
}

/** Runs `regex` and returns the VM's step count too; for tests and diagnostics. */
export function execWithSteps(
  regex: LinearRegex,
  input: string,
): { match: RegexMatch | null; steps: number } | null {
  return regex instanceof CompiledRegex ? regex.execWithSteps(input) : null;
}
