/**
 * POST /api/chain/load both ways in (Next's route handler and the production server's direct path): a crowd's
 * answer in the order sent, and a clear 4xx for what it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeHandlers } from "./routes.server";
import { createDirectApi } from "./direct.server";
import { listenDirect, type DirectTestServer } from "./testing";

const { POST } = routeHandlers("/api/chain/load");

let server: DirectTestServer;
beforeAll(async () => {
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(() => server.close());

type Post = (body: unknown) => Promise<Response>;
const viaRouteHandler: Post = (body) =>
  POST(new Request("http://127.0.0.1/api/chain/load", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }));
const viaDirectPath: Post = (body) =>
  fetch(`${server.origin}/api/chain/load`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } });

const report = (at: number) => ({ at, request: { method: "GET", target: "/report" } });

describe.each([
  ["Next's route handler", viaRouteHandler],
  ["the production server's direct path", viaDirectPath],
] as const)("through %s", (_way, post) => {
  it("answers a crowd: results in the order of requests, timeline, logs and summary", async () => {
    const response = await post({
      scenario: "classroom_load",
      gateway: "gunicorn",
      requests: [report(500), report(0), { at: 0, raw: "GET /static/notice.txt HTTP/1.1\r\nHost: localhost\r\n\r\n" }],
    });
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(json.results.map((r: { sentAt: number; doneAt: number; status: number }) => [r.sentAt, r.doneAt, r.status])).toEqual([
      [500, 2000, 200],
      [0, 1000, 200],
      [0, 0, 200],
    ]);
    expect(json.results[2]).toMatchObject({ responder: "nginx", worker: null, response: { body: "오늘 수업은 3교시에 시작합니다.\n" } });
    expect(json.results[0]).toMatchObject({ responder: "app", worker: { worker: 1, core: 0, pid: 1001 }, acceptedAt: 1000 });
    expect(json.timeline.lanes.map((l: { id: string }) => l.id)).toEqual(["w1c0", "nginx"]);
    expect(json.summary).toMatchObject({ requests: 3, maxMs: 1500, errors: 0 });
    expect(json.logs.some((l: { stream: string; line: string }) => l.stream === "nginx-access" && l.line.includes("GET /report"))).toBe(true);
  });

  it("takes edited files: a gateway config with three workers", async () => {
    const conf = 'bind = "unix:/run/gunicorn.sock"\nworkers = 3\n';
    const response = await post({ scenario: "classroom_load", files: { "gunicorn.conf.py": conf }, requests: [report(0), report(0), report(0)] });
    const json = await response.json();
    expect(json.results.map((r: { doneAt: number }) => r.doneAt)).toEqual([1000, 1000, 1000]);
  });

  it("refuses more than 500 requests with a Korean message", async () => {
    const response = await post({ scenario: "classroom_load", requests: Array.from({ length: 501 }, () => report(0)) });
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json).toMatchObject({ error: "too-many-requests" });
    expect(json.messageKo).toContain("최대 500개");
  });

  it("names the bad field of a bad request", async () => {
    const response = await post({ scenario: "classroom_load", requests: [report(0), { at: -5, request: { method: "GET", target: "/" } }] });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/^requests\.1\.at: /);
  });

  it("answers a config the gateway refuses with the 422 of /api/chain", async () => {
    const response = await post({ scenario: "classroom_load", files: { "gunicorn.conf.py": 'workers = "two"\n' }, requests: [report(0)] });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("Invalid value for workers: two");
  });

  it("refuses a crowd that runs past the step budget with a 422", async () => {
    // An app whose every call differs (it reads the query string), each running most of its own budget.
    const app = 'from flask import Flask, request\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    n = 0\n    for i in range(450000):\n        n = n + 1\n    return request.args.get("id", "")\n';
    const requests = Array.from({ length: 6 }, (_, i) => ({ at: 0, request: { method: "GET", target: `/?id=${i}` } }));
    const response = await post({ scenario: "classroom_load", files: { "app.py": app }, requests });
    expect(response.status).toBe(422);
    const json = await response.json();
    expect(json.error).toBe("step-budget");
    expect(json.messageKo).toContain("실행 단계 한도");
  }, 60_000);

  it("says which scenario does not exist", async () => {
    const response = await post({ scenario: "nope", requests: [report(0)] });
    expect(response.status).toBe(404);
  });
});
