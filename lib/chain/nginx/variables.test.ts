/**
 * Directive arguments are split into literals and variables once per text (`compileTemplate`); expanding the split
 * form gives what nginx's script compiler would: `$name`, `${name}`, one-digit captures, a lone `$` kept as text,
 * and the config's UTF-8 bytes as latin-1 byte strings.
 */
import { describe, expect, it } from "vitest";
import { utf8ToLatin1 } from "../http/bytes";
import type { ParsedRequest } from "../http/parse-request";
import type { RequestContext } from "./context";
import { compileTemplate, interpolate } from "./variables";

const req = {
  method: "GET",
  requestLine: "GET /a?x=1 HTTP/1.1",
  requestUri: "/a?x=1",
  protocol: "HTTP/1.1",
  headers: [["Host", "localhost"], ["User-Agent", "t"]],
  host: "localhost",
  contentLength: null,
  chunked: false,
  body: new Uint8Array(0),
} as unknown as ParsedRequest;

const ctx = {
  req,
  client: { address: "127.0.0.1", port: 5 },
  local: { address: "127.0.0.1", port: 80 },
  server: { names: ["localhost"], directives: [], http: { directives: [] } },
  location: null,
  uri: "/a",
  args: "x=1",
  captures: ["/a", "a"],
  namedCaptures: { id: "7" },
  userVars: new Map([["mine", "v"]]),
  epochMs: 0,
  now: 0,
  startAt: 0,
  status: 200,
  bodyBytesSent: 0,
  connection: 1,
} as unknown as RequestContext;

describe("compiled templates", () => {
  const expected: Array<[string, string]> = [
    ["", ""],
    ["plain", "plain"],
    ["한글 text", utf8ToLatin1("한글 text")],
    ["$uri", "/a"],
    ["${uri}x", "/ax"],
    ["$uri$args", "/ax=1"],
    ["$1-$2$3", "a-"], // $1 is the first group; $2 and $3 do not exist
    ["$10", "a0"], // a capture is one digit
    ["$", "$"],
    ["a$", "a$"],
    ["$-x", "$-x"],
    ["${", "${"],
    ["${uri", "${uri"],
    ["${}", ""],
    ["$mine/$id/$arg_x", "v/7/1"],
    ["$http_user_agent $host:$server_port", "t localhost:80"],
    ["안녕 $uri 끝", `${utf8ToLatin1("안녕 ")}/a${utf8ToLatin1(" 끝")}`],
    ["$$uri", "$/a"],
  ];
  for (const [template, value] of expected) {
    it(JSON.stringify(template), () => {
      expect(interpolate(ctx, template)).toBe(value);
      expect(interpolate(ctx, template)).toBe(value); // again, from the cached split
    });
  }

  it("splits each text once", () => {
    expect(compileTemplate("$uri/x")).toBe(compileTemplate("$uri/x"));
    expect(compileTemplate("$uri/x")).toEqual([{ name: "uri" }, "/x"]);
  });
});
