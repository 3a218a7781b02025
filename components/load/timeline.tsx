"use client";
/**
 * One gateway's crowd as a timeline: the listen queue's length on top, then one lane per worker (and thread), each
 * request a bar from when a worker took it to when the worker was done, coloured by the status the student got;
 * the masters' kills and respawns as marks across the lanes. The same data is in the table view for keyboards and
 * screen readers, so the drawing itself is one labelled image with clickable (not focusable) bars.
 */
import type { GatewayEvent } from "@/lib/chain/wsgi";
import { formatDuration, laneLabel, queueSteps, statusTone, type LoadAnswer } from "./load-model";
import styles from "./load.module.css";

const EVENT_LABEL: Record<GatewayEvent["kind"], string> = { "worker-timeout": "WORKER TIMEOUT", harakiri: "HARAKIRI", "max-requests": "재시작" };

export function eventText(event: GatewayEvent): string {
  const respawn = event.newPid === null ? "다시 띄우지 않음" : `새 pid ${event.newPid}`;
  return `${formatDuration(event.at)}: ${EVENT_LABEL[event.kind]} — 워커 ${event.worker} (pid ${event.pid}), ${respawn}`;
}

function ticks(endAt: number): number[] {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000];
  const step = steps.find((s) => endAt / s <= 4) ?? 300000;
  const out: number[] = [];
  for (let t = 0; t <= endAt + 1e-9; t += step) out.push(t);
  return out;
}

export function Timeline({
  answer,
  selected,
  onSelect,
  onMoment,
  scaleEnd,
}: {
  answer: LoadAnswer;
  /** The time axis's end (side by side, both runs share one scale); the run's own end by default. */
  scaleEnd?: number;
  selected: number | null;
  onSelect: (request: number) => void;
  onMoment: (at: number) => void;
}) {
  const { timeline, results } = answer;
  const endAt = Math.max(1, scaleEnd ?? timeline.endAt);
  const pct = (ms: number) => `${(Math.min(Math.max(ms, 0), endAt) / endAt) * 100}%`;
  const queue = queueSteps(results);
  const peak = Math.max(0, ...queue.map(([, n]) => n));
  const path = queuePath(queue, endAt, peak);
  const label = `타임라인: 레인 ${timeline.lanes.length}개, ${formatDuration(endAt)}까지. 같은 내용을 "표로 보기"에서 읽을 수 있습니다.`;
  return (
    <div className={styles.timeline} role="img" aria-label={label}>
      <div className={styles.lane} data-lane="queue">
        <span className={styles.laneLabel}>대기열 (최대 {peak})</span>
        <div className={styles.track}>
          {peak > 0 ? (
            <svg className={styles.queue} viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">
              <path d={path} />
            </svg>
          ) : (
            <span className={styles.empty}>기다린 요청 없음</span>
          )}
        </div>
      </div>
      {timeline.lanes.map((lane) => (
        <div key={lane.id} className={styles.lane} data-lane={lane.id}>
          <span className={styles.laneLabel}>{laneLabel(lane, timeline.gateway, timeline.threads)}</span>
          <div className={styles.track}>
            {lane.bars.map((bar) => {
              const start = bar.acceptedAt ?? bar.sentAt;
              const end = Math.max(bar.doneAt, bar.busyUntil ?? 0);
              return (
                <span
                  key={bar.request}
                  className={styles.bar}
                  data-tone={statusTone(bar.status)}
                  data-selected={selected === bar.request ? "" : undefined}
                  data-request={bar.request}
                  style={{ left: pct(start), width: `max(3px, calc(${pct(end)} - ${pct(start)}))` }}
                  title={`#${bar.request + 1} · 보냄 ${formatDuration(bar.sentAt)} · 대기 ${formatDuration(start - bar.sentAt)} · 끝 ${formatDuration(bar.doneAt)} · ${bar.status || "응답 없음"}${bar.pid ? ` · pid ${bar.pid}` : ""}`}
                  onClick={() => onSelect(bar.request)}
                />
              );
            })}
          </div>
        </div>
      ))}
      <div className={styles.lane} data-lane="axis" aria-hidden="true">
        <span className={styles.laneLabel} />
        <div className={styles.axis}>
          {ticks(endAt).map((t) => (
            <span key={t} style={{ left: pct(t) }}>
              {t === 0 ? "0" : formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      {timeline.events.map((event, i) => (
        <span
          key={i}
          className={styles.eventMark}
          data-kind={event.kind}
          style={{ left: `calc(var(--label-width) + (100% - var(--label-width)) * ${Math.min(event.at, endAt) / endAt})` }}
          title={eventText(event)}
          onClick={() => onMoment(event.at)}
        />
      ))}
    </div>
  );
}

/** The queue's length as a step path in a 1000 × 100 box. */
function queuePath(queue: Array<[number, number]>, endAt: number, peak: number): string {
  if (peak === 0) return "";
  const x = (ms: number) => ((ms / endAt) * 1000).toFixed(1);
  const y = (n: number) => (100 - (n / peak) * 96).toFixed(1);
  let d = `M0 100`;
  let level = 0;
  for (const [at, n] of queue) {
    d += ` L${x(at)} ${y(level)} L${x(at)} ${y(n)}`;
    level = n;
  }
  d += ` L1000 ${y(level)} L1000 100 Z`;
  return d;
}
