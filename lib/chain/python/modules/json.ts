/** `json`: dumps/loads with Python's exact text and error messages (JSONDecodeError positions). */
import { JSONDecodeError, newException, pyError, PyRaise } from "../classes";
import { dictSet, newDict } from "../dict";
import { floatRepr } from "../floatfmt";
import { MAX_STR_LENGTH } from "../limits";
import { typeName } from "../objects";
import { compareOp } from "../ops";
import { decodeBytes } from "../text";
import type { Kwargs, PyModule, PyValue, TracebackEntry, Runtime } from "../values";
import { isInstance, pyBuiltin, pyList, pyModule, strOf } from "../values";

export interface JsonDumpsOptions {
  indent?: number | string | null;
  sortKeys?: boolean;
  separators?: [string, string] | null;
  ensureAscii?: boolean;
  allowNan?: boolean;
  skipKeys?: boolean;
  /** Called for values json cannot serialize (Python's `default=`); may throw a PyRaise. */
  default?: ((v: PyValue) => PyValue) | null;
}

export function encodeJsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
    }
    if (c < 0x20 || (ensureAscii && c > 0x7e)) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** json.dumps as Python writes it. Throws PyRaise (TypeError/ValueError) like Python. */
export function jsonDumps(interp: Runtime, value: PyValue, o: JsonDumpsOptions = {}): string {
  const indent = o.indent === undefined || o.indent === null ? null : typeof o.indent === "number" ? " ".repeat(Math.max(0, Math.min(o.indent, 1000))) : o.indent;
  const [itemSep, keySep] = o.separators ?? (indent === null ? [", ", ": "] : [",", ": "]);
  const ensureAscii = o.ensureAscii ?? true;
  const allowNan = o.allowNan ?? true;
  const stack = new Set<object>();
  let size = 0;
  const floatText = (x: number): string => {
    if (Number.isNaN(x) || !Number.isFinite(x)) {
      if (!allowNan) throw pyError("ValueError", "Out of range float values are not JSON compliant");
      return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
    }
    return floatRepr(x);
  };
  const enc = (v: PyValue, level: number): string => {
    interp.charge(1);
    if (v === null) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "bigint") return interp.intToString(v);
    if (typeof v === "number") return floatText(v);
    const s = strOf(v);
    if (s !== undefined) {
      size += s.length;
      if (size > MAX_STR_LENGTH) throw pyError("MemoryError");
      return encodeJsonString(s, ensureAscii);
    }
    if (typeof v !== "object") return "";
    if (v.kind === "list" || v.kind === "tuple" || v.kind === "dict") {
      if (stack.has(v)) throw pyError("ValueError", "Circular reference detected");
      stack.add(v);
      try {
        return interp.guardRecursion(() => container(v, level));
      } finally {
        stack.delete(v);
      }
    }
    if (o.default) {
      if (stack.has(v)) throw pyError("ValueError", "Circular reference detected");
      stack.add(v);
      try {
        return enc(o.default(v), level);
      } finally {
        stack.delete(v);
      }
    }
    throw pyError("TypeError", `Object of type ${typeName(v)} is not JSON serializable`);
  };
  const container = (v: Extract<PyValue, { kind: "list" | "tuple" | "dict" }>, level: number): string => {
    const nl = indent === null ? "" : "\n" + indent.repeat(level + 1);
    const close = indent === null ? "" : "\n" + indent.repeat(level);
    if (v.kind === "dict") {
      if (!v.entries.size) return "{}";
      let entries = [...v.entries.values()];
      if (o.sortKeys) {
        entries = [...entries].sort((a, b) => (compareOp(interp, "<", a[0], b[0]) ? -1 : compareOp(interp, "<", b[0], a[0]) ? 1 : 0));
      }
      const parts: string[] = [];
      for (const [k, x] of entries) {
        let key: string;
        const ks = strOf(k);
        if (ks !== undefined) key = ks;
        else if (typeof k === "number") key = floatText(k);
        else if (k === true) key = "true";
        else if (k === false) key = "false";
        else if (k === null) key = "null";
        else if (typeof k === "bigint") key = interp.intToString(k);
        else if (o.skipKeys) continue;
        else throw pyError("TypeError", `keys must be str, int, float, bool or None, not ${typeName(k)}`);
        parts.push(encodeJsonString(key, ensureAscii) + keySep + enc(x, level + 1));
      }
      if (!parts.length) return "{}";
      return "{" + nl + parts.join(itemSep + nl) + close + "}";
    }
    if (!v.items.length) return "[]";
    return "[" + nl + v.items.map((x) => enc(x, level + 1)).join(itemSep + nl) + close + "]";
  };
  return enc(value, 0);
}

// ---- loads ----

class Decoder {
  constructor(private readonly s: string, private readonly interp: Runtime) {}

  error(msg: string, pos: number): PyRaise {
    const s = this.s;
    const lineno = s.slice(0, pos).split("\n").length;
    const lastNl = s.lastIndexOf("\n", pos - 1);
    const colno = lastNl < 0 ? pos + 1 : pos - lastNl;
    const exc = newException(JSONDecodeError, [`${msg}: line ${lineno} column ${colno} (char ${pos})`]);
    exc.attrs.set("msg", msg);
    exc.attrs.set("doc", s);
    exc.attrs.set("pos", BigInt(pos));
    exc.attrs.set("lineno", BigInt(lineno));
    exc.attrs.set("colno", BigInt(colno));
    return new PyRaise(exc);
  }

  ws(i: number): number {
    while (i < this.s.length && " \t\n\r".includes(this.s[i])) i++;
    return i;
  }

  /** Returns [value, end] or throws; `null` result position means "Expecting value" at i. */
  value(i: number): [PyValue, number] {
    this.interp.charge(1);
    const s = this.s;
    const c = s[i];
    if (c === '"') return this.string(i + 1);
    if (c === "{") return this.interp.guardRecursion(() => this.object(i + 1));
    if (c === "[") return this.interp.guardRecursion(() => this.array(i + 1));
    if (c === "n" && s.startsWith("null", i)) return [null, i + 4];
    if (c === "t" && s.startsWith("true", i)) return [true, i + 4];
    if (c === "f" && s.startsWith("false", i)) return [false, i + 5];
    if (c === "N" && s.startsWith("NaN", i)) return [NaN, i + 3];
    if (c === "I" && s.startsWith("Infinity", i)) return [Infinity, i + 8];
    if (c === "-" && s.startsWith("-Infinity", i)) return [-Infinity, i + 9];
    const m = /^(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/.exec(s.slice(i, i + 5000));
    if (m && m[0] !== "-" && m[0] !== "") {
      if (m[2] || m[3]) return [Number(m[0]), i + m[0].length];
      if (m[1].replace("-", "").length > 4300) {
        throw pyError("ValueError", `Exceeds the limit (4300 digits) for integer string conversion: value has ${m[1].replace("-", "").length} digits; use sys.set_int_max_str_digits() to increase the limit`);
      }
      return [BigInt(m[1]), i + m[0].length];
    }
    throw this.error("Expecting value", i);
  }

  string(begin: number): [PyValue, number] {
    const s = this.s;
    let out = "";
    let i = begin;
    for (;;) {
      if (i >= s.length) throw this.error("Unterminated string starting at", begin - 1);
      const c = s[i];
      if (c === '"') return [out, i + 1];
      if (c === "\\") {
        const e = s[i + 1];
        if (e === undefined) throw this.error("Unterminated string starting at", begin - 1);
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e in simple) {
          out += simple[e];
          i += 2;
          continue;
        }
        if (e !== "u") throw this.error("Invalid \\escape", i);
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error("Invalid \\uXXXX escape", i + 1);
        let cp = parseInt(hex, 16);
        i += 6;
        if (cp >= 0xd800 && cp <= 0xdbff && s[i] === "\\" && s[i + 1] === "u") {
          const hex2 = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex2)) throw this.error("Invalid \\uXXXX escape", i + 1);
          const lo = parseInt(hex2, 16);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 6;
          }
        }
        out += String.fromCodePoint(cp);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw this.error("Invalid control character at", i);
      out += c;
      i++;
    }
  }

  object(i: number): [PyValue, number] {
    const s = this.s;
    const d = newDict();
    i = this.ws(i);
    if (s[i] === "}") return [d, i + 1];
    if (s[i] !== '"') throw this.error("Expecting property name enclosed in double quotes", i);
    for (;;) {
      const [key, afterKey] = this.string(i + 1);
      i = this.ws(afterKey);
      if (s[i] !== ":") throw this.error("Expecting ':' delimiter", i);
      i = this.ws(i + 1);
      const [v, end] = this.value(i);
      dictSet(this.interp, d, key, v);
      i = this.ws(end);
      if (s[i] === "}") return [d, i + 1];
      if (s[i] !== ",") throw this.error("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
      if (s[i] !== '"') throw this.error("Expecting property name enclosed in double quotes", i);
    }
  }

  array(i: number): [PyValue, number] {
    const s = this.s;
    const items: PyValue[] = [];
    i = this.ws(i);
    if (s[i] === "]") return [pyList(items), i + 1];
    for (;;) {
      const [v, end] = this.value(i);
      items.push(v);
      i = this.ws(end);
      if (s[i] === "]") return [pyList(items), i + 1];
      if (s[i] !== ",") throw this.error("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }
}

export function jsonLoads(interp: Runtime, v: PyValue): PyValue {
  let s = strOf(v);
  if (s === undefined) {
    if (v !== null && typeof v === "object" && v.kind === "bytes") s = decodeBytes(v.data);
    else throw pyError("TypeError", `the JSON object must be str, bytes or bytearray, not ${typeName(v)}`);
  } else if (s.startsWith("\ufeff")) {
    throw new PyRaise(newException(JSONDecodeError, ["Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"]));
  }
  const d = new Decoder(s, interp);
  const start = d.ws(0);
  let parsed: [PyValue, number];
  try {
    parsed = d.value(start);
  } catch (e) {
    if (e instanceof PyRaise && e.exception.cls === JSONDecodeError) {
      // The frames of json/__init__.py and json/decoder.py that CPython shows for this error
      const topLevel = e.exception.attrs.get("pos") === BigInt(start) && (e.exception.attrs.get("msg") === "Expecting value");
      e.exception.exception!.traceback.push(FRAME_LOADS, FRAME_DECODE, topLevel ? FRAME_RAW_DECODE_STOP : FRAME_RAW_DECODE_SCAN);
    }
    throw e;
  }
  const after = d.ws(parsed[1]);
  if (after !== s.length) {
    const err = d.error("Extra data", after);
    err.exception.exception!.traceback.push(FRAME_LOADS, FRAME_EXTRA);
    throw err;
  }
  return parsed[0];
}

const INIT = "/usr/lib/python3.11/json/__init__.py";
const DECODER = "/usr/lib/python3.11/json/decoder.py";
const FRAME_LOADS: TracebackEntry = { filename: INIT, line: 346, name: "loads", source: "        return _default_decoder.decode(s)", colStart: 15, colEnd: 41 };
const FRAME_DECODE: TracebackEntry = { filename: DECODER, line: 337, name: "decode", source: "        obj, end = self.raw_decode(s, idx=_w(s, 0).end())", colStart: 19, colEnd: 57 };
const FRAME_EXTRA: TracebackEntry = { filename: DECODER, line: 340, name: "decode", source: '            raise JSONDecodeError("Extra data", s, end)', colStart: 12, colEnd: 55 };
const FRAME_RAW_DECODE_SCAN: TracebackEntry = { filename: DECODER, line: 353, name: "raw_decode", source: "            obj, end = self.scan_once(s, idx)", colStart: 23, colEnd: 45 };
const FRAME_RAW_DECODE_STOP: TracebackEntry = {
  filename: DECODER,
  line: 355,
  name: "raw_decode",
  source: '            raise JSONDecodeError("Expecting value", s, err.value) from None',
  colStart: 12,
  colEnd: 76,
};

function dumpsOptions(interp: Runtime, kwargs: Kwargs): JsonDumpsOptions {
  const known = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"];
  for (const k of kwargs.keys()) if (!known.includes(k)) throw pyError("TypeError", `dumps() got an unexpected keyword argument '${k}'`);
  const o: JsonDumpsOptions = {};
  const indent = kwargs.get("indent");
  if (indent !== undefined && indent !== null) {
    if (typeof indent === "bigint") o.indent = Number(indent > 1000n ? 1000n : indent);
    else if (strOf(indent) !== undefined) o.indent = strOf(indent)!;
    else throw pyError("TypeError", `can't multiply sequence by non-int of type '${typeName(indent)}'`);
  }
  const seps = kwargs.get("separators");
  if (seps !== undefined && seps !== null) {
    const items = interp.iterate(seps);
    if (items.length !== 2) throw pyError("ValueError", `not enough values to unpack (expected 2, got ${items.length})`);
    const [a, b] = items.map((x) => strOf(x));
    if (a === undefined || b === undefined) throw pyError("TypeError", "separators must be strings");
    o.separators = [a, b];
  }
  if (kwargs.has("sort_keys")) o.sortKeys = interp.truthy(kwargs.get("sort_keys")!);
  if (kwargs.has("ensure_ascii")) o.ensureAscii = interp.truthy(kwargs.get("ensure_ascii")!);
  if (kwargs.has("allow_nan")) o.allowNan = interp.truthy(kwargs.get("allow_nan")!);
  if (kwargs.has("skipkeys")) o.skipKeys = interp.truthy(kwargs.get("skipkeys")!);
  const def = kwargs.get("default");
  if (def !== undefined && def !== null) o.default = (v) => interp.call(def, [v]);
  return o;
}

export function jsonModule(interp: Runtime): PyModule {
  const mod = pyModule("json", {
    dumps: pyBuiltin("dumps", (args, kwargs) => {
      if (args.length !== 1) throw pyError("TypeError", `dumps() takes 1 positional argument but ${args.length} were given`);
      return jsonDumps(interp, args[0], dumpsOptions(interp, kwargs));
    }),
    loads: pyBuiltin("loads", (args, kwargs) => {
      if (args.length !== 1) throw pyError("TypeError", `loads() takes 1 positional argument but ${args.length} were given`);
      void kwargs;
      return jsonLoads(interp, args[0]);
    }),
    JSONDecodeError,
  });
  mod.file = "/usr/lib/python3.11/json/__init__.py";
  void isInstance;
  void newDict;
  return mod;
}
