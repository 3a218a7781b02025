/**
 * Chunked request bodies through the model, where fixtures/real cannot wait: an unfinished body for an
 * upstream (nginx waits client_body_timeout, then closes without an answer).
 */
import { describe, expect, it } from "vitest";
import { loadNginxConfig } from "./config";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { cannedResponse, fakeUpstream, req } from "./testing";
import type { TraceStep } from "../trace";

const loaded = loadNginxConfig({
  siteName: "t",
  siteText: `server {
    listen 80;
    root /srv/s;
    client_max_body_size 8;
    location /app/ { proxy_pass http://unix:/run/app.sock; client_body_timeout 5s; }
    location = /ok { return 200 "ok\\n"; }
}`,
});
const fs = createVirtualFs([{ at: "/srv/s/", files: new Map([["a.txt", new TextEncoder().encode("a\n")]]), mtimeMs: Date.UTC(2026, 2, 2, 9) }]);

function run(raw: string) {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const app = fakeUpstream({ kind: "unix", path: "/run/app.sock" }, cannedResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
  const trace: TraceStep[] = [];
  const result = runNginx({ config: loaded.config, raw: req(raw), client: { address: "127.0.0.1", port: 4000 }, fs, upstreams: [app], epochMs: 0, trace });
  const access = trace.filter((s) => s.kind === "log" && s.stream === "nginx-access").map((s) => (s.kind === "log" ? s.line : ""));
  const errors = trace.filter((s) => s.kind === "log" && s.stream === "nginx-error").map((s) => (s.kind === "log" ? s.line : ""));
  return { result, app, access, errors };
}

const chunked = (path: string, body: string) => `POST ${path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n${body}`;

describe("chunked request bodies", () => {
  it("an unfinished body for an upstream: client_body_timeout (not client_header_timeout) of waiting, no answer, 408 in the access log", () => {
    const { result, app, access } = run(chunked("/app/x", "5\r\nab"));
    expect(result.raw.length).toBe(0);
    expect(result.doneAt).toBe(5_000);
    expect(app.requests).toHaveLength(0);
    expect(access[0]).toContain('"POST /app/x HTTP/1.1" 408 0');
  });
  it("an unfinished body elsewhere does not delay the answer", () => {
    expect(run(chunked("/ok", "5\r\nab")).result.status).toBe(200);
  });
  it("a chunk over client_max_body_size is refused while reading, before a later malformed chunk", () => {
    const { result, errors } = run(chunked("/app/x", "5\r\nabcde\r\n9\r\nxx"));
    expect(result.status).toBe(413);
    expect(errors[0]).toContain("client intended to send too large chunked body: 5+9 bytes");
  });
  it("the whole body reaches the upstream with its length", () => {
    const { result, app } = run(chunked("/app/x", "3\r\nabc\r\n0\r\n\r\n"));
    expect(result.status).toBe(200);
    const sent = app.requests[0];
    expect(sent?.protocol === "http" && new TextDecoder().decode(sent.raw)).toMatch(/Content-Length: 3\r\n\r\nabc$/);
  });
});
