/** The harness itself against the real programs: it starts, answers, attributes logs, and leaves nothing behind. */
import { existsSync, mkdtempSync, cpSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findSocket, startRealChain, workerCount } from "./real-chain";

const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const get = (p: string) => enc(`GET ${p} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startRealChain", () => {
  it("runs hello_cju under Gunicorn, gives each request its own log lines, and stops every process", async () => {
    const chain = await startRealChain({ scenario: "hello_cju", gateway: "gunicorn" });
    const pidFile = path.join(chain.dir, "nginx", "nginx.pid");
    let nginxPid = 0;
    try {
      expect(chain.startupLogs.gatewayStderr.join("\n")).toMatch(/Starting gunicorn 20\.1\.0/);
      nginxPid = Number((await import("node:fs")).readFileSync(pidFile, "utf8").trim());
      const root = await chain.send(get("/"));
      expect(text(root.response)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(text(root.response)).toContain("<h1>안녕하세요, hello_cju!</h1>");
      expect(root.logs.nginxAccess).toHaveLength(1);
      expect(root.logs.gatewayStdout).toEqual([expect.stringMatching(/"GET \/ HTTP\/1\.0" 200 37 "-" "-"$/)]);
      const health = await chain.send(get("/health"));
      expect(text(health.response)).toMatch(/\r\n\r\nok\n$/);
      expect(health.logs.gatewayStdout).toEqual([]);
      // Static files carry the fixed mtime, so their validators are stable.
      const css = await chain.send(get("/static/style.css"));
      expect(text(css.response)).toContain("Last-Modified: Mon, 02 Mar 2026 09:00:00 GMT\r\n");
    } finally {
      await chain.stop();
    }
    expect(alive(nginxPid)).toBe(false);
    expect(existsSync(chain.dir)).toBe(false);
  });

  it("with the gateway down, nginx answers 502 and logs the failed connect to the missing socket", async () => {
    const chain = await startRealChain({ scenario: "hello_cju", gateway: "uwsgi", faults: { gateway: "down" } });
    try {
      const r = await chain.send(get("/"));
      expect(text(r.response)).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
      expect(r.logs.nginxError.join("\n")).toMatch(/connect\(\) to unix:\S+\/run\/uwsgi\.sock failed \(2: No such file or directory\)/);
    } finally {
      await chain.stop();
    }
  });

  it("rejects with the gateway's own words when its config is broken, and cleans up", async () => {
    const scenariosDir = mkdtempSync(path.join(os.tmpdir(), "conf-broken-"));
    try {
      cpSync(path.join(import.meta.dirname, "..", "content", "scenarios", "hello_cju"), path.join(scenariosDir, "hello_cju"), { recursive: true });
      writeFileSync(path.join(scenariosDir, "hello_cju", "gunicorn.conf.py"), 'bind = "unix:/run/gunicorn.sock"\nworkers = (\n');
      await expect(startRealChain({ scenario: "hello_cju", gateway: "gunicorn", scenariosDir, startTimeoutMs: 8000 })).rejects.toThrow(/gunicorn for hello_cju: exited/);
    } finally {
      rmSync(scenariosDir, { recursive: true, force: true });
    }
  });

  it("refuses scenario names that could escape the scenarios folder", async () => {
    await expect(startRealChain({ scenario: "../etc", gateway: "gunicorn" })).rejects.toThrow(/bad scenario name/);
  });
});

describe("findSocket", () => {
  it("reads the unix socket from gunicorn.conf.py and uwsgi.ini, and nothing from a TCP bind", () => {
    expect(findSocket('bind = "unix:/tmp/x/run/gunicorn.sock"\n', "")).toBe("/tmp/x/run/gunicorn.sock");
    expect(findSocket("[uwsgi]\nsocket = /tmp/x/run/uwsgi.sock\n", "")).toBe("/tmp/x/run/uwsgi.sock");
    expect(findSocket('bind = "127.0.0.1:8000"\n', "")).toBeNull();
  });
});

describe("workerCount", () => {
  it("reads Gunicorn's workers and uWSGI's processes, defaulting to 1", () => {
    expect(workerCount("bind = 'x'\nworkers = 2\n", "gunicorn")).toBe(2);
    expect(workerCount("bind = 'x'\n", "gunicorn")).toBe(1);
    expect(workerCount("[uwsgi]\nprocesses = 3\n", "uwsgi")).toBe(3);
    expect(workerCount("[uwsgi]\nworkers = 999\n", "uwsgi")).toBe(1);
  });
});
