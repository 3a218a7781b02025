/**
 * Test-only (node:fs): load a fixture folder with all its files (app.py, templates/, static/) through the Flask
 * loader and compare a call with what capture.py recorded from the real Flask 2.2.2.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { AppOutcome, WsgiApplication } from "../contracts";
import type { Environ } from "../trace";
import type { FixtureRequest, FixtureResponse } from "./fixtures.testkit";
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

/** The environ capture.py builds (Gunicorn 20.1 behind nginx), in the same order. */
export function gunicornEnviron(req: FixtureRequest): Environ {
  const body = new TextEncoder().encode(req.body ?? "");
  const latin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
  const env: Environ = [
    ["wsgi.errors", { type: "object", repr: "<gunicorn.http.wsgi.WSGIErrorsWrapper object at 0x7f0000000000>" }],
    ["wsgi.version", { type: "tuple", value: [1, 0] }],
    ["wsgi.multithread", { type: "bool", value: false }],
    ["wsgi.multiprocess", { type: "bool", value: true }],
    ["wsgi.run_once", { type: "bool", value: false }],
    ["wsgi.input_terminated", { type: "bool", value: true }],
    ["SERVER_SOFTWARE", { type: "str", value: "gunicorn/20.1.0" }],
    ["wsgi.input", { type: "object", repr: "<gunicorn.http.body.Body object at 0x7f0000000001>", data: body }],
    ["REQUEST_METHOD", { type: "str", value: req.method }],
    ["QUERY_STRING", { type: "str", value: req.query ?? "" }],
    ["RAW_URI", { type: "str", value: req.path + (req.query ? `?${req.query}` : "") }],
    ["SERVER_PROTOCOL", { type: "str", value: "HTTP/1.0" }],
  ];
  for (const [name, value] of req.headers ?? [["Host", "localhost"]]) {
    const key = name.toUpperCase().replace(/-/g, "_");
    if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") env.push([key, { type: "str", value }]);
    else env.push([`HTTP_${key}`, { type: "str", value: latin1(value) }]);
  }
  if (body.length > 0 && !(req.headers ?? []).some(([k]) => k.toLowerCase() === "content-length")) {
    env.push(["CONTENT_LENGTH", { type: "str", value: String(body.length) }]);
  }
  env.push(
    ["wsgi.url_scheme", { type: "str", value: "http" }],
    ["REMOTE_ADDR", { type: "str", value: "" }],
    ["SERVER_NAME", { type: "str", value: "localhost" }],
    ["SERVER_PORT", { type: "str", value: "80" }],
    ["PATH_INFO", { type: "str", value: req.path_info ?? req.path }],
    ["SCRIPT_NAME", { type: "str", value: "" }],
  );
  return env;
}

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
