/**
 * A crowd through the chain: many requests, each sent at its own virtual millisecond on its own connection, all on
 * one virtual clock and one running nginx + gateway. See README.md for the model and its rule for what the real
 * programs leave to chance.
 */
import type { ConfigError } from "../contracts";
import type { GatewayEvent, SlotAssignment } from "../wsgi";
import type { GatewayKind, LogStream, Trace, TraceStep } from "../trace";
import { prepareChain, withRouting, type ChainInput, type ChainResponse } from "../run";
import { runNginx } from "../nginx";
import { summarize, type LoadSummary } from "./summary";

/**
 * Virtual ms of CPU per interpreter step: CPython 3.11 on the course's Debian 12 machine ran
 * `for i in range(n): total += i * i` (2 steps of our interpreter per iteration) at 54 ns per iteration.
 */
export const CPU_MS_PER_STEP = 0.000027;
/**
 * Interpreter steps a whole crowd may really run (each call also keeps its own budget of 1 000 000). A call repeated
 * with the same environ on an app no call can change is served from a memo and costs none (see README.md).
 */
export const LOAD_STEP_BUDGET = 4_000_000;
export const MAX_LOAD_REQUESTS = 500;

export interface LoadRequest {
  /** Virtual ms at which the browser sends it. */
  at: number;
  /** The exact request bytes. */
  raw: Uint8Array;
}

export interface LoadInput extends Omit<ChainInput, "raw"> {
  requests: LoadRequest[];
  /** Defaults: CPU_MS_PER_STEP, LOAD_STEP_BUDGET. */
  cpuMsPerStep?: number;
  stepBudget?: number;
}

export type Responder = "nginx" | "gateway" | "app";

export interface LoadRequestResult {
  /** Index in the input's `requests`. */
  index: number;
  status: number;
  sentAt: number;
  /** When a worker took it from the listen queue (null: it never reached a worker). */
  acceptedAt: number | null;
  /** When the browser had the whole answer (for no answer at all: when the connection ended). */
  doneAt: number;
  /** When the worker was done with it (it may go on after nginx gave up: 504). */
  busyUntil: number | null;
  worker: { worker: number; core: number; pid: number } | null;
  responder: Responder;
  response: ChainResponse;
  /** The full trace, with `at` on the crowd's clock (0 = the start of the run). */
  trace: Trace;
}

export interface LoadBar {
  request: number;
  sentAt: number;
  acceptedAt: number | null;
  doneAt: number;
  busyUntil: number | null;
  status: number;
  pid: number | null;
}

export interface LoadLane {
  /** `nginx` or `w<worker>c<core>`. */
  id: string;
  worker: number | null;
  core: number | null;
  bars: LoadBar[];
}

export interface LoadLogLine {
  at: number;
  stream: LogStream;
  line: string;
  /** The request it belongs to (index), if any. */
  request: number | null;
}

export interface LoadTimeline {
  gateway: GatewayKind;
  /** Worker lanes in worker, then thread order; `nginx` last for what nginx answered alone. */
  lanes: LoadLane[];
  events: GatewayEvent[];
  endAt: number;
  /** Threads (Gunicorn gthread) or cores (uWSGI) per worker. */
  threads: number;
}

export type LoadResult =
  | { ok: true; results: LoadRequestResult[]; timeline: LoadTimeline; logs: LoadLogLine[]; summary: LoadSummary; startup: { nginx: string[]; gateway: string[] } }
  | { ok: false; errors: ConfigError[] }
  | { ok: false; budget: { steps: number; limit: number; atRequest: number } };

const CLIENT = { address: "127.0.0.1" };

/**
 * Run a crowd. Requests are handled in the order they are sent (ties: the order given), which is also the order
 * they reach the gateway's listen queue; see README.md for the rules that make the result deterministic.
 */
export function runLoad(input: LoadInput): LoadResult {
  const perStep = input.cpuMsPerStep ?? CPU_MS_PER_STEP;
  const budget = input.stepBudget ?? LOAD_STEP_BUDGET;
  let stepsUsed = 0;
  let assignment: SlotAssignment | null = null;
  const events: GatewayEvent[] = [];
  const detached: DetachedLine[] = [];
  const finishers: Array<() => void> = [];
  let current = input.requests.length; // the request being handled (its index); after the loop, past the last
  const chain = prepareChain(input, {
    interpreted(steps) {
      stepsUsed += steps;
    },
    cpuMs(steps) {
      // Whole microseconds: a view of a few steps takes no time, as on the single-request chain.
      return Math.round(steps * perStep * 1000) / 1000;
    },
    assigned(a) {
      assignment = a;
    },
    event(e) {
      events.push(e);
    },
    log({ at, line, afterCurrent }) {
      detached.push({ at, line, request: current, after: afterCurrent });
    },
    atEnd(finish) {
      finishers.push(finish);
    },
  });
  if (!chain.ok) return chain;

  const order = input.requests.map((r, index) => ({ at: Math.max(0, r.at), index })).sort((a, b) => a.at - b.at || a.index - b.index);
  const results: LoadRequestResult[] = new Array(input.requests.length);
  let port = 40000;
  for (const { at, index } of order) {
    assignment = null;
    current = index;
    const steps: TraceStep[] = [];
    const result = runNginx({
      config: chain.nginxConfig,
      raw: input.requests[index].raw,
      client: { address: CLIENT.address, port: port++ },
      fs: chain.fs,
      upstreams: chain.upstreams,
      epochMs: chain.epochMs,
      startAt: at,
      trace: steps,
    });
    if (stepsUsed > budget) return { ok: false, budget: { steps: stepsUsed, limit: budget, atRequest: index } };
    const trace: Trace = {
      scenario: input.scenario,
      gateway: chain.gateway,
      steps: chronological(withRouting(steps, chain.dispatches.splice(0))),
      totalMs: result.doneAt - at,
    };
    const a = assignment as SlotAssignment | null;
    results[index] = {
      index,
      status: result.status,
      sentAt: at,
      acceptedAt: a ? a.startAt : null,
      doneAt: result.doneAt,
      busyUntil: a ? gatewayBusyUntil(trace.steps, a.startAt) : null,
      worker: a ? { worker: a.worker, core: a.core, pid: a.pid } : null,
      responder: responderOf(trace.steps),
      response: { status: result.status, reason: result.reason, headers: result.headers, body: result.body, raw: result.raw, identityBody: result.identityBody },
      trace,
    };
  }
  current = input.requests.length;
  for (const finish of finishers) finish();
  const startup = chain.startup.gateway; // read after the run: reading it may boot the gateway
  return {
    ok: true,
    results,
    timeline: buildTimeline(chain.gateway, results, events),
    logs: mergedLogs(results, detached),
    summary: summarize(results),
    startup: { nginx: chain.startup.nginx, gateway: startup },
  };
}

function chronological(steps: TraceStep[]): TraceStep[] {
  let sorted = true;
  for (let i = 1; i < steps.length && sorted; i++) sorted = steps[i - 1].at <= steps[i].at;
  if (sorted) return steps;
  return steps.map((step, i) => [step, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([step]) => step);
}

/** The last moment the gateway or the app acted on the request (a kill, the view's return). */
function gatewayBusyUntil(steps: TraceStep[], from: number): number {
  let until = from;
  for (const step of steps) {
    if (step.component === "gateway" || step.component === "app") until = Math.max(until, step.at, step.kind === "wait" && Number.isFinite(step.until) ? step.until : 0);
  }
  return until;
}

/** Who answered the browser (as the Predict widget reads it): only what came back before nginx answered counts. */
function responderOf(steps: TraceStep[]): Responder {
  const answered = steps.find((s) => s.kind === "http-response" && s.component === "nginx" && s.to === "browser")?.at ?? Infinity;
  if (!steps.some((s) => s.kind === "http-response" && s.component === "gateway" && s.at <= answered)) return "nginx";
  return steps.some((s) => s.kind === "wsgi-return" && s.at <= answered) ? "app" : "gateway";
}

function buildTimeline(gateway: GatewayKind, results: LoadRequestResult[], events: GatewayEvent[]): LoadTimeline {
  const lanes = new Map<string, LoadLane>();
  const nginx: LoadLane = { id: "nginx", worker: null, core: null, bars: [] };
  let threads = 1;
  for (const r of results) {
    const bar: LoadBar = { request: r.index, sentAt: r.sentAt, acceptedAt: r.acceptedAt, doneAt: r.doneAt, busyUntil: r.busyUntil, status: r.status, pid: r.worker?.pid ?? null };
    if (!r.worker) {
      nginx.bars.push(bar);
      continue;
    }
    threads = Math.max(threads, r.worker.core + 1);
    const id = `w${r.worker.worker}c${r.worker.core}`;
    let lane = lanes.get(id);
    if (!lane) lanes.set(id, (lane = { id, worker: r.worker.worker, core: r.worker.core, bars: [] }));
    lane.bars.push(bar);
  }
  const ordered = [...lanes.values()].sort((a, b) => a.worker! - b.worker! || a.core! - b.core!);
  for (const lane of ordered) lane.bars.sort((a, b) => (a.acceptedAt ?? a.sentAt) - (b.acceptedAt ?? b.sentAt));
  nginx.bars.sort((a, b) => a.sentAt - b.sentAt);
  if (nginx.bars.length > 0) ordered.push(nginx);
  const endAt = Math.max(0, ...results.map((r) => Math.max(r.doneAt, r.busyUntil ?? 0)), ...events.map((e) => Math.max(e.at, e.respawnAt ?? 0)));
  return { gateway, lanes: ordered, events: [...events].sort((a, b) => a.at - b.at), endAt, threads };
}

/** A gateway line of no request (a recycled worker's goodbye, its master's respawn), written while handling `request`. */
interface DetachedLine {
  at: number;
  line: string;
  request: number;
  /** Written after that request's own lines (else before them). */
  after: boolean;
}

/**
 * Every log line of every request, and the gateway's lines of no request, in time order (ties: request order, a
 * detached line before or after the lines of the request being handled when it was written, then the lines' own order).
 */
function mergedLogs(results: LoadRequestResult[], detached: DetachedLine[]): LoadLogLine[] {
  const lines: Array<LoadLogLine & { rank: number; seq: number }> = [];
  let seq = 0;
  for (const r of results) {
    for (const step of r.trace.steps) {
      if (step.kind === "log") lines.push({ at: step.at, stream: step.stream, line: step.line, request: r.index, rank: r.index * 3 + 1, seq: seq++ });
    }
  }
  for (const d of detached) lines.push({ at: d.at, stream: "gateway-error", line: d.line, request: null, rank: d.request * 3 + (d.after ? 2 : 0), seq: seq++ });
  lines.sort((a, b) => a.at - b.at || a.rank - b.rank || a.seq - b.seq);
  return lines.map((line) => ({ at: line.at, stream: line.stream, line: line.line, request: line.request }));
}
