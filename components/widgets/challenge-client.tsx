"use client";
/**
 * The live challenge: edit the files, press 확인하기, and every check's request runs through the chain with the
 * edits; the trace grades it (challenge-model.ts). A hint is there from the start, the solution after the first
 * attempt. Every graded attempt (a configuration the programs refuse included) is recorded in the progress store as
 * `challenge:<id>`, 1 for success and 0 otherwise, keeping the best, so trying counts towards the lesson's completion. Edits are kept per lesson like a playground's.
 */
import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from "react";
import type { ConfigError } from "@/lib/chain/contracts";
import type { GatewayKind } from "@/lib/chain/trace";
import { callChain } from "@/components/flow/chain-client";
import { ConfigErrorList } from "@/components/flow/config-errors";
import type { FlowPreset } from "@/components/flow/presets";
import { recordWidgetResult, useProgress } from "@/components/progress";
import { reportClassEvent } from "@/components/classroom/report";
import { allPass, gradeCheck, type ChallengeCheck, type ChallengeEdit, type CheckResult } from "./challenge-model";
import { ChallengeFrame } from "./challenge-frame";
import { readStored, storageKey, writeStored, type Edits } from "./playground-state";
import { useLessonSlug } from "./use-lesson-slug";
import styles from "./challenge.module.css";

const CodeEditor = lazy(() => import("./code-editor"));
const FlowWidget = lazy(() => import("@/components/flow/flow-widget"));

export interface ChallengeClientProps {
  id: string;
  scenario: string;
  title: string;
  gateway: GatewayKind;
  /** The files as the student starts (the scenario's, maybe broken by `start`). */
  startFiles: Record<string, string>;
  /** The scenario's own files: what the chain already has, so only differences are sent. */
  originals: Record<string, string>;
  solutionFiles: Record<string, string>;
  solution: ChallengeEdit[];
  checks: ChallengeCheck[];
  presets: FlowPreset[];
  hint: string;
  explain?: string;
  broken: boolean;
  children?: ReactNode;
}

type Attempt =
  | { kind: "graded"; results: CheckResult[]; logs: string[][] }
  | { kind: "config-error"; errors: ConfigError[] }
  | { kind: "error"; message: string };

function decodeBody(answer: { body?: string; bodyBase64?: string }): string {
  if (answer.body !== undefined) return answer.body;
  return "";
}

export function ChallengeClient(props: ChallengeClientProps) {
  const { id, scenario, title, gateway, startFiles, originals, solutionFiles, solution, checks, presets, hint, explain, broken, children } = props;
  const paths = useMemo(() => Object.keys(startFiles), [startFiles]);
  const slug = useLessonSlug() ?? "page";
  const key = storageKey(slug, `challenge:${id}`);
  const [edits, setEdits] = useState<Edits>(() => readStored(key, paths));
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState(paths[0]);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [showHint, setShowHint] = useState(false);
  const [showSolution, setShowSolution] = useState(false);
  const [checkedFiles, setCheckedFiles] = useState<Record<string, string> | null>(null);
  const [traceOpen, setTraceOpen] = useState(false);
  const progress = useProgress();
  const solvedBefore = (progress.lessons[slug]?.results[`challenge:${id}`]?.score ?? 0) > 0;

  const textOf = (path: string) => edits[path] ?? startFiles[path];
  const change = (path: string, text: string) =>
    setEdits((current) => {
      const next = { ...current };
      if (text === startFiles[path]) delete next[path];
      else next[path] = text;
      writeStored(key, next);
      return next;
    });
  const load = (files: Record<string, string>) => {
    const next: Edits = {};
    for (const path of paths) if (files[path] !== startFiles[path]) next[path] = files[path];
    setEdits(next);
    writeStored(key, next);
    setVersion((v) => v + 1);
  };

  const check = useCallback(async () => {
    setBusy(true);
    const files: Record<string, string> = {};
    for (const path of paths) {
      const text = edits[path] ?? startFiles[path];
      if (text !== originals[path]) files[path] = text;
    }
    const results: CheckResult[] = [];
    const logs: string[][] = [];
    let outcome: Attempt | null = null;
    for (const preset of presets) {
      const call = await callChain({ scenario, gateway, request: preset.request, faults: preset.faults, files });
      if (call.kind === "config-error") {
        outcome = { kind: "config-error", errors: call.errors };
        break;
      }
      if (call.kind === "error") {
        outcome = { kind: "error", message: call.message };
        break;
      }
      const { response, trace } = call.answer;
      const checkSpec = checks[results.length];
      results.push(gradeCheck(checkSpec.expect, { status: response.status, headers: response.headers, body: decodeBody(response), trace }));
      logs.push(trace.steps.flatMap((s) => (s.kind === "log" && /error/.test(s.stream) ? [s.line] : [])).slice(0, 3));
    }
    outcome ??= { kind: "graded", results, logs };
    setAttempt(outcome);
    setAttempts((n) => n + 1);
    setCheckedFiles(files);
    setBusy(false);
    if (outcome.kind !== "error") {
      const solved = outcome.kind === "graded" && allPass(outcome.results);
      recordWidgetResult(slug, `challenge:${id}`, { score: solved ? 1 : 0, max: 1 }, "best");
      reportClassEvent({ kind: "challenge", slug, challenge: `challenge:${id}`, solved });
    }
  }, [checks, edits, gateway, id, originals, paths, presets, scenario, slug, startFiles]);

  const passed = attempt?.kind === "graded" && allPass(attempt.results);
  const errorLines = (path: string) => (attempt?.kind === "config-error" ? attempt.errors.filter((e) => e.path === path && e.line > 0).map((e) => e.line) : []);

  return (
    <ChallengeFrame id={id} broken={broken} goal={children} solved={passed || solvedBefore}>
      <div className={styles.tabs} role="tablist" aria-label="편집할 파일">
        {paths.map((path) => (
          <button key={path} type="button" role="tab" aria-selected={active === path} onClick={() => setActive(path)}>
            {path}
            {edits[path] !== undefined ? " •" : ""}
          </button>
        ))}
      </div>
      <div className={styles.editorHost} role="tabpanel" aria-label={active}>
        <Suspense fallback={<pre tabIndex={0}>{textOf(active)}</pre>}>
          <CodeEditor key={`${active}:${version}`} path={active} value={textOf(active)} onChange={(text) => change(active, text)} errorLines={errorLines(active)} label={`${active} 편집기`} />
        </Suspense>
      </div>
      <div className={styles.actions}>
        <button type="button" className={styles.primary} disabled={busy} onClick={() => void check()}>
          {busy ? "확인하는 중…" : "확인하기"}
        </button>
        <button type="button" aria-expanded={showHint} onClick={() => setShowHint((v) => !v)}>
          힌트
        </button>
        <button type="button" aria-expanded={showSolution} disabled={attempts === 0} onClick={() => setShowSolution((v) => !v)} title={attempts === 0 ? "한 번 확인해 본 다음에 볼 수 있습니다" : undefined}>
          해답
        </button>
        <button type="button" onClick={() => load(startFiles)} disabled={Object.keys(edits).length === 0}>
          처음 상태로
        </button>
      </div>
      <div aria-live="polite">
        {attempt?.kind === "config-error" ? (
          <div className={styles.result}>
            <p>
              <strong>설정이 거부되었습니다.</strong> 진짜 프로그램도 이 설정으로는 시작하지 않습니다. 아래 메시지의 파일과 줄을 고쳐 보세요.
            </p>
            <ConfigErrorList errors={attempt.errors} />
          </div>
        ) : null}
        {attempt?.kind === "error" ? (
          <p role="alert" className={styles.bad}>
            {attempt.message}
          </p>
        ) : null}
        {attempt?.kind === "graded" ? (
          <div className={styles.result} data-pass={passed || undefined}>
            <p className={styles.verdict}>
              {passed ? "성공! 모든 요청이 목표대로 처리되었습니다." : `아직입니다. ${attempt.results.filter((r) => !r.pass).length}개 요청이 목표와 다릅니다.`}
            </p>
            <ul className={styles.checks}>
              {attempt.results.map((result, i) => (
                <li key={i} data-pass={result.pass || undefined}>
                  <span aria-hidden="true">{result.pass ? "✓ " : "✗ "}</span>
                  <span className="visually-hidden">{result.pass ? "통과: " : "실패: "}</span>
                  <code>
                    {presets[i].request.method} {presets[i].request.target}
                  </code>{" "}
                  {checks[i].label}
                  {result.problems.length > 0 ? (
                    <ul>
                      {result.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                      {attempt.logs[i].map((line) => (
                        <li key={line}>
                          로그: <code>{line}</code>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {attempts === 0 ? <p className={styles.muted}>해답은 한 번 확인해 본 다음에 열 수 있습니다.</p> : null}
      {showHint ? (
        <div className={styles.hint} role="note" aria-label="힌트">
          <strong>힌트</strong> {hint}
        </div>
      ) : null}
      {showSolution && attempts > 0 ? (
        <div className={styles.solution} aria-label="해답">
          <strong>해답</strong>
          {solution.map((edit, i) => (
            <div key={i} className={styles.edit}>
              <p className={styles.muted}>{edit.file}에서 바꿀 곳</p>
              <pre className={styles.removed} aria-label="지울 내용">{edit.find}</pre>
              <pre className={styles.added} aria-label="넣을 내용">{edit.replace}</pre>
            </div>
          ))}
          {explain ? <p>{explain}</p> : null}
          <button type="button" onClick={() => load(solutionFiles)}>
            해답을 편집기에 넣기
          </button>
        </div>
      ) : null}
      {checkedFiles ? (
        <details className={styles.trace} onToggle={(e) => setTraceOpen(e.currentTarget.open)}>
          <summary>요청의 흐름을 자세히 보기 (확인한 설정 그대로)</summary>
          {traceOpen ? (
            <Suspense fallback={<p className={styles.muted}>불러오는 중…</p>}>
              <FlowWidget key={attempts} scenario={scenario} title={title} gateways={[gateway]} defaultGateway={gateway} presets={presets} files={checkedFiles} />
            </Suspense>
          ) : null}
        </details>
      ) : null}
    </ChallengeFrame>
  );
}
