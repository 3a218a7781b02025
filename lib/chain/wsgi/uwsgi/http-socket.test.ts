import { describe, expect, it } from "vitest";
import type { TraceStep } from "../../trace";
import { createUwsgi, parseUwsgiIni } from "../index";
import { environEchoApp, loaded } from "../test-support/fake-apps";
import { capturedEnviron, comparableCaptured, comparableEnviron, fixtureBytes, fixtureText } from "../test-support/fixtures";
import { buildUwsgiEnviron } from "./environ";
import { encodeUwsgiPacket } from "./packet";
import { parseHttpSocketRequest } from "./http-socket";

describe("uWSGI http-socket", () => {
  const raw = fixtureBytes("uwsgi/http-socket.request.http");
  const listen = { kind: "unix" as const, path: "/tmp/gw/uh.sock" };

  it("makes the vars and environ uWSGI made for the captured request (single process, host 'vm')", () => {
    const parsed = parseHttpSocketRequest(raw, listen, "vm");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const environ = buildUwsgiEnviron(parsed.params, { processes: 1, threads: 1, core: 0, serial: 0, node: "vm", body: parsed.body });
    expect(comparableEnviron(environ)).toEqual(comparableCaptured(capturedEnviron("uwsgi/http-socket.response.http")));
  });

  it("has the vars block size uWSGI logged for it", () => {
    const parsed = parseHttpSocketRequest(raw, listen, "vm");
    const line = fixtureText("logs/uwsgi-http-socket.log").split("\n").find((l) => l.startsWith("[pid:")) ?? "";
    const [, vars, size] = /\{(\d+) vars in (\d+) bytes\}/.exec(line) ?? [];
    expect(parsed.ok && [parsed.params.length * 2, encodeUwsgiPacket(parsed.params).datasize]).toEqual([Number(vars), Number(size)]);
  });

  it("answers nginx's proxy_pass through an http-socket with the request's protocol", () => {
    const settings = parseUwsgiIni("[uwsgi]\nmodule = app:app\nhttp-socket = /run/uwsgi-http.sock\n", "uwsgi.ini");
    if (!settings.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: settings.settings, app: loaded(environEchoApp()), epochMs: 0 });
    const trace: TraceStep[] = [];
    const result = uwsgi.send({ protocol: "http", address: { kind: "unix", path: "/run/uwsgi-http.sock" }, raw }, 0, trace);
    expect(result.kind === "response" && new TextDecoder().decode(result.raw)).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
    const log = trace.flatMap((s) => (s.kind === "log" ? [s.line] : [])).at(-1);
    expect(log).toMatch(/\] 0\.0\.0\.0 \(\) \{26 vars in \d+ bytes\} .* GET \/p\/a%20b\?x=1 => .* \(HTTP\/1\.0 200\) 2 headers in \d+ bytes \(1 switches on core 0\)$/);
  });

  it("refuses a uwsgi packet on an http-socket and an incomplete HTTP request", () => {
    const settings = parseUwsgiIni("[uwsgi]\nmodule = app:app\nhttp-socket = :8000\n", "uwsgi.ini");
    if (!settings.ok) throw new Error("settings");
    const uwsgi = createUwsgi({ settings: settings.settings, app: loaded(environEchoApp()), epochMs: 0 });
    expect(uwsgi.send({ protocol: "uwsgi", address: { kind: "tcp", host: "0.0.0.0", port: 8000 }, params: [], body: new Uint8Array(0) }, 0, []).kind).toBe("closed");
    expect(parseHttpSocketRequest(new TextEncoder().encode("GET / HTTP/1.0\r\n"), listen, "vm")).toEqual({ ok: false, why: "incomplete" });
  });
});
