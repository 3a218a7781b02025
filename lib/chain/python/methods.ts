/** Methods of builtin types (str, bytes, list, tuple, dict, set, int, float). `args[0]` is self. */
import * as C from "./classes";
import { pyError } from "./classes";
import { dictDelete, dictGet, dictSet } from "./dict";
import { strFormat } from "./format";
import { getItem, keyError } from "./items";
import { MAX_SEQUENCE_LENGTH, MAX_STR_LENGTH } from "./limits";
import { typeName } from "./objects";
import { asIndex, bitLength } from "./ints";
import { compareOp, repeatCount } from "./ops";
import { hasAstral, decodeBytes, encodeStr, LINE_BREAKS, WS, wsClass, wsRun } from "./text";
import type { Kwargs, NativeFn, PyClass, PyDictObject, PyList, PyValue, Runtime } from "./values";
import { pyList, pyTuple, strOf } from "./values";

type Table = Record<string, NativeFn>;

// ---- argument helpers ----

function selfStr(v: PyValue, method: string): string {
  const s = strOf(v);
  if (s === undefined) throw pyError("TypeError", `descriptor '${method}' for 'str' objects doesn't apply to a '${typeName(v)}' object`);
  return s;
}

function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size) throw pyError("TypeError", `${name}() takes no keyword arguments`);
}

function argCount(name: string, args: PyValue[], min: number, max: number): void {
  const n = args.length - 1;
  if (n < min || n > max) {
    if (min === max) throw pyError("TypeError", `${name}() takes exactly ${min === 1 ? "one argument" : min + " arguments"} (${n} given)`);
    if (n < min) throw pyError("TypeError", `${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${n}`);
    throw pyError("TypeError", `${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${n}`);
  }
}

function strArg(v: PyValue, what: string): string {
  const s = strOf(v);
  if (s === undefined) throw pyError("TypeError", `${what} must be str, not ${typeName(v)}`);
  return s;
}

function intArg(v: PyValue): bigint {
  const n = asIndex(v);
  if (n === undefined) throw pyError("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
  return n;
}

function optIndex(v: PyValue | undefined, len: number, def: number): number {
  if (v === undefined || v === null) return def;
  const n = asIndex(v);
  if (n === undefined) throw pyError("TypeError", "slice indices must be integers or None or have an __index__ method");
  let x = Number(n < -(2n ** 52n) ? -(2n ** 52n) : n > 2n ** 52n ? 2n ** 52n : n);
  if (x < 0) x += len;
  return Math.max(0, Math.min(len, x));
}

function charsOf(s: string): string[] | null {
  return hasAstral(s) ? Array.from(s) : null;
}

function stripChars(s: string, chars: PyValue | undefined, left: boolean, right: boolean, name: string): string {
  if (chars === undefined || chars === null) {
    const re = new RegExp(`${left ? `^[${WS}]+` : "(?!)"}|${right ? `[${WS}]+$` : "(?!)"}`, "g");
    return s.replace(re, "");
  }
  const set = new Set(Array.from(strArg(chars, `${name} arg`)));
  const arr = Array.from(s);
  let a = 0;
  let b = arr.length;
  if (left) while (a < b && set.has(arr[a])) a++;
  if (right) while (b > a && set.has(arr[b - 1])) b--;
  return arr.slice(a, b).join("");
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let rest = s.replace(new RegExp(`^[${WS}]+`), "");
  while (rest.length) {
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(rest);
      return out;
    }
    const m = wsRun.exec(rest);
    if (!m) {
      out.push(rest);
      return out;
    }
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

function rsplitWhitespace(s: string, maxsplit: number): string[] {
  if (maxsplit < 0) return splitWhitespace(s, -1);
  const out: string[] = [];
  let rest = s.replace(new RegExp(`[${WS}]+$`), "");
  while (rest.length) {
    if (out.length >= maxsplit) {
      out.unshift(rest);
      return out;
    }
    let i = rest.length - 1;
    while (i >= 0 && !wsClass.test(rest[i])) i--;
    if (i < 0) {
      out.unshift(rest);
      return out;
    }
    out.unshift(rest.slice(i + 1));
    let j = i;
    while (j >= 0 && wsClass.test(rest[j])) j--;
    rest = rest.slice(0, j + 1);
  }
  return out;
}

function splitArgs(interp: Runtime, name: string, args: PyValue[], kwargs: Kwargs): { sep: string | null; maxsplit: number } {
  const a = interp.bindArgs(name, args.slice(1), kwargs, ["sep", "maxsplit"], { sep: null, maxsplit: -1n });
  if (a.sep !== null && strOf(a.sep) === undefined) throw pyError("TypeError", `must be str or None, not ${typeName(a.sep)}`);
  const sep = a.sep === null ? null : strOf(a.sep)!;
  if (sep === "") throw pyError("ValueError", "empty separator");
  const m = intArg(a.maxsplit);
  return { sep, maxsplit: m < 0n ? -1 : Number(m > 2n ** 31n ? 2n ** 31n : m) };
}

function titleCase(s: string): string {
  let out = "";
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toUpperCase() !== ch.toLowerCase();
    if (cased) out += prevCased ? ch.toLowerCase() : ch.toUpperCase();
    else out += ch;
    prevCased = cased;
  }
  return out;
}

function find(s: string, sub: string, start: number, end: number, reverse: boolean): number {
  if (start > end) return -1;
  const chars = charsOf(s);
  if (chars) {
    // work in code points
    const subChars = Array.from(sub);
    const hay = chars;
    if (reverse) {
      for (let i = end - subChars.length; i >= start; i--) if (subChars.every((c, k) => hay[i + k] === c)) return i;
    } else {
      for (let i = start; i + subChars.length <= end; i++) if (subChars.every((c, k) => hay[i + k] === c)) return i;
    }
    return -1;
  }
  if (end - start < sub.length) return -1;
  const region = s.slice(start, end);
  const i = reverse ? region.lastIndexOf(sub) : region.indexOf(sub);
  return i < 0 ? -1 : i + start;
}

function strLen(s: string): number {
  return hasAstral(s) ? Array.from(s).length : s.length;
}

function findArgs(name: string, args: PyValue[], s: string): { sub: string; start: number; end: number } {
  argCount(name, args, 1, 3);
  const len = strLen(s);
  const sub = strOf(args[1]);
  if (sub === undefined) throw pyError("TypeError", `must be str, not ${typeName(args[1])}`);
  // a start past the end finds nothing, even the empty string (CPython's ADJUST_INDICES + check)
  const start = args[2] === undefined || args[2] === null ? 0 : optIndex(args[2], len, 0);
  const rawStart = args[2] === undefined || args[2] === null ? 0n : (asIndex(args[2]) ?? 0n);
  return { sub, start: rawStart > BigInt(len) ? len + 1 : start, end: optIndex(args[3], len, len) };
}

function padTo(interp: Runtime, name: string, args: PyValue[], where: "l" | "r" | "c"): string {
  const s = selfStr(args[0], name);
  argCount(name, args, 1, 2);
  const width = Number(intArg(args[1]) > BigInt(MAX_STR_LENGTH) ? BigInt(MAX_STR_LENGTH) + 1n : intArg(args[1]));
  let fill = " ";
  if (args[2] !== undefined) {
    const f = strOf(args[2]);
    if (f === undefined || Array.from(f).length !== 1) throw pyError("TypeError", "The fill character must be exactly one character long");
    fill = f;
  }
  const len = strLen(s);
  if (width <= len) return s;
  if (width > MAX_STR_LENGTH) throw pyError("MemoryError");
  interp.chargeAlloc(width);
  const n = width - len;
  if (where === "l") return s + fill.repeat(n);
  if (where === "r") return fill.repeat(n) + s;
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
}

function startsEnds(args: PyValue[], name: string, ends: boolean): boolean {
  const s = selfStr(args[0], name);
  argCount(name, args, 1, 3);
  const len = strLen(s);
  const start = optIndex(args[2], len, 0);
  const end = optIndex(args[3], len, len);
  const target = args[1];
  const cands =
    target !== null && typeof target === "object" && target.kind === "tuple"
      ? target.items.map((x) => {
          const t = strOf(x);
          if (t === undefined) throw pyError("TypeError", `tuple for ${name} must only contain str, not ${typeName(x)}`);
          return t;
        })
      : [strOf(target)];
  if (cands[0] === undefined) throw pyError("TypeError", `${name} first arg must be str or a tuple of str, not ${typeName(target)}`);
  const chars = charsOf(s);
  const region = chars ? chars.slice(start, end).join("") : s.slice(start, end);
  if (start > len) return false;
  return cands.some((c) => (ends ? region.endsWith(c!) : region.startsWith(c!)));
}

const isUpperCased = (ch: string) => ch !== ch.toLowerCase();
const isLowerCased = (ch: string) => ch !== ch.toUpperCase();

export const strMethods: Table = {
  upper: (a) => selfStr(a[0], "upper").toUpperCase(),
  lower: (a) => selfStr(a[0], "lower").toLowerCase(),
  casefold: (a) => selfStr(a[0], "casefold").toLowerCase(),
  swapcase: (a) => Array.from(selfStr(a[0], "swapcase"), (c) => (isUpperCased(c) ? c.toLowerCase() : c.toUpperCase())).join(""),
  strip: (a) => (argCount("strip", a, 0, 1), stripChars(selfStr(a[0], "strip"), a[1], true, true, "strip")),
  lstrip: (a) => (argCount("lstrip", a, 0, 1), stripChars(selfStr(a[0], "lstrip"), a[1], true, false, "lstrip")),
  rstrip: (a) => (argCount("rstrip", a, 0, 1), stripChars(selfStr(a[0], "rstrip"), a[1], false, true, "rstrip")),
  split(a, kw, interp) {
    const s = selfStr(a[0], "split");
    const { sep, maxsplit } = splitArgs(interp, "split", a, kw);
    if (sep === null) return pyList(splitWhitespace(s, maxsplit));
    const parts = s.split(sep);
    if (maxsplit >= 0 && parts.length > maxsplit + 1) return pyList([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)]);
    interp.chargeAlloc(parts.length);
    return pyList(parts);
  },
  rsplit(a, kw, interp) {
    const s = selfStr(a[0], "rsplit");
    const { sep, maxsplit } = splitArgs(interp, "rsplit", a, kw);
    if (sep === null) return pyList(rsplitWhitespace(s, maxsplit));
    const parts = s.split(sep);
    if (maxsplit >= 0 && parts.length > maxsplit + 1) {
      const cut = parts.length - maxsplit;
      return pyList([parts.slice(0, cut).join(sep), ...parts.slice(cut)]);
    }
    return pyList(parts);
  },
  splitlines(a, kw, interp) {
    const s = selfStr(a[0], "splitlines");
    const { keepends } = interp.bindArgs("splitlines", a.slice(1), kw, ["keepends"], { keepends: false });
    const keep = interp.truthy(keepends);
    const out: string[] = [];
    let rest = s;
    while (rest.length) {
      const m = LINE_BREAKS.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index + (keep ? m[0].length : 0)));
      rest = rest.slice(m.index + m[0].length);
    }
    return pyList(out);
  },
  join(a, kw, interp) {
    noKw("str.join", kw);
    argCount("str.join", a, 1, 1);
    const sep = selfStr(a[0], "join");
    const items = interp.iterate(a[1]);
    let total = 0;
    const parts = items.map((x, i) => {
      const s = strOf(x);
      if (s === undefined) throw pyError("TypeError", `sequence item ${i}: expected str instance, ${typeName(x)} found`);
      total += s.length + sep.length;
      if (total > MAX_STR_LENGTH) throw pyError("MemoryError");
      return s;
    });
    interp.chargeAlloc(total);
    return parts.join(sep);
  },
  replace(a, kw, interp) {
    noKw("str.replace", kw);
    argCount("replace", a, 2, 3);
    const s = selfStr(a[0], "replace");
    const old = strArg(a[1], "replace() argument 1");
    const neu = strArg(a[2], "replace() argument 2");
    let count = a[3] === undefined ? -1n : intArg(a[3]);
    if (count < 0n) count = BigInt(MAX_STR_LENGTH) * 2n;
    if (old === "") {
      const chars = Array.from(s);
      let out = "";
      let n = 0n;
      for (let i = 0; i <= chars.length; i++) {
        if (n < count) {
          out += neu;
          n++;
        }
        if (i < chars.length) out += chars[i];
        if (out.length > MAX_STR_LENGTH) throw pyError("MemoryError");
      }
      return out;
    }
    const parts = s.split(old);
    const n = parts.length - 1;
    const used = BigInt(n) < count ? n : Number(count);
    const size = s.length + used * (neu.length - old.length);
    if (size > MAX_STR_LENGTH) throw pyError("MemoryError");
    interp.chargeAlloc(size);
    if (used === n) return parts.join(neu);
    return parts.slice(0, used + 1).join(neu) + old + parts.slice(used + 1).join(old);
  },
  startswith: (a) => startsEnds(a, "startswith", false),
  endswith: (a) => startsEnds(a, "endswith", true),
  find(a) {
    const s = selfStr(a[0], "find");
    const { sub, start, end } = findArgs("find", a, s);
    return BigInt(find(s, sub, start, end, false));
  },
  rfind(a) {
    const s = selfStr(a[0], "rfind");
    const { sub, start, end } = findArgs("rfind", a, s);
    return BigInt(find(s, sub, start, end, true));
  },
  index(a) {
    const s = selfStr(a[0], "index");
    const { sub, start, end } = findArgs("index", a, s);
    const i = find(s, sub, start, end, false);
    if (i < 0) throw pyError("ValueError", "substring not found");
    return BigInt(i);
  },
  rindex(a) {
    const s = selfStr(a[0], "rindex");
    const { sub, start, end } = findArgs("rindex", a, s);
    const i = find(s, sub, start, end, true);
    if (i < 0) throw pyError("ValueError", "substring not found");
    return BigInt(i);
  },
  count(a) {
    const s = selfStr(a[0], "count");
    const { sub, start, end } = findArgs("count", a, s);
    const chars = charsOf(s);
    const region = chars ? chars.slice(start, end).join("") : s.slice(start, end);
    if (start > strLen(s)) return 0n;
    if (sub === "") return BigInt(strLen(region) + 1);
    return BigInt(region.split(sub).length - 1);
  },
  format: (a, kw, interp) => strFormat(interp, selfStr(a[0], "format"), a.slice(1), kw),
  format_map(a, kw, interp) {
    argCount("format_map", a, 1, 1);
    const d = a[1];
    if (d === null || typeof d !== "object" || d.kind !== "dict") throw pyError("TypeError", `'${typeName(d)}' object is not a mapping`);
    const m: Kwargs = new Map();
    for (const [k, v] of d.entries.values()) if (typeof k === "string") m.set(k, v);
    return strFormat(interp, selfStr(a[0], "format_map"), [], m);
  },
  isdigit: (a) => /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(selfStr(a[0], "isdigit")),
  isdecimal: (a) => /^\p{Nd}+$/u.test(selfStr(a[0], "isdecimal")),
  isnumeric: (a) => /^\p{N}+$/u.test(selfStr(a[0], "isnumeric")),
  isalpha: (a) => /^\p{L}+$/u.test(selfStr(a[0], "isalpha")),
  isalnum: (a) => /^[\p{L}\p{N}]+$/u.test(selfStr(a[0], "isalnum")),
  isspace: (a) => new RegExp(`^[${WS}]+$`).test(selfStr(a[0], "isspace")),
  isascii: (a) => /^[\x00-\x7f]*$/.test(selfStr(a[0], "isascii")),
  isidentifier: (a) => /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(selfStr(a[0], "isidentifier")),
  isupper(a) {
    const s = selfStr(a[0], "isupper");
    return Array.from(s).some(isUpperCased) && !Array.from(s).some(isLowerCased);
  },
  islower(a) {
    const s = selfStr(a[0], "islower");
    return Array.from(s).some(isLowerCased) && !Array.from(s).some(isUpperCased);
  },
  istitle: (a) => {
    const s = selfStr(a[0], "istitle");
    return titleCase(s) === s && Array.from(s).some((c) => c.toUpperCase() !== c.toLowerCase());
  },
  title: (a) => titleCase(selfStr(a[0], "title")),
  capitalize(a) {
    const chars = Array.from(selfStr(a[0], "capitalize"));
    if (!chars.length) return "";
    return chars[0].toUpperCase() + chars.slice(1).join("").toLowerCase();
  },
  zfill(a, kw, interp) {
    const s = selfStr(a[0], "zfill");
    argCount("zfill", a, 1, 1);
    const w = intArg(a[1]);
    const len = strLen(s);
    if (w <= BigInt(len)) return s;
    if (w > BigInt(MAX_STR_LENGTH)) throw pyError("MemoryError");
    interp.chargeAlloc(Number(w));
    const n = Number(w) - len;
    if (s[0] === "+" || s[0] === "-") return s[0] + "0".repeat(n) + s.slice(1);
    return "0".repeat(n) + s;
  },
  center: (a, _kw, interp) => padTo(interp, "center", a, "c"),
  ljust: (a, _kw, interp) => padTo(interp, "ljust", a, "l"),
  rjust: (a, _kw, interp) => padTo(interp, "rjust", a, "r"),
  partition(a) {
    const s = selfStr(a[0], "partition");
    const sep = strArg(a[1], "partition() argument");
    if (sep === "") throw pyError("ValueError", "empty separator");
    const i = s.indexOf(sep);
    if (i < 0) return pyTuple([s, "", ""]);
    return pyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition(a) {
    const s = selfStr(a[0], "rpartition");
    const sep = strArg(a[1], "rpartition() argument");
    if (sep === "") throw pyError("ValueError", "empty separator");
    const i = s.lastIndexOf(sep);
    if (i < 0) return pyTuple(["", "", s]);
    return pyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix(a) {
    const s = selfStr(a[0], "removeprefix");
    const p = strArg(a[1], "removeprefix() argument");
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix(a) {
    const s = selfStr(a[0], "removesuffix");
    const p = strArg(a[1], "removesuffix() argument");
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  encode(a, kw, interp) {
    const s = selfStr(a[0], "encode");
    const { encoding, errors } = interp.bindArgs("encode", a.slice(1), kw, ["encoding", "errors"], { encoding: "utf-8", errors: "strict" });
    return { kind: "bytes", data: encodeStr(s, strArg(encoding, "encode() argument 'encoding'"), strArg(errors, "encode() argument 'errors'")) };
  },
  expandtabs(a) {
    const s = selfStr(a[0], "expandtabs");
    const size = a[1] === undefined ? 8 : Number(intArg(a[1]));
    let out = "";
    let col = 0;
    for (const ch of s) {
      if (ch === "\t") {
        const n = size > 0 ? size - (col % size) : 0;
        out += " ".repeat(n);
        col += n;
      } else if (ch === "\n" || ch === "\r") {
        out += ch;
        col = 0;
      } else {
        out += ch;
        col++;
      }
    }
    return out;
  },
};

// ---- bytes ----

function selfBytes(v: PyValue): Uint8Array {
  if (v === null || typeof v !== "object" || v.kind !== "bytes") throw pyError("TypeError", "descriptor requires a 'bytes' object");
  return v.data;
}

const latin = (d: Uint8Array) => Array.from(d, (b) => String.fromCharCode(b)).join("");
const fromLatin = (s: string): PyValue => ({ kind: "bytes", data: Uint8Array.from(s, (c) => c.charCodeAt(0)) });

export const bytesMethods: Table = {
  decode(a, kw, interp) {
    const d = selfBytes(a[0]);
    const { encoding, errors } = interp.bindArgs("decode", a.slice(1), kw, ["encoding", "errors"], { encoding: "utf-8", errors: "strict" });
    return decodeBytes(d, strArg(encoding, "decode() argument 'encoding'"), strArg(errors, "decode() argument 'errors'"));
  },
  hex: (a) => Array.from(selfBytes(a[0]), (b) => b.toString(16).padStart(2, "0")).join(""),
  upper: (a) => fromLatin(latin(selfBytes(a[0])).toUpperCase()),
  lower: (a) => fromLatin(latin(selfBytes(a[0])).toLowerCase()),
  strip: (a) => fromLatin(latin(selfBytes(a[0])).replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, "")),
  startswith(a) {
    const p = a[1];
    if (p === null || typeof p !== "object" || p.kind !== "bytes") throw pyError("TypeError", `startswith first arg must be bytes or a tuple of bytes, not ${typeName(p)}`);
    return latin(selfBytes(a[0])).startsWith(latin(p.data));
  },
  endswith(a) {
    const p = a[1];
    if (p === null || typeof p !== "object" || p.kind !== "bytes") throw pyError("TypeError", `endswith first arg must be bytes or a tuple of bytes, not ${typeName(p)}`);
    return latin(selfBytes(a[0])).endsWith(latin(p.data));
  },
  split(a) {
    const s = latin(selfBytes(a[0]));
    const sep = a[1];
    if (sep === undefined || sep === null) return pyList(s.split(/[ \t\n\r\v\f]+/).filter((x) => x).map(fromLatin));
    if (typeof sep !== "object" || sep.kind !== "bytes") throw pyError("TypeError", `a bytes-like object is required, not '${typeName(sep)}'`);
    return pyList(s.split(latin(sep.data)).map(fromLatin));
  },
};

// ---- list / tuple ----

function selfList(v: PyValue, name: string): PyList {
  if (v === null || typeof v !== "object" || v.kind !== "list") throw pyError("TypeError", `descriptor '${name}' for 'list' objects doesn't apply to a '${typeName(v)}' object`);
  return v;
}

/** Stable sort with Python's `<`, optional key and reverse. */
export function sortValues(interp: Runtime, items: PyValue[], key: PyValue, reverse: boolean): PyValue[] {
  const keys = key === null ? items : items.map((x) => interp.call(key, [x]));
  const idx = items.map((_, i) => i);
  interp.charge(Math.ceil(items.length * Math.log2(items.length + 1)));
  const lt = (a: PyValue, b: PyValue) => compareOp(interp, "<", a, b);
  if (reverse) idx.reverse();
  idx.sort((i, j) => (lt(keys[i], keys[j]) ? -1 : lt(keys[j], keys[i]) ? 1 : 0));
  if (reverse) idx.reverse();
  return idx.map((i) => items[i]);
}

function seqIndex(interp: Runtime, items: readonly PyValue[], a: PyValue[], what: string): bigint {
  const len = items.length;
  const start = optIndex(a[2], len, 0);
  const end = optIndex(a[3], len, len);
  for (let i = start; i < end; i++) {
    interp.charge(1);
    if (interp.eq(items[i], a[1])) return BigInt(i);
  }
  throw pyError("ValueError", what === "list" ? `${interp.repr(a[1])} is not in list` : "tuple.index(x): x not in tuple");
}

export const listMethods: Table = {
  append(a, kw, interp) {
    noKw("list.append", kw);
    argCount("list.append", a, 1, 1);
    const l = selfList(a[0], "append");
    if (l.items.length >= MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
    void interp;
    l.items.push(a[1]);
    return null;
  },
  extend(a, kw, interp) {
    argCount("list.extend", a, 1, 1);
    const l = selfList(a[0], "extend");
    const items = interp.iterate(a[1]);
    if (l.items.length + items.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
    interp.chargeAlloc(items.length);
    for (const x of items) l.items.push(x);
    return null;
  },
  insert(a) {
    if (a.length !== 3) throw pyError("TypeError", `insert expected 2 arguments, got ${a.length - 1}`);
    const l = selfList(a[0], "insert");
    let i = Number(intArg(a[1]));
    const n = l.items.length;
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    if (n >= MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
    l.items.splice(i, 0, a[2]);
    return null;
  },
  pop(a) {
    argCount("pop", a, 0, 1);
    const l = selfList(a[0], "pop");
    if (!l.items.length) throw pyError("IndexError", "pop from empty list");
    let i = a[1] === undefined ? -1n : intArg(a[1]);
    if (i < 0n) i += BigInt(l.items.length);
    if (i < 0n || i >= BigInt(l.items.length)) throw pyError("IndexError", "pop index out of range");
    return l.items.splice(Number(i), 1)[0];
  },
  remove(a, kw, interp) {
    argCount("list.remove", a, 1, 1);
    const l = selfList(a[0], "remove");
    for (let i = 0; i < l.items.length; i++) {
      interp.charge(1);
      if (interp.eq(l.items[i], a[1])) {
        l.items.splice(i, 1);
        return null;
      }
    }
    throw pyError("ValueError", "list.remove(x): x not in list");
  },
  index: (a, _kw, interp) => (argCount("index", a, 1, 3), seqIndex(interp, selfList(a[0], "index").items, a, "list")),
  count(a, _kw, interp) {
    argCount("list.count", a, 1, 1);
    let n = 0n;
    for (const x of selfList(a[0], "count").items) {
      interp.charge(1);
      if (interp.eq(x, a[1])) n++;
    }
    return n;
  },
  sort(a, kw, interp) {
    if (a.length > 1) throw pyError("TypeError", "sort() takes no positional arguments");
    const l = selfList(a[0], "sort");
    const { key, reverse } = interp.bindArgs("sort", [], kw, ["key", "reverse"], { key: null, reverse: false });
    const items = l.items;
    l.items = [];
    try {
      l.items = sortValues(interp, items, key, interp.truthy(reverse));
    } catch (e) {
      l.items = items;
      throw e;
    }
    return null;
  },
  reverse: (a) => (selfList(a[0], "reverse").items.reverse(), null),
  copy: (a) => pyList([...selfList(a[0], "copy").items]),
  clear: (a) => ((selfList(a[0], "clear").items = []), null),
};

export const tupleMethods: Table = {
  index(a, _kw, interp) {
    argCount("index", a, 1, 3);
    const t = a[0] as { items: PyValue[] };
    return seqIndex(interp, t.items, a, "tuple");
  },
  count(a, _kw, interp) {
    argCount("tuple.count", a, 1, 1);
    let n = 0n;
    for (const x of (a[0] as { items: PyValue[] }).items) if (interp.eq(x, a[1])) n++;
    return n;
  },
};

// ---- dict ----

function selfDict(v: PyValue, name: string): PyDictObject {
  if (v === null || typeof v !== "object" || v.kind !== "dict") throw pyError("TypeError", `descriptor '${name}' for 'dict' objects doesn't apply to a '${typeName(v)}' object`);
  return v;
}

export function dictUpdate(interp: Runtime, d: PyDictObject, src: PyValue | undefined, kwargs: Kwargs): void {
  if (src !== undefined) {
    if (src !== null && typeof src === "object" && src.kind === "dict") {
      for (const [k, v] of [...src.entries.values()]) dictSet(interp, d, k, v);
    } else if (src !== null && typeof src === "object" && src.kind === "instance" && interp.getAttrOrUndefined(src, "keys") !== undefined) {
      // A mapping (flask.session, a class with keys() and __getitem__): dict(m) reads m[k] for k in m.keys().
      for (const k of interp.iterate(interp.call(interp.getAttr(src, "keys"), []))) dictSet(interp, d, k, getItem(interp, src, k));
    } else {
      const items = interp.iterate(src);
      items.forEach((item, i) => {
        const it = interp.tryIter(item);
        if (!it) throw pyError("TypeError", `cannot convert dictionary update sequence element #${i} to a sequence`);
        const pair = interp.iterate(item);
        if (pair.length !== 2) throw pyError("ValueError", `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        dictSet(interp, d, pair[0], pair[1]);
      });
    }
  }
  for (const [k, v] of kwargs) dictSet(interp, d, k, v);
}

export const dictMethods: Table = {
  get(a, kw, interp) {
    noKw("dict.get", kw);
    argCount("get", a, 1, 2);
    const v = dictGet(interp, selfDict(a[0], "get"), a[1]);
    return v === undefined ? (a[2] ?? null) : v;
  },
  keys: (a) => ({ kind: "dictview", dict: selfDict(a[0], "keys"), which: "keys" }),
  values: (a) => ({ kind: "dictview", dict: selfDict(a[0], "values"), which: "values" }),
  items: (a) => ({ kind: "dictview", dict: selfDict(a[0], "items"), which: "items" }),
  pop(a, _kw, interp) {
    argCount("pop", a, 1, 2);
    const v = dictDelete(interp, selfDict(a[0], "pop"), a[1]);
    if (v !== undefined) return v;
    if (a.length > 2) return a[2];
    throw keyError(a[1]);
  },
  popitem(a) {
    const d = selfDict(a[0], "popitem");
    const last = [...d.entries.keys()].pop();
    if (last === undefined) throw pyError("KeyError", "popitem(): dictionary is empty");
    const [k, v] = d.entries.get(last)!;
    d.entries.delete(last);
    return pyTuple([k, v]);
  },
  setdefault(a, _kw, interp) {
    argCount("setdefault", a, 1, 2);
    const d = selfDict(a[0], "setdefault");
    const v = dictGet(interp, d, a[1]);
    if (v !== undefined) return v;
    const def = a[2] ?? null;
    dictSet(interp, d, a[1], def);
    return def;
  },
  update(a, kw, interp) {
    argCount("update", a, 0, 1);
    dictUpdate(interp, selfDict(a[0], "update"), a[1], kw);
    return null;
  },
  copy: (a) => ({ kind: "dict", entries: new Map([...selfDict(a[0], "copy").entries].map(([k, [kk, v]]) => [k, [kk, v]])) }),
  clear: (a) => (selfDict(a[0], "clear").entries.clear(), null),
};

// ---- set ----

function selfSet(v: PyValue, name: string): Extract<PyValue, { kind: "set" }> {
  if (v === null || typeof v !== "object" || v.kind !== "set") throw pyError("TypeError", `descriptor '${name}' for 'set' objects doesn't apply to a '${typeName(v)}' object`);
  return v;
}

function setFrom(interp: Runtime, v: PyValue): Map<string, PyValue> {
  if (v !== null && typeof v === "object" && v.kind === "set") return v.items;
  const m = new Map<string, PyValue>();
  for (const x of interp.iterate(v)) m.set(interp.hashKey(x), x);
  return m;
}

export const setMethods: Table = {
  add(a, _kw, interp) {
    const s = selfSet(a[0], "add");
    const k = interp.hashKey(a[1]);
    if (!s.items.has(k)) {
      if (s.items.size >= MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
      s.items.set(k, a[1]);
    }
    return null;
  },
  remove(a, _kw, interp) {
    const s = selfSet(a[0], "remove");
    if (!s.items.delete(interp.hashKey(a[1]))) throw keyError(a[1]);
    return null;
  },
  discard(a, _kw, interp) {
    selfSet(a[0], "discard").items.delete(interp.hashKey(a[1]));
    return null;
  },
  pop(a) {
    const s = selfSet(a[0], "pop");
    const first = s.items.entries().next();
    if (first.done) throw pyError("KeyError", "pop from an empty set");
    s.items.delete(first.value[0]);
    return first.value[1];
  },
  clear: (a) => (selfSet(a[0], "clear").items.clear(), null),
  copy: (a) => ({ kind: "set", items: new Map(selfSet(a[0], "copy").items), frozen: selfSet(a[0], "copy").frozen }),
  union(a, _kw, interp) {
    const s = selfSet(a[0], "union");
    const items = new Map(s.items);
    for (const o of a.slice(1)) for (const [k, v] of setFrom(interp, o)) if (!items.has(k)) items.set(k, v);
    return { kind: "set", items, frozen: s.frozen };
  },
  intersection(a, _kw, interp) {
    const s = selfSet(a[0], "intersection");
    let items = new Map(s.items);
    for (const o of a.slice(1)) {
      const other = setFrom(interp, o);
      items = new Map([...items].filter(([k]) => other.has(k)));
    }
    return { kind: "set", items, frozen: s.frozen };
  },
  difference(a, _kw, interp) {
    const s = selfSet(a[0], "difference");
    let items = new Map(s.items);
    for (const o of a.slice(1)) {
      const other = setFrom(interp, o);
      items = new Map([...items].filter(([k]) => !other.has(k)));
    }
    return { kind: "set", items, frozen: s.frozen };
  },
  update(a, _kw, interp) {
    const s = selfSet(a[0], "update");
    for (const o of a.slice(1)) for (const [k, v] of setFrom(interp, o)) if (!s.items.has(k)) s.items.set(k, v);
    return null;
  },
  issubset(a, _kw, interp) {
    const other = setFrom(interp, a[1]);
    return [...selfSet(a[0], "issubset").items.keys()].every((k) => other.has(k));
  },
  issuperset(a, _kw, interp) {
    const s = selfSet(a[0], "issuperset");
    return [...setFrom(interp, a[1]).keys()].every((k) => s.items.has(k));
  },
  isdisjoint(a, _kw, interp) {
    const s = selfSet(a[0], "isdisjoint");
    return [...setFrom(interp, a[1]).keys()].every((k) => !s.items.has(k));
  },
};

// ---- numbers ----

export const intMethods: Table = {
  bit_length: (a) => BigInt(bitLength(asIndex(a[0]) ?? 0n)),
  conjugate: (a) => a[0],
  is_integer: () => true,
};

export const floatMethods: Table = {
  is_integer: (a) => Number.isInteger(a[0] as number),
  conjugate: (a) => a[0],
  hex: (a) => {
    const x = a[0] as number;
    if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    if (x === 0) return Object.is(x, -0) ? "-0x0.0p+0" : "0x0.0p+0";
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const e = ((hi >>> 20) & 0x7ff);
    const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, "0");
    return `${x < 0 ? "-" : ""}0x${e === 0 ? "0" : "1"}.${mant}p${e === 0 ? -1022 : e - 1023 >= 0 ? "+" + (e - 1023) : e - 1023}`;
  },
};

void repeatCount;

const tables = new Map<PyClass, Table>([
  [C.strClass, strMethods],
  [C.bytesClass, bytesMethods],
  [C.listClass, listMethods],
  [C.tupleClass, tupleMethods],
  [C.dictClass, dictMethods],
  [C.setClass, setMethods],
  [C.frozensetClass, { copy: setMethods.copy, union: setMethods.union, intersection: setMethods.intersection, difference: setMethods.difference, issubset: setMethods.issubset, issuperset: setMethods.issuperset, isdisjoint: setMethods.isdisjoint }],
  [C.intClass, intMethods],
  [C.floatClass, floatMethods],
]);

// dict.fromkeys is a class method: a class attribute, not bound to an instance.
C.dictClass.attrs.set("fromkeys", {
  kind: "builtin",
  name: "fromkeys",
  fn(a, _kw, interp) {
    if (a.length < 1 || a.length > 2) throw pyError("TypeError", `fromkeys expected at most 2 arguments, got ${a.length}`);
    const d: PyDictObject = { kind: "dict", entries: new Map() };
    for (const k of interp.iterate(a[0])) dictSet(interp, d, k, a[1] ?? null);
    return d;
  },
});

export function methodsOf(cls: PyClass): Table | undefined {
  return tables.get(cls);
}
