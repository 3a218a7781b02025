/**
 * The model against the real nginx 1.22.1: fixtures/real/expected.json was recorded by conformance/capture/nginx/capture-real.mjs
 * from /usr/sbin/nginx with Debian's http{} settings and fixtures/real/site.conf. Each case's raw request must
 * give the same response bytes (Date/Expires values aside), the same upstream request bytes or uwsgi variables,
 * and the same error/access log lines (timestamps and pid aside).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadNginxConfig } from "./config";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { fakeUpstream } from "./testing";
import { latin1Decode, latin1Encode, latin1ToUtf8 } from "../http/bytes";
import type { UpstreamResult } from "../contracts";
import type { TraceStep } from "../trace";

const dir = join(import.meta.dirname, "fixtures/real");
interface Case { name: string; request: string; upstreamResponse?: string; upstreamMode?: string }
interface Recorded {
  name: string;
  response: string;
  upstream: Array<{ kind: "http"; raw: string } | { kind: "uwsgi"; header: number[]; vars: Array<[string, string]>; body: string }>;
  errorLog: string[];
  accessLog: string[];
  /** nginx's debug log lines of the location search (`test location: …`, `using configuration …`). */
  locationLog: string[];
}
const cases: Case[] = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8"));
const recorded: Recorded[] = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
const files = JSON.parse(readFileSync(join(dir, "files.json"), "utf8")) as { mtime: string; mount: string; files: Record<string, string> };
const siteText = readFileSync(join(dir, "site.conf"), "utf8");

// The multipart boundary is a counter of the nginx worker (one per multipart answer since it started); the
// model numbers each request's own answers from 1.
const normResponse = (s: string) =>
  s
    .replace(/^(Date|Expires): [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT\r$/gm, "$1: <date>\r")
    .replace(/(boundary=|\r\n--)\d{20}/g, "$1<boundary>");
const normError = (s: string) => s.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: \*\d+ /, "<time> [$1] <pid>: ");
const normAccess = (s: string) => s.replace(/\[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\]/, "[<time>]");

const loaded = loadNginxConfig({ siteName: "real", siteText });
const fs = createVirtualFs([
  { at: files.mount, files: new Map(Object.entries(files.files).map(([k, v]) => [k, new TextEncoder().encode(v)])), mtimeMs: Date.parse(files.mtime) },
]);

function run(c: Case, clientPort: number) {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const answer = (): UpstreamResult =>
    c.upstreamMode === "close"
      ? { kind: "closed", at: 3, bytesSent: 0 }
      : c.upstreamMode === "silent"
        ? { kind: "silent" }
      : { kind: "response", raw: latin1Encode(c.upstreamResponse ?? ""), headerAt: 2, doneAt: 3 };
  const http = fakeUpstream({ kind: "unix", path: "/tmp/ngxfx/up.sock" }, answer);
  const uw = fakeUpstream({ kind: "unix", path: "/tmp/ngxfx/uw.sock" }, answer);
  const tcp = fakeUpstream({ kind: "tcp", host: "127.0.0.1", port: 28448 }, answer);
  const trace: TraceStep[] = [];
  const result = runNginx({
    config: loaded.config,
    raw: latin1Encode(c.request),
    client: { address: "127.0.0.1", port: clientPort },
    fs,
    upstreams: [http, uw, tcp],
    epochMs: Date.UTC(2026, 10, 25, 13, 0, 0),
    trace,
    local: { address: "127.0.0.1", port: 28440 },
  });
  return { result, trace, requests: [...http.requests, ...uw.requests, ...tcp.requests] };
}

describe("the model answers like the real nginx 1.22.1 (recorded)", () => {
  it("loads the fixture site with the config loader", () => {
    expect(loaded.ok).toBe(true);
  });
  for (const c of cases) {
    const rec = recorded.find((r) => r.name === c.name)!;
    it(c.name, () => {
      const uwsgiRec = rec.upstream.find((u) => u.kind === "uwsgi");
      const port = uwsgiRec && uwsgiRec.kind === "uwsgi" ? Number(uwsgiRec.vars.find(([k]) => k === "REMOTE_PORT")?.[1] ?? 40000) : 40000;
      const { result, trace, requests } = run(c, port);
      const got = latin1Decode(result.raw);
      expect(normResponse(got)).toBe(normResponse(rec.response));
      // What the upstream received.
      expect(requests.length).toBe(rec.upstream.length);
      rec.upstream.forEach((u, i) => {
        const r = requests[i]!;
        if (u.kind === "http") {
          expect(r.protocol).toBe("http");
          if (r.protocol === "http") expect(latin1Decode(r.raw)).toBe(u.raw);
        } else {
          expect(r.protocol).toBe("uwsgi");
          if (r.protocol === "uwsgi") {
            expect(r.params).toEqual(u.vars);
            expect(latin1Decode(r.body)).toBe(u.body);
          }
        }
      });
      const logs = (stream: string) => trace.filter((s): s is Extract<TraceStep, { kind: "log" }> => s.kind === "log" && s.stream === stream).map((s) => s.line);
      // The location search visits the same nodes in the same order as nginx's debug log.
      const tests = trace.flatMap((s) => (s.kind === "decision" && s.topic === "location" ? s.tests.map((t) => t.subject) : []));
      expect(tests).toEqual(rec.locationLog.filter((l) => l.startsWith("test location")).map(latin1ToUtf8));
      // The log file holds bytes; the trace carries them as UTF-8 text.
      expect(logs("nginx-error").map(normError)).toEqual(rec.errorLog.map((l) => normError(latin1ToUtf8(l))));
      expect(logs("nginx-access").map(normAccess)).toEqual(rec.accessLog.map(normAccess));
    });
  }
});
