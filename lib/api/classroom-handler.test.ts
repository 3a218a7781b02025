/**
 * The classroom API over real HTTP (the production server's direct path) and through Next's route handlers: the
 * instructor's secret guards every instructor call, students reach only their own class, input is validated,
 * and the live streams send the dashboard again when a student answers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectTestServer } from "./testing";

const dir = mkdtempSync(path.join(tmpdir(), "classroom-api-"));
process.env.CLASSROOM_DB = path.join(dir, "classroom.sqlite");
let server: DirectTestServer;

beforeAll(async () => {
  const { createDirectApi } = await import("./direct.server");
  const { listenDirect } = await import("./testing");
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, target: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.origin + target, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function newClass() {
  const made = await call("POST", "/api/class", { title: "1반" });
  expect(made.status).toBe(201);
  const { code, secret } = made.json as { code: string; secret: string };
  return { code, secret, auth: { "x-class-code": code, "x-class-secret": secret } };
}

async function join(code: string, nickname: string) {
  const joined = await call("POST", "/api/class/join", { code, nickname });
  expect(joined.status).toBe(201);
  return { "x-class-token": joined.json.token as string };
}

/** Reads an event stream until `done` says so; returns the state events' data. */
function readEvents(target: string, headers: Record<string, string>, done: (states: unknown[]) => boolean): Promise<{ states: unknown[]; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path: target, headers, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      let buffer = "";
      const states: unknown[] = [];
      res.setEncoding("utf8");
      res.on("data", (text: string) => {
        buffer += text;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: state\ndata: (.*)$/s.exec(block);
          if (data) states.push(JSON.parse(data[1]!));
        }
        if (done(states)) {
          req.destroy();
          resolve({ states, headers: res.headers });
        }
      });
    });
    req.on("error", (e) => (e.message.includes("aborted") ? null : reject(e)));
    req.end();
  });
}

describe("the classroom API", () => {
  it("checks the instructor's secret on every instructor call", async () => {
    const a = await newClass();
    const b = await newClass();
    const wrong = { "x-class-code": a.code, "x-class-secret": b.secret };
    expect((await call("POST", "/api/class/follow", { lesson: "a/b", section: null }, wrong)).status).toBe(403);
    expect((await call("POST", "/api/class/predict", { action: "reveal" }, wrong)).status).toBe(403);
    expect((await call("DELETE", "/api/class", undefined, wrong)).status).toBe(403);
    expect((await fetch(server.origin + "/api/class/dashboard", { headers: wrong })).status).toBe(403);
    const denied = await call("POST", "/api/class/follow", { lesson: "a/b", section: null }, {});
    expect(denied.json.messageKo).toMatch(/강사 링크/);
    expect((await call("POST", "/api/class/follow", { lesson: "a/b", section: null }, a.auth)).status).toBe(200);
  });

  it("validates input with a Korean message, and refuses a student token on instructor calls", async () => {
    const { code } = await newClass();
    const bad = await call("POST", "/api/class/join", { code, nickname: "" });
    expect(bad.status).toBe(400);
    expect(bad.json.messageKo).toMatch(/nickname/);
    expect((await call("POST", "/api/class/join", { code: "ZZZZZZ", nickname: "a" })).status).toBe(404);
    const token = await join(code, "다람쥐");
    expect((await call("POST", "/api/class/join", { code, nickname: "다람쥐" })).status).toBe(409);
    expect((await call("POST", "/api/class/follow", { lesson: null, section: null }, token)).status).toBe(403);
    expect((await call("POST", "/api/class/report", { events: [{ kind: "lesson", slug: "a/b", state: "started" }] }, { "x-class-token": "x".repeat(43) })).status).toBe(401);
    expect((await call("POST", "/api/class/report", { events: "all" }, token)).status).toBe(400);
    const huge = await fetch(server.origin + "/api/class/report", { method: "POST", headers: token, body: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
  });

  it("streams the dashboard again when a student answers, and a student's stream carries no other student's data", async () => {
    const { code, auth } = await newClass();
    const kim = await join(code, "kim");
    const lee = await join(code, "lee");
    const watching = readEvents("/api/class/dashboard", auth, (states) => states.some((s) => (s as { questions: unknown[] }).questions.length > 0));
    await new Promise((r) => setTimeout(r, 100));
    await call("POST", "/api/class/report", { events: [{ kind: "answer", slug: "a/b", question: "quiz:q#0", answer: "404", correct: false }] }, kim);
    const { states, headers } = await watching;
    expect(headers["content-type"]).toMatch(/text\/event-stream/);
    expect(headers["x-accel-buffering"]).toBe("no");
    expect(states.at(-1)).toMatchObject({ code, students: ["kim", "lee"], questions: [{ question: "quiz:q#0", answers: [{ answer: "404", count: 1 }] }] });

    await call("POST", "/api/class/predict", { action: "open", predict: { slug: "a/b", predict: "p", question: "상태?", choices: ["200", "404"] } }, auth);
    const live = await readEvents("/api/class/live", lee, (s) => s.length > 0);
    const view = JSON.stringify(live.states);
    expect(view).not.toContain("kim");
    expect(view).not.toContain("quiz:q#0");
    expect(live.states[0]).toMatchObject({ predict: { question: "상태?", mine: null, counts: null } });
  });

  it("deletes a class: its students' tokens stop working", async () => {
    const { code, auth } = await newClass();
    const kim = await join(code, "kim");
    expect((await call("DELETE", "/api/class", undefined, auth)).status).toBe(200);
    expect((await call("POST", "/api/class/report", { events: [{ kind: "lesson", slug: "a/b", state: "started" }] }, kim)).status).toBe(401);
    expect((await call("DELETE", "/api/class", undefined, auth)).status).toBe(403);
  });

  it("gives a browser its identity cookie, so the rate limit counts per browser", async () => {
    const made = await call("POST", "/api/class", { title: "x" });
    expect(made.headers.get("set-cookie")).toMatch(/^wj_id=/);
  });
});

describe("through Next's route handlers", () => {
  it("streams as an event stream too", async () => {
    const { routeHandlers } = await import("./routes.server");
    const { POST } = routeHandlers("/api/class");
    const made = (await (await POST(new Request("http://x/api/class", { method: "POST", body: JSON.stringify({ title: "n" }) }))).json()) as { code: string; secret: string };
    const { GET } = routeHandlers("/api/class/dashboard");
    const response = await GET(new Request("http://x/api/class/dashboard", { headers: { "x-class-code": made.code, "x-class-secret": made.secret } }));
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes("event: state")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain(`"code":"${made.code}"`);
  });
});
