/**
 * The production server's direct API path, over real HTTP on 127.0.0.1: it answers the API table with the same
 * handlers as Next's route files, leaves everything else to Next, and stays healthy after bodies it refuses.
 */
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { API_LIMITS } from "./limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectApi } from "./direct.server";
import { handleSandbox } from "./chain-handler.server";
import { routeHandlers } from "./routes.server";
import { listenDirect, type DirectTestServer } from "./testing";

/** Next's route handler for POST /api/chain, as app/api/chain/route.ts exports it. */
const { POST: handleChainPost } = routeHandlers("/api/chain");

interface Answer {
  status: number;
  reason: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}

/** One request on its own connection; `chunks` are written one by one (chunked encoding when no length is set). */
function send(port: number, method: string, target: string, options: { headers?: Record<string, string>; chunks?: Array<string | Buffer> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path: target, headers: options.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        const bytes = Buffer.concat(parts);
        resolve({ status: res.statusCode!, reason: res.statusMessage!, headers: res.headers, body: bytes.toString("utf8"), bytes });
      });
    });
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const hello = JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
const json = { "content-type": "application/json" };

describe("the direct API path", () => {
  let server: DirectTestServer;
  let port: number;
  beforeAll(async () => {
    server = await listenDirect(createDirectApi({ basePath: "" }));
    port = server.port;
  });
  afterAll(() => server.close());

  it("answers the chain API as the route handler does, with the course's security headers", async () => {
    const answer = await send(port, "POST", "/api/chain", { headers: json, chunks: [hello] });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    const direct = JSON.parse(answer.body);
    const inProcess = await (await handleChainPost(new Request("http://localhost/api/chain", { method: "POST", body: hello, headers: json }))).json();
    expect(direct.response.status).toBe(200);
    expect(direct.response.body).toBe("안녕하세요, cju!\n");
    expect(direct.trace.steps.map((step: { component: string; kind: string }) => `${step.component}:${step.kind}`)).toEqual(
      inProcess.trace.steps.map((step: { component: string; kind: string }) => `${step.component}:${step.kind}`),
    );
  });

  it("answers the trivial route and the health check", async () => {
    expect(JSON.parse((await send(port, "GET", "/api/ping")).body)).toEqual({ ok: true });
    expect(JSON.parse((await send(port, "POST", "/api/ping", { chunks: ["anything"] })).body)).toEqual({ ok: true });
    const health = await send(port, "GET", "/api/health");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", chain: "ok" });
  });

  it("gives the sandbox the chain's own status, reason and headers, also for paths that end in a slash", async () => {
    const about = await send(port, "GET", "/sandbox/hello_cju/about/");
    expect(about.status).toBe(200);
    expect(about.headers.server).toBe("nginx/1.22.1");
    expect(about.headers.connection).toBe("keep-alive");
    expect(about.headers["keep-alive"]).toBeUndefined(); // nginx never sends one
    expect(about.headers["content-security-policy"]).toBeUndefined();
    const missing = await send(port, "GET", "/sandbox/hello_cju/nope");
    expect(missing.status).toBe(404);
    expect(missing.reason).toBe("NOT FOUND"); // Flask's reason phrase, passed through nginx
    const nginxPage = await send(port, "GET", "/sandbox/hello_cju/static/missing.css");
    expect(nginxPage.status).toBe(404);
    expect(nginxPage.body).toContain("<center>nginx/1.22.1</center>");
  });

  it("sends the sandbox's gzip answer as nginx compressed it; through Next (which drops Content-Encoding) uncompressed", async () => {
    const headers = { "accept-encoding": "gzip, deflate, br", host: "localhost" };
    const direct = await send(port, "GET", "/sandbox/hello_cju/about/", { headers });
    expect(direct.headers["content-encoding"]).toBe("gzip");
    expect([...direct.bytes.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(gunzipSync(direct.bytes).toString("utf8")).toBe("hello_cju는 Nginx 뒤에서 돌아가는 Flask 앱입니다.\n");
    const viaNext = await handleSandbox(new Request("http://127.0.0.1/sandbox/hello_cju/about/", { headers }), "hello_cju");
    expect(viaNext.headers.get("content-encoding")).toBeNull();
    expect(await viaNext.text()).toBe("hello_cju는 Nginx 뒤에서 돌아가는 Flask 앱입니다.\n");
  });

  it("hands the sandbox's chain the same request as Next's route handler does, body and query included", async () => {
    const body = JSON.stringify({ 이름: "학생" });
    const headers = { "Content-Type": "application/json", Host: "hello-cju.example.com" };
    const environ = await send(port, "GET", "/sandbox/hello_cju/environ?x=%ED%95%9C&gateway=uwsgi", { headers });
    const environViaNext = await handleSandbox(new Request("http://127.0.0.1/sandbox/hello_cju/environ?x=%ED%95%9C&gateway=uwsgi", { headers }), "hello_cju");
    expect(JSON.parse(environ.body)).toMatchObject({ HTTP_HOST: "hello-cju.example.com", QUERY_STRING: "x=%ED%95%9C", REMOTE_ADDR: "127.0.0.1" });
    expect(environ.body).toBe(await environViaNext.text());
    const echo = await send(port, "POST", "/sandbox/hello_cju/echo", { headers, chunks: [body] });
    const echoViaNext = await handleSandbox(new Request("http://127.0.0.1/sandbox/hello_cju/echo", { method: "POST", headers, body }), "hello_cju");
    expect(JSON.parse(echo.body)).toEqual({ received: { 이름: "학생" }, length: Buffer.byteLength(body) });
    expect(echo.body).toBe(await echoViaNext.text());
  });

  it("keeps a HEAD answer's length and sends no body", async () => {
    const get = await send(port, "GET", "/sandbox/hello_cju/static/style.css");
    const head = await send(port, "HEAD", "/sandbox/hello_cju/static/style.css");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.body)));
    expect(head.body).toBe("");
  });

  it("refuses a body over the limit, sent without a length, with 413 JSON, closes that connection and goes on", async () => {
    const big = Buffer.alloc(Math.ceil(API_LIMITS.bodyBytes / 4), "x"); // five of them: over the limit
    const answer = await send(port, "POST", "/api/chain", { headers: json, chunks: [big, big, big, big, big] });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "body-too-large" });
    expect(answer.headers.connection).toBe("close");
    expect((await send(port, "POST", "/api/chain", { headers: json, chunks: [hello] })).status).toBe(200);
  });

  it("refuses a declared length over the limit and malformed JSON with their 4xx errors", async () => {
    const declared = await send(port, "POST", "/api/chain", { headers: { ...json, "content-length": String(API_LIMITS.bodyBytes + 1) } }).catch(() => null);
    // The server answers before the (never sent) body; the client may see the answer or a reset.
    if (declared) expect(declared.status).toBe(413);
    const malformed = await send(port, "POST", "/api/chain", { headers: json, chunks: ["{"] });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: "invalid-json" });
  });

  it("never reaches the server's disk through a sandbox path, plain or percent-encoded", async () => {
    for (const target of ["/sandbox/../../etc/passwd", "/sandbox/%2e%2e/%2e%2e/etc/passwd", "/sandbox/hello_cju/../../../etc/passwd", "/sandbox/hello_cju/static/..%2f..%2f..%2fetc%2fpasswd", "/sandbox/hello_cju/%2e%2e/%2e%2e/etc/passwd"]) {
      const answer = await send(port, "GET", target);
      expect(answer.body, target).not.toContain("root:x:0:0");
      expect([400, 403, 404], target).toContain(answer.status);
    }
  });

  it("leaves pages, other methods and unknown paths to Next", async () => {
    for (const [method, target] of [["GET", "/"], ["GET", "/learn/web-server"], ["GET", "/api/chain"], ["POST", "/api/chain/"], ["GET", "/api/nothing"], ["OPTIONS", "*"]]) {
      expect((await send(port, method!, target!)).headers["x-answered-by"], `${method} ${target}`).toBe("next");
    }
  });
});

describe("the direct API path under a base path", () => {
  let server: DirectTestServer;
  let port: number;
  beforeAll(async () => {
    server = await listenDirect(createDirectApi({ basePath: "/course/" }));
    port = server.port;
  });
  afterAll(() => server.close());

  it("answers below the base path only", async () => {
    expect(JSON.parse((await send(port, "GET", "/course/api/ping")).body)).toEqual({ ok: true });
    expect((await send(port, "GET", "/course/sandbox/hello_cju/hello/cju")).body).toBe("안녕하세요, cju!\n");
    expect((await send(port, "GET", "/api/ping")).headers["x-answered-by"]).toBe("next");
    expect((await send(port, "GET", "/courseapi/ping")).headers["x-answered-by"]).toBe("next");
  });
});
