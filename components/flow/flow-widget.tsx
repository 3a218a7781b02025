"use client";
/**
 * The live request-flow widget: send a request through the embedded chain and watch its trace play along the
 * diagram. Everything shown comes from the trace the API returns; nothing here knows what nginx or Flask would do.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { GatewayKind, Hop, TraceStep } from "@/lib/chain/trace";
import type { ConfigError } from "@/lib/chain/contracts";
import { keepBrowserCookies, withBrowserCookies } from "@/lib/cookies/browser";
import { callChain, type ChainAnswer, type ChainCall, type FileEdits } from "./chain-client";
import { browserJar, clearBrowserJar } from "./cookie-jars";
import { ConfigErrorList } from "./config-errors";
import { Diagram } from "./diagram";
import { Inspector } from "./inspector";
import { formatMs, hopName, logName, narrate } from "./narrate";
import { summarizeOutcome, timeLabels } from "./outcome";
import { edgeBetween, isFrameStep, movementOf } from "./playback";
import type { FlowPreset, FlowRequest } from "./presets";
import { RequestBar } from "./request-bar";
import { usePlayback, usePrefersReducedMotion } from "./use-playback";
import styles from "./flow.module.css";

export interface FlowWidgetProps {
  scenario: string;
  title: string;
  gateways: GatewayKind[];
  defaultGateway: GatewayKind;
  presets: FlowPreset[];
  /** Files to lay over the scenario (a playground's edits, a student's project). */
  files?: FileEdits;
  /** Told about every answer, e.g. by a predict-then-run checkpoint. */
  onAnswer?: (answer: ChainAnswer) => void;
  /** Told when the chain refuses the configuration (nginx -t, Gunicorn, uWSGI or app.py errors), [] when it runs. */
  onConfigErrors?: (errors: ConfigError[]) => void;
  /** Send the first preset as soon as the widget appears. */
  autoSend?: boolean;
  /**
   * Changes when the playground applies its edits: the widget then sends again what the student has selected or
   * typed (preset, request, gateway), against the new `files`.
   */
  resend?: number;
}

type State =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "config-error"; errors: ConfigError[] }
  | { kind: "ready"; answer: ChainAnswer };

const NO_STEPS: TraceStep[] = [];

export default function FlowWidget({ scenario, title, gateways, defaultGateway, presets, files, onAnswer, onConfigErrors, autoSend = true, resend }: FlowWidgetProps) {
  const [gateway, setGateway] = useState<GatewayKind>(defaultGateway);
  const [presetId, setPresetId] = useState<string | null>(presets[0]?.id ?? null);
  const [request, setRequest] = useState<FlowRequest>(presets[0]?.request ?? { method: "GET", target: "/", headers: [["Host", "localhost"]] });
  const [faults, setFaults] = useState<FlowPreset["faults"]>(presets[0]?.faults);
  const [state, setState] = useState<State>(autoSend && presets[0] ? { kind: "loading" } : { kind: "idle" });
  const [selectedNode, setSelectedNode] = useState<Hop | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [cookieNames, setCookieNames] = useState<string[]>([]);
  const reducedMotion = usePrefersReducedMotion();

  const allSteps = state.kind === "ready" ? state.answer.trace.steps : NO_STEPS;
  const frames = useMemo(() => allSteps.filter(isFrameStep), [allSteps]);
  const playback = usePlayback(frames, reducedMotion);
  const current = frames[playback.position];
  const currentIndex = current ? allSteps.indexOf(current) : -1;

  /** Shows the chain's answer (or why there is none). */
  const show = useCallback(
    (result: ChainCall) => {
      if (result.kind === "ok") {
        setState({ kind: "ready", answer: result.answer });
        onAnswer?.(result.answer);
        onConfigErrors?.([]);
      } else if (result.kind === "config-error") {
        setState({ kind: "config-error", errors: result.errors });
        onConfigErrors?.(result.errors);
      } else setState({ kind: "error", message: result.message });
    },
    [onAnswer, onConfigErrors],
  );

  /** Asks the chain; a newer request cancels an older one, whose answer is then never shown. */
  const fetchAnswer = useCallback(
    (req: FlowRequest, withFaults: FlowPreset["faults"], gw: GatewayKind) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      // Like a browser: the scenario's cookies go along, and the answer's Set-Cookie headers are kept.
      const jar = browserJar(scenario);
      const sent = withBrowserCookies(jar, req, Date.now());
      return callChain({ scenario, gateway: gw, request: sent, faults: withFaults, files }, controller.signal).then((result) => {
        if (controller.signal.aborted) return;
        if (result.kind === "ok") keepBrowserCookies(jar, sent, result.answer.response.headers, Date.now());
        setCookieNames(jar.cookies.map((c) => c.name));
        show(result);
      });
    },
    [scenario, files, show],
  );

  const send = (req: FlowRequest, withFaults: FlowPreset["faults"], gw: GatewayKind) => {
    setState({ kind: "loading" });
    setSelectedNode(null);
    void fetchAnswer(req, withFaults, gw);
  };

  useEffect(() => {
    if (autoSend && presets[0]) void fetchAnswer(presets[0].request, presets[0].faults, defaultGateway);
    return () => abort.current?.abort();
    // Only on mount: later sends are the student's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The playground applied new files: send what is selected now, not the first preset.
  const [seenResend, setSeenResend] = useState(resend);
  if (resend !== seenResend) {
    setSeenResend(resend);
    setState({ kind: "loading" });
    setSelectedNode(null);
  }
  const mountedResend = useRef(resend);
  useEffect(() => {
    if (resend === mountedResend.current) return;
    void fetchAnswer(request, faults, gateway);
    // Only when the playground applies: request, faults and gateway are read as they are at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resend]);

  const choosePreset = (preset: FlowPreset) => {
    setPresetId(preset.id);
    setRequest(preset.request);
    setFaults(preset.faults);
    void send(preset.request, preset.faults, gateway);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable='true']")) return;
    if (event.key === "j" || event.key === "ArrowRight") playback.next();
    else if (event.key === "k" || event.key === "ArrowLeft") playback.previous();
    else if (event.key === "Home") playback.goTo(0);
    else if (event.key === "End") playback.goTo(frames.length - 1);
    else if (event.key === " " && target === event.currentTarget) playback.toggle();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  // What the diagram shows at this moment.
  const visited = useMemo(() => {
    const set = new Set<Hop>();
    for (const step of frames.slice(0, playback.position + 1)) {
      set.add(step.component);
      if ("to" in step) set.add(step.to);
    }
    return set;
  }, [frames, playback.position]);
  const failedStep = frames.slice(0, playback.position + 1).find((s): s is Extract<TraceStep, { kind: "fault" }> => s.kind === "fault");
  // A connect() that failed breaks the hop, not the node that tried it: the target was never reached.
  const failedHop = failedStep?.target ? edgeBetween(failedStep.component, failedStep.target) : null;
  const times = useMemo(() => timeLabels(frames), [frames]);
  const inspectIndex = selectedNode ? lastStepAt(allSteps, selectedNode, currentIndex) : currentIndex;
  const answer = state.kind === "ready" ? state.answer : null;
  const finished = answer !== null && playback.position >= frames.length - 1;

  return (
    <div className={styles.widget} data-keyboard-scope onKeyDown={onKeyDown} tabIndex={-1} aria-label={`요청 흐름: ${title}`} role="region">
      <div className={styles.header}>
        <strong>{title}</strong>
        {gateways.length > 1 ? (
          <div role="radiogroup" aria-label="게이트웨이" className={styles.gatewaySwitch}>
            {gateways.map((g) => (
              <button
                key={g}
                type="button"
                role="radio"
                aria-checked={gateway === g}
                onClick={() => {
                  setGateway(g);
                  void send(request, faults, g);
                }}
              >
                {hopName("gateway", g)}
              </button>
            ))}
          </div>
        ) : null}
      </div>

      {presets.length > 0 ? (
        <div className={styles.presets} role="group" aria-label="미리 준비된 요청">
          {presets.map((preset) => (
            <button key={preset.id} type="button" data-preset={preset.id} aria-pressed={presetId === preset.id} onClick={() => choosePreset(preset)}>
              {preset.label}
            </button>
          ))}
        </div>
      ) : null}

      <RequestBar
        request={request}
        busy={state.kind === "loading"}
        onChange={(r) => {
          setRequest(r);
          setPresetId(null);
          setFaults(undefined);
        }}
        onSend={() => void send(request, faults, gateway)}
      />
      {cookieNames.length > 0 ? (
        <p className={styles.cookieNote} data-testid="flow-cookies">
          이 브라우저가 보관한 쿠키: <code>{cookieNames.join(", ")}</code> (다음 요청에 함께 보냅니다){" "}
          <button
            type="button"
            className={styles.secondary}
            onClick={() => {
              clearBrowserJar(scenario);
              setCookieNames([]);
            }}
          >
            쿠키 지우기
          </button>
        </p>
      ) : null}
      {faults?.gateway === "down" ? <p className={styles.faultNote}>이 요청은 게이트웨이가 꺼져 있는 상황에서 보냅니다.</p> : null}

      {answer ? <Outcome answer={answer} gateway={gateway} /> : null}

      <Diagram
        gateway={gateway}
        active={current?.component ?? null}
        movement={current ? movementOf(current) : null}
        stepKey={`${playback.position}`}
        visited={visited}
        failed={failedStep && !failedStep.target ? failedStep.component : null}
        failedEdge={failedHop}
        unreached={failedStep?.target && !visited.has(failedStep.target) ? failedStep.target : null}
        selectedNode={selectedNode}
        onSelectNode={(hop) => setSelectedNode((h) => (h === hop ? null : hop))}
      />

      {state.kind === "loading" ? <p className={styles.muted}>내장 체인에 요청을 보내는 중…</p> : null}
      {state.kind === "error" ? <p role="alert" className={styles.error}>{state.message}</p> : null}
      {state.kind === "config-error" && !onConfigErrors ? <ConfigErrorList errors={state.errors} /> : null}
      {state.kind === "config-error" && onConfigErrors ? <p className={styles.error}>설정 오류 때문에 요청을 보낼 수 없습니다. 위의 오류를 고쳐 보세요.</p> : null}

      {answer ? (
        <>
          <div className={styles.controls} role="toolbar" aria-label="재생 조작 (J/K 또는 ←/→로 한 단계씩, Home/End로 처음과 끝)">
            <button type="button" onClick={playback.previous} disabled={playback.position === 0}>
              ◀ 이전 단계
            </button>
            <button type="button" onClick={playback.toggle}>
              {playback.playing ? "일시정지" : "재생"}
            </button>
            <button type="button" onClick={playback.next} disabled={finished}>
              다음 단계 ▶
            </button>
            <button type="button" onClick={playback.replay}>
              다시 재생
            </button>
            <label>
              속도{" "}
              <select value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value))}>
                <option value={0.5}>0.5×</option>
                <option value={1}>1×</option>
                <option value={2}>2×</option>
                <option value={4}>4×</option>
              </select>
            </label>
            <span className={styles.stepCount}>
              {playback.position + 1} / {frames.length}
            </span>
          </div>

          <p className={styles.narration} aria-live="polite" data-testid="flow-narration">
            {current ? narrate(current, gateway) : ""}
          </p>

          <div className={styles.panels}>
            <ol className={styles.timeline} aria-label="단계 목록 (가상 시간)">
              {frames.map((step, i) => (
                <li key={i}>
                  <button type="button" aria-current={i === playback.position ? "step" : undefined} data-kind={step.kind} onClick={() => { setSelectedNode(null); playback.goTo(i); }}>
                    {times[i] ? <span className={styles.time}>{times[i]}</span> : null}
                    {narrate(step, gateway)}
                  </button>
                </li>
              ))}
            </ol>
            <Inspector steps={allSteps} index={inspectIndex} gateway={gateway} />
          </div>

          <Logs steps={allSteps} gateway={gateway} onJump={(step) => playback.goTo(nearestFrame(frames, allSteps, step))} />
        </>
      ) : null}
    </div>
  );
}

/** The answer first, before and during the animation: status line, who answered, why, and time if any passed. */
function Outcome({ answer, gateway }: { answer: ChainAnswer; gateway: GatewayKind }) {
  const { response, trace } = answer;
  const { statusLine, responder, summary } = summarizeOutcome(response, trace, gateway);
  return (
    <div className={styles.outcome} data-testid="flow-outcome" data-status={response.status} data-responder={responder} role="status">
      <p className={styles.outcomeHead}>
        <span>
          브라우저가 받은 응답: <code className={styles.statusLine}>{statusLine}</code>
        </span>
        <span>
          답한 곳: <strong>{hopName(responder, gateway)}</strong>
        </span>
        {trace.totalMs > 0 ? <span>걸린 가상 시간: {formatMs(trace.totalMs)}</span> : null}
      </p>
      <p className={styles.outcomeSummary}>{summary}</p>
    </div>
  );
}

function Logs({ steps, gateway, onJump }: { steps: TraceStep[]; gateway: GatewayKind; onJump(step: TraceStep): void }) {
  const logs = steps.filter((s): s is Extract<TraceStep, { kind: "log" }> => s.kind === "log");
  if (logs.length === 0) return null;
  return (
    <details className={styles.logs} open>
      <summary>로그 ({logs.length}줄)</summary>
      <ul>
        {logs.map((log, i) => (
          <li key={i}>
            <button type="button" onClick={() => onJump(log)} title="이 줄이 기록된 순간으로 이동">
              <span className={styles.logStream}>{logName(log.stream, gateway)}</span>
              <code>{log.line}</code>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The last step at or before `before` that involves `hop`, else the first that does. */
function lastStepAt(steps: TraceStep[], hop: Hop, before: number): number {
  const involves = (s: TraceStep) => s.kind !== "log" && (s.component === hop || ("to" in s && s.to === hop));
  for (let i = Math.min(before, steps.length - 1); i >= 0; i--) if (involves(steps[i])) return i;
  return steps.findIndex(involves);
}

/** The frame a log line belongs to: the last frame step before it in the trace. */
function nearestFrame(frames: TraceStep[], steps: TraceStep[], step: TraceStep): number {
  const index = steps.indexOf(step);
  let best = 0;
  frames.forEach((frame, i) => {
    if (steps.indexOf(frame) <= index) best = i;
  });
  return best;
}
