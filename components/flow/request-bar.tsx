"use client";
/** Method, path with query, headers and body of the request the student sends. */
import { useId, useState } from "react";
import type { FlowRequest } from "./presets";
import styles from "./flow.module.css";

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];

export function RequestBar({ request, onChange, onSend, busy }: { request: FlowRequest; onChange(r: FlowRequest): void; onSend(): void; busy: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  // The textarea keeps exactly what the student typed (an empty new line, a trailing space, a half-typed name);
  // only a header list that comes from outside (a preset) replaces it. Parsing the text on every keystroke and
  // printing the parsed list back would swallow Enter and spaces.
  const [text, setText] = useState(() => formatHeaderLines(request.headers));
  const [ownHeaders, setOwnHeaders] = useState(request.headers);
  if (request.headers !== ownHeaders) {
    setOwnHeaders(request.headers);
    setText(formatHeaderLines(request.headers));
  }
  return (
    <form
      className={styles.requestBar}
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      <label className={styles.srOnly} htmlFor={`${id}-method`}>
        메서드
      </label>
      <select id={`${id}-method`} value={request.method} onChange={(e) => onChange({ ...request, method: e.target.value })}>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <label className={styles.srOnly} htmlFor={`${id}-target`}>
        경로와 쿼리
      </label>
      <input
        id={`${id}-target`}
        className={styles.target}
        value={request.target}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange({ ...request, target: e.target.value })}
      />
      <button type="submit" className={styles.primary} disabled={busy}>
        {busy ? "보내는 중…" : "보내기"}
      </button>
      <button type="button" className={styles.secondary} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        헤더·본문
      </button>
      {open ? (
        <div className={styles.requestDetails}>
          <label htmlFor={`${id}-headers`}>헤더 (한 줄에 하나, 이름: 값)</label>
          <textarea
            id={`${id}-headers`}
            rows={3}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              const headers = parseHeaderLines(e.target.value);
              setText(e.target.value);
              setOwnHeaders(headers);
              onChange({ ...request, headers });
            }}
          />
          <label htmlFor={`${id}-body`}>본문</label>
          <textarea
            id={`${id}-body`}
            rows={3}
            spellCheck={false}
            value={request.body ?? ""}
            onChange={(e) => onChange({ ...request, body: e.target.value === "" ? undefined : e.target.value })}
          />
        </div>
      ) : null}
    </form>
  );
}

export function formatHeaderLines(headers: ReadonlyArray<readonly [string, string]>): string {
  return headers.map(([n, v]) => `${n}: ${v}`).join("\n");
}

/** `Name: value` lines → header list; lines without a colon are kept as a header with an empty value. */
export function parseHeaderLines(text: string): Array<[string, string]> {
  return text
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const colon = line.indexOf(":");
      return colon < 0 ? [line.trim(), ""] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    });
}
