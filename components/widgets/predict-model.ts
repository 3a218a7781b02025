/**
 * Predict-then-run checkpoints are graded from the real trace: the lesson names what to ask, the chain's answer
 * decides what is right. Nothing here hard-codes an outcome.
 */
import type { Trace, TraceStep } from "@/lib/chain/trace";

/** What a checkpoint asks about. */
export type PredictAsk =
  /** The status code the browser receives, e.g. "404". */
  | "status"
  /** The nginx location block that handled the request, e.g. "location ^~ /static/". */
  | "location"
  /** Who produced the response: "nginx", "gateway" or "app". */
  | "responder"
  /** The Flask rule that matched, e.g. "/hello/<name>". */
  | "route";

export interface PredictOutcome {
  status: number;
  trace: Trace;
}

/** The true answer to `ask` according to the trace, or null when the trace does not say (e.g. no location chosen). */
export function answerFromTrace(ask: PredictAsk, outcome: PredictOutcome): string | null {
  const steps = outcome.trace.steps;
  switch (ask) {
    case "status":
      return String(outcome.status);
    case "location":
      return lastDecision(outcome.trace, "location");
    case "route": {
      // The rule Flask matched, e.g. "/hello/<name>" (its test reads "rule /hello/<name>").
      const route = lastDecisionStep(outcome.trace, "route");
      const matched = route?.tests.find((t) => t.matched);
      return matched ? matched.subject.replace(/^rule\s+/, "") : null;
    }
    case "responder": {
      // Only what arrived before nginx answered the browser counts: after a 504 the slow view may still return.
      const answered = steps.find((s) => s.kind === "http-response" && s.component === "nginx" && s.to === "browser")?.at ?? Infinity;
      const gatewayAnswered = steps.some((s) => s.kind === "http-response" && s.component === "gateway" && s.at <= answered);
      if (!gatewayAnswered) return "nginx";
      return steps.some((s) => s.kind === "wsgi-return" && s.at <= answered) ? "app" : "gateway";
    }
  }
}

function lastDecisionStep(trace: Trace, topic: "location" | "route"): Extract<TraceStep, { kind: "decision" }> | null {
  for (let i = trace.steps.length - 1; i >= 0; i--) {
    const step = trace.steps[i];
    if (step.kind === "decision" && step.topic === topic) return step;
  }
  return null;
}

function lastDecision(trace: Trace, topic: "location" | "route"): string | null {
  return lastDecisionStep(trace, topic)?.outcome ?? null;
}

/** Choices match answers ignoring case and runs of spaces ("location ^~ /static/" = "location  ^~ /static/"). */
export function sameAnswer(choice: string, answer: string | null): boolean {
  if (answer === null) return false;
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return norm(choice) === norm(answer);
}
