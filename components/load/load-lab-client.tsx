"use client";
/**
 * The load lab in the page: the crowd and the knobs, the run (POST /api/chain/load, once per gateway), and for each
 * gateway the summary, the timeline, the master's moments, the logs and the same data as a table.
 */
import { useId, useRef, useState } from "react";
import { recordWidgetResult } from "@/components/progress";
import { useLessonSlug } from "@/components/widgets/use-lesson-slug";
import { crowdTimes } from "@/lib/chain/load/crowd";
import { setGunicornKnobs, setNginxKnobs, setUwsgiKnobs } from "@/lib/chain/load/knobs";
import type { GatewayKind } from "@/lib/chain/trace";
import { callLoad } from "./load-client";
import { formatDuration, goalProblems, laneLabel, maxQueue, predictAnswer, statusTone, type LoadAnswer, type LoadGoal, type LoadKnobs, type LoadPredict } from "./load-model";
import { eventText, Timeline } from "./timeline";
import styles from "./load.module.css";

export interface LoadLabClientProps {
  id: string;
  scenario: string;
  title: string;
  mode: GatewayKind | "both";
  crowd: { count: number; spreadMs: number; target: string };
  knobs: LoadKnobs;
  routes: Array<{ target: string; label: string }>;
  originals: Record<GatewayKind, { config: [path: string, text: string]; nginx: [path: string, text: string] }>;
  predict?: LoadPredict;
  goal?: LoadGoal;
}

const GATEWAY_NAME: Record<GatewayKind, string> = { gunicorn: "Gunicorn", uwsgi: "uWSGI" };
const MAX_STUDENTS = 200;

type Runs = Partial<Record<GatewayKind, LoadAnswer>>;

export function filesFor(gateway: GatewayKind, knobs: LoadKnobs, originals: LoadLabClientProps["originals"]): Record<string, string> {
  const { config, nginx } = originals[gateway];
  return {
    [config[0]]: gateway === "gunicorn" ? setGunicornKnobs(config[1], knobs.gunicorn) : setUwsgiKnobs(config[1], knobs.uwsgi),
    [nginx[0]]: setNginxKnobs(nginx[1], knobs.nginx),
  };
}

export function LoadLabClient(props: LoadLabClientProps) {
  const uid = useId();
  const slug = useLessonSlug();
  const [count, setCount] = useState(props.crowd.count);
  const [spreadSeconds, setSpreadSeconds] = useState(props.crowd.spreadMs / 1000);
  const [target, setTarget] = useState(props.crowd.target);
  const [mode, setMode] = useState(props.mode);
  const [knobs, setKnobs] = useState<LoadKnobs>(props.knobs);
  const [runs, setRuns] = useState<Runs>({});
  const [ranWith, setRanWith] = useState<{ knobs: LoadKnobs; gateways: GatewayKind[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const gateways: GatewayKind[] = mode === "both" ? ["gunicorn", "uwsgi"] : [mode];
  const needsPrediction = props.predict !== undefined && choice === null && ranWith === null;
  const routes = props.routes.some((r) => r.target === target) ? props.routes : [...props.routes, { target, label: target }];

  const run = async () => {
    if (needsPrediction) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setError(null);
    const students = Math.min(MAX_STUDENTS, Math.max(1, Math.floor(count) || 1));
    const requests = crowdTimes(students, Math.max(0, spreadSeconds) * 1000).map((at) => ({ at, request: { method: "GET", target } }));
    const next: Runs = {};
    for (const gateway of gateways) {
      const call = await callLoad({ scenario: props.scenario, gateway, files: filesFor(gateway, knobs, props.originals), requests }, controller.signal);
      if (controller.signal.aborted) return;
      if (call.kind === "config-error") {
        setError(call.errors.map((e) => `${e.path}:${e.line}: ${e.messageKo}`).join("\n"));
        setBusy(false);
        return;
      }
      if (call.kind === "error") {
        setError(call.message);
        setBusy(false);
        return;
      }
      next[gateway] = call.answer;
    }
    setRuns(next);
    setRanWith({ knobs, gateways });
    setBusy(false);
    if (slug && props.goal && gateways.length === 1 && next[gateways[0]]) {
      const reached = goalProblems(props.goal, gateways[0], knobs, next[gateways[0]]!.summary).length === 0;
      recordWidgetResult(slug, `load:${props.id}`, { score: reached ? 1 : 0, max: 1 }, "best");
    }
    if (slug && props.predict && choice !== null) {
      const graded = next[props.predict.gateway ?? gateways[0]];
      if (graded) recordWidgetResult(slug, `load-predict:${props.id}`, { score: predictAnswer(props.predict.ask, graded) === props.predict.choices[choice] ? 1 : 0, max: 1 });
    }
  };

  const setGunicorn = (patch: Partial<LoadKnobs["gunicorn"]>) => setKnobs((k) => ({ ...k, gunicorn: { ...k.gunicorn, ...patch } }));
  const setUwsgi = (patch: Partial<LoadKnobs["uwsgi"]>) => setKnobs((k) => ({ ...k, uwsgi: { ...k.uwsgi, ...patch } }));
  const numberField = (label: string, value: number, onChange: (n: number) => void, min: number, max: number, hint?: string) => {
    const fieldId = `${uid}-${label}`;
    return (
      <label className={styles.field} htmlFor={fieldId}>
        <span>{label}</span>
        <input id={fieldId} type="number" inputMode="numeric" min={min} max={max} value={value} onChange={(e) => onChange(clamp(Number(e.target.value), min, max))} />
        {hint ? <small>{hint}</small> : null}
      </label>
    );
  };

  const predicted = props.predict && ranWith ? runs[props.predict.gateway ?? ranWith.gateways[0]] : undefined;
  const predictTruth = props.predict && predicted ? predictAnswer(props.predict.ask, predicted) : null;

  return (
    <section className={styles.lab} aria-label={props.title} data-load-lab={props.id}>
      <h3 className={styles.title}>{props.title}</h3>
      {props.goal ? (
        <p className={styles.goal}>
          <strong>도전 과제</strong> {props.goal.text}
        </p>
      ) : null}
      <div className={styles.controls}>
        <fieldset>
          <legend>학생들</legend>
          {numberField("학생 수", count, setCount, 1, MAX_STUDENTS)}
          {numberField("보내는 시간(초)", spreadSeconds, setSpreadSeconds, 0, 60, "0이면 모두 같은 순간에 보냅니다")}
          <label className={styles.field} htmlFor={`${uid}-route`}>
            <span>주소</span>
            <select id={`${uid}-route`} value={target} onChange={(e) => setTarget(e.target.value)}>
              {routes.map((r) => (
                <option key={r.target} value={r.target}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>게이트웨이</legend>
          <div className={styles.radios}>
            {(["gunicorn", "uwsgi", "both"] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={`${uid}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} /> {m === "both" ? "나란히 비교" : GATEWAY_NAME[m]}
              </label>
            ))}
          </div>
        </fieldset>
        {gateways.includes("gunicorn") ? (
          <fieldset>
            <legend>gunicorn.conf.py</legend>
            {numberField("workers", knobs.gunicorn.workers, (n) => setGunicorn({ workers: n }), 1, 16)}
            <label className={styles.field} htmlFor={`${uid}-class`}>
              <span>worker_class</span>
              <select id={`${uid}-class`} value={knobs.gunicorn.workerClass} onChange={(e) => setGunicorn({ workerClass: e.target.value === "gthread" ? "gthread" : "sync" })}>
                <option value="sync">sync</option>
                <option value="gthread">gthread</option>
              </select>
            </label>
            {numberField("threads", knobs.gunicorn.threads, (n) => setGunicorn({ threads: n }), 1, 16, knobs.gunicorn.workerClass === "sync" && knobs.gunicorn.threads > 1 ? "threads가 2 이상이면 Gunicorn이 gthread로 바꿉니다" : undefined)}
            {numberField("timeout", knobs.gunicorn.timeout, (n) => setGunicorn({ timeout: n }), 0, 600)}
            {numberField("backlog", knobs.gunicorn.backlog, (n) => setGunicorn({ backlog: n }), 0, 4096)}
          </fieldset>
        ) : null}
        {gateways.includes("uwsgi") ? (
          <fieldset>
            <legend>uwsgi.ini</legend>
            {numberField("processes", knobs.uwsgi.processes, (n) => setUwsgi({ processes: n }), 1, 16)}
            {numberField("threads", knobs.uwsgi.threads, (n) => setUwsgi({ threads: n }), 1, 16)}
            {numberField("harakiri", knobs.uwsgi.harakiri, (n) => setUwsgi({ harakiri: n }), 0, 600, "0이면 꺼짐")}
            {numberField("listen", knobs.uwsgi.listen, (n) => setUwsgi({ listen: n }), 0, 4096)}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>nginx</legend>
          {numberField("read_timeout(초)", knobs.nginx.readTimeout, (n) => setKnobs((k) => ({ ...k, nginx: { readTimeout: n } })), 1, 600, "proxy_read_timeout / uwsgi_read_timeout")}
        </fieldset>
      </div>
      <details className={styles.files}>
        <summary>실행할 설정 파일 보기</summary>
        {gateways.map((g) =>
          Object.entries(filesFor(g, knobs, props.originals)).map(([path, text]) => (
            <figure key={`${g}-${path}`}>
              <figcaption>{path}</figcaption>
              <pre tabIndex={0}>{text}</pre>
            </figure>
          )),
        )}
      </details>
      {props.predict ? (
        <fieldset className={styles.predict} data-load-predict>
          <legend>{props.predict.question}</legend>
          <div className={styles.radios}>
            {props.predict.choices.map((c, i) => (
              <label key={c} data-state={predictTruth === null || choice !== i ? undefined : predictTruth === c ? "right" : "wrong"}>
                <input type="radio" name={`${uid}-predict`} checked={choice === i} onChange={() => setChoice(i)} disabled={ranWith !== null} /> {c}
              </label>
            ))}
          </div>
          {predictTruth !== null ? (
            <p role="status">
              {choice !== null && props.predict.choices[choice] === predictTruth ? "맞혔습니다! " : "예측과 달랐습니다. "}실제로는 <strong>{predictTruth}</strong>입니다.
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className={styles.actions}>
        <button type="button" className={styles.run} onClick={run} disabled={busy || needsPrediction}>
          {busy ? "보내는 중…" : `학생 ${count}명이 보내기`}
        </button>
        {needsPrediction ? <span>먼저 예측을 골라 주세요.</span> : null}
      </div>
      {error ? (
        <pre className={styles.error} role="alert">
          {error}
        </pre>
      ) : null}
      {ranWith && props.goal && ranWith.gateways.length === 1 && runs[ranWith.gateways[0]] ? (
        <GoalVerdict goal={props.goal} gateway={ranWith.gateways[0]} knobs={ranWith.knobs} answer={runs[ranWith.gateways[0]]!} />
      ) : null}
      <div className={styles.runs} data-count={ranWith?.gateways.length ?? 0} aria-live="polite">
        {ranWith?.gateways.map((g) =>
          runs[g] ? <GatewayRun key={g} gateway={g} answer={runs[g]!} scaleEnd={Math.max(...ranWith.gateways.map((h) => runs[h]?.timeline.endAt ?? 0))} /> : null,
        )}
      </div>
    </section>
  );
}

function GoalVerdict({ goal, gateway, knobs, answer }: { goal: LoadGoal; gateway: GatewayKind; knobs: LoadKnobs; answer: LoadAnswer }) {
  const problems = goalProblems(goal, gateway, knobs, answer.summary);
  return (
    <div className={styles.verdict} data-state={problems.length === 0 ? "right" : "wrong"} role="status">
      {problems.length === 0 ? (
        <p>성공! 모든 학생이 {formatDuration(answer.summary.maxMs)} 안에 5xx 없이 답을 받았습니다.</p>
      ) : (
        <>
          <p>아직입니다.</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function GatewayRun({ gateway, answer, scaleEnd }: { gateway: GatewayKind; answer: LoadAnswer; scaleEnd: number }) {
  const [table, setTable] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [moment, setMoment] = useState<number | null>(null);
  const s = answer.summary;
  const statuses = Object.entries(s.byStatus).sort(([a], [b]) => Number(a) - Number(b));
  const logs = answer.logs.filter((l) => (selected === null ? true : l.request === selected));
  const shown = logs.slice(0, 300);
  const select = (request: number) => {
    setSelected((current) => (current === request ? null : request));
    setMoment(null);
  };
  return (
    <article className={styles.result} data-gateway={gateway} aria-label={`${GATEWAY_NAME[gateway]} 결과`}>
      <h4>{GATEWAY_NAME[gateway]}</h4>
      <dl className={styles.summary}>
        <div>
          <dt>중간값(p50)</dt>
          <dd data-summary="p50">{formatDuration(s.p50Ms)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd data-summary="p95">{formatDuration(s.p95Ms)}</dd>
        </div>
        <div>
          <dt>가장 늦음</dt>
          <dd data-summary="max">{formatDuration(s.maxMs)}</dd>
        </div>
        <div>
          <dt>처리량</dt>
          <dd data-summary="throughput">{s.throughputPerSecond}건/초</dd>
        </div>
        <div>
          <dt>상태 코드</dt>
          <dd data-summary="statuses">
            {statuses.map(([code, n]) => (
              <span key={code} className={styles.status} data-tone={statusTone(Number(code))}>
                {code === "0" ? "응답 없음" : code} × {n}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>대기열 최대</dt>
          <dd>{maxQueue(answer.results)}명</dd>
        </div>
      </dl>
      <div className={styles.viewSwitch}>
        <button type="button" aria-pressed={table} onClick={() => setTable((t) => !t)}>
          {table ? "타임라인으로 보기" : "표로 보기"}
        </button>
      </div>
      {table ? (
        <ResultTable answer={answer} gateway={gateway} selected={selected} onSelect={select} />
      ) : (
        <Timeline answer={answer} scaleEnd={scaleEnd} selected={selected} onSelect={select} onMoment={(at) => { setSelected(null); setMoment(at); }} />
      )}
      <p className={styles.legend} aria-hidden="true">
        <span data-tone="ok">2xx</span> <span data-tone="error">502 등 5xx</span> <span data-tone="timeout">504</span> <span data-tone="none">응답 없음</span> 막대: 워커가 요청을 받은 때부터 끝낸 때까지. 대기열: 워커를 기다리는 요청 수.
      </p>
      {answer.timeline.events.length > 0 ? (
        <div className={styles.events}>
          <h5>마스터가 한 일</h5>
          <ul>
            {answer.timeline.events.map((e, i) => (
              <li key={i}>
                <button type="button" data-kind={e.kind} aria-pressed={moment === e.at} onClick={() => { setSelected(null); setMoment(moment === e.at ? null : e.at); }}>
                  {eventText(e)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details className={styles.logs} open={selected !== null || moment !== null}>
        <summary>
          로그 {logs.length}줄{selected !== null ? ` (학생 #${selected + 1}의 요청)` : ""}
        </summary>
        {selected !== null ? (
          <button type="button" onClick={() => setSelected(null)}>
            모든 로그 보기
          </button>
        ) : null}
        <ol>
          {shown.map((l, i) => (
            <li key={i} data-stream={l.stream} data-moment={moment !== null && Math.abs(l.at - moment) < 0.5 ? "" : undefined}>
              <button type="button" className={styles.logTime} onClick={() => (l.request === null ? undefined : select(l.request))} aria-label={`${formatDuration(l.at)}, 학생 #${(l.request ?? 0) + 1}의 요청 보기`}>
                {formatDuration(l.at)}
              </button>{" "}
              <code>{l.line}</code>
            </li>
          ))}
        </ol>
        {logs.length > shown.length ? <p>… {logs.length - shown.length}줄 더 (학생을 골라 그 요청의 로그만 볼 수 있습니다)</p> : null}
      </details>
    </article>
  );
}

function ResultTable({ answer, gateway, selected, onSelect }: { answer: LoadAnswer; gateway: GatewayKind; selected: number | null; onSelect: (request: number) => void }) {
  return (
    <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={`${GATEWAY_NAME[gateway]} 요청 표`}>
      <table className={styles.table}>
        <caption>학생별 요청: 보낸 시각, 맡은 워커, 기다린 시간, 답을 받은 시각, 상태</caption>
        <thead>
          <tr>
            <th scope="col">학생</th>
            <th scope="col">보냄</th>
            <th scope="col">워커</th>
            <th scope="col">대기</th>
            <th scope="col">답 받음</th>
            <th scope="col">걸린 시간</th>
            <th scope="col">상태</th>
            <th scope="col">로그</th>
          </tr>
        </thead>
        <tbody>
          {answer.results.map((r, i) => (
            <tr key={i} data-selected={selected === i ? "" : undefined}>
              <th scope="row">#{i + 1}</th>
              <td>{formatDuration(r.sentAt)}</td>
              <td>{r.worker ? `${laneLabel(r.worker, gateway, answer.timeline.threads)} (pid ${r.worker.pid})` : "nginx 혼자"}</td>
              <td>{r.acceptedAt === null ? "—" : formatDuration(r.acceptedAt - r.sentAt)}</td>
              <td>{formatDuration(r.doneAt)}</td>
              <td>{formatDuration(r.doneAt - r.sentAt)}</td>
              <td>
                <span className={styles.status} data-tone={statusTone(r.status)}>
                  {r.status || "응답 없음"}
                </span>
              </td>
              <td>
                <button type="button" aria-pressed={selected === i} onClick={() => onSelect(i)}>
                  보기
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
