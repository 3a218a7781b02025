import { describe, expect, it } from "vitest";
import type { UpstreamRequest } from "../../contracts";
import type { TraceStep } from "../../trace";
import { createGunicorn, gunicornSettingsFrom } from "../index";
import {
  environGet,
  failedLoad,
  fakeApp,
  helloApp,
  hungApp,
  loaded,
  raisingApp,
  respond,
  slowApp,
} from "../test-support/fake-apps";
import { fixtureText } from "../test-support/fixtures";

// 2026-11-25 13:00:00 UTC, a whole second, so arbiter ticks fall on whole virtual seconds.
const EPOCH = Date.UTC(2026, 10, 25, 13, 0, 0);
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function settings(values: Record<string, unknown> = {}) {
  const result = gunicornSettingsFrom({ bind: "unix:/run/gunicorn.sock", workers: 2, timeout: 30, accesslog: "-", ...values }, "gunicorn.conf.py");
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
}

function httpRequest(path: string, extra = ""): UpstreamRequest {
  return {
    protocol: "http",
    address: { kind: "unix", path: "/run/gunicorn.sock" },
    raw: enc(`GET ${path} HTTP/1.0\r\nHost: localhost\r\nX-Real-IP: 10.0.0.7\r\nConnection: close\r\nUser-Agent: test-browser\r\n${extra}\r\n`),
  };
}

const logs = (trace: TraceStep[], stream: string) =>
  trace.flatMap((s) => (s.kind === "log" && s.stream === stream ? [s.line] : []));
const faults = (trace: TraceStep[]) => trace.flatMap((s) => (s.kind === "fault" ? [s.fault] : []));

describe("createGunicorn", () => {
  it("boots like the real one: master 1000, workers 1001 and 1002 (format as captured)", () => {
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(helloApp()), epochMs: EPOCH });
    expect(gunicorn.bootLog()).toEqual([
      "[2026-11-25 13:00:00 +0000] [1000] [INFO] Starting gunicorn 20.1.0",
      "[2026-11-25 13:00:00 +0000] [1000] [INFO] Listening at: unix:/run/gunicorn.sock (1000)",
      "[2026-11-25 13:00:00 +0000] [1000] [INFO] Using worker: sync",
      "[2026-11-25 13:00:00 +0000] [1001] [INFO] Booting worker with pid: 1001",
      "[2026-11-25 13:00:00 +0000] [1002] [INFO] Booting worker with pid: 1002",
    ]);
    // Same shapes as the real boot lines we captured.
    const real = fixtureText("logs/gunicorn-session.log").split("\n").slice(0, 4);
    const shape = (l: string) => l.replace(/\[[^\]]*\] \[\d+\]/, "[T] [P]").replace(/\/(tmp\/gw\/g(-real)?|run\/gunicorn)\.sock/, "S").replace(/\d+\)?$/, "N");
    expect(gunicorn.bootLog().slice(0, 4).map(shape)).toEqual(real.map(shape));
  });

  it("answers a request: app gets the environ, nginx gets Gunicorn's bytes, access log as real", () => {
    const app = helloApp(2);
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(app), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = gunicorn.send(httpRequest("/hello?x=1"), 5, trace);
    expect(result.kind).toBe("response");
    if (result.kind !== "response") return;
    expect(result.headerAt).toBe(7);
    const text = dec(result.raw);
    expect(text.startsWith("HTTP/1.0 200 OK\r\nServer: gunicorn\r\nDate: Wed, 25 Nov 2026 13:00:00 GMT\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\n")).toBe(true);
    expect(environGet(app.calls[0], "REMOTE_ADDR")).toBe("");
    expect(environGet(app.calls[0], "HTTP_X_REAL_IP")).toBe("10.0.0.7");
    expect(environGet(app.calls[0], "PATH_INFO")).toBe("/hello");
    expect(logs(trace, "gateway-access")).toEqual([
      ` - - [25/Nov/2026:13:00:00 +0000] "GET /hello?x=1 HTTP/1.0" 200 ${enc("<h1>안녕하세요, hello_cju!</h1>\n").length} "-" "test-browser"`,
    ]);
    expect(trace.map((s) => s.kind)).toEqual(["decision", "wsgi-call", "wait", "wsgi-return", "log"]);
  });

  it("makes a third request wait in the backlog while both sync workers are busy", () => {
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(slowApp(3000)), epochMs: EPOCH });
    const results = [0, 10, 20].map((at) => {
      const trace: TraceStep[] = [];
      return { result: gunicorn.send(httpRequest("/slow"), at, trace), trace };
    });
    expect(results.map((r) => r.result.kind === "response" && r.result.headerAt)).toEqual([3000, 3010, 6000]);
    const third = results[2].trace;
    const wait = third.find((s) => s.kind === "wait");
    expect(wait).toMatchObject({ at: 20, until: 3000 });
    const decision = third.find((s) => s.kind === "decision");
    expect(decision && decision.kind === "decision" && decision.topic).toBe("worker");
    expect(decision && decision.kind === "decision" && decision.tests.map((t) => t.matched)).toEqual([true, false]);
  });

  it("kills a worker whose request outlives timeout at the next arbiter tick, and boots a new pid", () => {
    const gunicorn = createGunicorn({ settings: settings({ workers: 1 }), app: loaded(slowApp(40000)), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = gunicorn.send(httpRequest("/slow"), 5, trace);
    // Accepted at 5 ms, timeout 30 s: the first whole-second tick later than 30.005 s is 31 s.
    expect(result).toEqual({ kind: "closed", at: 31000, bytesSent: 0 });
    expect(faults(trace)).toEqual(["worker-timeout"]);
    expect(logs(trace, "gateway-error")).toEqual([
      "[2026-11-25 13:00:31 +0000] [1000] [CRITICAL] WORKER TIMEOUT (pid:1001)",
      "[2026-11-25 13:00:31 +0000] [1001] [INFO] Worker exiting (pid: 1001)",
      "[2026-11-25 13:00:31 +0000] [1002] [INFO] Booting worker with pid: 1002",
    ]);
    expect(logs(trace, "gateway-access")).toEqual([]);
    expect(logs(trace, "app-stdout")).toEqual(["slow view started"]);

    // The next request is taken by the new worker.
    const next: TraceStep[] = [];
    gunicorn.send(httpRequest("/slow"), 32000, next);
    const decision = next.find((s) => s.kind === "decision");
    expect(decision && decision.kind === "decision" && decision.outcome).toContain("pid 1002");
  });

  it("kills a hung worker too, but a gthread worker (threads > 1) is never timed out: nginx decides", () => {
    const sync = createGunicorn({ settings: settings({ workers: 1, timeout: 10 }), app: loaded(hungApp()), epochMs: EPOCH });
    expect(sync.send(httpRequest("/loop"), 0, [])).toEqual({ kind: "closed", at: 11000, bytesSent: 0 });
    const gthread = createGunicorn({ settings: settings({ workers: 1, threads: 2 }), app: loaded(hungApp()), epochMs: EPOCH });
    // Observed with threads = 2: the boot log names the worker "threads".
    expect(gthread.bootLog()[2]).toBe("[2026-11-25 13:00:00 +0000] [1000] [INFO] Using worker: threads");
    expect(fixtureText("logs/gunicorn-gthread.log")).toContain("[INFO] Using worker: threads");
    const trace: TraceStep[] = [];
    expect(gthread.send(httpRequest("/loop"), 0, trace)).toEqual({ kind: "silent" });
    expect(faults(trace)).toEqual(["step-budget"]);
  });

  it("answers 500 with the traceback in the error log when the WSGI callable raises", () => {
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(raisingApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = gunicorn.send(httpRequest("/raise"), 0, trace);
    expect(result.kind === "response" && dec(result.raw).split("\r\n")[0]).toBe("HTTP/1.1 500 Internal Server Error");
    const errors = logs(trace, "gateway-error");
    expect(errors[0]).toBe("[2026-11-25 13:00:00 +0000] [1001] [ERROR] Error handling request /raise");
    expect(errors[1]).toBe("Traceback (most recent call last):");
    expect(errors[2]).toContain("gunicorn/workers/sync.py");
    expect(errors.at(-1)).toBe("ValueError: boom");
    expect(logs(trace, "gateway-access")).toEqual([' - - [25/Nov/2026:13:00:00 +0000] "GET /raise HTTP/1.0" 500 0 "-" "-"']);
  });

  it("cannot boot when the app fails to load: the socket is gone, nginx's connect() fails with errno 2", () => {
    const gunicorn = createGunicorn({ settings: settings(), app: failedLoad(), epochMs: EPOCH });
    const boot = gunicorn.bootLog();
    expect(boot).toContain("[2026-11-25 13:00:00 +0000] [1001] [ERROR] Exception in worker process");
    expect(boot).toContain("ModuleNotFoundError: No module named 'nonexistent_mod'");
    expect(boot.slice(-3)).toEqual([
      "[2026-11-25 13:00:00 +0000] [1001] [INFO] Worker exiting (pid: 1001)",
      "[2026-11-25 13:00:00 +0000] [1000] [INFO] Shutting down: Master",
      "[2026-11-25 13:00:00 +0000] [1000] [INFO] Reason: Worker failed to boot.",
    ]);
    const trace: TraceStep[] = [];
    expect(gunicorn.send(httpRequest("/"), 1, trace)).toEqual({ kind: "connect-failed", errno: 2, reason: "No such file or directory", at: 1 });
    expect(faults(trace)).toEqual(["app-load-failed"]);
  });

  it("answers a malformed request with the 400 page and no access line", () => {
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(helloApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = gunicorn.send({ protocol: "http", address: { kind: "unix", path: "/run/gunicorn.sock" }, raw: enc("GET / HTTP/1.x\r\n\r\n") }, 0, trace);
    expect(result.kind === "response" && dec(result.raw)).toContain("Invalid HTTP Version &#x27;Invalid HTTP Version: &#x27;HTTP/1.x&#x27;&#x27;");
    expect(logs(trace, "gateway-access")).toEqual([]);
  });

  it("takes SCRIPT_NAME from the environment and strips it from PATH_INFO", () => {
    const app = fakeApp(() => respond("204 No Content", [], ""));
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(app), epochMs: EPOCH, environment: { SCRIPT_NAME: "/cju" } });
    gunicorn.send(httpRequest("/cju/users/7"), 0, []);
    expect(environGet(app.calls[0], "SCRIPT_NAME")).toBe("/cju");
    expect(environGet(app.calls[0], "PATH_INFO")).toBe("/users/7");
  });

  it("recycles a worker after max_requests", () => {
    const gunicorn = createGunicorn({ settings: settings({ workers: 1, max_requests: 1 }), app: loaded(helloApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    gunicorn.send(httpRequest("/"), 0, trace);
    expect(logs(trace, "gateway-error").map((l) => l.slice(28))).toEqual([
      "[1001] [INFO] Autorestarting worker after current request.",
      "[1001] [INFO] Worker exiting (pid: 1001)",
      "[1002] [INFO] Booting worker with pid: 1002",
    ]);
  });

  it("hangs on a uwsgi packet (no CRLF) until the worker timeout kills it", () => {
    const gunicorn = createGunicorn({ settings: settings({ workers: 1 }), app: loaded(helloApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const request: UpstreamRequest = {
      protocol: "uwsgi",
      address: { kind: "unix", path: "/run/gunicorn.sock" },
      params: [["REQUEST_METHOD", "GET"], ["PATH_INFO", "/"]],
      body: new Uint8Array(0),
    };
    expect(gunicorn.send(request, 0, trace)).toEqual({ kind: "closed", at: 31000, bytesSent: 0 });
  });
});

describe("Gunicorn with loglevel = debug (observed lines)", () => {
  it("logs the request line and the parser's exception like the real debug log", () => {
    const real = fixtureText("logs/gunicorn-debug.log").split("\n");
    const gunicorn = createGunicorn({ settings: settings({ loglevel: "debug", workers: 1 }), app: loaded(helloApp()), epochMs: EPOCH });
    expect(gunicorn.bootLog().map((l) => l.slice(28))).toEqual([
      "[1000] [INFO] Starting gunicorn 20.1.0",
      "[1000] [DEBUG] Arbiter booted",
      "[1000] [INFO] Listening at: unix:/run/gunicorn.sock (1000)",
      "[1000] [INFO] Using worker: sync",
      "[1001] [INFO] Booting worker with pid: 1001",
      "[1000] [DEBUG] 1 workers",
    ]);
    const trace: TraceStep[] = [];
    gunicorn.send(httpRequest("/x?y=1"), 0, trace);
    gunicorn.send({ protocol: "http", address: { kind: "unix", path: "/run/gunicorn.sock" }, raw: enc("G@T / HTTP/1.0\r\nHost: x\r\n\r\n") }, 10, trace);
    const ours = logs(trace, "gateway-error").map((l) => l.slice(35));
    expect(ours).toEqual(["[DEBUG] GET /x", "[DEBUG] Invalid request from ip=: Invalid HTTP method: 'G@T'"]);
    for (const line of ours) expect(real.some((r) => r.endsWith(line))).toBe(true);
  });
});

describe("Gunicorn boot failure log equals the captured one", () => {
  it("reproduces every line after the timestamps and pids", () => {
    const real = fixtureText("logs/gunicorn-boot-failure.log").replace(/\n$/, "").split("\n");
    const s = gunicornSettingsFrom({ bind: "unix:/tmp/gw/gb.sock", workers: 2, accesslog: "-" }, "gb.py");
    if (!s.ok) throw new Error("settings");
    const failed = failedLoad();
    if (failed.ok) throw new Error("unexpected");
    const traceback = 'Traceback (most recent call last):\n  File "/tmp/gw/broken.py", line 1, in <module>\n    import nonexistent_mod\nModuleNotFoundError: No module named \'nonexistent_mod\'\n';
    const gunicorn = createGunicorn({ settings: s.settings, app: { ...failed, traceback }, epochMs: EPOCH });
    const norm = (l: string) => l.replace(/^\[[^\]]+\] \[\d+\]/, "[T] [P]").replace(/\(\d+\)$/, "(N)").replace(/pid: \d+/g, "pid: N");
    expect(gunicorn.bootLog().map(norm)).toEqual(real.map(norm));
  });
});

describe("Gunicorn 'Error handling request' equals the captured record", () => {
  it("reproduces the traceback Gunicorn logged for /raise", () => {
    const log = fixtureText("logs/gunicorn-queue-and-errors.log").split("\n");
    const start = log.findIndex((l) => l.endsWith("[ERROR] Error handling request /raise"));
    const end = log.findIndex((l, i) => i > start && l.startsWith("ValueError"));
    const real = log.slice(start, end + 1);
    const traceback = "Traceback (most recent call last):\n  File \"/tmp/gw/dump.py\", line 7, in app\n    raise ValueError('boom')\nValueError: boom\n";
    const app = fakeApp(() => ({ kind: "exception", duration: 0, traceback, output: [] }));
    const gunicorn = createGunicorn({ settings: settings(), app: loaded(app), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    gunicorn.send(httpRequest("/raise"), 0, trace);
    const norm = (l: string) => l.replace(/^\[[^\]]+\] \[\d+\]/, "[T] [P]");
    expect(logs(trace, "gateway-error").map(norm)).toEqual(real.map(norm));
  });
});
