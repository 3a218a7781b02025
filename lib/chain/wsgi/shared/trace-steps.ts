/** Small constructors for the trace steps the gateways push. */
import type { AppOutput } from "../../contracts";
import type { DecisionTest, HeaderList, LogStream, TraceStep } from "../../trace";
import { utf8DecodeStrict } from "./bytes";
import type { WorkerPool } from "./worker-pool";

export function logStep(trace: TraceStep[], at: number, stream: LogStream, text: string): void {
  for (const line of text.split("\n")) {
    trace.push({ at, component: "gateway", kind: "log", stream, line });
  }
}

/** print() output of the app, up to (and including) virtual time `until`. */
export function pushAppOutput(trace: TraceStep[], startAt: number, output: AppOutput[], until = Infinity): void {
  for (const item of output) {
    const at = startAt + Math.max(0, item.offset);
    if (at > until) continue;
    const text = item.text.endsWith("\n") ? item.text.slice(0, -1) : item.text;
    for (const line of text.split("\n")) {
      trace.push({ at, component: "app", kind: "log", stream: item.stream === "stdout" ? "app-stdout" : "app-stderr", line });
    }
  }
}

export function wsgiReturnStep(at: number, status: string, headers: HeaderList, body: Uint8Array): TraceStep {
  const text = utf8DecodeStrict(body);
  return {
    at,
    component: "app",
    kind: "wsgi-return",
    to: "gateway",
    status,
    headers,
    bodyLength: body.length,
    ...(text !== undefined ? { body: text } : {}),
  };
}

/** The "which worker takes it" decision, listing every slot as the master sees it at `at`. */
export function workerDecision(
  pool: WorkerPool,
  at: number,
  chosen: { worker: number; core: number },
  startAt: number,
  label: (worker: number, core: number, pid: number) => string,
  explain: string,
): TraceStep {
  const tests: DecisionTest[] = pool.slots.map((slot) => {
    const pid = pool.process(slot.worker).pid;
    const busy = slot.freeAt > at;
    const isChosen = slot.worker === chosen.worker && slot.core === chosen.core;
    return {
      subject: label(slot.worker, slot.core, pid),
      matched: isChosen,
      note: busy
        ? Number.isFinite(slot.freeAt)
          ? `다른 요청을 처리 중 (${Math.round(slot.freeAt)}ms까지)`
          : "끝나지 않는 요청에 묶여 있음"
        : "쉬는 중: 바로 받을 수 있음",
    };
  });
  const c = pool.process(chosen.worker);
  return {
    at,
    component: "gateway",
    kind: "decision",
    topic: "worker",
    tests,
    outcome: `${label(chosen.worker, chosen.core, c.pid)}${startAt > at ? ` (${Math.round(startAt - at)}ms 대기 후)` : ""}`,
    explain,
  };
}

/** What a gateway says when no slot will ever take the request (none configured, or all stuck for good). */
export interface NoWorkerWords {
  outcome: string;
  /** The pool has no slot at all (workers = 0, processes read as 0). */
  noSlots: string;
  /** Every slot is stuck on a request that never ends. */
  allStuck: string;
}

/** The "no worker takes it" decision: the request waits in the backlog and no response ever comes. */
export function noWorkerDecision(pool: WorkerPool, at: number, words: NoWorkerWords): TraceStep {
  return {
    at,
    component: "gateway",
    kind: "decision",
    topic: "worker",
    tests: [],
    outcome: words.outcome,
    explain: pool.slots.length === 0 ? words.noSlots : words.allStuck,
  };
}
