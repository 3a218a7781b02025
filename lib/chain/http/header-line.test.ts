import { describe, expect, it } from "vitest";
import { parseHeaderLine } from "./header-line";

describe("parseHeaderLine (ngx_http_parse_header_line, ignore_invalid_headers on)", () => {
  it("trims spaces around the value but keeps tabs", () => {
    expect(parseHeaderLine("Foo:\tbar\t \r\n", 0)).toMatchObject({ kind: "header", name: "Foo", value: "\tbar\t", invalid: false });
    expect(parseHeaderLine("Baz:  q  r  \r\n", 0)).toMatchObject({ value: "q  r" });
  });
  it("takes a line without a colon as a header with an empty value", () => {
    expect(parseHeaderLine("Foo\r\n", 0)).toMatchObject({ kind: "header", name: "Foo", value: "", invalid: false });
  });
  it("marks names with _ . / or high bytes invalid (the line is then ignored)", () => {
    for (const l of ["X_Y: 1", "A.B: 2", "Foo/bar", "X-\xe9: 1"]) expect(parseHeaderLine(l + "\r\n", 0), l).toMatchObject({ kind: "header", invalid: true });
  });
  it("refuses a space or tab in the name, a leading space (obs-fold), a leading colon, NUL in the value, CR then a byte", () => {
    for (const l of ["Foo bar\r\n", "Foo : 1\r\n", " 2\r\n", ":a: 1\r\n", "Foo: a\x00b\r\n", "Foo: a\rBar: b\r\n", "\rX: 1\r\n"]) {
      expect(parseHeaderLine(l, 0), JSON.stringify(l)).toMatchObject({ kind: "error" });
    }
  });
  it("accepts LF and CR CR LF line ends and finds the empty line", () => {
    expect(parseHeaderLine("Foo: a\r\r\nX", 0)).toMatchObject({ kind: "header", value: "a", next: 9 });
    expect(parseHeaderLine("Foo: a\nX", 0)).toMatchObject({ kind: "header", value: "a", next: 7 });
    expect(parseHeaderLine("\r\nbody", 0)).toEqual({ kind: "end", next: 2 });
    expect(parseHeaderLine("Foo: a", 0)).toEqual({ kind: "again" });
  });
});
