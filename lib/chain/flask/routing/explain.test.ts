import { describe, expect, it } from "vitest";
import { explainRoute } from "./explain";
import { UrlMap } from "./map";

function map(): UrlMap {
  const m = new UrlMap();
  m.add("/users/<int:user_id>", { endpoint: "user" });
  m.add("/about/", { endpoint: "about" });
  m.add("/echo", { endpoint: "echo", methods: ["POST"] });
  return m;
}
const bind = (pathInfo: string, method = "GET") => ({ serverName: "localhost", scheme: "http", scriptName: "", pathInfo, queryString: "", method });

describe("explainRoute", () => {
  it("marks the matched rule and names the view with its arguments", () => {
    const e = explainRoute(map(), bind("/users/7"));
    expect(e.outcome).toBe("view user(user_id=7)");
    expect(e.tests.map((t) => [t.subject, t.matched])).toEqual([
      ["rule /users/<int:user_id>", true],
      ["rule /about/", false],
      ["rule /echo", false],
    ]);
  });
  it("explains 405 and 308 outcomes", () => {
    expect(explainRoute(map(), bind("/echo")).outcome).toBe("405 Method Not Allowed (Allow: OPTIONS, POST)");
    const r = explainRoute(map(), bind("/about"));
    expect(r.outcome).toBe("308 → http://localhost/about/");
    expect(r.tests[1].note).toContain("308");
  });
});

describe("explainRoute's cache", () => {
  it("gives each caller its own copy, equal to a first computation", () => {
    const first = explainRoute(map(), bind("/users/7"));
    first.tests[0].note = "changed by a caller";
    first.tests.push({ subject: "extra", matched: false });
    const again = explainRoute(map(), bind("/users/7"));
    expect(again.tests).toHaveLength(3);
    expect(again.tests[0].note).toContain("user_id=7");
  });

  it("tells maps apart by their rules, and a map apart from itself once a rule is added", () => {
    const m = map();
    expect(explainRoute(m, bind("/later")).outcome).toBe("404 Not Found");
    m.add("/later", { endpoint: "later" });
    expect(explainRoute(m, bind("/later")).outcome).toBe("view later()");
    const other = new UrlMap();
    other.add("/users/<int:user_id>", { endpoint: "user", methods: ["POST"] });
    expect(explainRoute(other, bind("/users/7")).outcome).toBe("405 Method Not Allowed (Allow: OPTIONS, POST)");
  });

  it("uses the caller's match when given one, with the same result as without", () => {
    const m = map();
    const b = bind("/about");
    expect(explainRoute(m, b, m.match(b))).toEqual(explainRoute(map(), b));
  });
});
