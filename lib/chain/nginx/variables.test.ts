/**
 * Directive arguments are split into literals and variables once per text (`compileTemplate`); expanding the split
 * form must give what scanning the text for every request gave.
 */
import { describe, expect, it } from "vitest";
import { utf8ToLatin1 } from "../http/bytes";
import type { ParsedRequest } from "../http/parse-request";
import type { RequestContext } from "./context";
import { compileTemplate, interpolate, variable } from "./variables";

/** The scan every call used to do (before templates were split once per text). */
function scan(ctx: RequestContext, template: string): string {
  if (!template.includes("$")) return utf8ToLatin1(template);
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template[i] !== "$") {
      const next = template.indexOf("$", i);
      const end = next < 0 ? template.length : next;
      out += utf8ToLatin1(template.slice(i, end));
      i = end;
      continue;
    }
    let name: string;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      if (close < 0) {
        out += utf8ToLatin1(template.slice(i));
        break;
      }
      name = template.slice(i + 2, close);
      i = close + 1;
    } else if (/[1-9]/.test(template[i + 1] ?? "")) {
      name = template[i + 1]!;
      i += 2;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += "$";
        i++;
        continue;
      }
      name = m[0];
      i += 1 + name.length;
    }
    out += variable(ctx, name) ?? "";
  }
  return out;
}

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
  const templates = [
    "",
    "plain",
    "한글 text",
    "$uri",
    "${uri}x",
    "$uri$args",
    "$1-$2$3",
    "$10",
    "$",
    "a$",
    "$-x",
    "${",
    "${uri",
    "${}",
    "$mine/$id/$arg_x",
    "$http_user_agent $host:$server_port",
    "안녕 $uri 끝",
    "$$uri",
  ];
  for (const template of templates) {
    it(JSON.stringify(template), () => {
      expect(interpolate(ctx, template)).toBe(scan(ctx, template));
      expect(interpolate(ctx, template)).toBe(scan(ctx, template));
    });
  }

  it("splits each text once", () => {
    expect(compileTemplate("$uri/x")).toBe(compileTemplate("$uri/x"));
    expect(compileTemplate("$uri/x")).toEqual([{ name: "uri" }, "/x"]);
  });
});
