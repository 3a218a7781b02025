/**
 * Goal-based challenges, graded from the trace: a lesson states a goal, the student edits the scenario's files, and
 * the challenge sends its requests through the chain and checks what the trace shows (status, who answered, which
 * location or Flask rule, response headers, environ keys, log lines, time). Nothing here reads the student's file
 * text, so any edit that reaches the goal passes. Pure functions: the browser widget and the content check
 * (`lib/course-check`) grade with the same code.
 */
import type { Environ, EnvironValue, GatewayKind, HeaderList, LogStream, Trace } from "@/lib/chain/trace";
import { resolvePresets, type FlowPreset } from "@/components/flow/presets";
import { answerFromTrace, sameAnswer } from "./predict-model";

/** Replace the one occurrence of `find` in `file` by `replace`. */
export interface ChallengeEdit {
  file: string;
  find: string;
  replace: string;
}

/** What must hold for one request. Every field given must hold; absent fields are not checked. */
export interface ChallengeExpect {
  status?: number;
  /** Who produced the response: "nginx", "gateway" or "app". */
  responder?: "nginx" | "gateway" | "app";
  /** The nginx location that handled it, as the trace's decision names it (`location ^~ /docs/`). */
  location?: string;
  /** The Flask rule that matched (`/hello/<name>`). */
  route?: string;
  /** Response headers: exact value (trimmed), or null when the header must be absent. */
  headers?: Record<string, string | null>;
  /** WSGI environ keys the app received: exact value, or null when the key must be absent. */
  environ?: Record<string, string | null>;
  /** Text the (decoded) response body must contain. */
  bodyIncludes?: string;
  /** The browser has the whole answer within this many virtual ms. */
  maxMs?: number;
  /** A log line containing this text must be written (optionally in one stream) — or must not, with `absent`. */
  log?: { includes: string; stream?: LogStream; absent?: boolean };
}

export interface ChallengeCheck {
  /** Korean: what this request shows, e.g. "/docs/logo.svg는 ^~ /docs/가 답합니다". */
  label: string;
  /** A preset name (components/flow/presets.ts) or a request. */
  request: string | { method?: string; target: string; headers?: Array<[string, string]>; body?: string };
  gateway?: GatewayKind;
  faults?: { gateway?: "down" };
  expect: ChallengeExpect;
}

/** The answer one request got, as much as grading needs. */
export interface ChallengeOutcome {
  status: number;
  headers: HeaderList;
  /** The body as the app or nginx produced it (decompressed when gzipped), as text. */
  body: string;
  trace: Trace;
}

export interface CheckResult {
  pass: boolean;
  /** Korean lines saying what differs ("상태 코드 — 기대: 200, 실제: 404"). Empty when it passes. */
  problems: string[];
}

export type EditResult = { ok: true; files: Record<string, string> } | { ok: false; message: string };

/** Applies edits in order; each `find` must occur exactly once in its file (so a drifted edit fails loudly). */
export function applyEdits(files: Record<string, string>, edits: readonly ChallengeEdit[] | undefined): EditResult {
  const out = { ...files };
  for (const edit of edits ?? []) {
    const text = out[edit.file];
    if (text === undefined) return { ok: false, message: `edit names "${edit.file}", which is not one of the challenge's files (${Object.keys(files).join(", ")})` };
    const at = text.indexOf(edit.find);
    if (at === -1) return { ok: false, message: `${edit.file}: text to replace not found: ${JSON.stringify(edit.find)}` };
    if (text.indexOf(edit.find, at + 1) !== -1) return { ok: false, message: `${edit.file}: text to replace occurs more than once: ${JSON.stringify(edit.find)}` };
    out[edit.file] = text.slice(0, at) + edit.replace + text.slice(at + edit.find.length);
  }
  return { ok: true, files: out };
}

/** A check's request as the flow widget and the chain client take it. */
export function checkPreset(check: ChallengeCheck, index: number): FlowPreset {
  const spec = check.request;
  const id = `check-${index}`;
  if (typeof spec === "string") {
    const preset = resolvePresets([spec])[0];
    return { ...preset, id, label: check.label, faults: check.faults ?? preset.faults };
  }
  return resolvePresets([{ id, label: check.label, request: spec, faults: check.faults }])[0];
}

const RESPONDER_KO: Record<string, string> = { nginx: "Nginx", gateway: "게이트웨이", app: "Flask 앱" };

function environValueText(value: EnvironValue): string {
  switch (value.type) {
    case "str":
      return value.value;
    case "int":
      return String(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "tuple":
      return `(${value.value.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ")})`;
    case "object":
      return value.repr;
  }
}

function environOf(trace: Trace): Environ | null {
  const call = trace.steps.find((s) => s.kind === "wsgi-call");
  return call && call.kind === "wsgi-call" ? call.environ : null;
}

function header(headers: HeaderList, name: string): string | null {
  const found = headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  return found ? found[1].trim() : null;
}

/** Grades one outcome against one expectation. Every message names the expected and the actual value. */
export function gradeCheck(expect: ChallengeExpect, outcome: ChallengeOutcome): CheckResult {
  const problems: string[] = [];
  const predictOutcome = { status: outcome.status, trace: outcome.trace };
  if (expect.status !== undefined && outcome.status !== expect.status) problems.push(`상태 코드 — 기대: ${expect.status}, 실제: ${outcome.status}`);
  if (expect.responder !== undefined) {
    const actual = answerFromTrace("responder", predictOutcome);
    if (actual !== expect.responder) problems.push(`응답한 곳 — 기대: ${RESPONDER_KO[expect.responder]}, 실제: ${RESPONDER_KO[actual ?? ""] ?? "없음"}`);
  }
  if (expect.location !== undefined) {
    const actual = answerFromTrace("location", predictOutcome);
    if (!sameAnswer(expect.location, actual)) problems.push(`고른 location — 기대: ${expect.location}, 실제: ${actual ?? "(고르지 않음)"}`);
  }
  if (expect.route !== undefined) {
    const actual = answerFromTrace("route", predictOutcome);
    if (!sameAnswer(expect.route, actual)) problems.push(`Flask 라우트 — 기대: ${expect.route}, 실제: ${actual ?? "(맞은 규칙 없음)"}`);
  }
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const actual = header(outcome.headers, name);
    if (want === null && actual !== null) problems.push(`응답 헤더 ${name} — 기대: 없음, 실제: ${actual}`);
    else if (want !== null && actual !== want.trim()) problems.push(`응답 헤더 ${name} — 기대: ${want}, 실제: ${actual ?? "없음"}`);
  }
  if (expect.environ) {
    const environ = environOf(outcome.trace);
    for (const [key, want] of Object.entries(expect.environ)) {
      if (!environ) {
        problems.push(`environ ${key} — 요청이 Flask 앱까지 가지 않았습니다`);
        continue;
      }
      const entry = environ.find(([k]) => k === key);
      const actual = entry ? environValueText(entry[1]) : null;
      if (want === null && actual !== null) problems.push(`environ ${key} — 기대: 없음, 실제: ${actual}`);
      else if (want !== null && actual !== want) problems.push(`environ ${key} — 기대: ${want}, 실제: ${actual ?? "없음"}`);
    }
  }
  if (expect.bodyIncludes !== undefined && !outcome.body.includes(expect.bodyIncludes)) {
    problems.push(`응답 본문 — 기대: "${expect.bodyIncludes}" 포함, 실제: ${JSON.stringify(outcome.body.slice(0, 80))}`);
  }
  if (expect.maxMs !== undefined && outcome.trace.totalMs > expect.maxMs) {
    problems.push(`걸린 시간 — 기대: ${expect.maxMs} ms 이하, 실제: ${Math.round(outcome.trace.totalMs)} ms`);
  }
  if (expect.log) {
    const { includes, stream, absent } = expect.log;
    const found = outcome.trace.steps.some((s) => s.kind === "log" && (!stream || s.stream === stream) && s.line.includes(includes));
    if (absent && found) problems.push(`로그 — 이 줄이 없어야 합니다: "${includes}"`);
    if (!absent && !found) problems.push(`로그 — 이 내용이 담긴 줄이 없습니다: "${includes}"`);
  }
  return { pass: problems.length === 0, problems };
}

/** The challenge passes when every check passes. */
export function allPass(results: readonly CheckResult[]): boolean {
  return results.length > 0 && results.every((r) => r.pass);
}

/** Problems with a challenge's own definition, found before anything runs (ids, labels, empty expectations). */
export function challengeProblems(id: string, checks: readonly ChallengeCheck[], solution: readonly ChallengeEdit[], files: readonly string[]): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9-]{1,64}$/.test(id)) problems.push(`<Challenge id="${id}">: use lowercase letters, digits and -`);
  if (checks.length === 0) problems.push(`<Challenge id="${id}">: give at least one check`);
  checks.forEach((check, i) => {
    if (!check.label) problems.push(`<Challenge id="${id}"> check ${i + 1}: give it a Korean label`);
    if (Object.keys(check.expect ?? {}).length === 0) problems.push(`<Challenge id="${id}"> check ${i + 1}: expect checks nothing`);
  });
  if (solution.length === 0) problems.push(`<Challenge id="${id}">: give a solution (edits)`);
  for (const edit of solution) {
    if (!files.includes(edit.file)) problems.push(`<Challenge id="${id}">: the solution edits ${edit.file}, which the student cannot edit (files: ${files.join(", ")})`);
  }
  return problems;
}
