import { describe, expect, it } from "vitest";
import { capturedFor, readFixture } from "./fixtures.testkit";
import type { JsonValue } from "./json";
import { flaskJsonBody } from "./json";
import { parsePythonJson } from "./json-parse";

const responses = readFixture("responses");
const int = (n: number | bigint) => ({ int: BigInt(n) });

describe("Flask 2.2 JSON bodies", () => {
  it("sorts keys, uses compact separators, escapes non-ASCII, ends with a newline", () => {
    const value: JsonValue = {
      dict: [
        ["name", "김철수"],
        ["age", int(20)],
        ["score", 9.5],
        ["tags", ["a", "b"]],
        ["ok", true],
        ["none", null],
      ],
    };
    expect(flaskJsonBody(value)).toBe(capturedFor(responses, "/dict").body);
  });

  it("writes floats as Python's repr and ints of any size", () => {
    const value: JsonValue = [0.1, 1e16, 1e-5, 123456789.123, 3.0, -0, int(10n ** 20n)];
    expect(flaskJsonBody(value)).toBe(capturedFor(responses, "/jsonify-floats").body);
    expect(flaskJsonBody([1, int(2)])).toBe("[1.0,2]\n");
  });

  it("sorts nested dicts and keeps list order", () => {
    const value: JsonValue = [int(1), 2.0, "three", { dict: [["z", int(1)], ["a", int(2)]] }];
    expect(flaskJsonBody(value)).toBe(capturedFor(responses, "/list").body);
  });

  it("refuses mixed key types like sorted() does", () => {
    expect(flaskJsonBody({ dict: [["a", null], [int(1), null]] })).toEqual({
      pyType: "TypeError",
      message: "'<' not supported between instances of 'int' and 'str'",
    });
  });

  it("escapes control characters and quotes", () => {
    expect(flaskJsonBody('a"b\\\n\u0001\u00e9')).toBe('"a\\"b\\\\\\n\\u0001\\u00e9"\n');
  });
});

describe("json.loads as Python parses request bodies", () => {
  it("keeps ints and floats apart and accepts NaN", () => {
    expect(parsePythonJson('{"a": 1, "b": 1.0, "c": 1e3, "d": NaN}')).toEqual({
      ok: true,
      value: { dict: [["a", int(1)], ["b", 1], ["c", 1000], ["d", Number.NaN]] },
    });
  });
  it("reports errors with Python's position text", () => {
    expect(parsePythonJson("{bad")).toEqual({
      ok: false,
      message: "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    });
    expect(parsePythonJson("")).toEqual({ ok: false, message: "Expecting value: line 1 column 1 (char 0)" });
    expect(parsePythonJson("[1] x")).toEqual({ ok: false, message: "Extra data: line 1 column 5 (char 4)" });
  });
  it("lets the last duplicate key win at the first key's place", () => {
    expect(parsePythonJson('{"a": 1, "b": 2, "a": 3}')).toEqual({
      ok: true,
      value: { dict: [["a", int(3)], ["b", int(2)]] },
    });
  });
  it("stops at absurd nesting instead of overflowing", () => {
    const r = parsePythonJson("[".repeat(5000));
    expect(r.ok).toBe(false);
  });
});
