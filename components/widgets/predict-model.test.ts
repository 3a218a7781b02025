import { describe, expect, it } from "vitest";
import type { Trace, TraceStep } from "@/lib/chain/trace";
import { answerFromTrace, sameAnswer } from "./predict-model";

const msg = { startLine: "", headers: [], bodyLength: 0 };
const trace = (steps: TraceStep[]): Trace => ({ scenario: "x", gateway: "gunicorn", steps, totalMs: 0 });
const decision = (topic: "location" | "route", outcome: string): TraceStep => ({ at: 0, component: "nginx", kind: "decision", topic, tests: [], outcome, explain: "" });

describe("answerFromTrace", () => {
  it("the app answered when its response reached nginx before nginx answered the browser", () => {
    const steps: TraceStep[] = [
      { at: 1, component: "app", kind: "wsgi-return", to: "gateway", status: "200 OK", headers: [], bodyLength: 0 },
      { at: 1, component: "gateway", kind: "http-response", to: "nginx", message: msg, raw: "" },
      { at: 1, component: "nginx", kind: "http-response", to: "browser", message: msg, raw: "" },
    ];
    expect(answerFromTrace("responder", { status: 200, trace: trace(steps) })).toBe("app");
  });
  it("after a read timeout nginx answered, even though the slow view returned later", () => {
    const steps: TraceStep[] = [
      { at: 10_000, component: "nginx", kind: "http-response", to: "browser", message: msg, raw: "" },
      { at: 15_000, component: "app", kind: "wsgi-return", to: "gateway", status: "200 OK", headers: [], bodyLength: 0 },
      { at: 15_000, component: "gateway", kind: "http-response", to: "nginx", message: msg, raw: "" },
    ];
    expect(answerFromTrace("responder", { status: 504, trace: trace(steps) })).toBe("nginx");
  });
  it("the gateway answered itself when no app response came (e.g. Gunicorn's own 400)", () => {
    const steps: TraceStep[] = [
      { at: 1, component: "gateway", kind: "http-response", to: "nginx", message: msg, raw: "" },
      { at: 1, component: "nginx", kind: "http-response", to: "browser", message: msg, raw: "" },
    ];
    expect(answerFromTrace("responder", { status: 400, trace: trace(steps) })).toBe("gateway");
  });
  it("reads the last location and route decisions, and compares answers loosely", () => {
    const route: TraceStep = { at: 0, component: "app", kind: "decision", topic: "route", outcome: "view hello(name=cju)", explain: "", tests: [{ subject: "rule /", matched: false }, { subject: "rule /hello/<name>", matched: true }] };
    const t = trace([decision("location", "location /"), decision("location", "location ^~ /static/"), route]);
    expect(answerFromTrace("location", { status: 200, trace: t })).toBe("location ^~ /static/");
    expect(answerFromTrace("route", { status: 200, trace: t })).toBe("/hello/<name>");
    expect(sameAnswer("Location  ^~ /static/", "location ^~ /static/")).toBe(true);
    expect(sameAnswer("200", null)).toBe(false);
  });
});
