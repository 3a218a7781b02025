import { describe, expect, it } from "vitest";
import type { Trace } from "@/lib/chain/trace";
import { allPass, applyEdits, challengeProblems, checkPreset, gradeCheck, type ChallengeOutcome } from "./challenge-model";

const trace = (steps: Trace["steps"], totalMs = 5): Trace => ({ scenario: "s", gateway: "gunicorn", steps, totalMs });

const proxied: ChallengeOutcome = {
  status: 200,
  headers: [["Content-Type", "text/html; charset=utf-8"], ["Cache-Control", "no-store"]],
  body: "안녕하세요, cju!\n",
  trace: trace([
    { at: 0, component: "nginx", kind: "decision", topic: "location", tests: [], outcome: "location /", explain: "" },
    { at: 1, component: "gateway", kind: "wsgi-call", to: "app", environ: [["REMOTE_ADDR", { type: "str", value: "127.0.0.1" }], ["SERVER_PORT", { type: "str", value: "80" }]] },
    { at: 2, component: "app", kind: "wsgi-return", to: "gateway", status: "200 OK", headers: [], bodyLength: 3 },
    { at: 3, component: "gateway", kind: "http-response", to: "nginx", message: { startLine: "HTTP/1.1 200 OK", headers: [], bodyLength: 3 }, raw: "" },
    { at: 4, component: "nginx", kind: "log", stream: "nginx-access", line: '127.0.0.1 - - "GET /hello/cju HTTP/1.1" 200' },
  ]),
};

describe("applyEdits", () => {
  it("replaces the one occurrence, in order", () => {
    expect(applyEdits({ a: "x = 1\ny = 2\n" }, [{ file: "a", find: "x = 1", replace: "x = 3" }, { file: "a", find: "x = 3", replace: "x = 4" }])).toEqual({ ok: true, files: { a: "x = 4\ny = 2\n" } });
  });
  it("refuses a find that is missing, repeated, or in a file the challenge does not offer", () => {
    expect(applyEdits({ a: "x" }, [{ file: "a", find: "nope", replace: "" }]).ok).toBe(false);
    expect(applyEdits({ a: "x x" }, [{ file: "a", find: "x", replace: "" }]).ok).toBe(false);
    expect(applyEdits({ a: "x" }, [{ file: "b", find: "x", replace: "" }]).ok).toBe(false);
  });
});

describe("gradeCheck", () => {
  it("passes when every stated fact holds", () => {
    const result = gradeCheck(
      { status: 200, responder: "app", location: "location  /", headers: { "cache-control": "no-store", "X-Nope": null }, environ: { REMOTE_ADDR: "127.0.0.1", HTTP_X_REAL_IP: null }, bodyIncludes: "cju", maxMs: 5, log: { includes: '"GET /hello/cju', stream: "nginx-access" } },
      proxied,
    );
    expect(result).toEqual({ pass: true, problems: [] });
  });

  it("names the expected and the actual value of each fact that fails", () => {
    const result = gradeCheck(
      { status: 404, responder: "nginx", headers: { "Cache-Control": "max-age=3600" }, environ: { REMOTE_ADDR: "10.0.0.1" }, maxMs: 4, log: { includes: "GET", absent: true } },
      proxied,
    );
    expect(result.pass).toBe(false);
    expect(result.problems).toEqual([
      "상태 코드 — 기대: 404, 실제: 200",
      "응답한 곳 — 기대: Nginx, 실제: Flask 앱",
      "응답 헤더 Cache-Control — 기대: max-age=3600, 실제: no-store",
      "environ REMOTE_ADDR — 기대: 10.0.0.1, 실제: 127.0.0.1",
      "걸린 시간 — 기대: 4 ms 이하, 실제: 5 ms",
      '로그 — 이 줄이 없어야 합니다: "GET"',
    ]);
  });

  it("says so when the request never reached the app", () => {
    const result = gradeCheck({ environ: { REMOTE_ADDR: "127.0.0.1" } }, { ...proxied, trace: trace([]) });
    expect(result.problems).toEqual(["environ REMOTE_ADDR — 요청이 Flask 앱까지 가지 않았습니다"]);
  });

  it("a challenge passes only when every check passes", () => {
    expect(allPass([])).toBe(false);
    expect(allPass([{ pass: true, problems: [] }, { pass: false, problems: ["x"] }])).toBe(false);
    expect(allPass([{ pass: true, problems: [] }])).toBe(true);
  });
});

describe("challenge definitions", () => {
  it("turns a check into the request the flow widget sends", () => {
    expect(checkPreset({ label: "정적", request: "static", expect: { status: 200 } }, 0).request.target).toBe("/static/style.css");
    expect(checkPreset({ label: "down", request: "proxied", faults: { gateway: "down" }, expect: { status: 502 } }, 1)).toMatchObject({ id: "check-1", label: "down", faults: { gateway: "down" } });
    expect(checkPreset({ label: "x", request: { target: "/x" }, expect: { status: 200 } }, 2).request).toEqual({ method: "GET", target: "/x", headers: [["Host", "localhost"]] });
  });

  it("reports solutions that edit files the student cannot edit, and empty checks", () => {
    expect(challengeProblems("ok-id", [{ label: "a", request: "static", expect: {} }], [{ file: "app.py", find: "a", replace: "b" }], ["nginx.conf"])).toEqual([
      '<Challenge id="ok-id"> check 1: expect checks nothing',
      '<Challenge id="ok-id">: the solution edits app.py, which the student cannot edit (files: nginx.conf)',
    ]);
  });
});
