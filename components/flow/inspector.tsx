"use client";
/** Exactly what passes at one step: raw HTTP, uwsgi variables, the WSGI environ, decisions — and what changed. */
import type { EnvironValue, GatewayKind, HeaderList, HttpMessageView, TraceStep } from "@/lib/chain/trace";
import { latin1ToUtf8 } from "@/lib/chain/http/bytes";
import { strRepr } from "@/lib/chain/python/repr";
import { explainEnvironKey } from "./environ-glossary";
import { formatMs, hopName, narrate } from "./narrate";
import { diffHeaders, previousMessageStep } from "./playback";
import styles from "./flow.module.css";

const CHANGE_LABEL = { added: "추가됨", removed: "빠짐", changed: "바뀜", same: "" } as const;

export function Inspector({ steps, index, gateway }: { steps: TraceStep[]; index: number; gateway: GatewayKind }) {
  const step = steps[index];
  if (!step) return <p className={styles.muted}>단계를 고르면 그 순간 오가는 내용을 자세히 볼 수 있습니다.</p>;
  return (
    <section className={styles.inspector} aria-label="선택한 단계의 자세한 내용">
      <h4 className={styles.inspectorTitle}>
        {hopName(step.component, gateway)}
        {step.at > 0 ? ` · 가상 시각 ${formatMs(step.at)}` : ""}
      </h4>
      <p>{narrate(step, gateway)}</p>
      <StepDetail steps={steps} index={index} gateway={gateway} />
    </section>
  );
}

function StepDetail({ steps, index, gateway }: { steps: TraceStep[]; index: number; gateway: GatewayKind }) {
  const step = steps[index];
  switch (step.kind) {
    case "http-request":
    case "http-response": {
      const previous = previousMessageStep(steps, index);
      const before = previous && (previous.kind === "http-request" || previous.kind === "http-response") ? previous.message.headers : null;
      return (
        <>
          <HeaderTable headers={step.message.headers} before={before} previousLabel={previous ? hopName(previous.component, gateway) : null} />
          <h5>주고받은 그대로</h5>
          {step.message.decoded ? (
            <GzipMessage raw={step.raw} bodyLength={step.message.bodyLength} decoded={step.message.decoded} />
          ) : (
            /* The trace carries the wire bytes one char per byte; shown as UTF-8 so Korean text reads as Korean. */
            <pre className={styles.raw} tabIndex={0}>{latin1ToUtf8(step.raw)}</pre>
          )}
        </>
      );
    }
    case "uwsgi-request":
      return (
        <>
          <p className={styles.muted}>uwsgi 프로토콜은 HTTP 텍스트가 아니라 이름–값 쌍의 목록을 보냅니다.</p>
          <KeyValueTable rows={step.params.map(([k, v]) => [k, latin1ToUtf8(v)])} caption="uwsgi 변수" />
          {step.body ? <pre className={styles.raw} tabIndex={0}>{step.body}</pre> : null}
        </>
      );
    case "wsgi-call":
      return (
        <table className={styles.table}>
          <caption>environ (PEP 3333) — 키에 마우스를 올리면 설명이 나옵니다</caption>
          <thead>
            <tr>
              <th scope="col">키</th>
              <th scope="col">값</th>
            </tr>
          </thead>
          <tbody>
            {step.environ.map(([key, value]) => (
              <tr key={key}>
                <th scope="row" title={explainEnvironKey(key)}>
                  <code>{key}</code>
                  <span className={styles.keyHelp}>{explainEnvironKey(key)}</span>
                </th>
                <td>
                  <code>{pythonRepr(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "wsgi-return":
      return (
        <>
          <p>
            <code>start_response(&quot;{step.status}&quot;, …)</code>
          </p>
          <KeyValueTable rows={step.headers} caption="응답 헤더" />
          {step.body !== undefined ? <pre className={styles.raw} tabIndex={0}>{step.body}</pre> : null}
        </>
      );
    case "decision":
      return (
        <>
          <ol className={styles.tests}>
            {step.tests.map((test, i) => (
              <li key={i} data-matched={test.matched || undefined}>
                <span aria-hidden="true">{test.matched ? "✓" : "✗"}</span> <code>{test.subject}</code>
                <span className={styles.srOnly}>{test.matched ? " 일치" : " 불일치"}</span>
                {test.note ? <span className={styles.muted}> — {test.note}</span> : null}
              </li>
            ))}
          </ol>
          <p>
            결과: <strong>{step.outcome}</strong>
          </p>
        </>
      );
    case "file-read":
      return (
        <p>
          <code>{step.path}</code> {step.found ? `(${step.size ?? 0}바이트)` : "— 없음"}
        </p>
      );
    case "log":
      return <pre className={styles.raw}>{step.line}</pre>;
    case "fault":
      return step.error ? <pre className={styles.raw}>{step.error}</pre> : null;
    case "wait":
      return null;
  }
}

/** A gzip-compressed answer: the head as sent, then what the compressed bytes hold (they are not text). */
function GzipMessage({ raw, bodyLength, decoded }: { raw: string; bodyLength: number; decoded: NonNullable<HttpMessageView["decoded"]> }) {
  const headEnd = raw.indexOf("\r\n\r\n");
  const head = headEnd === -1 ? raw : raw.slice(0, headEnd + 4);
  return (
    <>
      <pre className={styles.raw} tabIndex={0}>
        {latin1ToUtf8(head)}
        <span className={styles.muted}>[gzip으로 압축된 본문 {bodyLength}바이트 — 사람이 읽을 수 있는 글자가 아닙니다]</span>
      </pre>
      <h5>
        압축을 풀면: 원래 {decoded.bodyLength}바이트, 압축해서 {bodyLength}바이트
      </h5>
      <pre className={styles.raw} tabIndex={0}>
        {decoded.body ?? `[이진 데이터 ${decoded.bodyLength}바이트]`}
      </pre>
    </>
  );
}

function HeaderTable({ headers, before, previousLabel }: { headers: HeaderList; before: HeaderList | null; previousLabel: string | null }) {
  if (!before) return <KeyValueTable rows={headers} caption="헤더" />;
  const changes = diffHeaders(before, headers);
  return (
    <table className={styles.table}>
      <caption>헤더 — {previousLabel} 구간과 비교</caption>
      <thead>
        <tr>
          <th scope="col">이름 (변화)</th>
          <th scope="col">값</th>
        </tr>
      </thead>
      <tbody>
        {/* Two columns, the change as a badge beside the name: a third column left values too narrow on a phone. */}
        {changes.map((c) => (
          <tr key={c.name} data-change={c.change}>
            <th scope="row">
              <code>{c.name}</code>
              {c.change !== "same" ? <span className={styles.changeBadge}>{CHANGE_LABEL[c.change]}</span> : null}
            </th>
            <td>
              <code>{c.change === "removed" ? c.before : c.after}</code>
              {c.change === "changed" ? <div className={styles.muted}>이전: {c.before}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeyValueTable({ rows, caption }: { rows: HeaderList; caption: string }) {
  return (
    <table className={styles.table}>
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([key, value], i) => (
          <tr key={`${key}-${i}`}>
            <th scope="row">
              <code>{key}</code>
            </th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How Python would print the value (environ values are mostly str). */
export function pythonRepr(value: EnvironValue): string {
  switch (value.type) {
    case "str":
      return strRepr(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "int":
      return String(value.value);
    case "tuple":
      return `(${value.value.map((v) => (typeof v === "number" ? String(v) : `'${v}'`)).join(", ")}${value.value.length === 1 ? "," : ""})`;
    case "object":
      return value.repr;
  }
}
