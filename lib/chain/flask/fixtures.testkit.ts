/** Test-only helper (uses node:fs; never imported by the library): read a fixture folder captured from the real Flask 2.2.2. */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface FixtureRequest {
  method: string;
  path: string;
  path_info?: string;
  query?: string;
  headers?: Array<[string, string]>;
  body?: string;
}

export interface FixtureResponse {
  status: string;
  headers: Array<[string, string]>;
  body?: string;
  bodyBase64?: string;
  log: string;
}

export interface Fixture {
  dir: string;
  source: string;
  requests: FixtureRequest[];
  expected: FixtureResponse[];
}

export function readFixture(name: string): Fixture {
  const dir = path.join(import.meta.dirname, "fixtures", name);
  return {
    dir,
    source: readFileSync(path.join(dir, "app.py"), "utf8"),
    requests: JSON.parse(readFileSync(path.join(dir, "requests.json"), "utf8")) as FixtureRequest[],
    expected: JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as FixtureResponse[],
  };
}

/** The captured response for the request to `path` (first one, or the n-th with that path). */
export function capturedFor(fixture: Fixture, requestPath: string, nth = 0): FixtureResponse {
  const indexes = fixture.requests.flatMap((r, i) => (r.path === requestPath ? [i] : []));
  const index = indexes[nth];
  if (index === undefined) throw new Error(`no captured request for ${requestPath}`);
  return fixture.expected[index];
}
