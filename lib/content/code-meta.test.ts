import { describe, expect, it } from "vitest";
import { languageForFile, parseCodeMeta, parseLineList, parseLineRange } from "./code-meta";

describe("parseCodeMeta", () => {
  it("reads a quoted title and highlighted lines", () => {
    expect(parseCodeMeta('title="nginx.conf" {2,5-7}')).toEqual({ title: "nginx.conf", highlight: [2, 5, 6, 7] });
  });
  it("accepts single quotes, bare titles and a start line", () => {
    expect(parseCodeMeta("title='a b.py' start=5")).toEqual({ title: "a b.py", highlight: [], startLine: 5 });
    expect(parseCodeMeta("title=app.py").title).toBe("app.py");
  });
  it("returns no title and no highlight for an empty meta", () => {
    expect(parseCodeMeta(undefined)).toEqual({ highlight: [] });
    expect(parseCodeMeta("")).toEqual({ highlight: [] });
  });
  it("caps absurd ranges instead of looping for ever", () => {
    expect(parseLineList("1-999999").length).toBe(2000);
  });
});

describe("parseLineRange", () => {
  it("parses single lines and ranges", () => {
    expect(parseLineRange("5-9")).toEqual({ from: 5, to: 9 });
    expect(parseLineRange(" 7 ")).toEqual({ from: 7, to: 7 });
  });
  it("rejects reversed, zero and malformed ranges", () => {
    expect(parseLineRange("9-5")).toBeUndefined();
    expect(parseLineRange("0-3")).toBeUndefined();
    expect(parseLineRange("a-b")).toBeUndefined();
  });
});

describe("languageForFile", () => {
  it("maps scenario file names to shiki languages", () => {
    expect(languageForFile("nginx-uwsgi.conf")).toBe("nginx");
    expect(languageForFile("app.py")).toBe("python");
    expect(languageForFile("uwsgi.ini")).toBe("ini");
    expect(languageForFile("scenario.json")).toBe("json");
    expect(languageForFile("README")).toBe("text");
  });
});
