import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { atoi, parseUwsgiIni, strtoul64 } from "./ini";

const HELLO = readFileSync(path.resolve(import.meta.dirname, "../../../../content/scenarios/hello_cju/uwsgi.ini"), "utf8");

describe("parseUwsgiIni", () => {
  it("reads hello_cju's uwsgi.ini", () => {
    const result = parseUwsgiIni(HELLO, "/etc/uwsgi/apps-enabled/hello_cju.ini");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.settings;
    expect(s.address).toEqual({ kind: "unix", path: "/run/uwsgi.sock" });
    expect([s.module, s.callable, s.processes, s.threads, s.harakiri, s.master, s.vacuum]).toEqual(["app", "app", 2, 2, 30, true, true]);
    expect(s.plugins).toEqual(["python3"]);
    expect(s.chmodSocket).toBe("666");
    expect(s.bufferSize).toBe(4096);
  });

  it("follows uWSGI's lenient rules (observed): atoi numbers, flags, last value wins", () => {
    const text = [
      "[uwsgi]",
      "; comment",
      "# another",
      "base = /tmp/run",
      "socket = %(base)/u.sock",
      "processes = 2",
      "processes = 3abc",
      "harakiri = abc",
      "master = no",
      "vacuum = yes",
      "justaword",
      "unknown-option = 1",
      "module = app:application",
      "[other]",
      "processes = 9",
    ].join("\n");
    const result = parseUwsgiIni(text, "uwsgi.ini");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.address).toEqual({ kind: "unix", path: "/tmp/run/u.sock" });
    expect(result.settings.processes).toBe(3);
    expect(result.settings.harakiri).toBe(0);
    expect(result.settings.master).toBe(false);
    expect(result.settings.vacuum).toBe(true);
    expect(result.settings.callable).toBe("application");
  });

  it("refuses to start without a socket, in uWSGI's words", () => {
    const result = parseUwsgiIni("[uwsgi]\nmodule = app:app\n", "uwsgi.ini");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("The -s/--socket option is missing and stdin is not a socket.");
    expect(result.error.line).toBe(2);
  });

  it("warns when the [uwsgi] section is missing (and then has no socket)", () => {
    const result = parseUwsgiIni("[app]\nsocket = /run/u.sock\n", "uwsgi.ini");
    expect(result.ok).toBe(false);
    const withSection = parseUwsgiIni("[uwsgi]\nsocket = 127.0.0.1:3031\n", "uwsgi.ini");
    expect(withSection.ok && withSection.settings.address).toEqual({ kind: "tcp", host: "127.0.0.1", port: 3031 });
    expect(withSection.ok && withSection.settings.warnings).toEqual([]);
  });

  it("bounds untrusted input", () => {
    expect(parseUwsgiIni("x".repeat(300 * 1024), "uwsgi.ini").ok).toBe(false);
    const loop = parseUwsgiIni("[uwsgi]\na = %(b)\nb = %(a)\nsocket = /s%(a)\n", "uwsgi.ini");
    expect(loop.ok).toBe(true);
  });

  it("turns a flag off only for false/0/no/off (observed with master)", () => {
    const master = (v: string) => {
      const r = parseUwsgiIni(`[uwsgi]\nsocket = /s\nmaster = ${v}\n`, "uwsgi.ini");
      return r.ok && r.settings.master;
    };
    expect(["false", "0", "no", "off", "False", "FALSE"].map(master)).toEqual([false, false, false, false, false, false]);
    expect(["true", "1", "yes"].map(master)).toEqual([true, true, true]);
  });

  it("reads max-requests and min-worker-lifetime as 64-bit options (strtoul; default lifetime 10 s, measured)", () => {
    const read = (extra: string) => {
      const r = parseUwsgiIni(`[uwsgi]\nsocket = /s\n${extra}`, "uwsgi.ini");
      if (!r.ok) throw new Error(r.error.message);
      return [r.settings.maxRequests, r.settings.minWorkerLifetime];
    };
    expect(read("")).toEqual([0, 10]);
    expect(read("max-requests = 2\nmin-worker-lifetime = 1\n")).toEqual([2, 1]);
    expect(read("min-worker-lifetime = 5s\nmin-worker-lifetime = abc\n")).toEqual([0, 0]);
    // -1 wraps around: the real 2.0.21 never recycled a worker with min-worker-lifetime = -1.
    expect(read("min-worker-lifetime = -1\n")[1]).toBe(2 ** 64 - 1);
    expect([strtoul64(" 7x"), strtoul64("-0"), strtoul64("")]).toEqual([7, 0, 0]);
  });

  it("reads numbers like C's atoi", () => {
    expect([atoi("2"), atoi(" 3x"), atoi("two"), atoi("-1"), atoi("")]).toEqual([2, 3, 0, -1, 0]);
  });
});
