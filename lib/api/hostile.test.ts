/**
 * Hostile inputs against the chain API, both ways in: Next's route handler (in-process, web Request) and the
 * production server's direct path (real HTTP on 127.0.0.1). Every one gets a clear answer quickly (a 4xx JSON
 * error, or the chain's own response for a malformed request), never a 500 or a hang, and the server still answers
 * afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSandbox } from "./chain-handler.server";
import { API_LIMITS } from "./limits";
import { routeHandlers } from "./routes.server";
import { createDirectApi } from "./direct.server";
import { listenDirect, type DirectTestServer } from "./testing";

/** Next's route handler for POST /api/chain, as app/api/chain/route.ts exports it. */
const { POST: handleChainPost } = routeHandlers("/api/chain");

type Send = (path: string, init?: RequestInit) => Promise<Response>;

const viaRouteHandler: Send = (path, init) => {
  const request = new Request(`http://127.0.0.1${path}`, init);
  return path.startsWith("/sandbox/hello_cju") ? handleSandbox(request, "hello_cju") : handleChainPost(request);
};

let server: DirectTestServer;
beforeAll(async () => {
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(() => server.close());
const viaDirectPath: Send = (path, init) => fetch(server.origin + path, init);

describe.each([
  ["Next's route handler", viaRouteHandler],
  ["the production server's direct path", viaDirectPath],
] as const)("through %s", (_way, send) => {
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    send("/api/chain", { method: "POST", body: body as BodyInit, headers: { "content-type": "application/json", ...headers } });

  async function timed(promise: Promise<Response>) {
    const start = performance.now();
    const response = await promise;
    const json = await response.json().catch(() => null);
    return { status: response.status, json, ms: performance.now() - start };
  }

  const hello = (extra: Record<string, unknown> = {}) => JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" }, ...extra });

  async function stillHealthy() {
    const { status, json } = await timed(post(hello()));
    expect(status).toBe(200);
    expect(json.response.status).toBe(200);
  }

  describe("hostile inputs to POST /api/chain", () => {
    it.each([
      ["an oversized body", "x".repeat(API_LIMITS.bodyBytes + 1), 413, "body-too-large"],
      ["malformed JSON", "{", 400, "invalid-json"],
      ["binary garbage", new Uint8Array([0xff, 0xfe, 0x00, 0x01]), 400, "invalid-json"],
      ["deeply nested JSON", JSON.stringify({ scenario: "hello_cju", raw: "x", client: JSON.parse("[".repeat(500) + "]".repeat(500)) }), 400, "too-deep"],
      ["an unknown scenario", JSON.stringify({ scenario: "nope", raw: "GET / HTTP/1.0\r\n\r\n" }), 404, "unknown-scenario"],
      ["a traversal in the scenario name", JSON.stringify({ scenario: "../../etc", raw: "x" }), 400, "invalid-request"],
      ["a traversal in an edited file's path", hello({ files: { "../../../etc/passwd": "x" } }), 400, "invalid-path"],
      ["too many headers", JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/", headers: Array.from({ length: 500 }, (_, i) => [`X-${i}`, "v"]) } }), 400, "invalid-request"],
    ])("%s → %i %s", async (_label, body, status, error) => {
      const result = await timed(post(body));
      expect(result.status).toBe(status);
      expect(result.json.error).toBe(error);
      expect(result.json.messageKo).toMatch(/[가-힣]/);
      expect(result.ms).toBeLessThan(2000);
      await stillHealthy();
    });

    it("a raw request of binary bytes gets nginx's own 400 from the chain", async () => {
      const result = await timed(post(JSON.stringify({ scenario: "hello_cju", rawBase64: btoa("\x00\x01\x02\xff garbage\r\n\r\n") })));
      expect(result.status).toBe(200);
      expect(result.json.response.status).toBe(400);
      expect(result.json.response.body).toContain("<center>nginx/1.22.1</center>");
    });

    it("a regex bomb in `location ~` finishes fast and gives an answer", async () => {
      const bomb = "server {\n    listen 80;\n    location ~ ^(a+)+$ {\n        return 200 \"matched\";\n    }\n    location / {\n        return 404;\n    }\n}\n";
      const target = "/" + "a".repeat(5000) + "b";
      const result = await timed(post(hello({ files: { "nginx.conf": bomb }, request: { method: "GET", target } })));
      expect(result.status).toBe(200);
      expect(result.json.response.status).toBe(404);
      expect(result.ms).toBeLessThan(2000);
      await stillHealthy();
    });

    it("PCRE syntax the linear engine lacks is refused like nginx -t refuses a config, with file and line", async () => {
      const lookahead = "server {\n    listen 80;\n    location ~ ^/(?!admin) {\n        return 200;\n    }\n}\n";
      const result = await timed(post(hello({ files: { "nginx.conf": lookahead }, request: { method: "GET", target: "/x" } })));
      expect(result.status).toBe(422);
      expect(result.json.errors[0]).toMatchObject({ path: "nginx.conf", line: 3 });
      expect(result.json.errors[0].messageKo).toMatch(/[가-힣]/);
    });

    it("an endless loop in app.py becomes a worker timeout, not a hung server", async () => {
      const app = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef spin():\n    while True:\n        pass\n";
      const result = await timed(post(hello({ files: { "app.py": app }, request: { method: "GET", target: "/" } })));
      expect(result.status).toBe(200);
      expect([502, 504]).toContain(result.json.response.status);
      expect(result.ms).toBeLessThan(3000);
      await stillHealthy();
    });

    it("a huge string in app.py is a MemoryError-like 500, not a crash", async () => {
      const app = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef big():\n    return 'a' * 10**9\n";
      const result = await timed(post(hello({ files: { "app.py": app }, request: { method: "GET", target: "/" } })));
      expect(result.status).toBe(200);
      expect(result.json.response.status).toBe(500);
      await stillHealthy();
    });

    it("the sandbox refuses traversal to the server's disk", async () => {
      const response = await send("/sandbox/hello_cju/static/..%2f..%2f..%2fetc%2fpasswd");
      const text = await response.text();
      expect(text).not.toContain("root:x:0:0");
      expect([400, 403, 404]).toContain(response.status);
    });
  });
});
