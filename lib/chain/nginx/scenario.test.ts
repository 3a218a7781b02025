/**
 * The hello_cju scenario end to end on the nginx side, with its real nginx.conf / nginx-uwsgi.conf and static
 * files, and fake gateways returning canned answers (502/504 paths on the virtual clock).
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadNginxConfig } from "./config";
import { runNginx, type NginxRunInput } from "./index";
import { createVirtualFs } from "./vfs";
import { cannedResponse, fakeUpstream, req } from "./testing";
import { latin1Decode } from "../http/bytes";
import type { TraceStep } from "../trace";
import type { Upstream } from "../contracts";

const scenarioDir = join(import.meta.dirname, "../../../content/scenarios/hello_cju");
function walk(dir: string, out = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.set(relative(scenarioDir, p), new Uint8Array(readFileSync(p)));
  }
  return out;
}
const files = walk(scenarioDir);
const MTIME = Date.UTC(2026, 2, 2, 9, 0, 0);
const EPOCH = Date.UTC(2026, 10, 25, 13, 31, 5);
const fs = createVirtualFs([{ at: "/srv/hello_cju/", files, mtimeMs: MTIME }]);

function config(file: string) {
  const loaded = loadNginxConfig({ siteName: "hello_cju", siteText: readFileSync(join(scenarioDir, file), "utf8") });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}
const gunicornConf = config("nginx.conf");
const uwsgiConf = config("nginx-uwsgi.conf");

function run(raw: string, upstreams: Upstream[], conf = gunicornConf, extra: Partial<NginxRunInput> = {}) {
  const trace: TraceStep[] = [];
  const result = runNginx({ config: conf, raw: req(raw), client: { address: "127.0.0.1", port: 51234 }, fs, upstreams, epochMs: EPOCH, trace, ...extra });
  return { result, trace, text: latin1Decode(result.raw) };
}
const logs = (trace: TraceStep[], stream: string) =>
  trace.filter((s): s is Extract<TraceStep, { kind: "log" }> => s.kind === "log" && s.stream === stream).map((s) => s.line);

const gunicornSock = { kind: "unix" as const, path: "/run/gunicorn.sock" };
const GET_HELLO = "GET /hello?name=cju HTTP/1.1\r\nHost: localhost\r\nUser-Agent: Mozilla/5.0\r\nAccept: text/html\r\n\r\n";

describe("hello_cju through the nginx model", () => {
  it("answers /health itself", () => {
    const { text } = run("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    expect(text).toBe(
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 13:31:05 GMT\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n",
    );
  });

  it("serves /static/style.css from the alias with expires 1h and file-read in the trace", () => {
    const { text, trace, result } = run("GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    const css = files.get("static/style.css")!;
    expect(result.status).toBe(200);
    expect(text).toContain(`Content-Type: text/css\r\nContent-Length: ${css.length}\r\nLast-Modified: Mon, 02 Mar 2026 09:00:00 GMT\r\n`);
    expect(text).toContain(`ETag: "69a55190-${css.length.toString(16)}"\r\nExpires: Wed, 25 Nov 2026 14:31:05 GMT\r\nCache-Control: max-age=3600\r\nAccept-Ranges: bytes\r\n`);
    expect(trace.find((s) => s.kind === "file-read")).toMatchObject({ path: "/srv/hello_cju/static/style.css", found: true, size: css.length });
  });

  it("serves the index of /static/ and a 404 with nginx's open() error line", () => {
    expect(run("GET /static/ HTTP/1.1\r\nHost: localhost\r\n\r\n", []).result.status).toBe(200);
    const { result, trace } = run("GET /static/nope.css HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    expect(result.status).toBe(404);
    expect(logs(trace, "nginx-error")).toEqual([
      '2026/11/25 13:31:05 [error] 1234#1234: *1 open() "/srv/hello_cju/static/nope.css" failed (2: No such file or directory), client: 127.0.0.1, server: hello-cju.example.com, request: "GET /static/nope.css HTTP/1.1", host: "localhost"',
    ]);
  });

  it("sends images anywhere to the ~* location (case-insensitive) with expires 7d", () => {
    const { result, text } = run("GET /LOGO.SVG HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    expect(result.status).toBe(404); // the file is logo.svg: the location matches, the disk is case-sensitive
    const ok = run("GET /logo.svg HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    expect(ok.result.status).toBe(200);
    expect(ok.text).toContain("Content-Type: image/svg+xml\r\n");
    expect(ok.text).toContain("Cache-Control: max-age=604800\r\n");
    expect(text).not.toContain("Cache-Control");
  });

  it("proxies /hello to Gunicorn with proxy_params and passes the answer on", () => {
    const up = fakeUpstream(gunicornSock, cannedResponse("HTTP/1.0 200 OK\r\nServer: gunicorn\r\nDate: Wed, 25 Nov 2026 13:31:05 GMT\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 14\r\n\r\n<p>hello!</p>\n", 12));
    const { result, trace, text } = run(GET_HELLO, [up]);
    expect(up.requests).toHaveLength(1);
    const sent = up.requests[0]!;
    expect(sent.protocol).toBe("http");
    if (sent.protocol === "http") {
      expect(latin1Decode(sent.raw)).toBe(
        "GET /hello?name=cju HTTP/1.0\r\nHost: localhost\r\nX-Real-IP: 127.0.0.1\r\nX-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Proto: http\r\nConnection: close\r\nUser-Agent: Mozilla/5.0\r\nAccept: text/html\r\n\r\n",
      );
    }
    expect(text).toBe(
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 13:31:05 GMT\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 14\r\nConnection: keep-alive\r\n\r\n<p>hello!</p>\n",
    );
    expect(result.doneAt).toBe(12);
    expect(trace.map((s) => s.kind)).toEqual(["http-request", "decision", "decision", "decision", "http-request", "http-response", "http-response", "log"]);
    expect(logs(trace, "nginx-access")).toEqual(['127.0.0.1 - - [25/Nov/2026:13:31:05 +0000] "GET /hello?name=cju HTTP/1.1" 200 14 "-" "Mozilla/5.0"']);
  });

  it("502 when Gunicorn is down: [crit] connect() … (2: No such file or directory)", () => {
    const { result, trace } = run(GET_HELLO, []);
    expect(result.status).toBe(502);
    expect(logs(trace, "nginx-error")).toEqual([
      '2026/11/25 13:31:05 [crit] 1234#1234: *1 connect() to unix:/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream, client: 127.0.0.1, server: hello-cju.example.com, request: "GET /hello?name=cju HTTP/1.1", upstream: "http://unix:/run/gunicorn.sock:/hello?name=cju", host: "localhost"',
    ]);
    // connect() failed, so no request ever travelled to the gateway: the trace says which hop failed and how.
    expect(trace.some((s) => s.kind !== "log" && (s.component === "gateway" || ("to" in s && s.to === "gateway")))).toBe(false);
    expect(trace.find((s) => s.kind === "fault")).toMatchObject({
      component: "nginx",
      fault: "connect-failed",
      target: "gateway",
      error: "connect() to unix:/run/gunicorn.sock failed (2: No such file or directory)",
    });
  });

  it("502 when the gateway listens elsewhere (socket path mismatch)", () => {
    const up = fakeUpstream({ kind: "unix", path: "/tmp/gunicorn.sock" }, cannedResponse("HTTP/1.0 200 OK\r\n\r\n"));
    const { result, trace } = run(GET_HELLO, [up]);
    expect(result.status).toBe(502);
    expect(up.requests).toHaveLength(0);
    expect(trace.map((s) => s.kind)).not.toContain("uwsgi-request");
    expect(trace.filter((s) => s.kind === "http-request").map((s) => "to" in s && s.to)).toEqual(["nginx"]);
  });

  it("504 exactly at proxy_read_timeout (10 s) when the app never answers", () => {
    const up = fakeUpstream(gunicornSock, () => ({ kind: "silent" }));
    const { result, trace } = run(GET_HELLO, [up], gunicornConf, { startAt: 3 });
    expect(result.status).toBe(504);
    expect(result.doneAt).toBe(10_003);
    expect(latin1Decode(result.body)).toContain("<title>504 Gateway Time-out</title>");
    expect(logs(trace, "nginx-error")).toEqual([
      '2026/11/25 13:31:15 [error] 1234#1234: *1 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: hello-cju.example.com, request: "GET /hello?name=cju HTTP/1.1", upstream: "http://unix:/run/gunicorn.sock/hello?name=cju", host: "localhost"',
    ]);
    expect(trace.find((s) => s.kind === "wait")).toMatchObject({ at: 3, until: 10_003 });
  });

  it("504 when the answer would come after the timeout, 200 when just before", () => {
    const late = fakeUpstream(gunicornSock, cannedResponse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 10_001));
    expect(run(GET_HELLO, [late]).result).toMatchObject({ status: 504, doneAt: 10_000 });
    const inTime = fakeUpstream(gunicornSock, cannedResponse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 10_000));
    expect(run(GET_HELLO, [inTime]).result).toMatchObject({ status: 200, doneAt: 10_000 });
  });

  it("502 when the gateway closes the connection before answering (a killed worker)", () => {
    const up = fakeUpstream(gunicornSock, (_r, sentAt) => ({ kind: "closed", at: sentAt + 5_000, bytesSent: 0 }));
    const { result, trace } = run(GET_HELLO, [up]);
    expect(result).toMatchObject({ status: 502, doneAt: 5_000 });
    expect(logs(trace, "nginx-error")[0]).toContain(
      'upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: hello-cju.example.com, request: "GET /hello?name=cju HTTP/1.1", upstream: "http://unix:/run/gunicorn.sock:/hello?name=cju"',
    );
  });

  it("413 from Content-Length above client_max_body_size 1m, without calling the app", () => {
    const up = fakeUpstream(gunicornSock, cannedResponse("HTTP/1.0 200 OK\r\n\r\n"));
    const { result, trace } = run("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n\r\n", [up]);
    expect(result.status).toBe(413);
    expect(up.requests).toHaveLength(0);
    expect(result.headers).toContainEqual(["Connection", "close"]);
    expect(logs(trace, "nginx-error")[0]).toContain("client intended to send too large body: 2000000 bytes");
  });

  it("408 without an answer when the body never fully arrives", () => {
    const up = fakeUpstream(gunicornSock, cannedResponse("HTTP/1.0 200 OK\r\n\r\n"));
    const { result, trace } = run("POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc", [up]);
    expect(result).toMatchObject({ status: 408, doneAt: 60_000 });
    expect(result.raw.length).toBe(0);
    expect(logs(trace, "nginx-access")[0]).toContain('"POST /form HTTP/1.1" 408 0');
  });

  it("uwsgi variant: sends Debian's uwsgi_params then HTTP_* variables", () => {
    const up = fakeUpstream({ kind: "unix", path: "/run/uwsgi.sock" }, cannedResponse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhi", 4));
    const { result, trace } = run("GET /hello?name=cju HTTP/1.1\r\nHost: localhost\r\nUser-Agent: t\r\n\r\n", [up], uwsgiConf);
    const sent = up.requests[0]!;
    expect(sent.protocol).toBe("uwsgi");
    if (sent.protocol === "uwsgi") {
      expect(sent.params).toEqual([
        ["QUERY_STRING", "name=cju"],
        ["REQUEST_METHOD", "GET"],
        ["CONTENT_TYPE", ""],
        ["CONTENT_LENGTH", ""],
        ["REQUEST_URI", "/hello?name=cju"],
        ["PATH_INFO", "/hello"],
        ["DOCUMENT_ROOT", "/usr/share/nginx/html"],
        ["SERVER_PROTOCOL", "HTTP/1.1"],
        ["REQUEST_SCHEME", "http"],
        ["REMOTE_ADDR", "127.0.0.1"],
        ["REMOTE_PORT", "51234"],
        ["SERVER_PORT", "80"],
        ["SERVER_NAME", "hello-cju.example.com"],
        ["HTTP_HOST", "localhost"],
        ["HTTP_USER_AGENT", "t"],
      ]);
    }
    expect(trace.find((s) => s.kind === "uwsgi-request")).toMatchObject({ to: "gateway", bodyLength: 0 });
    // No Content-Length from uWSGI: chunked to an HTTP/1.1 client.
    expect(latin1Decode(result.raw)).toContain("Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n2\r\nhi\r\n0\r\n\r\n");
  });

  it("uwsgi timeout and missing socket use the uwsgi:// upstream wording", () => {
    const silent = fakeUpstream({ kind: "unix", path: "/run/uwsgi.sock" }, () => ({ kind: "silent" }));
    const t = run(GET_HELLO, [silent], uwsgiConf);
    expect(t.result.status).toBe(504);
    expect(logs(t.trace, "nginx-error")[0]).toContain('upstream: "uwsgi://unix:/run/uwsgi.sock", host');
    const down = run(GET_HELLO, [], uwsgiConf);
    expect(logs(down.trace, "nginx-error")[0]).toContain('connect() to unix:/run/uwsgi.sock failed (2: No such file or directory) while connecting to upstream');
    expect(logs(down.trace, "nginx-error")[0]).toContain('upstream: "uwsgi://unix:/run/uwsgi.sock:", host');
  });

  it("an upstream group: the refused peer gets no request on the edge, the next one does", () => {
    const loaded = loadNginxConfig({
      siteName: "hello_cju",
      siteText: "upstream app {\n    server unix:/run/a.sock;\n    server unix:/run/b.sock;\n}\nserver {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n",
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const b = fakeUpstream({ kind: "unix", path: "/run/b.sock" }, cannedResponse("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    const { result, trace } = run(GET_HELLO, [b], loaded.config);
    expect(result.status).toBe(200);
    expect(trace.filter((s) => s.kind === "http-request" && s.to === "gateway")).toHaveLength(1);
    const fault = trace.findIndex((s) => s.kind === "fault");
    expect(trace[fault]).toMatchObject({ fault: "connect-failed", target: "gateway", error: "connect() to unix:/run/a.sock failed (2: No such file or directory)" });
    expect(trace.findIndex((s) => s.kind === "http-request" && s.to === "gateway")).toBeGreaterThan(fault);
  });

  it("picks the default server and still answers for an unknown Host", () => {
    const { trace, result } = run("GET /health HTTP/1.1\r\nHost: example.net\r\n\r\n", []);
    expect(result.status).toBe(200);
    expect(trace.find((s) => s.kind === "decision" && s.topic === "server")).toMatchObject({ outcome: "server_name hello-cju.example.com" });
  });

  it("explains how root and alias map the URI to a file", () => {
    const staticDecision = (raw: string) => {
      const d = run(raw, []).trace.find((s): s is Extract<TraceStep, { kind: "decision" }> => s.kind === "decision" && s.topic === "static")!;
      return d;
    };
    const alias = staticDecision("GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(alias.outcome).toBe("/srv/hello_cju/static/style.css");
    expect(alias.explain).toContain('alias는 URI에서 location 접두사 "/static/"를 떼고');
    const root = staticDecision("GET /img/logo.svg HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(root.outcome).toBe("/srv/hello_cju/static/img/img/logo.svg");
    expect(root.tests[0]).toMatchObject({ subject: "root /srv/hello_cju/static/img", matched: false });
  });

  it("explains the location choice in Korean with nginx's test order", () => {
    const { trace } = run("GET /static/img/logo.svg HTTP/1.1\r\nHost: localhost\r\n\r\n", []);
    const d = trace.find((s): s is Extract<TraceStep, { kind: "decision" }> => s.kind === "decision" && s.topic === "location")!;
    expect(d.outcome).toBe("location ^~ /static/");
    expect(d.tests.map((t) => t.subject)).not.toContain('test location: ~* "\\.(png|jpg|ico|svg)$"');
    expect(d.explain).toContain("정규식 location은 검사하지 않습니다");
  });
});
