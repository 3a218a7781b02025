/**
 * Jinja2 3.1's lexer with Flask's settings (default delimiters, no line statements, trim_blocks and lstrip_blocks
 * off, keep_trailing_newline off): template text → tokens. One left-to-right scan, no backtracking regex, so its
 * time is linear in the template's length.
 */
import { TemplateSyntaxError } from "./errors";

export type TokenType =
  | "data"
  | "variable_begin"
  | "variable_end"
  | "block_begin"
  | "block_end"
  | "name"
  | "string"
  | "integer"
  | "float"
  | "operator"
  | "eof";

export interface Token {
  type: TokenType;
  /** Text of data/name/operator tokens, the decoded value of a string, the number's source text. */
  value: string;
  line: number;
}

const OPERATORS = ["//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"];
const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Python's str.isspace for the characters a template holds. */
function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

function isNameStart(ch: string): boolean {
  return /[\p{L}_]/u.test(ch);
}

function isNameChar(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** str.rstrip() without a backtracking regex (`/\s+$/` is quadratic on long inner whitespace). */
function rstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Newlines as Jinja normalises them (\r\n, \r → \n) and one trailing newline dropped. */
export function normaliseSource(source: string): string {
  let text = source.replace(/\r\n?/g, "\n");
  if (text.endsWith("\n")) text = text.slice(0, -1);
  return text;
}

/** Python's unicode-escape decoding of a string literal's body, for the escapes templates use. */
function unescape(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i];
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };
    if (next in simple) out += simple[next];
    else if ((next === "x" || next === "u" || next === "U") && /^[0-9a-fA-F]+$/.test(body.slice(i + 1, i + 1 + { x: 2, u: 4, U: 8 }[next]))) {
      const n = { x: 2, u: 4, U: 8 }[next];
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else out += `\\${next}`;
  }
  return out;
}

/** The Environment's block whitespace settings (Flask leaves both off; an app may set them on app.jinja_env). */
export interface LexerOptions {
  /** trim_blocks: the first newline after a block tag or comment is removed. */
  trimBlocks?: boolean;
  /** lstrip_blocks: spaces and tabs from a line's start up to a block tag or comment are removed. */
  lstripBlocks?: boolean;
  /** Extensions the app added (app.jinja_env.add_extension): "loopcontrols" ({% break %}, {% continue %}), "do". */
  loopControls?: boolean;
  doTag?: boolean;
}

/**
 * lstrip_blocks on the data before a tag: drops the trailing run of whitespace after its last newline (or, at a
 * line start, all of it) when nothing else is on that line.
 */
function lstripLine(data: string, lineStarting: boolean): string {
  let i = data.length;
  while (i > 0 && data[i - 1] !== "\n" && isSpace(data[i - 1])) i--;
  if (i === data.length || !(i === 0 ? lineStarting : data[i - 1] === "\n")) return data;
  return data.slice(0, i);
}

export function tokenize(source: string, options: LexerOptions = {}): Token[] {
  const text = normaliseSource(source);
  const trim = options.trimBlocks === true;
  const lstrip = options.lstripBlocks === true;
  const tokens: Token[] = [];
  let pos = 0;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  /** 1-based line of an offset (binary search over the line starts). */
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  /** Whether whitespace after the closing tag must be stripped (a `-%}` before it). */
  let stripNext = false;

  const pushData = (data: string, at: number) => {
    if (data !== "") tokens.push({ type: "data", value: data, line: lineAt(at) });
  };

  while (pos < text.length) {
    // ---- data up to the next tag opener
    let open = text.indexOf("{", pos);
    while (open !== -1 && !"{%#".includes(text[open + 1] ?? "")) open = text.indexOf("{", open + 1);
    let data = text.slice(pos, open === -1 ? text.length : open);
    if (stripNext) {
      const stripped = data.replace(/^\s+/, "");
      pos += data.length - stripped.length;
      data = stripped;
      stripNext = false;
    }
    if (open === -1) {
      pushData(data, pos);
      break;
    }
    const kind = text[open + 1];
    const sign = text[open + 2];
    // {% raw %} … {% endraw %}
    const raw = kind === "%" ? /^\{%[-+]?\s*raw\s*[-+]?%\}/.exec(text.slice(open, open + 64)) : null;
    if (sign === "-") data = rstrip(data);
    else if (sign !== "+" && lstrip && kind !== "{") data = lstripLine(data, pos === 0 || text[pos - 1] === "\n");
    pushData(data, pos);
    pos = open;
    const line = lineAt(open);
    if (raw) {
      const endRe = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
      endRe.lastIndex = open + raw[0].length;
      const end = endRe.exec(text);
      if (!end) throw new TemplateSyntaxError("Missing end of raw directive", line);
      let from = open + raw[0].length;
      if (raw[0].endsWith("-%}")) while (from < end.index && isSpace(text[from])) from++;
      let body = text.slice(from, end.index);
      if (end[1] === "-") body = rstrip(body);
      else if (end[1] === "" && lstrip) body = lstripLine(body, text[from - 1] === "\n");
      pushData(body, from);
      pos = end.index + end[0].length;
      stripNext = end[2] === "-";
      if (trim && end[2] === "" && text[pos] === "\n") pos++;
      continue;
    }
    if (kind === "#") {
      const close = text.indexOf("#}", open + 2);
      if (close === -1) throw new TemplateSyntaxError("Missing end of comment tag", line);
      pos = close + 2;
      const closeSign = close - 1 >= open + 2 ? text[close - 1] : "";
      stripNext = closeSign === "-";
      if (trim && closeSign !== "-" && closeSign !== "+" && text[pos] === "\n") pos++;
      continue;
    }
    tokens.push({ type: kind === "{" ? "variable_begin" : "block_begin", value: `{${kind}`, line });
    pos = open + 2 + (sign === "-" || sign === "+" ? 1 : 0);
    const endText = kind === "{" ? "}}" : "%}";
    const stack: string[] = [];
    let closed = false;
    // ---- tokens inside the tag
    while (pos < text.length) {
      const ch = text[pos];
      if (isSpace(ch)) {
        pos++;
        continue;
      }
      const line = lineAt(pos);
      if (stack.length === 0) {
        if (ch === "-" && text.startsWith(endText, pos + 1)) {
          tokens.push({ type: kind === "{" ? "variable_end" : "block_end", value: endText, line });
          pos += 3;
          stripNext = true;
          closed = true;
          break;
        }
        if (ch === "+" && kind === "%" && text.startsWith(endText, pos + 1)) {
          tokens.push({ type: "block_end", value: endText, line });
          pos += 3;
          closed = true;
          break;
        }
        if (text.startsWith(endText, pos)) {
          tokens.push({ type: kind === "{" ? "variable_end" : "block_end", value: endText, line });
          pos += 2;
          if (trim && kind === "%" && text[pos] === "\n") pos++;
          closed = true;
          break;
        }
      }
      if (isNameStart(ch)) {
        let end = pos + 1;
        while (end < text.length && isNameChar(text[end])) end++;
        tokens.push({ type: "name", value: text.slice(pos, end), line });
        pos = end;
        continue;
      }
      if (isDigit(ch)) {
        let end = pos;
        while (isDigit(text[end]) || (text[end] === "_" && isDigit(text[end + 1]))) end++;
        let type: TokenType = "integer";
        if (text[end] === "." && isDigit(text[end + 1])) {
          end++;
          while (isDigit(text[end]) || (text[end] === "_" && isDigit(text[end + 1]))) end++;
          type = "float";
        }
        const exp = /^[eE][+-]?\d+/.exec(text.slice(end, end + 12));
        if (exp) {
          end += exp[0].length;
          type = "float";
        }
        tokens.push({ type, value: text.slice(pos, end).replace(/_/g, ""), line });
        pos = end;
        continue;
      }
      if (ch === "'" || ch === '"') {
        let end = pos + 1;
        while (end < text.length && text[end] !== ch) end += text[end] === "\\" ? 2 : 1;
        if (end >= text.length) throw new TemplateSyntaxError(`unexpected char ${ch === "'" ? '"\'"' : "'\"'"} at ${pos}`, line);
        tokens.push({ type: "string", value: unescape(text.slice(pos + 1, end)), line });
        pos = end + 1;
        continue;
      }
      const op = OPERATORS.find((o) => text.startsWith(o, pos));
      if (op === undefined) throw new TemplateSyntaxError(`unexpected char ${pyCharRepr(ch)} at ${pos}`, line);
      if (op in CLOSING) stack.push(CLOSING[op]);
      else if (op === ")" || op === "]" || op === "}") {
        if (stack.length === 0) throw new TemplateSyntaxError(`unexpected '${op}'`, line);
        const expected = stack.pop();
        if (expected !== op) throw new TemplateSyntaxError(`unexpected '${op}', expected '${expected}'`, line);
      }
      tokens.push({ type: "operator", value: op, line });
      pos += op.length;
    }
    if (!closed) break;
  }
  tokens.push({ type: "eof", value: "", line: lineAt(text.length) });
  return tokens;
}

function pyCharRepr(ch: string): string {
  return ch === "'" ? `"'"` : `'${ch}'`;
}

/** How Jinja2 names a token in error messages (describe_token). */
export function describeToken(token: Token): string {
  switch (token.type) {
    case "name":
    case "operator":
      return token.value;
    case "variable_end":
      return "end of print statement";
    case "block_end":
      return "end of statement block";
    case "variable_begin":
      return "begin of print statement";
    case "block_begin":
      return "begin of statement block";
    case "data":
      return "template data / text";
    case "eof":
      return "end of template";
    default:
      return token.type;
  }
}
