"use client";
/**
 * `<Predict id="static-or-app" scenario="hello_cju" ask="status" request={{ method: "GET", target: "/about" }}
 *   question="이 요청의 상태 코드는?" choices={["200", "308", "404"]} />`: the student commits to an answer, then
 * the request really runs through the chain and the trace grades it.
 */
import { useMemo, useState } from "react";
import { recordWidgetResult } from "@/components/progress";
import { answerText, reportClassEvent } from "@/components/classroom/report";
import { useClassPredict } from "@/components/classroom/use-class-predict";
import { Histogram } from "@/components/classroom/histogram";
import { callChain } from "@/components/flow/chain-client";
import { BUILTIN_PRESETS, type FlowRequest } from "@/components/flow/presets";
import { formatMs, narrate } from "@/components/flow/narrate";
import { josa } from "@/lib/chain/korean";
import type { GatewayKind, TraceStep } from "@/lib/chain/trace";
import { answerFromTrace, sameAnswer, type PredictAsk } from "./predict-model";
import { seededOrder } from "./shuffle";
import { useLessonSlug } from "./use-lesson-slug";
import styles from "./widgets.module.css";

const RESPONDER_LABEL: Record<string, string> = { nginx: "Nginx", gateway: "게이트웨이", app: "Flask 앱" };

export interface PredictProps {
  id: string;
  scenario: string;
  question: string;
  ask: PredictAsk;
  choices: string[];
  /** A preset name (see components/flow/presets.ts) or a request. */
  request: string | Partial<FlowRequest>;
  gateway?: "gunicorn" | "uwsgi";
  faults?: { gateway?: "down" };
  /** Shown after running, whatever the answer. */
  explain?: string;
}

type Result = { answer: string | null; right: boolean; status: string; decisions: TraceStep[]; totalMs: number; gateway: GatewayKind };

export function Predict({ id, scenario, question, ask, choices, request, gateway, faults, explain }: PredictProps) {
  const [choice, setChoice] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const slug = useLessonSlug();
  const preset = typeof request === "string" ? BUILTIN_PRESETS[request] : null;
  const fullRequest: FlowRequest = preset?.request ?? { method: "GET", target: "/", headers: [["Host", "localhost"]], ...(request as Partial<FlowRequest>) };
  // Shown in a seeded order (shuffle.ts): the listed order would give the answer away; the same order every time.
  const order = useMemo(() => seededOrder(choices.length, `predict:${id}`), [choices.length, id]);
  const label = (c: string) => (ask === "responder" ? (RESPONDER_LABEL[c] ?? c) : c);
  const inClass = useClassPredict(slug, id, question, choices);
  // A student waits for the instructor's reveal before running a class Predict.
  const waiting = inClass.mode === "student" && !inClass.revealed;
  // In a class Predict the choice this student already sent shows as chosen (also after a reload).
  const sent = inClass.mode === "student" && inClass.mine !== null ? choices.indexOf(inClass.mine) : -1;
  const chosen = choice ?? (sent >= 0 ? sent : null);

  const run = async () => {
    // The instructor may reveal without a choice of their own.
    if (chosen === null && inClass.mode !== "teacher") return;
    setBusy(true);
    setError(null);
    const call = await callChain({ scenario, gateway, request: fullRequest, faults: faults ?? preset?.faults });
    setBusy(false);
    if (call.kind !== "ok") {
      setError(call.kind === "error" ? call.message : "시나리오 설정에 오류가 있습니다.");
      return;
    }
    const { response, trace } = call.answer;
    const answer = answerFromTrace(ask, { status: response.status, trace });
    const right = chosen !== null && sameAnswer(choices[chosen], answer);
    setResult({
      answer,
      right,
      status: `${response.status} ${response.reason}`,
      decisions: trace.steps.filter((s) => s.kind === "decision" || s.kind === "fault"),
      totalMs: trace.totalMs,
      gateway: trace.gateway,
    });
    if (slug && chosen !== null) {
      recordWidgetResult(slug, `predict:${id}`, { score: right ? 1 : 0, max: 1 });
      reportClassEvent({ kind: "answer", slug, question: `predict:${id}`, answer: answerText(choices[chosen]), correct: right });
    }
  };

  return (
    <section id={`predict-${id}`} className={styles.predict} data-predict={id} data-lesson-check={`predict:${id}`} aria-label="예측하고 실행하기">
      <h3 className={styles.widgetTitle}>예측해 보세요</h3>
      <p>{question}</p>
      <p className={styles.requestLine}>
        <code className={styles.mono}>
          {fullRequest.method} {fullRequest.target}
        </code>
        {(faults ?? preset?.faults)?.gateway === "down" ? " (게이트웨이가 꺼진 상태)" : null}
      </p>
      <div role="radiogroup" aria-label="예측" className={styles.predictChoices}>
        {order.map((i) => choices[i]).map((c, k) => {
          const i = order[k];
          return (
          <button
            key={c}
            type="button"
            role="radio"
            className={`${styles.button} ${styles.predictChoice}`}
            aria-checked={chosen === i}
            disabled={result !== null}
            onClick={() => {
              setChoice(i);
              if (waiting) inClass.choose(choices[i]);
            }}
          >
            {label(c)}
          </button>
          );
        })}
      </div>
      {inClass.mode === "teacher" ? (
        <div className={styles.classPredict} data-class-predict-panel>
          {inClass.open ? (
            <>
              <p>
                반 전체 예측: <strong>{inClass.counts.reduce((a, b) => a + b, 0)}명</strong> 답함{inClass.revealed ? " · 공개됨" : ""}
              </p>
              <Histogram label="반 전체 예측" bars={choices.map((c, i) => ({ label: label(c), count: inClass.counts[i] ?? 0 }))} />
              <div className={styles.predictChoices}>
                {!inClass.revealed ? (
                  <button type="button" className={`${styles.button} ${styles.primaryButton}`} disabled={busy} onClick={() => void inClass.reveal().then(run)}>
                    공개하고 실행
                  </button>
                ) : null}
                <button type="button" className={styles.button} onClick={() => void inClass.close()}>
                  반 전체 예측 닫기
                </button>
              </div>
            </>
          ) : (
            <button type="button" className={styles.button} onClick={() => void inClass.openForClass()}>
              반 전체에 열기
            </button>
          )}
        </div>
      ) : null}
      {inClass.mode === "student" ? (
        <div className={styles.classPredict} role="status">
          {waiting ? (
            <p>
              강사가 반 전체에 연 예측입니다. {inClass.mine ? <>내 예측 <strong>{label(inClass.mine)}</strong>{josa(label(inClass.mine), "을/를")} 보냈습니다. </> : "하나를 골라 보내세요. "}
              강사가 공개하면 실행할 수 있습니다.
            </p>
          ) : (
            <>
              <p>반 전체의 예측 (공개됨)</p>
              {inClass.counts ? <Histogram label="반 전체 예측" bars={choices.map((c, i) => ({ label: label(c), count: inClass.counts![i] ?? 0 }))} /> : null}
            </>
          )}
        </div>
      ) : null}
      {result === null ? (
        inClass.mode === "teacher" && inClass.open && !inClass.revealed ? null : (
          <button type="button" className={`${styles.button} ${styles.primaryButton}`} disabled={chosen === null || busy || waiting} onClick={() => void run()}>
            {busy ? "실행 중…" : waiting ? "공개를 기다리는 중" : "실행해서 확인하기"}
          </button>
        )
      ) : (
        <div role="status" className={styles.predictResult} data-right={result.right || undefined}>
          <p>
            {chosen === null ? null : <strong>{result.right ? "맞았습니다!" : "다시 생각해 볼까요?"}</strong>} 실제 결과는{" "}
            <strong>{result.answer === null ? "(해당 없음)" : label(result.answer)}</strong>입니다. (응답 {result.status}, 총{" "}
            {formatMs(result.totalMs)})
          </p>
          <ul>
            {result.decisions.map((d, i) => (
              <li key={i}>{narrate(d, result.gateway)}</li>
            ))}
          </ul>
          {explain ? <p>{explain}</p> : null}
          <button
            type="button"
            className={styles.button}
            onClick={() => {
              setResult(null);
              setChoice(null);
            }}
          >
            다시 해 보기
          </button>
        </div>
      )}
      {error ? (
        <p role="alert" className={styles.errorText}>
          {error}
        </p>
      ) : null}
    </section>
  );
}
