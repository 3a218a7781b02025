/**
 * `re` on the chain's linear-time engine (lib/chain/regex, `unicode` option = Python's str patterns): compile,
 * match, search, fullmatch, findall, finditer, sub, subn, split, escape, the flags I/M/S/X/A, and Match objects.
 * A student's pattern can never hang the server. Constructs a linear-time engine cannot run (back references,
 * lookaround...) are refused with the course's Korean honest-limit message; Python-only syntax (`{,n}`) is not
 * translated, and positions count UTF-16 units (an emoji counts 2 where Python counts 1).
 */
import { compileRegex, type LinearRegex, type RegexMatch } from "../../regex";
import { makeClass } from "../machine";
import { pyError, PyRaise } from "../classes";
import type { PyClass, PyInstance, PyModule, PyValue, Runtime } from "../values";
import { isInstance, pyBuiltin, pyList, pyModule, pyTuple, strOf } from "../values";

const FLAGS = { IGNORECASE: 2n, I: 2n, MULTILINE: 8n, M: 8n, DOTALL: 16n, S: 16n, VERBOSE: 64n, X: 64n, ASCII: 256n, A: 256n, UNICODE: 32n, U: 32n };

interface PatternData {
  source: string;
  flags: bigint;
  regex: LinearRegex;
  /** The same pattern anchored at the start (match) and at both ends (fullmatch). */
  anchored: LinearRegex;
  full: LinearRegex;
}

interface MatchData {
  pattern: PyInstance;
  string: string;
  m: RegexMatch;
}

/** Python's `\Z` is PCRE's `\z`; everything else is passed as written. */
export function translatePythonRegex(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "\\" && i + 1 < source.length) {
      out += source[i + 1] === "Z" ? "\\z" : source.slice(i, i + 2);
      i++;
    } else out += source[i];
  }
  return out;
}

/** What the engine cannot run in a pattern (for the load-time check), or undefined when it can. */
export function regexProblem(source: string): { ko: string; en: string } | undefined {
  const r = compileRegex(translatePythonRegex(source), { unicode: true });
  if (r.ok || !r.error.unsupported) return undefined;
  const feature = /정규식에서 (.+?)[은는] 지원하지 않습니다/.exec(r.error.messageKo)?.[1] ?? "일부 기능";
  const en = /failed: (.+?) (?:is |are )?not supported/.exec(r.error.message)?.[1] ?? "a construct";
  return { ko: feature, en };
}

const HONEST = (what: string) =>
  `코스 모형이 아직 지원하지 않는 기능입니다: 정규식 ${what}. 실제 Gunicorn/uWSGI의 파이썬에서는 그대로 동작합니다`;

function compileAll(interp: Runtime, errorClass: PyClass, source: string, flags: bigint): Omit<PatternData, "source" | "flags"> {
  const prefix = `${flags & 8n ? "(?m)" : ""}${flags & 16n ? "(?s)" : ""}${flags & 64n ? "(?x)" : ""}`;
  const options = { caseInsensitive: (flags & 2n) !== 0n, unicode: (flags & 256n) === 0n };
  const body = translatePythonRegex(source);
  const build = (text: string) => {
    const r = compileRegex(text, options);
    if (r.ok) return r.regex;
    if (r.error.unsupported) throw pyError("NotImplementedError", HONEST(`'${source}'`));
    throw new PyRaise(interp.newException(errorClass, r.error.message.replace(/^pcre2_compile\(\) failed: /, "")));
  };
  return { regex: build(prefix + body), anchored: build(`${prefix}\\A(?:${body})`), full: build(`${prefix}\\A(?:${body})\\z`) };
}

let matchClass: PyClass | undefined;
let patternClass: PyClass | undefined;

function groupIndex(interp: Runtime, d: MatchData, key: PyValue): number {
  const pd = d.pattern.data as PatternData;
  if (typeof key === "bigint" && key >= 0n && Number(key) <= pd.regex.groupCount) return Number(key);
  const name = strOf(key);
  if (name !== undefined && pd.regex.names.has(name)) return pd.regex.names.get(name)!;
  throw pyError("IndexError", "no such group");
}

function matchClassShared(): PyClass {
  matchClass ??= makeClass("Match", "re", {
    repr: (self, interp) => {
      const d = self.data as MatchData;
      const whole = d.m.groups[0] ?? "";
      return `<re.Match object; span=(${d.m.index}, ${d.m.index + whole.length}), match=${interp.repr(whole)}>`;
    },
    bool: () => true,
    getitem: (self, key, interp) => {
      const d = self.data as MatchData;
      return d.m.groups[groupIndex(interp, d, key)] ?? null;
    },
    getattr: (self, name) => {
      const d = self.data as MatchData;
      if (name === "string") return d.string;
      if (name === "re") return d.pattern;
      if (name === "pos") return 0n;
      if (name === "lastindex") {
        let last: number | null = null;
        d.m.groups.forEach((g, i) => {
          if (i > 0 && g !== undefined) last = i;
        });
        return last === null ? null : BigInt(last);
      }
      return undefined;
    },
    methods: {
      group: (args, _kwargs, interp) => {
        const d = (args[0] as PyInstance).data as MatchData;
        const keys = args.length > 1 ? args.slice(1) : [0n];
        const values = keys.map((k) => d.m.groups[groupIndex(interp, d, k)] ?? null);
        return values.length === 1 ? values[0]! : pyTuple(values);
      },
      groups: (args, kwargs, interp) => {
        const d = (args[0] as PyInstance).data as MatchData;
        const a = interp.bindArgs("groups", args.slice(1), kwargs, ["default"], { default: null });
        return pyTuple(d.m.groups.slice(1).map((g) => g ?? a.default));
      },
      groupdict: (args, kwargs, interp) => {
        const d = (args[0] as PyInstance).data as MatchData;
        const a = interp.bindArgs("groupdict", args.slice(1), kwargs, ["default"], { default: null });
        const names = (d.pattern.data as PatternData).regex.names;
        return interp.newDict([...names].map(([n, i]) => [n, d.m.groups[i] ?? a.default] as [PyValue, PyValue]));
      },
      start: (args, _kwargs, interp) => BigInt(span(interp, args)[0]),
      end: (args, _kwargs, interp) => BigInt(span(interp, args)[1]),
      span: (args, _kwargs, interp) => pyTuple(span(interp, args).map((n) => BigInt(n))),
    },
  });
  return matchClass;
}

/** (start, end) of a group; (-1, -1) when it did not take part. Only group 0's start is known exactly. */
function span(interp: Runtime, args: PyValue[]): [number, number] {
  const d = (args[0] as PyInstance).data as MatchData;
  const i = groupIndex(interp, d, args[1] ?? 0n);
  const g = d.m.groups[i];
  if (g === undefined) return [-1, -1];
  if (i === 0) return [d.m.index, d.m.index + g.length];
  // The engine reports group texts, not offsets: find the group inside the whole match.
  const at = d.string.indexOf(g, d.m.index);
  return [at, at + g.length];
}

function text(interp: Runtime, v: PyValue, what: string): string {
  const s = strOf(v);
  if (s === undefined) throw pyError("TypeError", `expected string or bytes-like object, got '${interp.typeName(v)}'`);
  void what;
  return s;
}

/** Every non-overlapping match from the start, Python 3.7+'s rule for empty matches. */
function allMatches(regex: LinearRegex, s: string, limit = Infinity, interp?: Runtime): RegexMatch[] {
  interp?.charge(Math.ceil(s.length / 8) + 1);
  const out: RegexMatch[] = [];
  let pos = 0;
  let lastEmptyAt = -1;
  while (pos <= s.length && out.length < limit) {
    const m = regex.exec(s, pos);
    interp?.charge(1);
    if (!m) break;
    const len = m.groups[0]!.length;
    if (len === 0 && m.index === lastEmptyAt) {
      pos = m.index + 1;
      continue;
    }
    out.push(m);
    if (len === 0) {
      lastEmptyAt = m.index;
      pos = m.index;
      if (out.length && pos >= s.length) break;
      // The next match may start here only if it is not empty: try from here, skipping an empty one.
      const next = regex.exec(s, pos);
      if (next && next.index === pos && next.groups[0]!.length === 0) pos++;
    } else pos = m.index + len;
  }
  return out;
}

/** The replacement text of `repl` for one match: \1, \g<1>, \g<name>, \n and friends. */
function expand(interp: Runtime, repl: string, d: MatchData): string {
  return repl.replace(/\\(g<([^>]*)>|\d{1,2}|[ntrfv\\]|.)/g, (whole, _all: string, name: string | undefined) => {
    if (name !== undefined) {
      const key = /^\d+$/.test(name) ? BigInt(name) : name;
      return d.m.groups[groupIndex(interp, d, key)] ?? "";
    }
    const c = whole.slice(1);
    if (/^\d+$/.test(c)) return d.m.groups[groupIndex(interp, d, BigInt(c))] ?? "";
    const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "\\": "\\" };
    if (c in escapes) return escapes[c]!;
    if (/[A-Za-z]/.test(c)) throw pyError("ValueError", `bad escape ${whole}`);
    return whole;
  });
}

function patternClassShared(): PyClass {
  const pd = (self: PyValue) => (self as PyInstance).data as PatternData;
  const matchOf = (interp: Runtime, self: PyInstance, s: string, m: RegexMatch | null) => {
    interp.charge(Math.ceil(s.length / 8) + 1);
    return m === null ? null : interp.newInstance(matchClassShared(), { data: { pattern: self, string: s, m } satisfies MatchData });
  };
  const sub = (interp: Runtime, args: PyValue[], kwargs: Map<string, PyValue>, withCount: boolean) => {
    const self = args[0] as PyInstance;
    const a = interp.bindArgs(withCount ? "subn" : "sub", args.slice(1), kwargs, ["repl", "string", "count"], { count: 0n });
    const s = text(interp, a.string, "string");
    const count = typeof a.count === "bigint" && a.count > 0n ? Number(a.count) : Infinity;
    const matches = allMatches(pd(self).regex, s, count, interp);
    let out = "";
    let at = 0;
    for (const m of matches) {
      const d: MatchData = { pattern: self, string: s, m };
      const replStr = strOf(a.repl);
      const piece = replStr !== undefined ? expand(interp, replStr, d) : text(interp, interp.call(a.repl, [interp.newInstance(matchClassShared(), { data: d })]), "repl");
      out += s.slice(at, m.index) + piece;
      at = m.index + m.groups[0]!.length;
    }
    out += s.slice(at);
    return withCount ? pyTuple([out, BigInt(matches.length)]) : out;
  };
  patternClass ??= makeClass("Pattern", "re", {
    repr: (self, interp) => `re.compile(${interp.repr(pd(self).source)}${pd(self).flags ? `, re.${flagNames(pd(self).flags)}` : ""})`,
    eq: (self, other) => isInstance(other) && other.cls === self.cls && pd(other).source === pd(self).source && pd(other).flags === pd(self).flags,
    hashKey: (self) => `re:${pd(self).flags}:${pd(self).source}`,
    getattr: (self, name) => {
      if (name === "pattern") return pd(self).source;
      if (name === "flags") return pd(self).flags | ((pd(self).flags & 256n) === 0n ? 32n : 0n);
      if (name === "groups") return BigInt(pd(self).regex.groupCount);
      if (name === "groupindex") return null;
      return undefined;
    },
    methods: {
      match: (args, _k, interp) => matchOf(interp, args[0] as PyInstance, text(interp, args[1] ?? null, "string"), pd(args[0]!).anchored.exec(text(interp, args[1] ?? null, "string"))),
      search: (args, _k, interp) => matchOf(interp, args[0] as PyInstance, text(interp, args[1] ?? null, "string"), pd(args[0]!).regex.exec(text(interp, args[1] ?? null, "string"))),
      fullmatch: (args, _k, interp) => matchOf(interp, args[0] as PyInstance, text(interp, args[1] ?? null, "string"), pd(args[0]!).full.exec(text(interp, args[1] ?? null, "string"))),
      findall: (args, _k, interp) => {
        const s = text(interp, args[1] ?? null, "string");
        const { regex } = pd(args[0]!);
        return pyList(
          allMatches(regex, s, Infinity, interp).map((m) => {
            if (regex.groupCount === 0) return m.groups[0]!;
            if (regex.groupCount === 1) return m.groups[1] ?? "";
            return pyTuple(m.groups.slice(1).map((g) => g ?? ""));
          }),
        );
      },
      finditer: (args, _k, interp) => {
        const s = text(interp, args[1] ?? null, "string");
        const self = args[0] as PyInstance;
        return pyList(allMatches(pd(self).regex, s, Infinity, interp).map((m) => matchOf(interp, self, s, m)));
      },
      sub: (args, kwargs, interp) => sub(interp, args, kwargs, false),
      subn: (args, kwargs, interp) => sub(interp, args, kwargs, true),
      split: (args, kwargs, interp) => {
        const a = interp.bindArgs("split", args.slice(1), kwargs, ["string", "maxsplit"], { maxsplit: 0n });
        const s = text(interp, a.string, "string");
        const max = typeof a.maxsplit === "bigint" && a.maxsplit > 0n ? Number(a.maxsplit) : Infinity;
        const out: PyValue[] = [];
        let at = 0;
        for (const m of allMatches(pd(args[0]!).regex, s, max, interp)) {
          out.push(s.slice(at, m.index), ...m.groups.slice(1).map((g) => g ?? null));
          at = m.index + m.groups[0]!.length;
        }
        out.push(s.slice(at));
        return pyList(out);
      },
    },
  });
  return patternClass;
}

function flagNames(flags: bigint): string {
  const names = [["IGNORECASE", 2n], ["MULTILINE", 8n], ["DOTALL", 16n], ["VERBOSE", 64n], ["ASCII", 256n]] as const;
  return names.filter(([, v]) => flags & v).map(([n]) => n).join("|re.");
}

/** A small cache, as re keeps one: the same pattern text compiles once per interpreter. */
export function reModule(interp: Runtime): PyModule {
  const cache = new Map<string, PyInstance>();
  const errorClass = interp.makeExceptionClass("error", "re", interp.builtinClass("Exception"));
  const compile = (pattern: PyValue, flagsValue: PyValue): PyInstance => {
    if (isInstance(pattern) && pattern.cls === patternClassShared()) return pattern;
    const source = text(interp, pattern, "pattern");
    const flags = typeof flagsValue === "bigint" ? flagsValue : 0n;
    const key = `${flags}:${source}`;
    const known = cache.get(key);
    if (known) return known;
    const data: PatternData = { source, flags, ...compileAll(interp, errorClass, source, flags) };
    const compiled = interp.newInstance(patternClassShared(), { data });
    if (cache.size < 100) cache.set(key, compiled);
    return compiled;
  };
  const viaPattern = (name: string, params: string[]) =>
    pyBuiltin(name, (args, kwargs) => {
      const defaults: Record<string, PyValue> = { flags: 0n };
      if (params.includes("count")) defaults.count = 0n;
      if (params.includes("maxsplit")) defaults.maxsplit = 0n;
      const a = interp.bindArgs(name, args, kwargs, ["pattern", ...params, "flags"], defaults);
      const p = compile(a.pattern, a.flags);
      const method = interp.getAttr(p, name);
      const rest = params.map((k) => a[k] ?? null);
      return interp.call(method, rest);
    });
  return pyModule("re", {
    compile: pyBuiltin("compile", (args, kwargs) => {
      const a = interp.bindArgs("compile", args, kwargs, ["pattern", "flags"], { flags: 0n });
      return compile(a.pattern, a.flags);
    }),
    match: viaPattern("match", ["string"]),
    search: viaPattern("search", ["string"]),
    fullmatch: viaPattern("fullmatch", ["string"]),
    findall: viaPattern("findall", ["string"]),
    finditer: viaPattern("finditer", ["string"]),
    sub: viaPattern("sub", ["repl", "string", "count"]),
    subn: viaPattern("subn", ["repl", "string", "count"]),
    split: viaPattern("split", ["string", "maxsplit"]),
    escape: pyBuiltin("escape", (args) => text(interp, args[0] ?? null, "pattern").replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`)),
    error: errorClass,
    Pattern: patternClassShared(),
    Match: matchClassShared(),
    ...Object.fromEntries(Object.entries(FLAGS).map(([k, v]) => [k, v])),
  });
}
