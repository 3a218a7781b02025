/**
 * Two classic deployment mistakes, as the real Gunicorn 20.1 / uWSGI 2.0.21 showed them (captured in
 * wsgi/fixtures/logs/*-apprun*.log and uwsgi-need-app.log from the files in wsgi/fixtures/capture/apprun/):
 *  - a module-level app.run(): the workers (Gunicorn) or the master (uWSGI) stay in Werkzeug's development server,
 *    nobody accepts nginx's connection, nginx answers 504 after its read timeout;
 *  - uWSGI's need-app = true with an app that fails to import: uWSGI exits, vacuum removes the socket, nginx 502.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runChain } from "./run";
import type { GatewayKind, TraceStep } from "./trace";

const FIXTURES = "lib/chain/wsgi/fixtures";
const captured = (name: string) => readFileSync(`${FIXTURES}/${name}`, "utf8");
const encoder = new TextEncoder();

let hello: LoadedScenario;
beforeAll(async () => {
  hello = (await loadScenario("hello_cju"))!;
});

function run(gateway: GatewayKind, edits: Record<string, string>, target = "/") {
  const files = new Map(hello.files);
  for (const [path, text] of Object.entries(edits)) files.set(path, encoder.encode(text));
  const result = runChain({ scenario: "hello_cju", manifest: hello.manifest, files, gateway, raw: encoder.encode(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`) });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result;
}

/** Log lines with what varies run to run (time, pids) and the capture's temp folder taken out. */
function normalized(lines: string[]): string[] {
  return lines.map((line) =>
    line
      .replace(/^\[[^\]]+\] \[\d+\]/, "[time] [pid]")
      .replace(/pid: \d+/g, "pid: N")
      .replace(/ \(\d+\)$/, " (N)")
      .replace(/\/tmp\/b16x\/run\//g, "/run/")
      .replace(/\/tmp\/b16x\//g, "/srv/hello_cju/"),
  );
}

const logs = (steps: TraceStep[], stream: string) => steps.flatMap((s) => (s.kind === "log" && s.stream === stream ? [s.line] : []));

const APP_RUN = captured("capture/apprun/app.py");
const BROKEN = captured("capture/apprun/broken.py");

describe("a module-level app.run()", () => {
  it("Gunicorn: the first worker stays in the development server, the others find the port taken; nginx answers 504", () => {
    const { response, trace, startup } = run("gunicorn", { "app.py": APP_RUN });
    expect(response.status).toBe(504);
    expect(trace.totalMs).toBe(10_000); // hello_cju's proxy_read_timeout 10s
    expect(logs(trace.steps, "nginx-error").join("\n")).toContain("upstream timed out (110: Connection timed out) while reading response header from upstream");
    const model = normalized(startup.gateway);
    // The real log goes on (a replacement worker every second); the model shows the first round of it.
    const real = normalized(captured("logs/gunicorn-apprun.log").split("\n")).slice(0, model.length);
    expect(model).toEqual(real);
    const fault = trace.steps.find((s) => s.kind === "fault");
    expect(fault && fault.kind === "fault" && fault.explain).toContain("app.py 11행의 app.run()");
  });

  it("uWSGI: the master imports the app before forking and stays in the development server; no worker, 504", () => {
    const { response, trace, startup } = run("uwsgi", { "app.py": APP_RUN });
    expect(response.status).toBe(504);
    expect(trace.totalMs).toBe(10_000);
    const real = captured("logs/uwsgi-apprun.log").split("\n").filter(Boolean);
    const from = (lines: string[]) => lines.slice(lines.findIndex((l) => l.startsWith("*** Operational MODE")));
    expect(normalized(from(startup.gateway))).toEqual(normalized(from(real)));
  });

  it("uWSGI with debug=True: the reloader re-executes uWSGI without its config, uWSGI exits; 502", () => {
    const { response, trace, startup } = run("uwsgi", { "app.py": APP_RUN.replace("app.run()", "app.run(debug=True)") });
    expect(response.status).toBe(502);
    expect(logs(trace.steps, "nginx-error").join("\n")).toContain("connect() to unix:/run/uwsgi.sock failed (2: No such file or directory)");
    const real = captured("logs/uwsgi-apprun-debug.log").split("\n").filter(Boolean);
    const from = (lines: string[]) => lines.slice(lines.findIndex((l) => l.startsWith("*** Operational MODE")));
    expect(normalized(from(startup.gateway))).toEqual(normalized(from(real)));
  });

  it("Gunicorn with debug=True: says in Korean that the model does not follow the reloader, naming app.run and its line", () => {
    const { trace } = run("gunicorn", { "app.py": APP_RUN.replace("app.run()", "app.run(debug=True)") });
    const fault = trace.steps.find((s) => s.kind === "fault");
    expect(fault && fault.kind === "fault" && fault.explain).toMatch(/코스 모형이 아직 지원하지 않는 기능입니다: .*app\.run\(debug=True\)/);
    expect(fault && fault.kind === "fault" && fault.explain).toContain("app.py 11행");
  });

  it.each(["gunicorn", "uwsgi"] as const)("%s: guarded by if __name__ == '__main__', app.run() never runs and the app answers", (gateway) => {
    const guarded = APP_RUN.replace("app.run()", 'if __name__ == "__main__":\n    app.run()');
    const { response } = run(gateway, { "app.py": guarded });
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body)).toBe("hello\n");
  });
});

describe("uWSGI need-app = true", () => {
  const ini = () => new TextDecoder().decode(hello.files.get("uwsgi.ini")!) + "need-app = true\n";

  it("with an app that fails to import: GAME OVER, uWSGI exits, vacuum removes the socket, nginx answers 502", () => {
    const { response, trace, startup } = run("uwsgi", { "app.py": BROKEN, "uwsgi.ini": ini() });
    expect(response.status).toBe(502);
    expect(logs(trace.steps, "nginx-error").join("\n")).toContain("connect() to unix:/run/uwsgi.sock failed (2: No such file or directory)");
    const real = captured("logs/uwsgi-need-app.log").split("\n").filter((l) => l && !l.startsWith("rc="));
    const from = (lines: string[]) => lines.slice(lines.findIndex((l) => l.startsWith("*** Operational MODE")));
    expect(normalized(from(startup.gateway))).toEqual(normalized(from(real)));
  });

  it("without need-app the same app still gets uWSGI's 500 (no python application found)", () => {
    const { response } = run("uwsgi", { "app.py": BROKEN });
    expect(response.status).toBe(500);
  });

  it("with an app that loads, need-app changes nothing", () => {
    const { response } = run("uwsgi", { "uwsgi.ini": ini() }, "/hello/cju");
    expect(response.status).toBe(200);
  });
});
