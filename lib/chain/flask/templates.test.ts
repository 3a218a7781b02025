import path from "node:path";
import { describe, it } from "vitest";
import { readFixture } from "./fixtures.testkit";
import { EPOCH, expectSameResponse, gunicornEnviron, loadFolder } from "./fixture-run.testkit";

describe("fixtures/templates: render_template through the loader matches the real Flask 2.2.2 + Jinja2 3.1.2", () => {
  const fixture = readFixture("templates");
  const app = loadFolder(path.join(import.meta.dirname, "fixtures", "templates"));
  fixture.requests.forEach((req, i) => {
    it(`${req.method} ${req.path} → ${fixture.expected[i].status}`, () => {
      expectSameResponse(app.call(gunicornEnviron(req), { startAt: 5, epochMs: EPOCH }), fixture.expected[i]);
    });
  });
});
