import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MatchOutcome, RequestBinding } from "./map";
import { UrlMap } from "./map";
import { parseRule } from "./rule";
import { routeValueToString } from "./values";

/** The rules of fixtures/routing/app.py, registered as Flask registers them. */
function routingMap(): UrlMap {
  const map = new UrlMap();
  const rules: Array<[string, string, string[]?]> = [
    ["/", "index"],
    ["/about/", "about"],
    ["/users/<int:user_id>", "user"],
    ["/users/<name>", "user_by_name"],
    ["/users/me", "me"],
    ["/files/<path:subpath>", "files"],
    ["/files/<path:subpath>/edit", "edit"],
    ["/price/<float:amount>", "price"],
    ["/temp/<int(signed=True):deg>", "temp"],
    ["/year/<int(fixed_digits=4):y>", "year"],
    ["/page/<int(min=1, max=9):n>", "page"],
    ["/code/<string(length=2):lang>", "code"],
    ["/nick/<string(minlength=3, maxlength=5):nick>", "nick"],
    ["/obj/<uuid:oid>", "obj"],
    ["/pick/<any(cat, dog):animal>", "pick"],
    ["/only-post", "only_post", ["POST"]],
    ["/item", "item_get", ["GET"]],
    ["/item", "item_post", ["POST"]],
    ["/links", "links"],
  ];
  for (const [rule, endpoint, methods] of rules) {
    const added = map.add(rule, { endpoint, methods: methods ?? null });
    if ("pyType" in added) throw new Error(added.message);
  }
  return map;
}

interface CapturedRequest {
  method: string;
  path: string;
  path_info?: string;
  query?: string;
  headers?: Array<[string, string]>;
}
interface Captured {
  status: string;
  headers: Array<[string, string]>;
  body: string;
}

const fixtureDir = path.join(import.meta.dirname, "..", "fixtures", "routing");
const requests = JSON.parse(readFileSync(path.join(fixtureDir, "requests.json"), "utf8")) as CapturedRequest[];
const expected = JSON.parse(readFileSync(path.join(fixtureDir, "expected.json"), "utf8")) as Captured[];

function bind(req: CapturedRequest): RequestBinding {
  const host = (req.headers ?? [["Host", "localhost"]]).find(([k]) => k === "Host")?.[1] ?? "localhost";
  const serverName = (host.endsWith(":80") ? host.slice(0, -3) : host).toLowerCase();
  const rawPath = req.path_info ?? req.path;
  // The fixture gives PATH_INFO as latin-1 text; the router sees it after the WSGI decoding dance.
  const pathInfo = new TextDecoder().decode(Uint8Array.from([...rawPath].map((c) => c.charCodeAt(0))));
  return { serverName, scheme: "http", scriptName: "", pathInfo, queryString: req.query ?? "", method: req.method };
}

function describeOutcome(outcome: MatchOutcome): string {
  switch (outcome.kind) {
    case "match":
      return `match ${outcome.rule.endpoint}`;
    case "not-found":
      return "404";
    case "method-not-allowed":
      return `405 ${[...outcome.allowed].sort().join(",")}`;
    case "redirect":
      return `308 ${outcome.to}`;
    case "raised":
      return "500";
  }
}

describe("UrlMap against Werkzeug 2.2.2 (fixtures/routing, captured)", () => {
  const map = routingMap();
  requests.forEach((req, i) => {
    const real = expected[i];
    if (req.path === "/links") return;
    it(`${req.method} ${req.path}${req.query ? `?${req.query}` : ""} → ${real.status}`, () => {
      const outcome = map.match(bind(req));
      const code = Number(real.status.split(" ")[0]);
      if (code === 200) {
        expect(outcome.kind).toBe("match");
      } else if (code === 404) {
        expect(describeOutcome(outcome)).toBe("404");
      } else if (code === 405) {
        const allow = real.headers.find(([k]) => k === "Allow")?.[1] ?? "";
        expect(describeOutcome(outcome)).toBe(`405 ${allow.split(", ").sort().join(",")}`);
      } else if (code === 308) {
        const location = real.headers.find(([k]) => k === "Location")?.[1];
        expect(describeOutcome(outcome)).toBe(`308 ${location}`);
      }
      if (outcome.kind === "match" && req.method !== "OPTIONS" && req.method !== "HEAD") {
        // The captured view bodies print the converted values: check ours agree.
        const shown = outcome.values.map(([, v]) => routeValueToString(v));
        for (const value of shown) expect(real.body).toContain(value);
      }
    });
  });

  it("hands the view typed values: int stays int, uuid is lower-cased", () => {
    const map2 = routingMap();
    const user = map2.match(bind({ method: "GET", path: "/users/0042" }));
    expect(user.kind === "match" && user.values).toEqual([["user_id", { type: "int", value: 42n }]]);
    const obj = map2.match(bind({ method: "GET", path: "/obj/ABCDEF12-1234-5678-1234-567812345678" }));
    expect(obj.kind === "match" && obj.values[0][1]).toEqual({ type: "uuid", value: "abcdef12-1234-5678-1234-567812345678" });
    const price = map2.match(bind({ method: "GET", path: "/price/1.50" }));
    expect(price.kind === "match" && price.values[0][1]).toEqual({ type: "float", value: 1.5 });
  });

  it("prefers a static segment over a converter, and int over string", () => {
    const m = routingMap();
    expect(describeOutcome(m.match(bind({ method: "GET", path: "/users/me" })))).toBe("match me");
    expect(describeOutcome(m.match(bind({ method: "GET", path: "/users/7" })))).toBe("match user");
    expect(describeOutcome(m.match(bind({ method: "GET", path: "/users/x7" })))).toBe("match user_by_name");
  });

  it("answers a POST to a slash rule's slashless URL with 404, not 405 (Werkzeug's quirk)", () => {
    expect(describeOutcome(routingMap().match(bind({ method: "POST", path: "/about" })))).toBe("404");
  });
});

describe("url building (url_for) against the captured /links page", () => {
  it("builds the same URLs as Flask 2.2.2", () => {
    const map = routingMap();
    const b = { serverName: "localhost", scheme: "http", scriptName: "" };
    const str = (value: string) => ({ type: "str" as const, value });
    const int = (value: bigint) => ({ type: "int" as const, value });
    const built = [
      map.build(b, "index", []),
      map.build(b, "about", []),
      map.build(b, "user", [["user_id", int(7n)]]),
      map.build(b, "user_by_name", [["name", str("김 철수")]]),
      map.build(b, "files", [["subpath", str("a/b c.txt")]]),
      map.build(b, "page", [["n", int(3n)], ["q", str("x y")], ["lang", str("ko")]]),
      map.build(b, "about", [], true),
      map.build(b, "year", [["y", int(7n)]]),
    ];
    const linksIndex = requests.findIndex((r) => r.path === "/links");
    expect(built.join("\n")).toBe(expected[linksIndex].body);
  });

  it("reports a missing value or an unknown endpoint as BuildError", () => {
    const map = routingMap();
    const b = { serverName: "localhost", scheme: "http", scriptName: "" };
    expect(map.build(b, "user", [])).toMatchObject({ pyType: "BuildError" });
    expect(map.build(b, "nowhere", [])).toMatchObject({ pyType: "BuildError" });
  });
});

describe("rule registration errors are Python's", () => {
  it("refuses rules without a leading slash, malformed rules and unknown converters", () => {
    const map = new UrlMap();
    expect(map.add("about", { endpoint: "a" })).toEqual({ pyType: "ValueError", message: "urls must start with a leading slash" });
    expect(map.add("/x/<int:id", { endpoint: "b" })).toEqual({ pyType: "ValueError", message: "malformed url rule: '/x/<int:id'" });
    expect(map.add("/x/<foo:id>", { endpoint: "c" })).toEqual({ pyType: "LookupError", message: "the converter 'foo' does not exist" });
  });
});

describe("parsed rules are shared", () => {
  it("parses a rule text once and freezes the result", () => {
    const a = parseRule("/cached/<int:n>/<path:rest>");
    expect(parseRule("/cached/<int:n>/<path:rest>")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if ("pyType" in a) throw new Error("parse failed");
    expect(Object.isFrozen(a.parts[1])).toBe(true);
    // Two maps built from the shared parse match alike and independently.
    const m1 = new UrlMap();
    const m2 = new UrlMap();
    m1.add("/cached/<int:n>/<path:rest>", { endpoint: "one" });
    m2.add("/cached/<int:n>/<path:rest>", { endpoint: "two" });
    m2.add("/cached/<int:n>/x", { endpoint: "static" });
    const b = { serverName: "localhost", scheme: "http", scriptName: "", pathInfo: "/cached/3/x", queryString: "", method: "GET" };
    expect(m1.match(b)).toMatchObject({ kind: "match", rule: { endpoint: "one" } });
    expect(m2.match(b)).toMatchObject({ kind: "match", rule: { endpoint: "static" } });
  });
});
