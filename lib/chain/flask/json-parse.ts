/**
 * json.loads as Python 3.11 does it, for request.get_json(): ints stay ints (any size), NaN / Infinity /
 * -Infinity are accepted, duplicate keys keep the last value at the first key's position, control characters
 * inside strings are errors (strict mode). Errors carry json's message (`Expecting value: line 1 column 1 (char 0)`).
 */
import type { JsonKey, JsonValue } from "./json";

export type JsonParseResult = { ok: true; value: JsonValue } | { ok: false; message: string };

/** Nesting deeper than this is refused (CPython would hit its recursion limit near here). */
export const MAX_JSON_DEPTH = 900;

class JsonError {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;

export function parsePythonJson(text: string): JsonParseResult {
  let pos = 0;
  const skip = (): void => {
    WS.lastIndex = pos;
    WS.exec(text);
    pos = WS.lastIndex;
  };

  const parseString = (): string => {
    // pos is just after the opening quote
    const start = pos - 1;
    let out = "";
    for (;;) {
      if (pos >= text.length) throw new JsonError("Unterminated string starting at", start);
      const ch = text[pos];
      if (ch === '"') {
        pos += 1;
        return out;
      }
      if (ch === "\\") {
        const esc = text[pos + 1];
        if (esc === undefined) throw new JsonError("Unterminated string starting at", start);
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (esc in simple) {
          out += simple[esc];
          pos += 2;
          continue;
        }
        if (esc === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonError("Invalid \\uXXXX escape", pos + 1);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
          continue;
        }
        throw new JsonError("Invalid \\escape", pos);
      }
      if (ch.charCodeAt(0) < 0x20) throw new JsonError("Invalid control character at", pos);
      out += ch;
      pos += 1;
    }
  };

  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_JSON_DEPTH) throw new JsonError("Nesting too deep", pos);
    const ch = text[pos];
    if (ch === '"') {
      pos += 1;
      return parseString();
    }
    if (ch === "{") return parseObject(depth);
    if (ch === "[") return parseArray(depth);
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith("NaN", pos)) {
      pos += 3;
      return Number.NaN;
    }
    if (text.startsWith("Infinity", pos)) {
      pos += 8;
      return Infinity;
    }
    if (text.startsWith("-Infinity", pos)) {
      pos += 9;
      return -Infinity;
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      pos = NUMBER.lastIndex;
      if (m[2] === undefined && m[3] === undefined) {
        if (m[1].length > 4300) throw new JsonError("Exceeds the limit (4300 digits) for integer string conversion", pos);
        return { int: BigInt(m[1]) };
      }
      return Number(m[0]);
    }
    throw new JsonError("Expecting value", pos);
  };

  const parseObject = (depth: number): JsonValue => {
    pos += 1;
    const items: Array<[JsonKey, JsonValue]> = [];
    const index = new Map<string, number>();
    skip();
    if (text[pos] === "}") {
      pos += 1;
      return { dict: items };
    }
    for (;;) {
      if (text[pos] !== '"') throw new JsonError("Expecting property name enclosed in double quotes", pos);
      pos += 1;
      const key = parseString();
      skip();
      if (text[pos] !== ":") throw new JsonError("Expecting ':' delimiter", pos);
      pos += 1;
      skip();
      const value = parseValue(depth + 1);
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, items.length);
        items.push([key, value]);
      } else {
        items[at] = [key, value];
      }
      skip();
      if (text[pos] === "}") {
        pos += 1;
        return { dict: items };
      }
      if (text[pos] !== ",") throw new JsonError("Expecting ',' delimiter", pos);
      pos += 1;
      skip();
    }
  };

  const parseArray = (depth: number): JsonValue => {
    pos += 1;
    const items: JsonValue[] = [];
    skip();
    if (text[pos] === "]") {
      pos += 1;
      return items;
    }
    for (;;) {
      skip();
      items.push(parseValue(depth + 1));
      skip();
      if (text[pos] === "]") {
        pos += 1;
        return items;
      }
      if (text[pos] !== ",") throw new JsonError("Expecting ',' delimiter", pos);
      pos += 1;
    }
  };

  try {
    skip();
    const value = parseValue(0);
    skip();
    if (pos !== text.length) throw new JsonError("Extra data", pos);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, message: `${e.msg}: ${lineCol(text, e.pos)}` };
    throw e;
  }
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const col = pos - (before.lastIndexOf("\n") + 1) + 1;
  return `line ${line} column ${col} (char ${pos})`;
}
