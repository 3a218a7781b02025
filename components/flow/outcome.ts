/**
 * What a request came to, read from its trace before any animation: the status line the browser got, who produced
 * it, one Korean sentence saying why, and when virtual time is worth showing at all. Pure, so it is tested alone.
 */
import type { GatewayKind, Hop, Trace, TraceStep } from "@/lib/chain/trace";
import { answerFromTrace } from "@/components/widgets/predict-model";
import { josa } from "@/lib/chain/korean";
import { formatMs, hopName, hopSubject, withParticle } from "./narrate";

export interface OutcomeSummary {
  /** `HTTP/1.1 502 Bad Gateway` as the browser received it, or a Korean note when nothing came back. */
  statusLine: string;
  /** Who produced the answer. */
  responder: Extract<Hop, "nginx" | "gateway" | "app">;
  /** One Korean sentence (two at most) saying what happened. */
  summary: string;
}

type Fault = Extract<TraceStep, { kind: "fault" }>;

export function summarizeOutcome(response: { status: number; reason: string }, trace: Trace, gateway: GatewayKind): OutcomeSummary {
  const steps = trace.steps;
  const reply = steps.find((s) => s.kind === "http-response" && s.component === "nginx" && s.to === "browser");
  const answeredAt = reply?.at ?? Infinity;
  const responder = (answerFromTrace("responder", { status: response.status, trace }) ?? "nginx") as OutcomeSummary["responder"];
  const statusLine = reply && reply.kind === "http-response" ? reply.message.startLine : "응답 없음";
  // Only what went wrong before the browser got its answer explains it (after a 504 the slow view may still fail).
  const fault = steps.find((s): s is Fault => s.kind === "fault" && s.at <= answeredAt);
  const gw = hopName("gateway", gateway);
  const gwAnd = withParticle("gateway", gateway, "과", "와");
  const status = response.status;

  let summary: string;
  if (!reply) {
    summary = fault ? firstSentence(fault.explain) : "브라우저가 응답을 받지 못했습니다.";
  } else if (fault?.target === "gateway") {
    summary = `Nginx가 ${gw}에 연결하지 못해(${fault.error ?? "connect() 실패"}) ${status}${josa(status, "으로/로")} 답했습니다. ${gwAnd} Flask 앱에는 요청이 닿지 않았습니다.`;
  } else if (responder === "nginx") {
    const file = steps.find((s): s is Extract<TraceStep, { kind: "file-read" }> => s.kind === "file-read" && s.found && s.at <= answeredAt);
    const reachedGateway = steps.some((s) => "to" in s && s.to === "gateway" && s.at <= answeredAt);
    if (fault) summary = `Nginx가 ${status}${josa(status, "으로/로")} 답했습니다. ${firstSentence(fault.explain)}`;
    else if (file && status < 300) summary = `Nginx가 디스크의 ${file.path} 파일을 직접 보냈습니다. ${gwAnd} Flask 앱은 이 요청을 보지 못했습니다.`;
    else if (reachedGateway) summary = `Nginx가 ${gw}의 응답 대신 ${status}${josa(status, "으로/로")} 답했습니다.`;
    else summary = `Nginx가 혼자 ${status}${josa(status, "으로/로")} 답했습니다. ${gwAnd} Flask 앱까지 가지 않았습니다.`;
  } else if (responder === "gateway") {
    summary = `${hopSubject("gateway", gateway)} Flask 앱 대신 직접 ${status}${josa(status, "으로/로")} 답했습니다.${fault ? ` ${firstSentence(fault.explain)}` : ""}`;
  } else {
    const view = viewName(steps);
    const made = view ? `Flask 앱의 뷰 ${view}()가 만든` : "Flask가 만든";
    summary = `${made} ${status} 응답이 ${gwAnd} Nginx를 거쳐 돌아왔습니다.${fault ? ` ${firstSentence(fault.explain)}` : ""}`;
  }
  return { statusLine, responder, summary };
}

/** The view function Flask called (the route decision's outcome reads `view hello(name=cju)`), if any. */
function viewName(steps: TraceStep[]): string | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (s.kind === "decision" && s.topic === "route") return /^view ([A-Za-z_][\w.]*)/.exec(s.outcome)?.[1] ?? null;
  }
  return null;
}

/** The first sentence of a Korean explanation: up to the first full stop that ends a word. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}

/**
 * What the step list shows as time beside each frame: nothing while the virtual clock stands still (the model does
 * not time how long a program computes), the moment when it has moved on (after a sleep, a timeout, a queue), and
 * for a wait how long it lasts. null = show no time.
 */
export function timeLabels(frames: readonly TraceStep[]): Array<string | null> {
  let previous = 0;
  return frames.map((step) => {
    const moved = step.at > previous;
    previous = Math.max(previous, step.at);
    if (step.kind === "wait") return `${formatMs(step.until - step.at)} 기다림${step.at > 0 ? ` (가상 시각 ${formatMs(step.at)}부터)` : ""}`;
    return moved ? `가상 시각 ${formatMs(step.at)}` : null;
  });
}
