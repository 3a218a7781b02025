import { describe, expect, it } from "vitest";
import { loadNginxConfig } from "./config";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { cannedResponse, fakeUpstream, req } from "./testing";
import { latin1Decode, utf8Encode } from "../http/bytes";
import type { TraceStep } from "../trace";
import type { NginxConfig } from "./config/types";

const fs = createVirtualFs([{ at: "/srv/s/", files: new Map([["a.css", utf8Encode("a{}")], ["한.txt", utf8Encode("k")]]), mtimeMs: Date.UTC(2026, 2, 2, 9) }]);
const EPOCH = Date.UTC(2026, 10, 25, 13, 0, 0);

function load(siteText: string): NginxConfig {
  const loaded = loadNginxConfig({ siteName: "t", siteText });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}
function run(config: NginxConfig, raw: string | Uint8Array, upstreams = [] as ReturnType<typeof fakeUpstream>[]) {
  const trace: TraceStep[] = [];
  const result = runNginx({ config, raw: typeof raw === "string" ? req(raw) : raw, client: { address: "10.1.2.3", port: 5000 }, fs, upstreams, epochMs: EPOCH, trace });
  return { result, trace, text: latin1Decode(result.raw) };
}

const site = load(`server {
    listen 80;
    server_name localhost;
    root /srv/s;
    location /quiet/ { access_log off; alias /srv/s/; }
    location /max/ { alias /srv/s/; expires max; }
    location /neg/ { alias /srv/s/; expires -1; }
    location /hdr/ { alias /srv/s/; add_header X-Up $upstream_status; add_header X-Uri $uri; }
    location /kr/ { return 200 "안녕\\n"; }
}`);

describe("runNginx details", () => {
  it("access_log off writes no access line", () => {
    const { trace } = run(site, "GET /quiet/a.css HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(trace.some((s) => s.kind === "log" && s.stream === "nginx-access")).toBe(false);
    expect(run(site, "GET /a.css HTTP/1.1\r\nHost: localhost\r\n\r\n").trace.some((s) => s.kind === "log" && s.stream === "nginx-access")).toBe(true);
  });

  it("expires max and negative values", () => {
    expect(run(site, "GET /max/a.css HTTP/1.1\r\nHost: localhost\r\n\r\n").text).toContain("Expires: Thu, 31 Dec 2037 23:55:55 GMT\r\nCache-Control: max-age=315360000\r\n");
    expect(run(site, "GET /neg/a.css HTTP/1.1\r\nHost: localhost\r\n\r\n").text).toContain("Expires: Wed, 25 Nov 2026 12:59:59 GMT\r\nCache-Control: no-cache\r\n");
  });

  it("add_header skips empty values", () => {
    const { text } = run(site, "GET /hdr/a.css HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(text).not.toContain("X-Up");
    expect(text).toContain("X-Uri: /hdr/a.css\r\n");
  });

  it("sends config text as UTF-8 bytes and serves UTF-8 file names", () => {
    const kr = run(site, "GET /kr/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(Array.from(kr.result.body)).toEqual(Array.from(utf8Encode("안녕\n")));
    expect(kr.text).toContain("Content-Length: 7\r\n");
    const file = run(site, "GET /%ED%95%9C.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(file.result.status).toBe(200);
    const missing = run(site, "GET /%ED%95%9C%ED%95%9C.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const err = missing.trace.find((s) => s.kind === "log" && s.stream === "nginx-error");
    expect(err && err.kind === "log" && err.line).toContain('open() "/srv/s/한한.txt" failed (2: No such file or directory)');
  });

  it("answers HTTP/0.9 with the body only", () => {
    expect(run(site, "GET /a.css\r\n").text).toBe("a{}");
  });

  it("writes the trace in the order a student follows the request", () => {
    const up = fakeUpstream({ kind: "unix", path: "/run/x.sock" }, cannedResponse("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 7));
    const cfg = load("server { listen 80; location / { include proxy_params; proxy_pass http://unix:/run/x.sock; } }");
    const { trace } = run(cfg, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n", [up]);
    expect(trace.map((s) => `${s.kind}:${s.component}@${s.at}`)).toEqual([
      "http-request:browser@0",
      "decision:nginx@0",
      "decision:nginx@0",
      "decision:nginx@0",
      "http-request:nginx@0",
      "http-response:gateway@7",
      "http-response:nginx@7",
      "log:nginx@7",
    ]);
    const loc = trace.find((s) => s.kind === "decision" && s.topic === "location");
    expect(loc && loc.kind === "decision" && loc.explain).toMatch(/location \/.*접두사/);
  });

  it("never throws and always returns bytes or a silent close, whatever the client sends", () => {
    const cfg = load("server { listen 80; root /srv/s; location ~ ^/(.*)$ { try_files $uri /$1/ =404; } location @n { return 200; } }");
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const pieces = ["GET ", "POST ", "/", "..", "%2", "%2e", "?", "a", "\r\n", "Host: x\r\n", "HTTP/1.1", "HTTP/1.0", " ", "\x00", "Content-Length: 3\r\n", "\r\n\r\n", "//", "%ED%95"];
    for (let n = 0; n < 400; n++) {
      let s = "";
      const len = rand() % 12;
      for (let i = 0; i < len; i++) s += pieces[rand() % pieces.length];
      const { result } = run(cfg, s);
      expect(result.status).toBeGreaterThanOrEqual(9);
    }
  });
});

describe("an upstream that drops the connection mid-body", () => {
  it("relays the head and the bytes it got, and logs the short body", () => {
    const cfg = load("server { listen 80; location / { proxy_pass http://unix:/run/x.sock; } }");
    const up = fakeUpstream({ kind: "unix", path: "/run/x.sock" }, (_r, sentAt) => ({
      kind: "closed",
      at: sentAt + 30_000,
      bytesSent: 40,
      raw: req("HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
    }));
    const { result, trace } = run(cfg, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", [up]);
    expect(result.status).toBe(200);
    expect(latin1Decode(result.body)).toBe("abc");
    const err = trace.find((s) => s.kind === "log" && s.stream === "nginx-error");
    expect(err && err.kind === "log" && err.line).toContain("upstream prematurely closed connection while reading upstream");
  });
});

describe("no server listens on the port", () => {
  it("refuses the connection: no bytes, status 0, a connect-failed fault for the browser", () => {
    const cfg = load("server { listen 8080; location / { return 200; } }");
    const { result, trace } = run(cfg, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    expect(result).toMatchObject({ status: 0, doneAt: 0 });
    expect(result.raw.length).toBe(0);
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({ kind: "fault", component: "browser", fault: "connect-failed" });
  });
});

describe("timing of a slow, streamed answer", () => {
  it("dates the head when it arrived and logs at the end", () => {
    const cfg = load("server { listen 80; location / { proxy_pass http://unix:/run/x.sock; } }");
    const up = fakeUpstream({ kind: "unix", path: "/run/x.sock" }, (_r, sentAt) => ({
      kind: "response",
      raw: req("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"),
      headerAt: sentAt + 1_000,
      doneAt: sentAt + 5_000,
    }));
    const { result, text, trace } = run(cfg, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", [up]);
    expect(result.doneAt).toBe(5_000);
    expect(text).toContain("Date: Wed, 25 Nov 2026 13:00:01 GMT\r\n");
    const access = trace.find((s) => s.kind === "log" && s.stream === "nginx-access");
    expect(access && access.kind === "log" && access.line).toContain("[25/Nov/2026:13:00:05 +0000]");
  });
});

describe("`if` blocks as location configurations", () => {
  // Each true `if` with directives of other modules replaces the request's location configuration by its own,
  // merged over the location's. Measured on nginx 1.22.1 with this location: ?a=1 → Expires + Cache-Control;
  // ?b=1 → X-B; ?a=1&b=1 → X-B only (the second `if` is merged over the location, not over the first one).
  const ifs = load(`server {
    listen 80;
    server_name localhost;
    location /t/ {
      if ($arg_a) { expires 1h; }
      if ($arg_b) { add_header X-B b; }
      return 200 "ok\\n";
    }
}`);
  const get = (path: string) => run(ifs, `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`).text;

  it("takes the settings of the true `if`", () => {
    expect(get("/t/?a=1")).toContain("Expires: Wed, 25 Nov 2026 14:00:00 GMT\r\nCache-Control: max-age=3600\r\n");
    expect(get("/t/?b=1")).toContain("X-B: b\r\n");
    expect(get("/t/")).not.toMatch(/X-B|Expires/);
  });

  it("merges a later true `if` over the location, not over an earlier one", () => {
    const both = get("/t/?a=1&b=1");
    expect(both).toContain("X-B: b\r\n");
    expect(both).not.toContain("Expires");
  });
});
