import { describe, expect, it } from "vitest";
import { parseRanges } from "./range";

describe("parseRanges (ngx_http_range_parse) on a 7-byte file", () => {
  it("reads single, open, suffix and spaced ranges", () => {
    expect(parseRanges("1-2", 7)).toEqual({ kind: "ranges", ranges: [[1, 2]] });
    expect(parseRanges("5-", 7)).toEqual({ kind: "ranges", ranges: [[5, 6]] });
    expect(parseRanges("-2", 7)).toEqual({ kind: "ranges", ranges: [[5, 6]] });
    expect(parseRanges(" 1 - 2 , 4 - 5 ", 7)).toEqual({ kind: "ranges", ranges: [[1, 2], [4, 5]] });
    expect(parseRanges("0-1,20-30", 7)).toEqual({ kind: "ranges", ranges: [[0, 1]] });
  });
  it("is unsatisfiable for malformed specs and for nothing inside the file", () => {
    for (const s of ["a-b", "5", "0-1;2-3", "3-1", "10-", "-0", "0-1,", "0-1,,2-3", "1-2\t", "0-99999999999999999999"]) {
      expect(parseRanges(s, 7), s).toEqual({ kind: "unsatisfiable" });
    }
  });
  it("sends the whole file when the ranges add up to more than it", () => {
    expect(parseRanges("0-3,0-3", 7)).toEqual({ kind: "whole" });
    expect(parseRanges("0-0,1-1,2-2,3-3,4-4,5-5,6-6,0-0", 7)).toEqual({ kind: "whole" });
  });
});
