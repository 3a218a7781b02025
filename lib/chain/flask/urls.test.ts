import { describe, expect, it } from "vitest";
import { urlDecode, urlQuote, wsgiDecode } from "./urls";

describe("Werkzeug URL helpers (outputs printed by Werkzeug 2.2.2)", () => {
  it("url_quote keeps always-safe and given characters", () => {
    expect(urlQuote("a b/c:d?e&f=g+h~é", "/:|+")).toBe("a%20b/c:d%3Fe%26f%3Dg+h~%C3%A9");
  });
  it("url_decode keeps bad escapes, turns + into spaces and skips empty pairs", () => {
    expect(urlDecode("a=1&b=%zz&c+d=e+f&&g")).toEqual([
      ["a", "1"],
      ["b", "%zz"],
      ["c d", "e f"],
      ["g", ""],
    ]);
  });
  it("decodes an environ string's latin-1 bytes as UTF-8", () => {
    expect(wsgiDecode("/users/\u00ea\u00b9\u0080")).toBe("/users/김");
  });
});
