import path from "node:path";
import { describe, it } from "vitest";
import { readFixture } from "./fixtures.testkit";
import { EPOCH, expectSameResponse, gunicornEnviron, loadFolder } from "./fixture-run.testkit";

const CASES = {
  template_registry: "app.template_filter / template_test / template_global, jinja_env's dicts and context processors",
  template_whitespace: "app.jinja_env.trim_blocks, lstrip_blocks and the loopcontrols / do extensions",
};

for (const [name, what] of Object.entries(CASES)) {
  describe(`fixtures/${name}: ${what} match the real Flask 2.2.2`, () => {
    const fixture = readFixture(name);
    const app = loadFolder(path.join(import.meta.dirname, "fixtures", name));
    fixture.requests.forEach((req, i) => {
      it(`${req.method} ${req.path} → ${fixture.expected[i].status}`, () => {
        expectSameResponse(app.call(gunicornEnviron(req), { startAt: 5, epochMs: EPOCH }), fixture.expected[i]);
      });
    });
  });
}
