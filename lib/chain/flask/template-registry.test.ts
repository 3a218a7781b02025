import path from "node:path";
import { describe, it } from "vitest";
import { readFixture } from "./fixtures.testkit";
import { EPOCH, expectSameResponse, gunicornEnviron, loadFolder } from "./fixture-run.testkit";

describe("fixtures/template_registry: app.template_filter / template_test / template_global, jinja_env and context processors match the real Flask 2.2.2", () => {
  const fixture = readFixture("template_registry");
  const app = loadFolder(path.join(import.meta.dirname, "fixtures", "template_registry"));
  fixture.requests.forEach((req, i) => {
    it(`${req.method} ${req.path} → ${fixture.expected[i].status}`, () => {
      expectSameResponse(app.call(gunicornEnviron(req), { startAt: 5, epochMs: EPOCH }), fixture.expected[i]);
    });
  });
});
