import { describe, expect, it } from "vitest";
import { formatHeaderLines, parseHeaderLines } from "./request-bar";

describe("the header editor's text", () => {
  it("reads typed and pasted lines (CRLF too), skipping empty ones and trimming around the colon", () => {
    expect(parseHeaderLines("Host: localhost\r\nAccept-Encoding:  gzip, deflate \r\n\r\nX-Half")).toEqual([
      ["Host", "localhost"],
      ["Accept-Encoding", "gzip, deflate"],
      ["X-Half", ""],
    ]);
  });

  it("a line still being typed parses without touching the others", () => {
    expect(parseHeaderLines("Host: localhost\n")).toEqual([["Host", "localhost"]]);
    expect(parseHeaderLines("Host: localhost\nAccept: ")).toEqual([["Host", "localhost"], ["Accept", ""]]);
  });

  it("prints a preset's headers one per line", () => {
    expect(formatHeaderLines([["Host", "localhost"], ["Content-Type", "application/json"]])).toBe("Host: localhost\nContent-Type: application/json");
  });
});
