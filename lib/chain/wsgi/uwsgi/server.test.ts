import { describe, expect, it } from "vitest";
import type { UpstreamRequest } from "../../contracts";
import type { HeaderList, TraceStep } from "../../trace";
import { createUwsgi, decodeUwsgiPacket, parseUwsgiIni } from "../index";
import { failedLoad, fakeApp, helloApp, hungApp, loaded, raisingApp, respond, slowApp } from "../test-support/fake-apps";
import { fixtureBytes, fixtureText } from "../test-support/fixtures";

const EPOCH = Date.UTC(2026, 10, 25, 13, 0, 0);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function settings(extra = "") {
  const result = parseUwsgiIni(
    `[uwsgi]\nplugins = python3\nmodule = app:app\nsocket = /run/uwsgi.sock\nmaster = true\nprocesses = 2\nthreads = 2\nharakiri = 30\n${extra}`,
    "uwsgi.ini",
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
}

function paramsOf(fixture: string): HeaderList {
  const decoded = decodeUwsgiPacket(fixtureBytes(`uwsgi/${fixture}.packet.bin`));
  if (!decoded.ok) throw new Error("bad fixture");
  return decoded.params;
}

function uwsgiRequest(params: HeaderList): UpstreamRequest {
  return { protocol: "uwsgi", address: { kind: "unix", path: "/run/uwsgi.sock" }, params, body: new Uint8Array(0) };
}

function simpleParams(uri: string): HeaderList {
  return [
    ["QUERY_STRING", ""],
    ["REQUEST_METHOD", "GET"],
    ["REQUEST_URI", uri],
    ["PATH_INFO", uri],
    ["SERVER_PROTOCOL", "HTTP/1.1"],
    ["REMOTE_ADDR", "203.0.113.9"],
    ["HTTP_HOST", "localhost"],
  ];
}

const logs = (trace: TraceStep[]) => trace.flatMap((s) => (s.kind === "log" && s.stream === "gateway-error" ? [s.line] : []));
const faults = (trace: TraceStep[]) => trace.flatMap((s) => (s.kind === "fault" ? [s.fault] : []));

describe("createUwsgi", () => {
  it("boots with master 1000 and workers 1001/1002 of 2 cores", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(helloApp()), epochMs: EPOCH });
    const boot = uwsgi.bootLog();
    expect(boot[0]).toBe("[uWSGI] getting INI configuration from uwsgi.ini");
    expect(boot).toContain("uwsgi socket 0 bound to UNIX address /run/uwsgi.sock fd 3");
    expect(boot).toContain("*** Operational MODE: preforking+threaded ***");
    expect(boot.slice(-3)).toEqual([
      "spawned uWSGI master process (pid: 1000)",
      "spawned uWSGI worker 1 (pid: 1001, cores: 2)",
      "spawned uWSGI worker 2 (pid: 1002, cores: 2)",
    ]);
  });

  it("sends the app's response as is and logs the request line uWSGI logged for the same packet", () => {
    // The capture app answered GET / with a 1673-byte JSON body and these two headers.
    const captured = fixtureText("logs/uwsgi-capture.log").split("\n").find((l) => l.includes("] GET / =>")) ?? "";
    const app = fakeApp(() => respond("200 OK", [["Content-Type", "application/json"], ["Content-Length", "1673"]], new Uint8Array(1673)));
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(app), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = uwsgi.send(uwsgiRequest(paramsOf("root")), 0, trace);
    expect(result.kind === "response" && dec(result.raw).split("\r\n\r\n")[0]).toBe(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1673",
    );
    const ours = logs(trace).at(-1) ?? "";
    const strip = (l: string) => l.replace(/^\[pid: \d+\|app: 0\|req: \d+\/\d+\]/, "[P]").replace(/\[\w{3} \w{3} [ \d]\d [\d:]+ \d{4}\]/, "[D]");
    expect(strip(ours)).toBe(strip(captured));
    expect(ours.startsWith("[pid: 1001|app: 0|req: 1/1] 127.0.0.1 () {32 vars in 337 bytes} [Wed Nov 25 13:00:00 2026] GET / =>")).toBe(true);
  });

  it("reproduces the captured bytes for a status without reason and headers it does not check", () => {
    const app = fakeApp(() => respond("abc", [["Content-Type", "text/plain"]], "x"));
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(app), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = uwsgi.send(uwsgiRequest(paramsOf("app-bad-status")), 0, trace);
    expect(result.kind === "response" && dec(result.raw)).toBe(dec(fixtureBytes("uwsgi/app-bad-status.response.http")));
    expect(logs(trace).at(-1)).toContain("(HTTP/1.1 5451) 1 headers in 50 bytes (2 switches on core 0)");
  });

  it("closes without a byte when the WSGI callable raises (nginx: upstream prematurely closed)", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(raisingApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = uwsgi.send(uwsgiRequest(simpleParams("/raise")), 0, trace);
    expect(fixtureBytes("uwsgi/app-raise.response.http").length).toBe(0);
    expect(result).toEqual({ kind: "closed", at: 3, bytesSent: 0 });
    expect(logs(trace).at(-1)).toMatch(/GET \/raise => generated 0 bytes in 3 msecs \(HTTP\/1\.1 500\) 0 headers in 0 bytes \(1 switches on core 0\)$/);
    expect(logs(trace)).toContain("ValueError: boom");
  });

  it("harakiri: kills the worker one whole second after the deadline, with the real log lines", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(slowApp(40000)), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const result = uwsgi.send(uwsgiRequest(simpleParams("/slow?s=40")), 130, trace);
    // Started in wall second 13:00:00 → deadline 13:00:30 → killed when the clock reads 13:00:31.
    expect(result).toEqual({ kind: "closed", at: 31000, bytesSent: 0 });
    expect(faults(trace)).toEqual(["harakiri"]);
    expect(logs(trace)).toEqual([
      "Wed Nov 25 13:00:31 2026 - *** HARAKIRI ON WORKER 1 (pid: 1001, try: 1) ***",
      "Wed Nov 25 13:00:31 2026 - HARAKIRI !!! worker 1 status !!!",
      `Wed Nov 25 13:00:31 2026 - HARAKIRI [core 0] 203.0.113.9 - GET /slow?s=40 since ${EPOCH / 1000}`,
      "Wed Nov 25 13:00:31 2026 - HARAKIRI !!! end of worker 1 status !!!",
      "DAMN ! worker 1 (pid: 1001) died, killed by signal 9 :( trying respawn ...",
      "Respawned uWSGI worker 1 (new pid: 1003)",
    ]);
    // Same line shapes as the captured harakiri.
    const real = fixtureText("logs/uwsgi-session.log").split("\n").filter((l) => l.includes("HARAKIRI") || l.startsWith("DAMN") || l.startsWith("Respawned"));
    const shape = (l: string) => l.replace(/\d+/g, "N").replace(/\w{3} \w{3} +N N:N:N N/, "D").replace(/\/slow\S*/, "U").replace(/N\.N\.N\.N/, "A");
    expect(logs(trace).map(shape)).toEqual(real.map(shape));
  });

  it("without harakiri a hung app leaves nginx waiting, and the core stays busy", () => {
    const uwsgi = createUwsgi({ settings: settings("harakiri = 0\nprocesses = 1\nthreads = 1\n"), app: loaded(hungApp()), epochMs: EPOCH });
    expect(uwsgi.send(uwsgiRequest(simpleParams("/loop")), 0, [])).toEqual({ kind: "silent" });
    const trace: TraceStep[] = [];
    expect(uwsgi.send(uwsgiRequest(simpleParams("/")), 10, trace)).toEqual({ kind: "silent" });
  });

  it("uses processes × threads cores before anyone waits", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(slowApp(2000)), epochMs: EPOCH });
    const ends = [0, 1, 2, 3, 4].map((at) => {
      const r = uwsgi.send(uwsgiRequest(simpleParams("/slow")), at, []);
      return r.kind === "response" ? r.headerAt : -1;
    });
    expect(ends).toEqual([2000, 2001, 2002, 2003, 4000]);
  });

  it("refuses a packet bigger than buffer-size like the real one (observed 4359 > 4096)", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(helloApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const params = [...simpleParams("/big"), ["HTTP_X_BIG", "b".repeat(4000)] as [string, string]];
    expect(uwsgi.send(uwsgiRequest(params), 0, trace)).toEqual({ kind: "closed", at: 0, bytesSent: 0 });
    expect(logs(trace)[0]).toMatch(/^invalid request block size: \d+ \(max 4096\)\.\.\.skip$/);
    expect(fixtureText("logs/uwsgi-session.log")).toContain("invalid request block size: 4359 (max 4096)...skip");
  });

  it("reads an HTTP request sent by proxy_pass as a uwsgi header: block size 21573", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: loaded(helloApp()), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const raw = new TextEncoder().encode("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    const result = uwsgi.send({ protocol: "http", address: { kind: "unix", path: "/run/uwsgi.sock" }, raw }, 0, trace);
    expect(result.kind).toBe("closed");
    expect(logs(trace)[0]).toBe("invalid request block size: 21573 (max 4096)...skip");
  });

  it("without an app: full dynamic mode, and every request gets the captured 500", () => {
    const uwsgi = createUwsgi({ settings: settings(), app: failedLoad(), epochMs: EPOCH });
    expect(uwsgi.bootLog()).toContain("unable to load app 0 (mountpoint='') (callable not found or import error)");
    expect(uwsgi.bootLog()).toContain("*** no app loaded. going in full dynamic mode ***");
    const trace: TraceStep[] = [];
    const result = uwsgi.send(uwsgiRequest(simpleParams("/")), 0, trace);
    expect(result.kind === "response" && dec(result.raw)).toBe(dec(fixtureBytes("uwsgi/no-app.response.http")));
    expect(logs(trace)[0]).toBe("--- no python application found, check your startup logs for errors ---");
    expect(logs(trace)[1]).toMatch(/^\[pid: 1001\|app: -1\|req: -1\/1\] 203\.0\.113\.9 \(\) \{14 vars in \d+ bytes\} .* \(HTTP\/1\.1 500\) 2 headers in 83 bytes \(1 switches on core 0\)$/);
    expect(faults(trace)).toEqual(["app-load-failed"]);
  });
});

describe("uWSGI without threads or master (observed)", () => {
  it("logs 1 switch for a one-chunk body and has no uwsgi.core in the environ", () => {
    const captured = fixtureText("logs/uwsgi-single-process.log").split("\n").find((l) => l.includes("] GET / =>")) ?? "";
    const settingsSingle = parseUwsgiIni("[uwsgi]\nmodule = dump:app\nsocket = /tmp/gw/un2.sock\n", "un2.ini");
    if (!settingsSingle.ok) throw new Error("settings");
    const app = fakeApp(() => respond("200 OK", [["Content-Type", "text/plain"], ["Content-Length", "786"]], new Uint8Array(786)));
    const uwsgi = createUwsgi({ settings: settingsSingle.settings, app: loaded(app), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    const params: HeaderList = [
      ["REQUEST_METHOD", "GET"],
      ["PATH_INFO", "/"],
      ["REQUEST_URI", "/"],
      ["QUERY_STRING", ""],
      ["SERVER_PROTOCOL", "HTTP/1.1"],
      ["REMOTE_ADDR", "127.0.0.1"],
    ];
    uwsgi.send(uwsgiRequest(params), 0, trace);
    const strip = (l: string) => l.replace(/^\[pid: \d+/, "[pid: N").replace(/\[\w{3} \w{3} [ \d]\d [\d:]+ \d{4}\]/, "[D]");
    expect(strip(logs(trace).at(-1) ?? "")).toBe(strip(captured));
    expect(app.calls[0].some(([k]) => k === "uwsgi.core")).toBe(false);
    expect(uwsgi.bootLog()).toContain("spawned uWSGI worker 1 (and the only) (pid: 1000, cores: 1)");
  });

  it("harakiri without master: the worker kills itself exactly on time and uWSGI is gone", () => {
    const noMaster = parseUwsgiIni("[uwsgi]\nmodule = dump:app\nsocket = /tmp/gw/un.sock\nharakiri = 2\n", "un.ini");
    if (!noMaster.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: noMaster.settings, app: loaded(slowApp(6000)), epochMs: EPOCH });
    const trace: TraceStep[] = [];
    expect(uwsgi.send(uwsgiRequest(simpleParams("/slow")), 250, trace)).toEqual({ kind: "closed", at: 2250, bytesSent: 0 });
    const real = fixtureText("logs/uwsgi-harakiri-no-master.log").split("\n");
    const from = real.findIndex((l) => l.startsWith("F*CK"));
    const shape = (l: string) => l.replace(/\d+/g, "N");
    expect(logs(trace).map(shape)).toEqual(real.slice(from - 1, from + 2).map(shape));
    expect(uwsgi.send(uwsgiRequest(simpleParams("/")), 3000, [])).toEqual({ kind: "connect-failed", errno: 111, reason: "Connection refused", at: 3000 });
  });
});

describe("max-requests without the load model: the model keeps its workers across requests", () => {
  it("recycles after the request that reaches max-requests, the master's lines on its next whole second", () => {
    // helloApp answers in 2 ms; EPOCH is on a whole second, so the master's check comes 998 ms after the exit.
    const uwsgi = createUwsgi({ settings: settings("processes = 1\nthreads = 1\nmax-requests = 2\nmin-worker-lifetime = 0\n"), app: loaded(helloApp()), epochMs: EPOCH });
    const first: TraceStep[] = [];
    uwsgi.send(uwsgiRequest(simpleParams("/")), 0, first);
    expect(logs(first).some((l) => l.includes("Seeya"))).toBe(false);
    const second: TraceStep[] = [];
    uwsgi.send(uwsgiRequest(simpleParams("/")), 100, second);
    const lines = second.flatMap((s) => (s.kind === "log" ? [[s.at, s.line.replace(/ 203\.0\.113\.9.*$/, "")] as const] : []));
    expect(lines).toEqual([
      [102, "[pid: 1001|app: 0|req: 2/2]"],
      [102, "...The work of process 1001 is done. Seeya!"],
      [1000, "worker 1 killed successfully (pid: 1001)"],
      [1000, "Respawned uWSGI worker 1 (new pid: 1002)"],
    ]);
    const third: TraceStep[] = [];
    uwsgi.send(uwsgiRequest(simpleParams("/")), 500, third);
    // Sent while the worker was gone: it waits for the new one; the app counter goes on (req: 3/3).
    expect(logs(third)).toEqual([expect.stringMatching(/^\[pid: 1002\|app: 0\|req: 3\/3\]/)]);
    expect(third.find((s) => s.kind === "wait")).toMatchObject({ at: 500, until: 1000 });
  });

  it("counts min-worker-lifetime from the master's whole-second clock at the spawn", () => {
    const uwsgi = createUwsgi({ settings: settings("processes = 1\nthreads = 1\nmax-requests = 1\nmin-worker-lifetime = 2\n"), app: loaded(helloApp()), epochMs: EPOCH + 900 });
    // Spawned at second S (+0.9 s): 1.2 s later the worker has run 2.1 s by the master's clock.
    const early: TraceStep[] = [];
    uwsgi.send(uwsgiRequest(simpleParams("/")), 1000, early);
    expect(logs(early).some((l) => l.includes("Seeya"))).toBe(false);
    const late: TraceStep[] = [];
    uwsgi.send(uwsgiRequest(simpleParams("/")), 1198, late);
    expect(logs(late)).toContain("...The work of process 1001 is done. Seeya!");
  });
});

describe("uWSGI boot log is a faithful excerpt of the real one", () => {
  /**
   * The banner must be the real one line for line: the recorded log from `[uWSGI] getting INI …` to the last
   * `spawned uWSGI …` line, with numbers, addresses, dates and paths aside, and the recording machine's kernel
   * and host name masked (the model prints a fixed Debian server).
   */
  function expectBanner(ours: string[], real: string[]) {
    const norm = (l: string) =>
      l
        .replace(/^(os|nodename): .*$/, "$1: <host>")
        .replace(/0x[0-9a-f]+/g, "0x")
        .replace(/\[\w{3} \w{3} [ \d]\d [\d:]+ \d{4}\]/, "[D]")
        .replace(/\/\S+\.sock/, "S")
        .replace(/\S+\.ini$/, "I")
        .replace(/\d+/g, "N");
    const start = real.findIndex((l) => l.startsWith("[uWSGI] getting INI"));
    let end = real.findIndex((l, i) => i > start && l.startsWith("spawned uWSGI worker"));
    while (real[end + 1]?.startsWith("spawned uWSGI")) end++;
    expect(ours.map(norm)).toEqual(real.slice(start, end + 1).map(norm));
  }

  it("matches the master + 2 processes × 2 threads + harakiri capture", () => {
    const s = parseUwsgiIni(fixtureText("capture/u.ini"), "u.ini");
    if (!s.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: s.settings, app: loaded(helloApp()), epochMs: EPOCH, cwd: "/tmp/gw" });
    expectBanner(uwsgi.bootLog(), fixtureText("logs/uwsgi-session.log").split("\n"));
  });

  it("matches the single-process capture without master", () => {
    const s = parseUwsgiIni(fixtureText("capture/un2.ini"), "un2.ini");
    if (!s.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: s.settings, app: loaded(helloApp()), epochMs: EPOCH, cwd: "/tmp/gw" });
    expectBanner(uwsgi.bootLog(), fixtureText("logs/uwsgi-single-process.log").split("\n"));
  });

  it.each([
    ["un.ini", "logs/uwsgi-harakiri-no-master.log"],
    ["uh.ini", "logs/uwsgi-http-socket.log"],
  ])("matches the banner of the %s capture", (ini, log) => {
    const s = parseUwsgiIni(fixtureText(`capture/${ini}`), ini);
    if (!s.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: s.settings, app: loaded(helloApp()), epochMs: EPOCH, cwd: "/tmp/gw" });
    expectBanner(uwsgi.bootLog(), fixtureText(log).split("\n"));
  });

  it("matches the capture whose module failed to import", () => {
    const s = parseUwsgiIni(fixtureText("capture/u.ini"), "ub.ini");
    if (!s.ok) throw new Error("settings");
    const failed = failedLoad();
    if (failed.ok) throw new Error("unexpected");
    const app = { ...failed, traceback: 'Traceback (most recent call last):\n  File "/tmp/gw/broken.py", line 1, in <module>\n    import nonexistent_mod\nModuleNotFoundError: No module named \'nonexistent_mod\'\n' };
    const uwsgi = createUwsgi({ settings: s.settings, app, epochMs: EPOCH, cwd: "/tmp/gw" });
    expectBanner(uwsgi.bootLog(), fixtureText("logs/uwsgi-no-app.log").split("\n"));
  });
});
