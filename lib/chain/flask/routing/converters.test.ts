import { describe, expect, it } from "vitest";
import { makeConverter, parseConverterArgs } from "./converters";

/** Expected values printed by werkzeug.routing.rules.parse_converter_args on Werkzeug 2.2.2. */
describe("parse_converter_args", () => {
  it.each([
    ["min=1, max=9", [], { min: 1, max: 9 }],
    ["length=2", [], { length: 2 }],
    ["cat, dog", ["cat", "dog"], {}],
    ['"a,b", x', ["a,b", "x"], {}],
    ["signed=True", [], { signed: true }],
    ["1.5, 2.", [1.5, 2.0], {}],
    ['u"x y"', ["x y"], {}],
  ])("%s", (text, args, kwargs) => {
    const parsed = parseConverterArgs(text);
    expect(parsed.args).toEqual(args);
    expect(Object.fromEntries(parsed.kwargs)).toEqual(kwargs);
  });
});

describe("converters", () => {
  it("int(fixed_digits) pads when building and refuses other lengths when matching", () => {
    const c = makeConverter("int", "fixed_digits=4");
    if ("pyType" in c) throw new Error(c.message);
    expect(c.toUrl({ type: "int", value: 7n })).toBe("0007");
    expect(c.toPython("24")).toBeNull();
    expect(c.toPython("2024")).toEqual({ type: "int", value: 2024n });
  });

  it("any() refuses values outside its list when building, like Werkzeug 2.2", () => {
    const c = makeConverter("any", "cat, dog");
    if ("pyType" in c) throw new Error(c.message);
    expect(c.toUrl({ type: "str", value: "cow" })).toEqual({ pyType: "ValueError", message: "'cow' is not one of 'cat', 'dog'" });
  });

  it("unknown keyword arguments are Python TypeErrors", () => {
    expect(makeConverter("string", "size=3")).toEqual({
      pyType: "TypeError",
      message: "UnicodeConverter.__init__() got an unexpected keyword argument 'size'",
    });
  });
});
