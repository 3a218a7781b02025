/**
 * POST /api/chain/routes both ways in (Next's route handler and the production server's direct path): the app's
 * rules with the student's files, the load error as the gateway logs it, and the same 4xx as /api/chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeHandlers } from "./routes.server";
import { createDirectApi } from "./direct.server";
import { listenDirect, type DirectTestServer } from "./testing";
import { API_LIMITS } from "./limits";

const { POST } = routeHandlers("/api/chain/routes");

let server: DirectTestServer;
beforeAll(async () => {
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(() => server.close());

type Post = (body: unknown) => Promise<Response>;
const viaRouteHandler: Post = (body) =>
  POST(new Request("http://127.0.0.1/api/chain/routes", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
const viaDirectPath: Post = (body) =>
  fetch(`${server.origin}/api/chain/routes`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

const APP = 'from flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.route("/users/<int:uid>")\ndef user(uid):\n    return jsonify(id=uid)\n';

describe.each([
  ["Next's route handler", viaRouteHandler],
  ["the production server's direct path", viaDirectPath],
] as const)("through %s", (_way, post) => {
  it("lists the rules of the student's app.py, Flask's static rule first", async () => {
    const response = await post({ scenario: "my_project", gateway: "uwsgi", files: { "app.py": APP, "static/logo.png": { base64: "iVBORw0KGgo=" } } });
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(json).toMatchObject({ ok: true, gateway: "uwsgi", module: "app", callable: "app" });
    expect(json.rules.map((r: { rule: string }) => r.rule)).toEqual(["/static/<path:filename>", "/users/<int:uid>"]);
  });

  it("answers an app that does not import with its traceback", async () => {
    const response = await post({ scenario: "my_project", files: { "app.py": "from flask import Flask\napp = Flask(__name__)\nprint(nope)\n" } });
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(json.ok).toBe(false);
    expect(json.traceback).toContain("NameError: name 'nope' is not defined");
  });

  it("refuses too many files in Korean, as /api/chain does", async () => {
    const files = Object.fromEntries(Array.from({ length: API_LIMITS.files + 1 }, (_, i) => [`static/f${i}.txt`, "x"]));
    const response = await post({ scenario: "my_project", files });
    expect(response.status).toBe(400);
    expect((await response.json()).messageKo).toBe(`파일은 최대 ${API_LIMITS.files}개까지 바꿀 수 있습니다.`);
  });

  it("refuses a path outside the scenario", async () => {
    const response = await post({ scenario: "my_project", files: { "../etc/passwd": "x" } });
    expect(response.status).toBe(400);
  });
});
