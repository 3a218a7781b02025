/**
 * What the load lab shows, computed from a crowd's answer (the JSON of POST /api/chain/load): the listen queue's
 * length over time, lane labels, the grading of a lesson's prediction, goal and facts. Pure: the widget, its tests
 * and the course's content check share it.
 */
import type { LoadSummary } from "@/lib/chain/load/summary";
import type { LoadTimeline } from "@/lib/chain/load/run-load";
import type { GunicornKnobs, NginxKnobs, UwsgiKnobs } from "@/lib/chain/load/knobs";
import type { GatewayKind } from "@/lib/chain/trace";

export interface LoadResultView {
  status: number;
  sentAt: number;
  acceptedAt: number | null;
  doneAt: number;
  busyUntil: number | null;
  worker: { worker: number; core: number; pid: number } | null;
  responder: "nginx" | "gateway" | "app";
}

export interface LoadAnswer {
  results: LoadResultView[];
  timeline: LoadTimeline;
  logs: Array<{ at: number; stream: string; line: string; request: number | null }>;
  summary: LoadSummary;
}

/** Facts a lesson states about one gateway's run (checked by the content check; ms within 1 ms or 1 %). */
export interface LoadFacts {
  maxMs?: number;
  p50Ms?: number;
  p95Ms?: number;
  errors?: number;
  /** Counts of the statuses named (others may occur only if named). */
  byStatus?: Record<string, number>;
  /** Distinct worker pids that answered (respawns show as new pids). */
  events?: number;
}

/** A prediction asked before running: which choice matches the run decides. */
export interface LoadPredict {
  question: string;
  /** `maxSeconds`: the slowest student's wait in whole seconds (rounded); `errors`: how many got a 5xx or nothing. */
  ask: "maxSeconds" | "errors" | "status";
  choices: string[];
  gateway?: GatewayKind;
}

/** A goal the student reaches by editing the knobs. */
export interface LoadGoal {
  text: string;
  maxMs: number;
  errors: number;
  /** Worker processes allowed at most (workers / processes). */
  maxProcesses?: number;
}

export interface LoadKnobs {
  gunicorn: Required<GunicornKnobs>;
  uwsgi: Required<UwsgiKnobs>;
  nginx: Required<NginxKnobs>;
}

/** How many requests wait in the listen queue (sent, not yet accepted by a worker), as steps over time. */
export function queueSteps(results: readonly LoadResultView[]): Array<[at: number, waiting: number]> {
  const changes = new Map<number, number>();
  for (const r of results) {
    if (r.acceptedAt === null || r.acceptedAt <= r.sentAt) continue;
    changes.set(r.sentAt, (changes.get(r.sentAt) ?? 0) + 1);
    changes.set(r.acceptedAt, (changes.get(r.acceptedAt) ?? 0) - 1);
  }
  const out: Array<[number, number]> = [];
  let waiting = 0;
  for (const at of [...changes.keys()].sort((a, b) => a - b)) {
    waiting += changes.get(at)!;
    out.push([at, waiting]);
  }
  return out;
}

export function maxQueue(results: readonly LoadResultView[]): number {
  return Math.max(0, ...queueSteps(results).map(([, n]) => n));
}

export function laneLabel(lane: { worker: number | null; core: number | null }, gateway: GatewayKind, threads: number): string {
  if (lane.worker === null) return "nginx 혼자";
  if (threads <= 1) return `워커 ${lane.worker}`;
  return `워커 ${lane.worker} · ${gateway === "uwsgi" ? "코어" : "스레드"} ${lane.core}`;
}

export function statusTone(status: number): "ok" | "redirect" | "client" | "timeout" | "error" | "none" {
  if (status === 0) return "none";
  if (status === 504) return "timeout";
  if (status >= 500) return "error";
  if (status >= 400) return "client";
  if (status >= 300) return "redirect";
  return "ok";
}

/** `1.25초`, `850ms`: how the lab writes a virtual duration. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 10) / 10}ms`;
  return `${Math.round(ms / 10) / 100}초`;
}

/** The answer a run gives to a prediction. */
export function predictAnswer(ask: LoadPredict["ask"], answer: Pick<LoadAnswer, "summary">): string {
  switch (ask) {
    case "maxSeconds":
      return `${Math.round(answer.summary.maxMs / 1000)}초`;
    case "errors":
      return `${answer.summary.errors}명`;
    case "status": {
      const entries = Object.entries(answer.summary.byStatus).sort((a, b) => b[1] - a[1]);
      return entries[0]?.[0] ?? "";
    }
  }
}

/** Did the run reach the goal with these knobs? Each unmet part, in Korean (empty: reached). */
export function goalProblems(goal: LoadGoal, gateway: GatewayKind, knobs: LoadKnobs, summary: LoadSummary): string[] {
  const problems: string[] = [];
  const processes = gateway === "uwsgi" ? knobs.uwsgi.processes : knobs.gunicorn.workers;
  if (goal.maxProcesses !== undefined && processes > goal.maxProcesses) {
    problems.push(`워커 프로세스가 ${processes}개입니다. 최대 ${goal.maxProcesses}개까지만 쓸 수 있습니다.`);
  }
  if (summary.maxMs > goal.maxMs) problems.push(`가장 늦은 학생이 ${formatDuration(summary.maxMs)} 뒤에 답을 받았습니다 (목표: ${formatDuration(goal.maxMs)} 이내).`);
  if (summary.errors > goal.errors) problems.push(`${summary.errors}명이 5xx를 받거나 답을 받지 못했습니다.`);
  return problems;
}

/** Facts that do not hold for a run, as messages (empty: all hold). */
export function factProblems(facts: LoadFacts, answer: Pick<LoadAnswer, "summary" | "timeline">): string[] {
  const s = answer.summary;
  const problems: string[] = [];
  const near = (actual: number, expected: number) => Math.abs(actual - expected) <= Math.max(1, expected * 0.01);
  for (const key of ["maxMs", "p50Ms", "p95Ms"] as const) {
    const expected = facts[key];
    if (expected !== undefined && !near(s[key], expected)) problems.push(`${key} is ${s[key]}, not ${expected}`);
  }
  if (facts.errors !== undefined && s.errors !== facts.errors) problems.push(`errors is ${s.errors}, not ${facts.errors}`);
  if (facts.byStatus) {
    for (const [status, count] of Object.entries(facts.byStatus)) {
      if ((s.byStatus[status] ?? 0) !== count) problems.push(`status ${status} came ${s.byStatus[status] ?? 0} times, not ${count}`);
    }
    for (const status of Object.keys(s.byStatus)) if (!(status in facts.byStatus)) problems.push(`status ${status} came ${s.byStatus[status]} times but is not named`);
  }
  if (facts.events !== undefined && answer.timeline.events.length !== facts.events) problems.push(`${answer.timeline.events.length} kill/respawn events, not ${facts.events}`);
  return problems;
}
