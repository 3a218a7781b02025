import { describe, expect, it } from "vitest";
import { slugifyHeading } from "./headings";

describe("slugifyHeading", () => {
  it("keeps Hangul, lowercases Latin and joins words with dashes", () => {
    expect(slugifyHeading("HTTP 요청과 응답!")).toBe("http-요청과-응답");
    expect(slugifyHeading("WSGI: 파이썬 쪽 약속")).toBe("wsgi-파이썬-쪽-약속");
  });
  it("never returns an empty id", () => {
    expect(slugifyHeading("!!!")).toBe("section");
  });
});
