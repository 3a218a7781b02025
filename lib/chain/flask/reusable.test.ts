/**
 * A kept (reused) app must answer exactly as a fresh load would: same load output, same responses, logs, output,
 * durations and routing accounts, run after run, whatever the epoch. Apps whose calls can change state are never
 * kept and give the fresh answer every run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AppLoadResult, AppOutcome, ScenarioFiles } from "../contracts";
import type { Environ } from "../trace";
import type { FixtureRequest } from "./fixtures.testkit";
import { readFixture } from "./fixtures.testkit";
import { createFlaskAppLoader, isKeptApp } from "./index";
import type { FlaskWsgiApplication } from "./index";

const enc = new TextEncoder();

/** Every file under `dir`, by relative path (as a scenario's files). */
function filesOf(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else if (!name.endsWith(".json")) out.set(r, new Uint8Array(readFileSync(path.join(dir, r))));
    }
  };
  walk("");
  return out;
}

function appFiles(source: string, extra: Record<string, string> = {}): Map<string, Uint8Array> {
  return new Map([["app.py", enc.encode(source)], ...Object.entries(extra).map(([k, v]) => [k, enc.encode(v)] as [string, Uint8Array])]);
}

/** A Gunicorn-like environ for one request. */
function environ(req: FixtureRequest): Environ {
  const body = enc.encode(req.body ?? "");
  const env: Environ = [
    ["wsgi.errors", { type: "object", repr: "<gunicorn.http.wsgi.WSGIErrorsWrapper object at 0x7f0000000000>" }],
    ["wsgi.version", { type: "tuple", value: [1, 0] }],
    ["wsgi.input", { type: "object", repr: "<gunicorn.http.body.Body object at 0x7f0000000001>", data: body }],
    ["REQUEST_METHOD", { type: "str", value: req.method }],
    ["QUERY_STRING", { type: "str", value: req.query ?? "" }],
    ["RAW_URI", { type: "str", value: req.path + (req.query ? `?${req.query}` : "") }],
    ["SERVER_PROTOCOL", { type: "str", value: "HTTP/1.0" }],
  ];
  for (const [name, value] of req.headers ?? [["Host", "localhost"]]) {
    const key = name.toUpperCase().replace(/-/g, "_");
    env.push([key === "CONTENT_TYPE" || key === "CONTENT_LENGTH" ? key : `HTTP_${key}`, { type: "str", value }]);
  }
  if (body.length > 0 && !(req.headers ?? []).some(([k]) => k.toLowerCase() === "content-length")) {
    env.push(["CONTENT_LENGTH", { type: "str", value: String(body.length) }]);
  }
  env.push(
    ["wsgi.url_scheme", { type: "str", value: "http" }],
    ["REMOTE_ADDR", { type: "str", value: "127.0.0.1" }],
    ["SERVER_NAME", { type: "str", value: "localhost" }],
    ["SERVER_PORT", { type: "str", value: "80" }],
    ["PATH_INFO", { type: "str", value: req.path_info ?? req.path }],
    ["SCRIPT_NAME", { type: "str", value: "" }],
  );
  return env;
}

/** Requests every app gets besides its own: 404, 405, HEAD, OPTIONS, the static route, a slow one. */
const COMMON_REQUESTS: FixtureRequest[] = [
  { method: "GET", path: "/" },
  { method: "GET", path: "/definitely-not-here" },
  { method: "DELETE", path: "/" },
  { method: "HEAD", path: "/" },
  { method: "OPTIONS", path: "/" },
  { method: "GET", path: "/static/style.css" },
  { method: "GET", path: "/slow", query: "s=2.5" },
  { method: "GET", path: "/hello/%3Cb%3E", path_info: "/hello/<b>" },
  { method: "POST", path: "/echo", headers: [["Host", "localhost"], ["Content-Type", "application/json"]], body: '{"a": [1, 2]}' },
];

const EPOCHS = [Date.UTC(2026, 10, 25, 13, 31, 5, 123), Date.UTC(2027, 0, 1, 0, 0, 0, 1), 1_700_000_000_000];

interface RunRecord {
  load: AppLoadResult | { ok: true; output: unknown };
  calls: unknown[];
}

/** One run as run.ts does it: load, then each request at a later virtual time. */
function runOnce(files: ScenarioFiles, requests: FixtureRequest[], epochMs: number, reuse: boolean, environment = {}): { record: RunRecord; kept: boolean } {
  const loaded = createFlaskAppLoader({ appDir: "/srv/demo", epochMs, reuse }).load(files, "app", "app", environment);
  if (!loaded.ok) return { record: { load: loaded, calls: [] }, kept: false };
  const app = loaded.app;
  const calls = requests.map((req, i) => {
    const context = { startAt: 10 * i + 0.5, epochMs };
    // A Flask app also tells its routing decision; a plain WSGI function only answers.
    return "callWithInfo" in app ? (app as FlaskWsgiApplication).callWithInfo(environ(req), context) : app.call(environ(req), context);
  });
  return { record: { load: { ok: true, output: loaded.output }, calls }, kept: isKeptApp(loaded.app) };
}

/** Runs with reuse equal runs with fresh loads, for every epoch in turn (and once more, after the others). */
function expectSameAsFresh(files: ScenarioFiles, requests: FixtureRequest[], environment = {}): boolean[] {
  const kept: boolean[] = [];
  for (const epochMs of [...EPOCHS, EPOCHS[0]]) {
    const reused = runOnce(files, requests, epochMs, true, environment);
    const fresh = runOnce(files, requests, epochMs, false, environment);
    expect(reused.record).toEqual(fresh.record);
    kept.push(reused.kept);
  }
  return kept;
}

const FIXTURES = readdirSync(path.join(import.meta.dirname, "fixtures"));
const SCENARIOS_DIR = path.join(import.meta.dirname, "../../../content/scenarios");
const SCENARIOS = readdirSync(SCENARIOS_DIR);

/** Apps that must be kept (a reuse that never happens would make the comparisons above vacuous). */
const EXPECTED_KEPT = new Set([
  "fixture catch_all", "fixture hello_cju", "fixture json_errors", "fixture limits", "fixture markup", "fixture request",
  "fixture route_defaults", "fixture routing", "fixture static_files", "scenario body_limit", "scenario classroom_load", "scenario hello_cju", "scenario lesson_deploy",
  "scenario lesson_proxy", "scenario lesson_static", "scenario lesson_timeouts", "scenario my_project", "scenario timeout_demo",
  "scenario wrong_socket",
]);

describe("a kept app answers as a fresh load would", () => {
  for (const name of FIXTURES) {
    it(`fixture ${name}`, () => {
      const fixture = readFixture(name);
      const kept = expectSameAsFresh(filesOf(fixture.dir), [...fixture.requests, ...COMMON_REQUESTS]);
      expect(kept.slice(1).every((k) => k)).toBe(EXPECTED_KEPT.has(`fixture ${name}`));
    });
  }
  for (const name of SCENARIOS) {
    it(`scenario ${name}`, () => {
      const dir = path.join(SCENARIOS_DIR, name);
      const manifest = JSON.parse(readFileSync(path.join(dir, "scenario.json"), "utf8")) as { environment?: Record<string, string> };
      const kept = expectSameAsFresh(filesOf(dir), COMMON_REQUESTS, manifest.environment ?? {});
      expect(kept.slice(1).every((k) => k)).toBe(EXPECTED_KEPT.has(`scenario ${name}`));
    });
  }

  it("rebases the clock: time.time(), strftime, log timestamps, sleeps and print offsets per run", () => {
    const source = [
      "import time",
      "from flask import Flask, request",
      "app = Flask(__name__)",
      "print('loading')",
      "time.sleep(1.5)",
      "@app.route('/')",
      "def index():",
      "    time.sleep(float(request.args.get('s', '0.25')))",
      "    print('now', time.time(), time.monotonic())",
      "    app.logger.error('at %s', time.strftime('%Y-%m-%d %H:%M:%S'))",
      "    return f\"{time.time()} {time.perf_counter()}\"",
    ].join("\n");
    const requests: FixtureRequest[] = [{ method: "GET", path: "/" }, { method: "GET", path: "/", query: "s=3" }, { method: "GET", path: "/" }];
    expect(expectSameAsFresh(appFiles(source), requests).slice(1)).toEqual([true, true, true]);
  });

  it("keeps two runs of one kept app apart when their calls interleave", () => {
    const source = "import time\nfrom flask import Flask\napp = Flask(__name__)\n@app.route('/')\ndef index():\n    time.sleep(1)\n    return str(time.time())\n";
    const files = appFiles(source);
    const open = (epochMs: number) => {
      const loaded = createFlaskAppLoader({ epochMs }).load(files, "app", "app", {});
      if (!loaded.ok) throw new Error(loaded.error.message);
      return loaded.app;
    };
    const body = (app: ReturnType<typeof open>, epochMs: number) => {
      const out = app.call(environ({ method: "GET", path: "/" }), { startAt: 0, epochMs });
      return out.kind === "response" ? new TextDecoder().decode(out.body) : out.kind;
    };
    const a = open(1_000_000);
    const b = open(2_000_000);
    expect(isKeptApp(a) && isKeptApp(b)).toBe(true);
    expect([body(a, 1_000_000), body(b, 2_000_000), body(a, 1_000_000), body(b, 2_000_000)]).toEqual(["1001.0", "2001.0", "1002.0", "2002.0"]);
  });

  it("serves the run's own files from the static route", () => {
    const source = "from flask import Flask\napp = Flask(__name__)\n";
    const request: FixtureRequest[] = [{ method: "GET", path: "/static/style.css" }];
    const first = runOnce(appFiles(source, { "static/style.css": "a {}" }), request, EPOCHS[0], true);
    const second = runOnce(appFiles(source, { "static/style.css": "b { color: red }" }), request, EPOCHS[0], true);
    expect(second.kept).toBe(true);
    const bodyOf = (r: RunRecord) => new TextDecoder().decode((r.calls[0] as { outcome: { body: Uint8Array } }).outcome.body);
    expect([bodyOf(first.record), bodyOf(second.record)]).toEqual(["a {}", "b { color: red }"]);
  });
});

describe("apps whose calls can change state are never kept", () => {
  const views = (body: string, top = "") => `from flask import Flask, request\napp = Flask(__name__)\n${top}\n@app.route('/')\ndef index():\n${body}\n`;
  const cases: Record<string, string> = {
    "module-level counter with global": views("    global COUNT\n    COUNT += 1\n    return str(COUNT)", "COUNT = 0"),
    "list append on module state": views("    SEEN.append(1)\n    return str(len(SEEN))", "SEEN = []"),
    "dict item assignment": views("    HITS['n'] = HITS.get('n', 0) + 1\n    return str(HITS['n'])", "HITS = {}"),
    "app.config change in a view": views("    app.config['N'] = app.config.get('N', 0) + 1\n    return str(app.config['N'])"),
    "app.config.update in a view": views("    app.config.update(N=app.config.get('N', 0) + 1)\n    return str(app.config['N'])"),
    "mutable default argument": "from flask import Flask\napp = Flask(__name__)\n@app.route('/')\ndef index(seen=[]):\n    seen.append(1)\n    return str(len(seen))\n",
    "function attribute assignment": views("    index.n = getattr(index, 'n', 0) + 1\n    return str(index.n)"),
    "logger.setLevel in a view": views("    out = str(app.logger.level)\n    app.logger.setLevel('INFO')\n    return out"),
    "a bound method kept at module level": views("    return str(request.args.get('x', type=ADD))", "SEEN = []\nADD = SEEN.append"),
    "a bound method in app.config": views("    return str(request.args.get('x', type=app.config.get('ADD')))", "SEEN = []\napp.config['ADD'] = SEEN.append"),
    "a route registered from a view": views("    app.get('/x')(index)\n    return 'x'"),
    "the app passed along": views("    return str(len(list(map(app.get('/x'), [index]))))"),
    "nonlocal in a closure": "from flask import Flask\napp = Flask(__name__)\ndef make():\n    n = 0\n    def view():\n        nonlocal n\n        n += 1\n        return str(n)\n    return view\napp.add_url_rule('/', 'index', make())\n",
    "an exception instance raised again": views("    raise ERROR", "ERROR = ValueError('same object')"),
    "a lazy iterator at module level": views("    return str(list(ITEMS))", "ITEMS = iter([1, 2, 3])"),
    "a generator at module level": views("    return str(list(ITEMS))", "ITEMS = (x for x in [1, 2, 3])"),
    "setattr": views("    setattr(index, 'n', 1)\n    return 'x'"),
    "the Flask class in a view": views("    Flask('again')\n    return 'x'"),
    "the wall clock read at import": views("    return str(STARTED)", "import time\nSTARTED = time.time()"),
    "a log record at import": views("    return 'x'", "app.logger.warning('loading')"),
  };
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => {
      const requests: FixtureRequest[] = [{ method: "GET", path: "/" }, { method: "GET", path: "/", query: "x=1" }, { method: "GET", path: "/" }];
      expect(expectSameAsFresh(appFiles(source), requests)).toEqual([false, false, false, false]);
    });
  }

  it("a counter shows 1 on every run", () => {
    const files = appFiles(cases["module-level counter with global"]);
    for (const epochMs of EPOCHS) {
      const { record } = runOnce(files, [{ method: "GET", path: "/" }], epochMs, true);
      const outcome = (record.calls[0] as { outcome: { body: Uint8Array } }).outcome;
      expect(new TextDecoder().decode(outcome.body)).toBe("1");
    }
  });
});

describe("failed loads", () => {
  const broken: Record<string, string> = {
    "syntax error": "from flask import Flask\napp = Flask(__name__\n",
    "exception at import": "from flask import Flask\nprint('before')\napp = Flask(__name__)\n1 / 0\n",
    "no app": "print('no app here')\n",
    "endless loop at import": "while True:\n    pass\n",
  };
  for (const [name, source] of Object.entries(broken)) {
    it(`${name}: every run gets its own copy of the fresh result`, () => {
      const files = appFiles(source);
      const first = createFlaskAppLoader({ epochMs: EPOCHS[0], stepBudget: 10_000 }).load(files, "app", "app", {});
      const fresh = createFlaskAppLoader({ epochMs: EPOCHS[1], stepBudget: 10_000, reuse: false }).load(files, "app", "app", {});
      expect(first.ok).toBe(false);
      if (!first.ok) {
        first.error.message = "changed by a caller";
        first.output.push({ offset: 0, stream: "stdout", text: "changed" });
      }
      const again = createFlaskAppLoader({ epochMs: EPOCHS[1], stepBudget: 10_000 }).load(files, "app", "app", {});
      expect(again).toEqual(fresh);
    });
  }
});

describe("kept apps and the environment", () => {
  it("a kept app is never served for another environment, even with the same files (or a reused, changed object)", () => {
    const files = appFiles(
      'import os\nfrom flask import Flask\napp = Flask(__name__)\nTEAM = os.environ.get("TEAM", "none")\n\n@app.route("/")\ndef team():\n    return TEAM\n',
    );
    const body = (environment: Record<string, string>) => {
      const { record, kept } = runOnce(files, [{ method: "GET", path: "/" }], EPOCHS[0], true, environment);
      const { outcome } = record.calls[0] as { outcome: AppOutcome }; // a Flask app answers with its routing decision too
      return { kept, text: outcome.kind === "response" ? new TextDecoder().decode(outcome.body) : outcome.kind };
    };
    const shared: Record<string, string> = { TEAM: "cju" };
    expect(body(shared)).toEqual({ kept: true, text: "cju" });
    expect(body({ TEAM: "seoul" }).text).toBe("seoul");
    shared.TEAM = "busan";
    expect(body(shared).text).toBe("busan");
    expect(body({}).text).toBe("none");
    expect(body({ TEAM: "cju" }).text).toBe("cju");
  });
});
