/**
 * Parsing a Werkzeug 2.2 rule string (`/users/<int:user_id>`) into the parts its state machine walks, one part per
 * path segment, each static (plain text) or dynamic (a regex), with Werkzeug's weighting for ordering dynamic
 * transitions. A `path` converter makes its part "final": it swallows the rest of the URL including slashes.
 */
import type { Converter, ConverterResolver } from "./converters";
import { isPyError, makeConverter } from "./converters";
import type { PyError } from "./values";
import { memo } from "../../memo";
import { compileRegex } from "../../regex";

/**
 * Werkzeug's Weighting, compared as a Python tuple: (-number of static pieces, [(index, -length)...],
 * -number of arguments, [converter weights...]). Smaller sorts first.
 */
export type Weighting = readonly [number, ReadonlyArray<readonly [number, number]>, number, readonly number[]];

export interface RulePart {
  /** Static text, or a JS regex source (anchored at both ends when used) with one group per variable. */
  content: string;
  final: boolean;
  static: boolean;
  weight: Weighting;
  /**
   * Holds an app's own converter: the content is PCRE syntax ending in `\z` (Werkzeug's `\Z`) and runs on the
   * linear-time engine, since the regex is the student's.
   */
  linear?: boolean;
}

/** One piece of the rule in order, for building URLs: literal text or a variable name. */
export type TraceItem = { dynamic: false; text: string } | { dynamic: true; name: string };

export interface ParsedRule {
  rule: string;
  /** The domain part (always empty here) followed by one part per `/`-separated piece. */
  parts: RulePart[];
  /** Variables in the order they appear, with their converters. */
  converters: Array<[name: string, converter: Converter]>;
  trace: TraceItem[];
}

/** Rules longer than this are refused (the student's app.py is untrusted input). */
export const MAX_RULE_LENGTH = 2000;

const PART = /(\/)|([^</]+)|<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/y;

/** re.escape for the part regexes: the syntax characters only (a `u`-flag RegExp refuses `\-` outside a class). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function pyRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Compare two weightings as Python compares the tuples. */
export function compareWeighting(a: Weighting, b: Weighting): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const c1 = compareLists(a[1], b[1], (x, y) => (x[0] !== y[0] ? x[0] - y[0] : x[1] - y[1]));
  if (c1 !== 0) return c1;
  if (a[2] !== b[2]) return a[2] - b[2];
  return compareLists(a[3], b[3], (x, y) => x - y);
}

function compareLists<T>(a: readonly T[], b: readonly T[], cmp: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const c = cmp(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function samePart(a: RulePart, b: RulePart): boolean {
  return (
    a.content === b.content &&
    a.final === b.final &&
    a.static === b.static &&
    a.linear === b.linear &&
    JSON.stringify(a.weight) === JSON.stringify(b.weight)
  );
}

/**
 * Parsed rules by their text: every load of an app.py registers the same rules again, and the explanation of
 * each routing decision tests every rule alone. A parse (or its error) is never changed once made: it is frozen.
 */
const parsedRules = memo<Readonly<ParsedRule> | PyError>(512);

/**
 * Parse `rule` (already checked to start with "/"). Errors are the Python exceptions Werkzeug raises. With the app's
 * own converters (`resolve`) the parse is not shared: it depends on that app.
 */
export function parseRule(rule: string, mergeSlashes = true, resolve?: ConverterResolver): Readonly<ParsedRule> | PyError {
  if (resolve) return deepFreeze(parseRuleText(rule, mergeSlashes, resolve));
  return parsedRules.get(`${mergeSlashes ? "m" : "-"}${rule}`, () => deepFreeze(parseRuleText(rule, mergeSlashes)));
}

/** Freeze plain data (arrays, records) all the way down; converters' functions are left as they are. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parseRuleText(rule: string, mergeSlashes: boolean, resolve?: ConverterResolver): ParsedRule | PyError {
  if (rule.length > MAX_RULE_LENGTH) return { pyType: "ValueError", message: "url rule too long" };
  if (!rule.startsWith("/")) return { pyType: "ValueError", message: "urls must start with a leading slash" };
  const text = mergeSlashes ? rule.replace(/\/\//g, "/") : rule;
  const parts: RulePart[] = [{ content: "", final: false, static: true, weight: [0, [], 0, []] }];
  const converters: Array<[string, Converter]> = [];
  const trace: TraceItem[] = [];

  let content = "";
  let isStatic = true;
  let argumentWeights: number[] = [];
  let staticWeights: Array<[number, number]> = [];
  let final = false;
  let linear = false;
  const weighting = (): Weighting => [-staticWeights.length, staticWeights, -argumentWeights.length, argumentWeights];

  let pos = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const match = PART.exec(text);
    if (!match) return { pyType: "ValueError", message: `malformed url rule: ${pyRepr(rule)}` };
    const [, slash, staticText, converterName, argText, variable] = match;
    if (staticText !== undefined) {
      staticWeights.push([staticWeights.length, -staticText.length]);
      trace.push({ dynamic: false, text: staticText });
      content += isStatic ? staticText : escapeRegex(staticText);
    }
    if (variable !== undefined) {
      if (isStatic) content = escapeRegex(content);
      isStatic = false;
      const name = converterName ?? "default";
      const converter = resolve?.(name, argText ?? "") ?? makeConverter(name, argText ?? "");
      if (isPyError(converter)) return converter;
      if (converter.custom) linear = true;
      const existing = converters.findIndex(([name]) => name === variable);
      if (existing >= 0) converters[existing] = [variable, converter];
      else converters.push([variable, converter]);
      if (!converter.partIsolating) final = true;
      content += `(${converter.regex})`;
      argumentWeights.push(converter.weight);
      trace.push({ dynamic: true, name: variable });
    }
    if (slash !== undefined) {
      trace.push({ dynamic: false, text: "/" });
      if (final) {
        content += "/";
      } else {
        const part = finishPart(content, final, isStatic, weighting(), linear);
        if (isPyError(part)) return part;
        parts.push(part);
        content = "";
        isStatic = true;
        argumentWeights = [];
        staticWeights = [];
        final = false;
        linear = false;
      }
    }
    pos = PART.lastIndex;
  }
  const part = finishPart(content, final, isStatic, weighting(), linear);
  if (isPyError(part)) return part;
  parts.push(part);
  return { rule, parts, converters, trace };
}

/**
 * A finished part. One holding an app's converter is compiled on the linear-time engine here: a regex the engine
 * cannot run (a back reference, a lookahead) or cannot read is refused now, with the engine's Korean words, and the
 * binding turns that into the honest limit at the route's line.
 */
function finishPart(content: string, final: boolean, isStatic: boolean, weight: Weighting, linear: boolean): RulePart | PyError {
  if (!linear) return { content: isStatic ? content : `${content}$`, final, static: isStatic, weight };
  const source = `${content}\\z`;
  const compiled = compileRegex(`\\A(?:${source})`, { unicode: true });
  if (!compiled.ok) return { pyType: compiled.error.unsupported ? "RegexUnsupported" : "RegexInvalid", message: compiled.error.messageKo };
  return { content: source, final, static: isStatic, weight, linear };
}
