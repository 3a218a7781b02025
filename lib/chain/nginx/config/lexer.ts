import { josa } from "../../korean";
/**
 * Tokenizer with nginx's own rules (ngx_conf_read_token in ngx_conf_file.c): words separated by blanks, `;`,
 * `{`, `}`, `#` comments, "double" and 'single' quotes, backslash escapes and `${var}` inside words.
 *
 * nginx reads a directive's words up to its `;` or `{` and hands them on; so does `nextStatement` here. Line
 * numbers are 1-based; the line of a statement's terminator is what nginx prints in its messages.
 */

export const MAX_TOKENS = 20_000;

export interface Word {
  value: string;
  line: number;
  quoted: boolean;
}

export type Statement =
  /** Words ended by `;` (`end`) or by `{` (`block-start`). `line` is where the terminator was read. */
  | { kind: "end" | "block-start"; words: Word[]; line: number }
  | { kind: "block-done"; line: number }
  | { kind: "eof"; line: number }
  /** A syntax error: nginx stops reading the file here. `message` has no ` in file:line` suffix. */
  | { kind: "error"; message: string; messageKo: string; line: number; words: Word[]; limit?: boolean };

const isBlank = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";

/** Turns the raw text between a word's delimiters into its value, as nginx does when it stores the word. */
function unescape(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\" && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === '"' || n === "'" || n === "\\") {
        out += n;
        i++;
        continue;
      }
      if (n === "t") { out += "\t"; i++; continue; }
      if (n === "r") { out += "\r"; i++; continue; }
      if (n === "n") { out += "\n"; i++; continue; }
    }
    out += c;
  }
  return out;
}

export class Lexer {
  private pos = 0;
  private line = 1;
  private tokens = 0;

  constructor(private readonly text: string) {}

  /** Reads the next statement, exactly as nginx's reader returns to its parser. */
  nextStatement(): Statement {
    const t = this.text;
    const words: Word[] = [];
    let lastSpace = true;
    let needSpace = false;
    let sharpComment = false;
    let quoted = false;
    let sQuoted = false;
    let dQuoted = false;
    let variable = false;
    let start = 0;
    let startLine = this.line;

    const fail = (message: string, messageKo: string, limit = false): Statement => ({
      kind: "error", message, messageKo, line: this.line, words, ...(limit ? { limit } : {}),
    });

    for (;;) {
      if (this.pos >= t.length) {
        if (words.length > 0 || !lastSpace) {
          return fail(
            'unexpected end of file, expecting ";" or "}"',
            '파일이 끝났는데 지시어가 ";" 또는 "}"로 끝나지 않았습니다. 따옴표나 세미콜론이 빠졌는지 확인하세요.',
          );
        }
        return { kind: "eof", line: this.line };
      }
      const ch = t[this.pos++];
      if (ch === "\n") {
        this.line++;
        if (sharpComment) sharpComment = false;
      }
      if (sharpComment) continue;
      if (quoted) {
        quoted = false;
        continue;
      }
      if (needSpace) {
        if (isBlank(ch)) {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch === ";") return { kind: "end", words, line: this.line };
        if (ch === "{") return { kind: "block-start", words, line: this.line };
        if (ch === ")") {
          lastSpace = true;
          needSpace = false;
        } else {
          return fail(`unexpected "${ch}"`, `닫는 따옴표 바로 뒤에 "${ch}"${josa(ch, "이/가")} 붙어 있습니다. 따옴표 뒤에는 공백, ";" 또는 "{"가 와야 합니다.`);
        }
      }
      if (lastSpace) {
        start = this.pos - 1;
        startLine = this.line;
        if (isBlank(ch)) continue;
        switch (ch) {
          case ";":
          case "{":
            if (words.length === 0) {
              return fail(`unexpected "${ch}"`, `지시어 이름 없이 "${ch}"${josa(ch, "이/가")} 나왔습니다. 앞 줄의 지시어가 이미 끝났는지 확인하세요.`);
            }
            return { kind: ch === "{" ? "block-start" : "end", words, line: this.line };
          case "}":
            if (words.length !== 0) {
              return fail('unexpected "}"', '";"로 끝나지 않은 지시어 뒤에 "}"가 나왔습니다. 바로 앞 지시어 끝에 ";"를 붙이세요.');
            }
            return { kind: "block-done", line: this.line };
          case "#":
            sharpComment = true;
            continue;
          case "\\":
            quoted = true;
            lastSpace = false;
            continue;
          case '"':
            start++;
            dQuoted = true;
            lastSpace = false;
            continue;
          case "'":
            start++;
            sQuoted = true;
            lastSpace = false;
            continue;
          case "$":
            variable = true;
            lastSpace = false;
            continue;
          default:
            lastSpace = false;
        }
      } else {
        if (ch === "{" && variable) continue;
        variable = false;
        if (ch === "\\") {
          quoted = true;
          continue;
        }
        if (ch === "$") {
          variable = true;
          continue;
        }
        let found = false;
        let wasQuoted = false;
        if (dQuoted) {
          if (ch === '"') {
            dQuoted = false;
            needSpace = true;
            found = true;
            wasQuoted = true;
          }
        } else if (sQuoted) {
          if (ch === "'") {
            sQuoted = false;
            needSpace = true;
            found = true;
            wasQuoted = true;
          }
        } else if (isBlank(ch) || ch === ";" || ch === "{") {
          lastSpace = true;
          found = true;
        }
        if (found) {
          if (++this.tokens > MAX_TOKENS) {
            return fail("too many tokens", `설정이 너무 깁니다. 단어(토큰)는 ${MAX_TOKENS}개까지만 허용됩니다.`, true);
          }
          words.push({ value: unescape(t.slice(start, this.pos - 1)), line: startLine, quoted: wasQuoted });
          if (ch === ";") return { kind: "end", words, line: this.line };
          if (ch === "{") return { kind: "block-start", words, line: this.line };
        }
      }
    }
  }
}

/** What the loader reads statements from: the lexer itself, or a replay of one file's statements read before. */
export interface StatementSource {
  nextStatement(): Statement;
}

/**
 * Every statement of a text, up to and including its end (eof or the error nginx stops at). Statements and words
 * are frozen: a replay hands the same objects to every configuration that includes the file.
 */
export function lexAll(text: string): readonly Statement[] {
  const lexer = new Lexer(text);
  const out: Statement[] = [];
  for (;;) {
    const st = lexer.nextStatement();
    if ("words" in st) {
      for (const w of st.words) Object.freeze(w);
      Object.freeze(st.words);
    }
    out.push(Object.freeze(st));
    if (st.kind === "eof" || st.kind === "error") return out;
  }
}

/** Replays statements read once by lexAll, as the lexer would return them again. */
export class ReplayLexer implements StatementSource {
  private at = 0;
  constructor(private readonly statements: readonly Statement[]) {}

  nextStatement(): Statement {
    const st = this.statements[Math.min(this.at, this.statements.length - 1)]!;
    this.at++;
    return st;
  }
}
