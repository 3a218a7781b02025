import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AppOutcome } from "../contracts";
import { gunicornEnviron } from "./environ.testkit";
import { readFixture } from "./fixtures.testkit";
import type { Fixture, FixtureResponse } from "./fixtures.testkit";
import { createFlaskAppLoader } from "./index";
import type { FlaskWsgiApplication } from "./index";
import { adler32 } from "./static-files";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";


const EPOCH = Date.UTC(2026, 10, 25, 13, 31, 5, 123);

function loadFixture(fixture: Fixture) {
  const loader = createFlaskAppLoader({ appDir: "{APP_DIR}/" });
  const files = new Map([["app.py", new TextEncoder().encode(fixture.source)]]);
  const result = loader.load(files, "app", "app", {});
  if (!result.ok) throw new Error(`load failed: ${result.error.message}\n${result.traceback}`);
  return result.app;
}

/** Compare what a user sees: status line, headers (Allow as a set: real Werkzeug's order varies), body, log. */
function expectSame(outcome: AppOutcome, real: FixtureResponse): void {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  const normalize = (headers: Array<[string, string]>) =>
    headers.map(([k, v]) => [k, k === "Allow" ? v.split(", ").sort().join(", ") : v]);
  expect(outcome.status).toBe(real.status);
  expect(normalize(outcome.headers)).toEqual(normalize(real.headers));
  const body = new TextDecoder().decode(outcome.body);
  if (real.body !== undefined) expect(body).toBe(real.body);
  else expect(Buffer.from(outcome.body).toString("base64")).toBe(real.bodyBase64);
  const log = outcome.output
    .filter((o) => o.stream === "stderr")
    .map((o) => o.text)
    .join("")
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, "[TIMESTAMP]");
  expect(log).toBe(real.log);
}

for (const name of ["routing", "responses", "request", "errors", "catch_all", "hello_cju", "markup", "raw_wsgi", "limits", "http_exceptions", "json_errors", "classes"]) {
  describe(`fixtures/${name}: app.py through the loader matches the real Flask 2.2.2`, () => {
    const fixture = readFixture(name);
    const app = loadFixture(fixture);
    fixture.requests.forEach((req, i) => {
      it(`${req.method} ${req.path}${req.query ? `?${req.query}` : ""} → ${fixture.expected[i].status}`, () => {
        expectSame(app.call(gunicornEnviron(req), { startAt: 5, epochMs: EPOCH }), fixture.expected[i]);
      });
    });
  });
}

describe("loading", () => {
  const loader = createFlaskAppLoader();
  const load = (source: string) => loader.load(new Map([["app.py", new TextEncoder().encode(source)]]), "app", "app", { NAME: "cju" });

  it("records print() output at import time", () => {
    const r = load('import os\nfrom flask import Flask\nprint("hi", os.environ.get("NAME"))\napp = Flask(__name__)\n');
    expect(r.ok).toBe(true);
    expect(r.output.map((o) => o.text).join("")).toBe("hi cju\n");
  });

  it("says what Gunicorn says when there is no `app`", () => {
    const r = load("from flask import Flask\napplication = Flask(__name__)\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe("Failed to find attribute 'app' in 'app'.");
  });

  it("reports a NameError at import with its traceback", () => {
    const r = load("from flask import Flask\napp = Flask(__name__)\nprint(undefined_name)\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback).toContain("NameError: name 'undefined_name' is not defined");
  });

  it("passes the interpreter's Korean message for syntax outside the subset", () => {
    const r = load("from flask import Flask\napp = Flask(__name__)\nclass Thing(dict, Exception):\n    pass\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ path: "app.py", line: 3, messageKo: "지원하지 않는 문법입니다: 다중 상속 (부모 클래스가 둘 이상인 class)" });
  });

  it("reports a SyntaxError with CPython's text", () => {
    const r = load("from flask import Flask\napp = Flask(__name__\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback).toContain("SyntaxError");
  });

  it("refuses two views for one endpoint like Flask", () => {
    const r = load('from flask import Flask\napp = Flask(__name__)\n@app.route("/a")\ndef x():\n    return "a"\n@app.route("/b", endpoint="x")\ndef y():\n    return "b"\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback).toContain("AssertionError: View function mapping is overwriting an existing endpoint function: x");
  });

  it.each([
    ['@app.errorhandler(999)\ndef h(e):\n    return "x"\n', "ValueError: '999' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead."],
    ['app.add_url_rule("/c", view_func=print, methods="POST")\n', 'TypeError: Allowed methods must be a list of strings, for example: @app.route(..., methods=["POST"])'],
    ['@app.get("/d", methods=["POST"])\ndef z():\n    return "z"\n', "TypeError: Use the 'route' decorator to use the 'methods' argument."],
  ])("import-time Flask errors as Flask 2.2.2 words them (%#)", (code, last) => {
    const r = load(`from flask import Flask\napp = Flask(__name__)\n${code}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback.trimEnd().split("\n").pop()).toBe(last);
  });

  it("reports a missing app.py as Gunicorn would", () => {
    const r = loader.load(new Map(), "app", "app", {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe("ModuleNotFoundError: No module named 'app'");
  });

  it("reports a bad rule at import", () => {
    const r = load('from flask import Flask\napp = Flask(__name__)\n@app.route("nope")\ndef x():\n    return "x"\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback).toContain("ValueError: urls must start with a leading slash");
  });

  it("turns an endless view into a hung outcome with the virtual time it used", () => {
    const r = load('import time\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef spin():\n    time.sleep(2)\n    while True:\n        pass\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = r.app.call(gunicornEnviron({ method: "GET", path: "/" }), { startAt: 0, epochMs: EPOCH });
    expect(out).toMatchObject({ kind: "hung", reason: "step-budget", after: 2000 });
  });

  it("measures time.sleep in a view as the response's duration", () => {
    const r = load('import time\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef slow():\n    time.sleep(1.5)\n    return "done"\n');
    if (!r.ok) throw new Error(r.error.message);
    const out = r.app.call(gunicornEnviron({ method: "GET", path: "/" }), { startAt: 0, epochMs: EPOCH });
    expect(out).toMatchObject({ kind: "response", status: "200 OK", duration: 1500 });
  });
});

describe("callWithInfo reports the route decision and the unhandled exception", () => {
  it("names the endpoint, the matched rule and what Flask logged", () => {
    const loader = createFlaskAppLoader();
    const source = 'from flask import Flask\napp = Flask(__name__)\n@app.route("/n/<int:n>")\ndef inv(n):\n    return str(1 / n)\n';
    const r = loader.load(new Map([["app.py", new TextEncoder().encode(source)]]), "app", "app", {});
    if (!r.ok) throw new Error(r.error.message);
    const app = r.app as FlaskWsgiApplication;
    const { outcome, info } = app.callWithInfo(gunicornEnviron({ method: "GET", path: "/n/0" }), { startAt: 0, epochMs: EPOCH });
    expect(outcome).toMatchObject({ kind: "response", status: "500 INTERNAL SERVER ERROR" });
    expect(info.endpoint).toBe("inv");
    expect(info.unhandled).toBe("ZeroDivisionError: division by zero");
    expect(info.route?.outcome).toBe("view inv(n=0)");
    // Flask 2.2 adds its static route first even when the app has no static folder (has_static_folder only checks
    // that static_folder is set).
    expect(app.rules()).toEqual([
      { rule: "/static/<path:filename>", endpoint: "static", methods: ["GET", "HEAD", "OPTIONS"] },
      { rule: "/n/<int:n>", endpoint: "inv", methods: ["GET", "HEAD", "OPTIONS"] },
    ]);
  });
});

describe("hello_cju on the virtual clock", () => {
  const fixture = readFixture("hello_cju");
  const app = loadFixture(fixture);

  it("/slow?s=0.2 takes 200 virtual ms; a bad s falls back to the default 15 s", () => {
    const fast = app.call(gunicornEnviron({ method: "GET", path: "/slow", query: "s=0.2" }), { startAt: 0, epochMs: EPOCH });
    const dflt = app.call(gunicornEnviron({ method: "GET", path: "/slow", query: "s=abc" }), { startAt: 0, epochMs: EPOCH });
    expect(fast).toMatchObject({ kind: "response", duration: 200 });
    expect(dflt).toMatchObject({ kind: "response", duration: 15000 });
  });
});

describe("log records carry the virtual wall-clock time", () => {
  it("stamps Flask's ERROR record with epoch + startAt + the time the view ran", () => {
    const loader = createFlaskAppLoader();
    const source = 'import time\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/boom")\ndef boom():\n    time.sleep(0.25)\n    return {"a": 1}["b"]\n';
    const r = loader.load(new Map([["app.py", new TextEncoder().encode(source)]]), "app", "app", {});
    if (!r.ok) throw new Error(r.error.message);
    const out = r.app.call(gunicornEnviron({ method: "GET", path: "/boom" }), { startAt: 40, epochMs: EPOCH });
    expect(out.kind).toBe("response");
    const stderr = out.output.filter((o) => o.stream === "stderr");
    expect(stderr).toHaveLength(1);
    expect(stderr[0].offset).toBe(250);
    expect(stderr[0].text.split("\n")[0]).toBe("[2026-11-25 13:31:05,413] ERROR in app: Exception on /boom [GET]");
    expect(stderr[0].text).toMatch(/KeyError: 'b'\n$/);
  });
});

describe("untrusted requests never break the call", () => {
  const fixture = readFixture("request");
  const app = loadFixture(fixture);
  it("answers any method/path/query/body/headers with a response", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("GET", "POST", "HEAD", "OPTIONS", "PUT", "X"),
        fc.constantFrom("/info", "/args", "/form", "/json", "/json-silent", "/headers", "/data", "/nope"),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 60 }),
        fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", ""),
        (method, path, extra, query, body, type) => {
          const headers: Array<[string, string]> = [["Host", "localhost"], ["Cookie", extra]];
          if (type) headers.push(["Content-Type", type]);
          const out = app.call(gunicornEnviron({ method, path: path + extra.replace(/[?#]/g, ""), query, body, headers }), {
            startAt: 0,
            epochMs: EPOCH,
          });
          expect(out.kind).toBe("response");
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fixtures/static_files: Flask's own /static route (send_from_directory)", () => {
  const fixture = readFixture("static_files");
  const files = new Map<string, Uint8Array>([["app.py", new TextEncoder().encode(fixture.source)]]);
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else files.set(`${prefix}${entry.name}`, new Uint8Array(readFileSync(full)));
    }
  };
  walk(path.join(fixture.dir, "static"), "static/");
  const loaded = createFlaskAppLoader({ appDir: "/srv/site/" }).load(files, "app", "app", {});
  if (!loaded.ok) throw new Error(loaded.error.message);
  // Last-Modified, ETag and Date depend on the real file's mtime and the clock: compare their shape only.
  const shape = (headers: Array<[string, string]>) =>
    headers.map(([k, v]) => {
      if (k === "Last-Modified" || k === "Date") return [k, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/.test(v)];
      if (k === "ETag") return [k, /^"\d+\.\d+-\d+-\d+"$/.test(v)];
      if (k === "Allow") return [k, v.split(", ").sort().join(", ")];
      return [k, v];
    });
  fixture.requests.forEach((req, i) => {
    const real = fixture.expected[i];
    it(`${req.method} ${req.path} → ${real.status}`, () => {
      const out = loaded.app.call(gunicornEnviron(req), { startAt: 0, epochMs: EPOCH });
      if (out.kind !== "response") throw new Error(out.kind);
      expect(out.status).toBe(real.status);
      expect(shape(out.headers)).toEqual(shape(real.headers));
      expect(Buffer.from(out.body).toString("base64")).toBe(
        real.bodyBase64 ?? Buffer.from(real.body ?? "", "utf8").toString("base64"),
      );
    });
  });

  it("builds the ETag from the file's path, size and mtime as Werkzeug does", () => {
    const out = loaded.app.call(gunicornEnviron({ method: "GET", path: "/static/style.css" }), { startAt: 0, epochMs: EPOCH });
    if (out.kind !== "response") throw new Error(out.kind);
    const etag = out.headers.find(([k]) => k === "ETag")?.[1];
    expect(etag).toBe(`"${Math.floor(EPOCH / 1000)}.0-22-${adler32("/srv/site/static/style.css")}"`);
  });
});
