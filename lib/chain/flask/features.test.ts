/**
 * The Flask features added for real student apps (blueprints, route defaults, config loading, multipart uploads,
 * collections): each fixture folder was captured from the real Flask 2.2.2 by conformance/capture/flask/capture.py
 * and is replayed here through the loader, with all of its files (templates, static, config files).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AppOutcome } from "../contracts";
import type { FixtureResponse } from "./fixtures.testkit";
import { readFixture } from "./fixtures.testkit";
import { EPOCH, gunicornEnviron, loadFolder } from "./fixture-run.testkit";

/** Status, headers (Allow as a set: real Werkzeug joins a Python set), body and log, as the user sees them. */
function expectSame(outcome: AppOutcome, real: FixtureResponse): void {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  const log = outcome.output
    .filter((o) => o.stream === "stderr")
    .map((o) => o.text)
    .join("")
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, "[TIMESTAMP]");
  expect(log).toBe(real.log);
  expect(outcome.status).toBe(real.status);
  if (real.body !== undefined) expect(new TextDecoder().decode(outcome.body)).toBe(real.body);
  else expect(Buffer.from(outcome.body).toString("base64")).toBe(real.bodyBase64);
  const normalize = (headers: Array<[string, string]>) => headers.map(([k, v]) => [k, k === "Allow" ? v.split(", ").sort().join(", ") : v]);
  expect(normalize(outcome.headers)).toEqual(normalize(real.headers));
}

export const FEATURE_FIXTURES = ["blueprints", "route_defaults"];

for (const name of FEATURE_FIXTURES) {
  describe(`fixtures/${name}: the loader matches the real Flask 2.2.2`, () => {
    const fixture = readFixture(name);
    const app = loadFolder(path.join(import.meta.dirname, "fixtures", name));
    fixture.requests.forEach((req, i) => {
      it(`${i}: ${req.method} ${req.path}${req.query ? `?${req.query}` : ""} → ${fixture.expected[i].status}`, () => {
        expectSame(app.call(gunicornEnviron(req), { startAt: 5, epochMs: EPOCH }), fixture.expected[i]);
      });
    });
  });
}
