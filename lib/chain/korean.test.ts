import { describe, expect, it } from "vitest";
import { josa, withJosa } from "./korean";

describe("josa", () => {
  it("reads the last Hangul syllable, with ㄹ taking 로", () => {
    expect(withJosa("파일", "을/를")).toBe("파일을");
    expect(withJosa("서버", "을/를")).toBe("서버를");
    expect(withJosa("파일", "으로/로")).toBe("파일로");
    expect(withJosa("폴더", "으로/로")).toBe("폴더로");
    expect(withJosa("응답", "으로/로")).toBe("응답으로");
    expect(withJosa("응답", "과/와")).toBe("응답과");
    expect(withJosa("브라우저", "이/가")).toBe("브라우저가");
  });

  it("reads digits as Korean numbers", () => {
    expect(withJosa("200", "을/를")).toBe("200을");
    expect(withJosa("404", "이/가")).toBe("404가");
    expect(withJosa("502", "은/는")).toBe("502는");
    expect(withJosa("301", "으로/로")).toBe("301로");
    expect(withJosa("127.0.0.1", "으로/로")).toBe("127.0.0.1로");
    expect(withJosa("413", "과/와")).toBe("413과");
  });

  it("reads Latin words and paths as they are said", () => {
    expect(withJosa("@app", "으로/로")).toBe("@app으로");
    expect(withJosa("/run/gunicorn.sock", "을/를")).toBe("/run/gunicorn.sock을");
    expect(withJosa("index.html", "을/를")).toBe("index.html을");
    expect(withJosa("index.html", "으로/로")).toBe("index.html로");
    expect(withJosa("/static/style.css", "을/를")).toBe("/static/style.css를");
    expect(withJosa("/ping", "으로/로")).toBe("/ping으로");
    expect(withJosa("/hello/cju", "으로/로")).toBe("/hello/cju로");
    expect(withJosa("location", "이/가")).toBe("location이");
    expect(withJosa("localhost", "은/는")).toBe("localhost는");
    expect(withJosa("/docs/", "으로/로")).toBe("/docs/로");
    expect(withJosa("/", "으로/로")).toBe("/로");
    expect(withJosa("200 OK", "과/와")).toBe("200 OK와");
    expect(withJosa("404 NOT FOUND", "과/와")).toBe("404 NOT FOUND와");
    expect(withJosa("URL", "을/를")).toBe("URL을");
  });

  it("skips closing quotes and brackets", () => {
    expect(josa('"index.html"', "을/를")).toBe("을");
    expect(josa("(200)", "이/가")).toBe("이");
    expect(josa("역참조(\\1)", "은/는")).toBe("는");
    expect(josa("응답(200)", "을/를")).toBe("을");
  });
});
