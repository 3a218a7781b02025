/**
 * Test-only (node:fs): load a fixture folder with all its files (app.py, templates/, static/) through the Flask
 * loader and compare a call with what capture.py recorded from the real Flask 2.2.2.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { AppOutcome, WsgiApplication } from "../contracts";
import type { FixtureResponse } from "./fixtures.testkit";
import { createFlaskAppLoader } from "./index";

export const EPOCH = Date.UTC(2026, 10, 25, 13, 31, 5, 123);

/** Every file under `dir`, by path relative to it. */
export function readFolder(dir: string, prefix = ""): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(dir, relative)).isDirectory()) for (const [k, v] of readFolder(dir, relative)) files.set(k, v);
    else if (name !== "requests.json" && name !== "expected.json") files.set(relative, new Uint8Array(readFileSync(path.join(dir, relative))));
  }
  return files;
}

export function loadFolder(dir: string): WsgiApplication {
  const result = createFlaskAppLoader({ appDir: "{APP_DIR}/" }).load(readFolder(dir), "app", "app", {});
  if (!result.ok) throw new Error(`load failed: ${result.error.message}\n${result.traceback}`);
  return result.app;
}

export { gunicornEnviron } from "./environ.testkit";

/** What a user sees: status line, headers, body, and the log Flask wrote. */
export function expectSameResponse(outcome: AppOutcome, real: FixtureResponse): void {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  const log = outcome.output
    .filter((o) => o.stream === "stderr")
    .map((o) => o.text)
    .join("")
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, "[TIMESTAMP]");
  expect(log).toBe(real.log);
  expect(outcome.status).toBe(real.status);
  expect(new TextDecoder().decode(outcome.body)).toBe(real.body);
  expect(outcome.headers).toEqual(real.headers);
}
