/**
 * JSON text exactly as Flask 2.2's DefaultJSONProvider writes a response outside debug mode:
 * json.dumps(obj, sort_keys=True, ensure_ascii=True, separators=(",", ":")) plus a trailing "\n",
 * mimetype application/json.
 */
import { pythonFloatRepr } from "./routing/values";
import type { PyError } from "./routing/values";

/** A JSON-able Python value; int and float stay apart as in Python. */
export type JsonValue =
  | null
  | boolean
  | { int: bigint }
  | number
  | string
  | JsonValue[]
  | { dict: Array<[JsonKey, JsonValue]> };

/** dict keys json.dumps accepts. */
export type JsonKey = string | { int: bigint } | number | boolean | null;

/** Output larger than this many characters is refused as a MemoryError (user data is bounded). */
export const MAX_JSON_CHARS = 16 * 1024 * 1024;

/** Python's json string encoder with ensure_ascii=True. */
export function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function isInt(v: unknown): v is { int: bigint } {
  return typeof v === "object" && v !== null && "int" in v;
}

function isDict(v: JsonValue): v is { dict: Array<[JsonKey, JsonValue]> } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "dict" in v;
}

function floatText(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return pythonFloatRepr(x);
}

function keyText(key: JsonKey): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  if (isInt(key)) return key.int.toString();
  return floatText(key);
}

function keyKind(key: JsonKey): "str" | "num" | "none" {
  if (typeof key === "string") return "str";
  if (key === null) return "none";
  return "num";
}

function keyTypeName(key: JsonKey): string {
  if (typeof key === "string") return "str";
  if (key === null) return "NoneType";
  if (typeof key === "boolean") return "bool";
  return isInt(key) ? "int" : "float";
}

function keyNumber(key: JsonKey): number {
  if (typeof key === "boolean") return key ? 1 : 0;
  if (isInt(key)) return Number(key.int);
  return key as number;
}

/** sorted(dct.items()) as json.dumps(sort_keys=True) does, with its TypeError for mixed key types. */
function sortItems(items: Array<[JsonKey, JsonValue]>): Array<[JsonKey, JsonValue]> | PyError {
  if (items.length < 2) return items;
  const kinds = new Set(items.map(([k]) => keyKind(k)));
  if (kinds.size > 1 || kinds.has("none")) {
    const first = items[0][0];
    const other = items.find(([k]) => keyKind(k) !== keyKind(first) || keyKind(k) === "none")?.[0] ?? first;
    return {
      pyType: "TypeError",
      message: `'<' not supported between instances of '${keyTypeName(other)}' and '${keyTypeName(first)}'`,
    };
  }
  const copy = [...items];
  if (kinds.has("str")) {
    // Python compares str by code point; JS < compares UTF-16 units, which differs only above U+FFFF.
    copy.sort(([a], [b]) => comparePy(a as string, b as string));
  } else {
    copy.sort(([a], [b]) => keyNumber(a) - keyNumber(b));
  }
  return copy;
}

function comparePy(a: string, b: string): number {
  const ai = [...a];
  const bi = [...b];
  for (let i = 0; i < Math.min(ai.length, bi.length); i += 1) {
    const d = (ai[i].codePointAt(0) ?? 0) - (bi[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ai.length - bi.length;
}

/** The JSON text (without the trailing newline) or the Python error json.dumps raises. */
export function flaskJsonDumps(value: JsonValue): string | PyError {
  const parts: string[] = [];
  let size = 0;
  const push = (s: string): boolean => {
    size += s.length;
    parts.push(s);
    return size <= MAX_JSON_CHARS;
  };
  const seen = new Set<object>();
  const walk = (v: JsonValue, depth: number): PyError | null => {
    if (depth > 1000) return { pyType: "ValueError", message: "Circular reference detected" };
    if (v === null) return push("null") ? null : tooBig();
    if (typeof v === "boolean") return push(v ? "true" : "false") ? null : tooBig();
    if (typeof v === "number") return push(floatText(v)) ? null : tooBig();
    if (typeof v === "string") return push(jsonString(v)) ? null : tooBig();
    if (isInt(v)) return push(v.int.toString()) ? null : tooBig();
    if (seen.has(v)) return { pyType: "ValueError", message: "Circular reference detected" };
    seen.add(v);
    if (Array.isArray(v)) {
      push("[");
      for (let i = 0; i < v.length; i += 1) {
        if (i > 0) push(",");
        const err = walk(v[i], depth + 1);
        if (err) return err;
      }
      seen.delete(v);
      return push("]") ? null : tooBig();
    }
    if (isDict(v)) {
      const sorted = sortItems(v.dict);
      if ("pyType" in sorted) return sorted;
      push("{");
      for (let i = 0; i < sorted.length; i += 1) {
        if (i > 0) push(",");
        push(jsonString(keyText(sorted[i][0])));
        push(":");
        const err = walk(sorted[i][1], depth + 1);
        if (err) return err;
      }
      seen.delete(v);
      return push("}") ? null : tooBig();
    }
    return { pyType: "TypeError", message: "Object is not JSON serializable" };
  };
  const err = walk(value, 0);
  if (err) return err;
  return parts.join("");
}

function tooBig(): PyError {
  return { pyType: "ValueError", message: "JSON output too large" };
}

/** The body of jsonify(...) / a dict or list return: JSON text and a newline. */
export function flaskJsonBody(value: JsonValue): string | PyError {
  const text = flaskJsonDumps(value);
  return typeof text === "string" ? `${text}\n` : text;
}
