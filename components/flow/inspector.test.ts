import { describe, expect, it } from "vitest";
import { pythonRepr } from "./inspector";

describe("environ strs as CPython 3.11's repr prints them", () => {
  it.each([
    ["/hello/cju", "'/hello/cju'"],
    ["it's", `"it's"`],
    [`say "hi" it's`, `'say "hi" it\\'s'`],
    ["/hello/\xed\x95\x9c", "'/hello/í\\x95\\x9c'"],
    ["a\tb\\c\x7f\xa0\xad\xa1", "'a\\tb\\\\c\\x7f\\xa0\\xad¡'"],
  ])("%j", (text, expected) => expect(pythonRepr({ type: "str", value: text })).toBe(expected));
});

describe("pythonRepr", () => {
  it("prints other environ values as Python would", () => {
    expect(pythonRepr({ type: "bool", value: false })).toBe("False");
    expect(pythonRepr({ type: "tuple", value: [1, 0] })).toBe("(1, 0)");
    expect(pythonRepr({ type: "tuple", value: [1] })).toBe("(1,)");
    expect(pythonRepr({ type: "object", repr: "<_io.BytesIO object at 0x7f>" })).toBe("<_io.BytesIO object at 0x7f>");
  });
});
