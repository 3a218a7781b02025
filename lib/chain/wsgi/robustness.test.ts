import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceStep } from "../trace";
import { createGunicorn, createUwsgi, gunicornSettingsFrom, parseUwsgiIni } from "./index";
import { helloApp, hungApp, loaded, raisingApp, slowApp } from "./test-support/fake-apps";

const KINDS = ["connect-failed", "response", "closed", "silent"];
/** send() turns a bug of the model into a fault step instead of throwing: there must be none. */
const internalErrors = (trace: TraceStep[]) =>
  trace.flatMap((s) => (s.kind === "fault" && s.explain.startsWith("게이트웨이 모델 내부 오류") ? [s.explain] : []));

describe("untrusted input never escapes the public API as an exception", () => {
  it("Gunicorn: any bytes from nginx give a typed result", () => {
    const settings = gunicornSettingsFrom({ bind: "unix:/run/g.sock", workers: 1, timeout: 5 }, "gunicorn.conf.py");
    if (!settings.ok) throw new Error("settings");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(100000), (raw, at) => {
        const gunicorn = createGunicorn({ settings: settings.settings, app: loaded(helloApp()), epochMs: 0 });
        const trace: TraceStep[] = [];
        const result = gunicorn.send({ protocol: "http", address: { kind: "unix", path: "/run/g.sock" }, raw }, at, trace);
        expect(KINDS).toContain(result.kind);
        expect(trace.every((s) => s.at >= at)).toBe(true);
        expect(internalErrors(trace)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("Gunicorn: arbitrary config values give settings or a ConfigError", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("workers", "timeout", "bind", "raw_env", "accesslog", "loglevel", "threads", "x"), fc.jsonValue()), (values) => {
        const result = gunicornSettingsFrom(values as Record<string, unknown>, "gunicorn.conf.py");
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("uWSGI: any INI text and any params give a typed result", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.array(fc.tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 200 })), { maxLength: 30 }), (text, params) => {
        const parsed = parseUwsgiIni(`[uwsgi]\nsocket = /run/u.sock\nmodule = app:app\n${text}`, "uwsgi.ini");
        if (!parsed.ok) return;
        const uwsgi = createUwsgi({ settings: parsed.settings, app: loaded(helloApp()), epochMs: 0 });
        const trace: TraceStep[] = [];
        const result = uwsgi.send({ protocol: "uwsgi", address: { kind: "unix", path: "/run/u.sock" }, params, body: new Uint8Array(0) }, 0, trace);
        expect(KINDS).toContain(result.kind);
        expect(internalErrors(trace)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sequences of requests keep the trace JSON-safe and time moving forward", () => {
  const finite = (trace: TraceStep[]) =>
    trace.every((s) => Number.isFinite(s.at) && (s.kind !== "wait" || (Number.isFinite(s.until) && s.until >= s.at)));
  const apps = { hello: helloApp, slow: () => slowApp(45000), hung: hungApp, raising: raisingApp };
  const appName = fc.constantFrom(...(Object.keys(apps) as Array<keyof typeof apps>));

  it("Gunicorn (sync and gthread, with and without timeout)", () => {
    fc.assert(
      fc.property(appName, fc.array(fc.nat(120000), { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 5, 30), fc.constantFrom(1, 2), (name, times, timeout, threads) => {
        const settings = gunicornSettingsFrom({ bind: "unix:/run/g.sock", workers: 2, timeout, threads }, "gunicorn.conf.py");
        if (!settings.ok) throw new Error("settings");
        const gunicorn = createGunicorn({ settings: settings.settings, app: loaded(apps[name]()), epochMs: 1_700_000_000_000 });
        for (const at of [...times].sort((a, b) => a - b)) {
          const trace: TraceStep[] = [];
          const result = gunicorn.send({ protocol: "http", address: { kind: "unix", path: "/run/g.sock" }, raw: new TextEncoder().encode("GET / HTTP/1.0\r\nHost: x\r\n\r\n") }, at, trace);
          expect(KINDS).toContain(result.kind);
          expect(finite(trace)).toBe(true);
          expect(internalErrors(trace)).toEqual([]);
          if (result.kind === "response") expect(result.headerAt).toBeGreaterThanOrEqual(at);
          if (result.kind === "closed") expect(result.at).toBeGreaterThanOrEqual(at);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("uWSGI (with and without master and harakiri)", () => {
    fc.assert(
      fc.property(appName, fc.array(fc.nat(120000), { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 2, 30), fc.boolean(), (name, times, harakiri, master) => {
        const parsed = parseUwsgiIni(`[uwsgi]\nsocket = /run/u.sock\nmodule = app:app\nprocesses = 2\nthreads = 2\nharakiri = ${harakiri}\n${master ? "master = true\n" : ""}`, "uwsgi.ini");
        if (!parsed.ok) throw new Error("settings");
        const uwsgi = createUwsgi({ settings: parsed.settings, app: loaded(apps[name]()), epochMs: 1_700_000_000_500 });
        for (const at of [...times].sort((a, b) => a - b)) {
          const trace: TraceStep[] = [];
          const params: Array<[string, string]> = [["REQUEST_METHOD", "GET"], ["REQUEST_URI", "/"], ["SERVER_PROTOCOL", "HTTP/1.1"]];
          const result = uwsgi.send({ protocol: "uwsgi", address: { kind: "unix", path: "/run/u.sock" }, params, body: new Uint8Array(0) }, at, trace);
          expect(KINDS).toContain(result.kind);
          expect(finite(trace)).toBe(true);
          expect(internalErrors(trace)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
