import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMultipart, parseOptionsHeader } from "./multipart";

const enc = (s: string) => new TextEncoder().encode(s);

describe("parse_options_header as Werkzeug 2.2", () => {
  it("reads the boundary and quoted, escaped and RFC 2231 parameters", () => {
    expect(parseOptionsHeader("multipart/form-data; boundary=----X")).toEqual(["multipart/form-data", new Map([["boundary", "----X"]])]);
    expect(parseOptionsHeader('form-data; name="a\\"b"; filename*=UTF-8\'\'%ED%95%9C.txt')[1]).toEqual(
      new Map([["name", 'a"b'], ["filename", "한.txt"]]),
    );
    expect(parseOptionsHeader("")).toEqual(["", new Map()]);
  });
});

describe("multipart bodies (the captured fixtures/uploads covers what Flask answers)", () => {
  it("keeps fields and files in order, with the part's headers", () => {
    const body = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n';
    const form = parseMultipart(enc(body), "b");
    expect(form?.fields).toEqual([["x", "1"]]);
    expect(form?.files.map(([k, f]) => [k, f.filename, f.headers, new TextDecoder().decode(f.data)])).toEqual([
      ["f", "a.txt", [["Content-Disposition", 'form-data; name="f"; filename="a.txt"'], ["Content-Type", "text/plain"]], "hi"],
    ]);
  });

  it("is malformed (null: Flask's form stays empty) without a closing boundary or a Content-Disposition", () => {
    expect(parseMultipart(enc('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1'), "b")).toBeNull();
    expect(parseMultipart(enc("--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--"), "b")).toBeNull();
    expect(parseMultipart(enc("--b--\r\n"), "b")).toEqual({ fields: [], files: [] });
  });

  it("never throws on arbitrary bytes and boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 80 }), (bytes, boundary) => {
        const out = parseMultipart(bytes, boundary);
        expect(out === null || Array.isArray(out.fields)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
