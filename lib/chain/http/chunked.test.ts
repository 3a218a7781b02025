import { describe, expect, it } from "vitest";
import { decodeChunked } from "./chunked";

describe("decodeChunked (ngx_http_parse_chunked)", () => {
  it("decodes sizes with extensions, leading zeros, LF-only lines and trailers", () => {
    expect(decodeChunked("3;name=val\r\nabc\r\n0;x\r\nTrailer: 1\r\n\r\n", 0)).toEqual({ state: "ok", body: "abc", sizes: [3, 0] });
    expect(decodeChunked("0000000003\r\nabc\r\n0\r\n\r\n", 0)).toMatchObject({ state: "ok", body: "abc" });
    expect(decodeChunked("3\nabc\n0\n\n", 0)).toMatchObject({ state: "ok", body: "abc" });
    expect(decodeChunked("3 \r\nabc\r\n0\r\n\r\n", 0)).toMatchObject({ state: "ok", body: "abc" });
  });
  it("finds what nginx refuses: a leading space, a bare CR in an extension, data longer than its size, a non-hex size", () => {
    for (const b of [" 3\r\nabc\r\n0\r\n\r\n", "3;a\rb\r\nabc\r\n0\r\n\r\n", "3\r\nabcd\r\n0\r\n\r\n", "g\r\nabc\r\n0\r\n\r\n"]) {
      expect(decodeChunked(b, 0).state, JSON.stringify(b)).toBe("invalid");
    }
  });
  it("lists sizes read before an error, and reports an unfinished body", () => {
    expect(decodeChunked("2\r\nab\r\n5\r\nxyzxyzxyz", 0)).toMatchObject({ state: "invalid", sizes: [2, 5] });
    expect(decodeChunked("5\r\nab", 0)).toMatchObject({ state: "incomplete", sizes: [5] });
  });
});
