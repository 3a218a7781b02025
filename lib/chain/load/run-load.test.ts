/**
 * Crowds on the classroom_load scenario: what a student sees on the timeline when many requests arrive at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runLoad, CPU_MS_PER_STEP, type LoadResult } from "./run-load";
import { loadInputFor, type LoadSetup } from "./setup";

let scenario: LoadedScenario;
beforeAll(async () => {
  scenario = (await loadScenario("classroom_load"))!;
});

const encoder = new TextEncoder();

function run(setup: LoadSetup, edits: Record<string, string> = {}, extra: { stepBudget?: number } = {}) {
  const files = new Map(scenario.files);
  for (const [path, text] of Object.entries(edits)) files.set(path, encoder.encode(text));
  const result = runLoad({ ...loadInputFor("classroom_load", scenario.manifest, files, setup), ...extra });
  return result;
}

function ok(result: LoadResult) {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

const statuses = (r: ReturnType<typeof ok>) => r.results.map((x) => x.status);
const done = (r: ReturnType<typeof ok>) => r.results.map((x) => x.doneAt);

/** app.py with a 5-second route added, for the gateways' kill switches. */
const SLOW_APP = `import time\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.route("/report")\ndef report():\n    time.sleep(1)\n    return "ok\\n"\n\n@app.route("/slow")\ndef slow():\n    time.sleep(5)\n    return "slow\\n"\n`;

describe("one sync worker serves one request at a time", () => {
  it("three students at once on the 1-second report finish at 1, 2 and 3 s, queued in the backlog", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 3, spreadMs: 0, target: "/report" } }));
    expect(statuses(r)).toEqual([200, 200, 200]);
    expect(done(r)).toEqual([1000, 2000, 3000]);
    expect(r.results.map((x) => x.acceptedAt)).toEqual([0, 1000, 2000]);
    expect(r.timeline.lanes.map((l) => l.id)).toEqual(["w1c0"]);
    expect(r.summary).toMatchObject({ p50Ms: 2000, maxMs: 3000, errors: 0, byStatus: { "200": 3 } });
    expect(r.results[2].trace.steps.some((s) => s.kind === "wait" && s.reason.includes("backlog"))).toBe(true);
  });

  it("three workers take the three at once; the lowest-numbered idle worker accepts first", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 3, spreadMs: 0, target: "/report" }, gunicorn: { workers: 3 } }));
    expect(done(r)).toEqual([1000, 1000, 1000]);
    expect(r.results.map((x) => x.worker?.worker)).toEqual([1, 2, 3]);
    expect(r.results.map((x) => x.worker?.pid)).toEqual([1001, 1002, 1003]);
  });

  it("the same input gives the same timeline", () => {
    const setup: LoadSetup = { gateway: "uwsgi", crowd: { count: 12, spreadMs: 1500, target: "/report" }, uwsgi: { processes: 2, threads: 2 } };
    const a = ok(run(setup));
    const b = ok(run(setup));
    expect(JSON.stringify([a.timeline, a.summary, a.logs])).toBe(JSON.stringify([b.timeline, b.summary, b.logs]));
  });
});

describe("threads and the GIL", () => {
  it("gthread threads overlap their sleeps: 4 threads finish 4 reports in 1 s", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 4, spreadMs: 0, target: "/report" }, gunicorn: { workerClass: "gthread", threads: 4 } }));
    expect(done(r)).toEqual([1000, 1000, 1000, 1000]);
    expect(r.timeline.lanes.map((l) => l.id)).toEqual(["w1c0", "w1c1", "w1c2", "w1c3"]);
  });

  it("CPU work does not run in parallel on threads of one process, but does on separate processes", () => {
    const threads = ok(run({ gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/busy" }, uwsgi: { processes: 1, threads: 4 } }));
    const processes = ok(run({ gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/busy" }, uwsgi: { processes: 4, threads: 1 } }));
    const one = processes.results[0].doneAt;
    // 100 000 loop iterations are about 200 000 steps: about 5 ms at the stated cost per step.
    expect(one).toBeGreaterThan(200_000 * CPU_MS_PER_STEP);
    expect(done(processes)).toEqual([one, one, one, one]);
    expect(done(threads).map((t) => Math.round(t / one))).toEqual([1, 2, 3, 4]);
    expect(threads.summary.maxMs).toBeCloseTo(4 * one, 6);
  });
});

describe("nginx's read timeout and the listen queue", () => {
  it("a short proxy_read_timeout turns queueing into 504s, counted from the send (the wait in the backlog counts)", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 5, spreadMs: 500, target: "/report" }, nginx: { readTimeout: 3 } }));
    expect(r.results.map((x) => x.sentAt)).toEqual([0, 100, 200, 300, 400]);
    expect(statuses(r)).toEqual([200, 200, 200, 504, 504]);
    expect(done(r)).toEqual([1000, 2000, 3000, 3300, 3400]);
    expect(r.logs.filter((l) => l.stream === "nginx-error" && l.line.includes("upstream timed out (110: Connection timed out)"))).toHaveLength(2);
    // The worker still runs the requests nginx gave up on.
    expect(r.results[4].busyUntil).toBe(5000);
  });

  it("uWSGI behind uwsgi_read_timeout: the same 504s, counted from the send", () => {
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 5, spreadMs: 500, target: "/report" }, uwsgi: { processes: 1, threads: 1 }, nginx: { readTimeout: 3 } }));
    expect(statuses(r)).toEqual([200, 200, 200, 504, 504]);
    expect(done(r)).toEqual([1000, 2000, 3000, 3300, 3400]);
    const timedOut = r.logs.filter((l) => l.stream === "nginx-error" && l.line.includes("upstream timed out (110: Connection timed out)"));
    expect(timedOut.map((l) => l.request)).toEqual([3, 4]);
    expect(timedOut[0].line).toContain("upstream: \"uwsgi://unix:/run/uwsgi.sock\"");
    expect(r.results[4].busyUntil).toBe(5000);
  });

  it("a full listen queue refuses connections at once: 502 with the EAGAIN line", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 6, spreadMs: 0, target: "/report" }, gunicorn: { backlog: 2 } }));
    // One in the worker, backlog + 1 = 3 waiting, the other two refused.
    expect(statuses(r)).toEqual([200, 200, 200, 200, 502, 502]);
    expect(done(r).slice(4)).toEqual([0, 0]);
    expect(r.results[5].responder).toBe("nginx");
    const line = r.logs.find((l) => l.stream === "nginx-error" && l.request === 5)!.line;
    expect(line).toContain("[error]");
    expect(line).toContain("connect() to unix:/run/gunicorn.sock failed (11: Resource temporarily unavailable) while connecting to upstream");
  });

  it("uWSGI's listen works the same way", () => {
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 5, spreadMs: 0, target: "/report" }, uwsgi: { listen: 1 } }));
    expect(statuses(r)).toEqual([200, 200, 200, 502, 502]);
    expect(r.startup.gateway).toContain("your server socket listen backlog is limited to 1 connections");
  });
});

describe("the masters' kill switches", () => {
  it("Gunicorn's timeout: WORKER TIMEOUT, SIGABRT'd worker replaced, the queued request served by the new pid", () => {
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 2, spreadMs: 0, target: "/slow" }, gunicorn: { timeout: 2 } }, { "app.py": SLOW_APP }));
    expect(statuses(r)).toEqual([502, 502]);
    expect(done(r)).toEqual([3000, 6000]);
    expect(r.timeline.events).toEqual([
      { kind: "worker-timeout", at: 3000, worker: 1, pid: 1001, newPid: 1002 },
      { kind: "worker-timeout", at: 6000, worker: 1, pid: 1002, newPid: 1003 },
    ]);
    expect(r.results[1].worker?.pid).toBe(1002);
    const lines = r.logs.filter((l) => l.at === 3000 && l.stream === "gateway-error").map((l) => l.line.replace(/^\[[^\]]+\] /, ""));
    expect(lines).toEqual(["[1000] [CRITICAL] WORKER TIMEOUT (pid:1001)", "[1001] [INFO] Worker exiting (pid: 1001)", "[1002] [INFO] Booting worker with pid: 1002"]);
  });

  it("uWSGI's harakiri with a master: HARAKIRI lines and a respawn, the next request on the new pid", () => {
    const uwsgiIni = new TextDecoder().decode(scenario.files.get("uwsgi.ini")!);
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 2, spreadMs: 0, target: "/slow" }, uwsgi: { harakiri: 2 } }, { "app.py": SLOW_APP, "uwsgi.ini": uwsgiIni }));
    expect(statuses(r)).toEqual([502, 502]);
    expect(r.timeline.events.map((e) => [e.kind, e.at, e.pid, e.newPid])).toEqual([
      ["harakiri", 3000, 1001, 1002],
      ["harakiri", 6000, 1002, 1003],
    ]);
    expect(r.logs.some((l) => l.line.endsWith("*** HARAKIRI ON WORKER 1 (pid: 1001, try: 1) ***"))).toBe(true);
  });

  it("max_requests recycles a Gunicorn worker after its request", () => {
    const conf = new TextDecoder().decode(scenario.files.get("gunicorn.conf.py")!) + "max_requests = 2\n";
    const r = ok(run({ gateway: "gunicorn", crowd: { count: 3, spreadMs: 0, target: "/" } }, { "gunicorn.conf.py": conf }));
    expect(r.timeline.events).toEqual([{ kind: "max-requests", at: 0, worker: 1, pid: 1001, newPid: 1002 }]);
    expect(r.results.map((x) => x.worker?.pid)).toEqual([1001, 1001, 1002]);
  });
});

describe("uWSGI's max-requests and min-worker-lifetime", () => {
  const ini = (extra: string) => new TextDecoder().decode(scenario.files.get("uwsgi.ini")!) + extra;
  const gatewayLines = (r: ReturnType<typeof ok>, at?: number) =>
    r.logs.filter((l) => l.stream === "gateway-error" && (at === undefined || l.at === at)).map((l) => l.line.replace(/ \{.*$/, ""));

  it("recycles a worker after max-requests once it has lived min-worker-lifetime: Seeya, then the master's respawn on its next second", () => {
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/report" } }, { "uwsgi.ini": ini("max-requests = 2\nmin-worker-lifetime = 1\n") }));
    expect(statuses(r)).toEqual([200, 200, 200, 200]);
    // The 2nd request ends at 2 s (the worker has lived 2 s): the worker exits, the master reaps it at 3 s, and the
    // two queued requests wait for the new worker.
    expect(done(r)).toEqual([1000, 2000, 4000, 5000]);
    expect(r.results.map((x) => x.worker?.pid)).toEqual([1001, 1001, 1002, 1002]);
    expect(r.timeline.events).toEqual([
      { kind: "max-requests", at: 2000, worker: 1, pid: 1001, newPid: 1002, respawnAt: 3000 },
      { kind: "max-requests", at: 5000, worker: 1, pid: 1002, newPid: 1003, respawnAt: 6000 },
    ]);
    expect(r.timeline.endAt).toBe(6000);
    expect(gatewayLines(r, 2000)).toEqual(["[pid: 1001|app: 0|req: 2/2] 127.0.0.1 ()", "...The work of process 1001 is done. Seeya!"]);
    expect(gatewayLines(r, 3000)).toEqual(["worker 1 killed successfully (pid: 1001)", "Respawned uWSGI worker 1 (new pid: 1002)"]);
    // The app's request counter goes on in the new worker (as the real one printed req: 3/3).
    expect(gatewayLines(r, 4000)).toEqual(["[pid: 1002|app: 0|req: 3/3] 127.0.0.1 ()"]);
    expect(r.logs.filter((l) => l.request === null).map((l) => l.at)).toEqual([2000, 3000, 3000, 5000, 6000, 6000]);
    const waited = r.results[2].trace.steps.find((s) => s.kind === "wait" && s.component === "gateway");
    expect(waited).toMatchObject({ until: 3000, reason: expect.stringContaining("max-requests") });
  });

  it("does not recycle a worker younger than min-worker-lifetime, whatever its count", () => {
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/report" } }, { "uwsgi.ini": ini("max-requests = 2\nmin-worker-lifetime = 60\n") }));
    expect(done(r)).toEqual([1000, 2000, 3000, 4000]);
    expect(r.timeline.events).toEqual([]);
    expect(r.results.map((x) => x.worker?.pid)).toEqual([1001, 1001, 1001, 1001]);
    expect(r.logs.some((l) => l.line.includes("Seeya"))).toBe(false);
  });

  it("uses uWSGI's real default of 10 s (not the 60 of --help): the first request ending at 10 s recycles the worker", () => {
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 12, spreadMs: 0, target: "/report" } }, { "uwsgi.ini": ini("max-requests = 2\n") }));
    expect(r.timeline.events).toEqual([{ kind: "max-requests", at: 10_000, worker: 1, pid: 1001, newPid: 1002, respawnAt: 11_000 }]);
    expect(done(r).slice(8)).toEqual([9000, 10_000, 12_000, 13_000]);
  });

  it("a threaded worker finishes its other core's request before it exits, and takes nothing new meanwhile (measured)", () => {
    const get = (path: string) => encoder.encode(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    const files = new Map([...scenario.files, ["uwsgi.ini", encoder.encode(ini("threads = 2\nmax-requests = 2\nmin-worker-lifetime = 1\n"))]]);
    const result = runLoad({
      ...loadInputFor("classroom_load", scenario.manifest, files, { gateway: "uwsgi", crowd: { count: 1, spreadMs: 0, target: "/" } }),
      requests: [0, 500, 1200, 1300, 1350].map((at, i) => ({ at, raw: get(i < 2 ? "/report" : "/") })),
    });
    const r = ok(result);
    // Real 2.0.21 (same sends): 1.04, 1.50, 1.20, 2.04, 2.04 s; the worker said Seeya at 1.505 s.
    expect(done(r)).toEqual([1000, 1500, 1200, 2000, 2000]);
    expect(r.results.map((x) => x.worker?.pid)).toEqual([1001, 1001, 1001, 1002, 1002]);
    expect(r.timeline.events).toEqual([{ kind: "max-requests", at: 1500, worker: 1, pid: 1001, newPid: 1002, respawnAt: 2000 }]);
    const order = gatewayLines(r).filter((l) => l.includes("Seeya") || l.includes("GET /report"));
    expect(order.at(-1)).toBe("...The work of process 1001 is done. Seeya!");
  });

  it("without a master the worker's exit ends uWSGI: the next connection is refused", () => {
    const conf = ini("max-requests = 1\nmin-worker-lifetime = 0\n").replace(/^master = true$/m, "master = false");
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 2, spreadMs: 1000, target: "/" } }, { "uwsgi.ini": conf }));
    expect(statuses(r)).toEqual([200, 502]);
    expect(r.timeline.events).toEqual([{ kind: "max-requests", at: 0, worker: 1, pid: 1000, newPid: null }]);
    expect(r.logs.some((l) => l.line.includes("connect() to unix:/run/uwsgi.sock failed (111: Connection refused)"))).toBe(true);
  });

  it("the master's fork-bomb guard: a second quick respawn in a row makes it sleep 2 s (one process; measured)", () => {
    // A respawn in the same or the next second as the previous one (or as the boot, uwsgi_start) counts; more than
    // `processes` in a row and the master sleeps forkbomb-delay. The real run (boot 3 s earlier) slept at every
    // third respawn of such a series, as here once the boot is behind.
    const r = ok(run({ gateway: "uwsgi", crowd: { count: 5, spreadMs: 0, target: "/" } }, { "uwsgi.ini": ini("max-requests = 1\nmin-worker-lifetime = 0\n") }));
    expect(r.timeline.events.map((e) => [e.at, e.respawnAt])).toEqual([
      [0, 1000],
      [1000, 4000],
      [4000, 5000],
      [5000, 8000],
      [8000, 9000],
    ]);
    expect(r.logs.filter((l) => l.line.startsWith("worker respawning too fast")).map((l) => [l.at, l.line])).toEqual([
      [2000, "worker respawning too fast !!! i have to sleep a bit (2 seconds)..."],
      [6000, "worker respawning too fast !!! i have to sleep a bit (2 seconds)..."],
    ]);
    expect(done(r)).toEqual([0, 1000, 4000, 5000, 8000]);
  });
});

describe("what nginx answers alone and what the crowd may cost", () => {
  it("a static file is answered by nginx at once while the worker is busy", () => {
    const files = new Map(scenario.files);
    const result = runLoad({
      ...loadInputFor("classroom_load", scenario.manifest, files, { gateway: "gunicorn", crowd: { count: 2, spreadMs: 0, target: "/report" } }),
    });
    const crowd = ok(result);
    expect(crowd.results[1].doneAt).toBe(2000);
    const mixed = ok(
      runLoad({
        ...loadInputFor("classroom_load", scenario.manifest, files, { gateway: "gunicorn", crowd: { count: 2, spreadMs: 0, target: "/report" } }),
        requests: [
          { at: 0, raw: encoder.encode("GET /report HTTP/1.1\r\nHost: localhost\r\n\r\n") },
          { at: 10, raw: encoder.encode("GET /static/notice.txt HTTP/1.1\r\nHost: localhost\r\n\r\n") },
        ],
      }),
    );
    expect(mixed.results[1]).toMatchObject({ status: 200, doneAt: 10, responder: "nginx", worker: null });
    expect(mixed.timeline.lanes.map((l) => l.id)).toEqual(["w1c0", "nginx"]);
  });

  it("a crowd over the step budget is refused, naming the request where it ran out", () => {
    // Each uWSGI core sees its own environ (uwsgi.core), so each runs the view once: 200 000 steps apiece.
    const result = run({ gateway: "uwsgi", crowd: { count: 10, spreadMs: 0, target: "/busy" }, uwsgi: { threads: 4 } }, {}, { stepBudget: 500_000 });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ budget: { limit: 500_000, atRequest: 2 } });
    // The same crowd on one core repeats one call: the view runs once, whatever the crowd's size.
    expect(run({ gateway: "uwsgi", crowd: { count: 10, spreadMs: 0, target: "/busy" } }, {}, { stepBudget: 500_000 }).ok).toBe(true);
  });

  it("a config the gateway refuses is reported as for one request", () => {
    const result = run({ gateway: "gunicorn", crowd: { count: 2, spreadMs: 0, target: "/" } }, { "gunicorn.conf.py": 'workers = "two"\n' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain("Invalid value for workers: two");
  });
});
