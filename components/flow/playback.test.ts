import { describe, expect, it } from "vitest";
import type { TraceStep } from "@/lib/chain/trace";
import { diffHeaders, displayDuration, movementOf, previousMessageStep } from "./playback";
import { formatMs, narrate } from "./narrate";

const message = (startLine: string, headers: Array<[string, string]>) => ({ startLine, headers, bodyLength: 0 });

const steps: TraceStep[] = [
  { at: 0, component: "browser", kind: "http-request", to: "nginx", message: message("GET /hello/cju HTTP/1.1", [["Host", "localhost"], ["User-Agent", "curl/7.88.1"]]), raw: "" },
  { at: 0.2, component: "nginx", kind: "decision", topic: "location", tests: [], outcome: "location /", explain: "location / 가 골라졌습니다." },
  { at: 0.3, component: "nginx", kind: "http-request", to: "gateway", message: message("GET /hello/cju HTTP/1.0", [["Host", "localhost"], ["X-Real-IP", "127.0.0.1"], ["Connection", "close"], ["User-Agent", "curl/7.88.1"]]), raw: "" },
  { at: 4.1, component: "gateway", kind: "http-response", to: "nginx", message: message("HTTP/1.0 200 OK", []), raw: "" },
  { at: 10_004.1, component: "nginx", kind: "http-response", to: "browser", message: message("HTTP/1.1 200 OK", []), raw: "" },
];

describe("movementOf", () => {
  it("maps messages to diagram edges with their direction", () => {
    expect(movementOf(steps[0])).toEqual({ edge: "browser-nginx", backward: false, from: "browser", to: "nginx" });
    expect(movementOf(steps[3])).toEqual({ edge: "nginx-gateway", backward: true, from: "gateway", to: "nginx" });
    expect(movementOf(steps[1])).toBeNull();
  });
});

describe("displayDuration", () => {
  it("gives long virtual gaps a longer but bounded pause", () => {
    const short = displayDuration(steps[0], steps[1]);
    const long = displayDuration(steps[3], steps[4]);
    expect(long).toBeGreaterThan(short);
    expect(long).toBeLessThanOrEqual(900 + 2500);
  });
});

describe("diffHeaders", () => {
  it("shows what nginx added, kept and dropped on the way to the gateway", () => {
    const changes = diffHeaders(
      [["Host", "localhost"], ["User-Agent", "curl"], ["Accept", "*/*"], ["Accept", "text/html"]],
      [["Host", "localhost"], ["X-Real-IP", "127.0.0.1"], ["User-Agent", "curl/8"]],
    );
    expect(changes).toEqual([
      { name: "Host", before: "localhost", after: "localhost", change: "same" },
      { name: "X-Real-IP", before: undefined, after: "127.0.0.1", change: "added" },
      { name: "User-Agent", before: "curl", after: "curl/8", change: "changed" },
      { name: "Accept", before: "*/*, text/html", change: "removed" },
    ]);
  });
});

describe("previousMessageStep", () => {
  it("finds the hop before this one in the same direction", () => {
    expect(previousMessageStep(steps, 2)).toBe(steps[0]);
    expect(previousMessageStep(steps, 4)).toBe(steps[3]);
    expect(previousMessageStep(steps, 0)).toBeNull();
  });
});

describe("narrate", () => {
  it("speaks Korean with the right particle for each component", () => {
    expect(narrate(steps[0], "gunicorn")).toBe("브라우저가 Nginx에 요청을 보냅니다: GET /hello/cju HTTP/1.1");
    expect(narrate(steps[3], "gunicorn")).toBe("Gunicorn이 Nginx에 응답을 돌려줍니다: HTTP/1.0 200 OK");
    expect(narrate(steps[3], "uwsgi")).toBe("uWSGI가 Nginx에 응답을 돌려줍니다: HTTP/1.0 200 OK");
  });
  it("formats virtual time for reading", () => {
    expect(formatMs(0.25)).toBe("0.3 ms");
    expect(formatMs(12.4)).toBe("12 ms");
    expect(formatMs(10_000)).toBe("10 s");
    expect(formatMs(90_000)).toBe("1분 30초");
  });
});
