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
