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
import { EPOCH, gunicornEnviron, readFolder } from "./fixture-run.testkit";
import { createFlaskAppLoader } from "./index";

/** An absolute folder (os.path.abspath(__file__) keeps it), shown as {APP_DIR} as capture.py shows the real one. */
const APP_DIR = "/srv/fixture";

function loadFolder(dir: string) {
  const result = createFlaskAppLoader({ appDir: `${APP_DIR}/` }).load(readFolder(dir), "app", "app", {});
  if (!result.ok) throw new Error(`load failed: ${result.error.message}\n${result.traceback}`);
  return result.app;
}

/** Status, headers (Allow as a set: real Werkzeug joins a Python set), body and log, as the user sees them. */
function expectSame(outcome: AppOutcome, real: FixtureResponse): void {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  const log = outcome.output
    .filter((o) => o.stream === "stderr")
    .map((o) => o.text)
    .join("")
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, "[TIMESTAMP]")
    .replaceAll(APP_DIR, "{APP_DIR}");
  expect(log).toBe(real.log);
  expect(outcome.status).toBe(real.status);
  if (real.body !== undefined) expect(new TextDecoder().decode(outcome.body)).toBe(real.body);
  else expect(Buffer.from(outcome.body).toString("base64")).toBe(real.bodyBase64);
  // A sent file's Last-Modified/ETag/Date come from the real file's mtime and the clock: compared by shape.
  const normalize = (headers: Array<[string, string]>) =>
    headers.map(([k, v]) => {
      if (k === "Allow") return [k, v.split(", ").sort().join(", ")];
      if (k === "Last-Modified" || (k === "Date" && headers.some(([h]) => h === "ETag"))) return [k, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/.test(v)];
      if (k === "ETag") return [k, v.replace(/^"\d+(?:\.\d+)?-(\d+)-\d+"$/, "<mtime>-$1-<path checksum>")];
      return [k, v];
    });
  expect(normalize(outcome.headers)).toEqual(normalize(real.headers));
}

export const FEATURE_FIXTURES = ["blueprints", "route_defaults", "send_files", "config_loading", "uploads", "collections_app", "project_modules", "converters"];

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
