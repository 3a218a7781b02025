import { describe, expect, test } from "vitest";
import { Lexer, MAX_TOKENS, type Statement } from "./lexer";

function all(text: string): Statement[] {
  const lx = new Lexer(text);
  const out: Statement[] = [];
  for (let i = 0; i < 1000; i++) {
    const st = lx.nextStatement();
    out.push(st);
    if (st.kind === "eof" || st.kind === "error") break;
  }
  return out;
}

const words = (st: Statement) => (st.kind === "end" || st.kind === "block-start" ? st.words.map((w) => w.value) : []);

describe("Lexer (ngx_conf_read_token rules)", () => {
  test("splits words on blanks and ends statements at ; and {", () => {
    const [a, b, c, d] = all("server {\n  listen  80;\n}\n");
    expect(a.kind).toBe("block-start");
    expect(words(a)).toEqual(["server"]);
    expect(words(b)).toEqual(["listen", "80"]);
    expect(c.kind).toBe("block-done");
    expect(d.kind).toBe("eof");
  });

  test("quotes keep blanks, ; and { and mark the word quoted; escapes are decoded", () => {
    const [st] = all('return 200 "a; {b} \\"q\\" \\n" \'x y\';');
    expect(st.kind).toBe("end");
    if (st.kind !== "end") return;
    expect(st.words.map((w) => w.value)).toEqual(["return", "200", 'a; {b} "q" \n', "x y"]);
    expect(st.words.map((w) => w.quoted)).toEqual([false, false, true, true]);
  });

  test("an unknown escape keeps its backslash (regexes rely on it)", () => {
    expect(words(all("location ~ \\.php$ {")[0])).toEqual(["location", "~", "\\.php$"]);
  });

  test("${var} does not end a word at its brace, a bare { does", () => {
    expect(words(all("return 200 ${host}x;")[0])).toEqual(["return", "200", "${host}x"]);
    const [st] = all("location ~ ^/a{2}$ x;");
    expect(st.kind).toBe("block-start");
    expect(words(st)).toEqual(["location", "~", "^/a"]);
  });

  test("# starts a comment only at a word start", () => {
    const [st] = all("# comment ;\nadd_header X-A a#b; # trailing\n");
    expect(words(st)).toEqual(["add_header", "X-A", "a#b"]);
  });

  test("the statement line is the terminator's line, each word keeps its own", () => {
    const [st] = all("\nfoo\n  bar\n  ;");
    expect(st.kind).toBe("end");
    if (st.kind !== "end") return;
    expect(st.line).toBe(4);
    expect(st.words.map((w) => w.line)).toEqual([2, 3]);
  });

  test("CRLF line endings count lines once", () => {
    const sts = all("a 1;\r\nb 2;\r\nc 3;\r\n");
    expect(sts.slice(0, 3).map((s) => (s.kind === "end" ? s.line : -1))).toEqual([1, 2, 3]);
  });

  test("syntax errors carry nginx's words and the line where reading stopped", () => {
    expect(all('root "/x;\n}\n').at(-1)).toMatchObject({ kind: "error", message: 'unexpected end of file, expecting ";" or "}"', line: 3 });
    expect(all('root "/x"y;').at(-1)).toMatchObject({ kind: "error", message: 'unexpected "y"' });
    expect(all("  ;").at(-1)).toMatchObject({ kind: "error", message: 'unexpected ";"', line: 1 });
    expect(all("a\nb }").at(-1)).toMatchObject({ kind: "error", message: 'unexpected "}"', line: 2 });
    expect(all("listen 80").at(-1)).toMatchObject({ kind: "error", message: 'unexpected end of file, expecting ";" or "}"' });
  });

  test("a closing brace inside a word is part of the word", () => {
    expect(words(all("root /x};")[0])).toEqual(["root", "/x}"]);
  });

  test("stops with an error past the token limit", () => {
    const last = all("a ".repeat(MAX_TOKENS + 5) + ";").at(-1);
    expect(last).toMatchObject({ kind: "error", message: "too many tokens" });
  });
});
