"use client";
/**
 * `<Terminal scenario="hello_cju" />`: a small console that takes `curl` as students type it and answers through
 * the embedded chain, byte for byte what curl would send and print.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import { curlBody } from "@/lib/curl/body";
import { formatCurlOutput } from "@/lib/curl/format";
import { parseCurl } from "@/lib/curl/parse";
import styles from "./widgets.module.css";

interface Entry {
  command: string;
  output: string;
  verbose: string[];
  error?: boolean;
}

const HELP = [
  "이 터미널은 내장 체인에 요청을 보내는 curl만 이해합니다.",
  "  curl http://localhost/hello/cju        본문만 보기",
  "  curl -i http://localhost/hello/cju     상태 줄과 헤더도 보기",
  "  curl -I http://localhost/static/style.css   HEAD 요청 (헤더만)",
  "  curl -v http://localhost/               주고받은 내용 모두 보기",
  "  curl -i --compressed http://localhost/  gzip으로 받아서 풀어 보기 (Accept-Encoding을 보냄)",
  '  curl -X POST -H "Content-Type: application/json" -d \'{"a": 1}\' http://localhost/echo',
  "clear: 화면 지우기 · ↑/↓: 이전 명령",
].join("\n");

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export function Terminal({ scenario, gateway, initial }: { scenario: string; gateway?: "gunicorn" | "uwsgi"; initial?: string }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState(initial ?? "curl -i http://localhost/hello/cju");
  const [busy, setBusy] = useState(false);
  const history = useRef<string[]>([]);
  const cursor = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const run = async (command: string) => {
    const trimmed = command.trim();
    if (!trimmed) return;
    history.current.push(trimmed);
    cursor.current = history.current.length;
    setLine("");
    if (trimmed === "clear") return setEntries([]);
    if (trimmed === "help") return setEntries((e) => [...e, { command: trimmed, output: HELP, verbose: [] }]);
    const parsed = parseCurl(trimmed);
    if (!parsed.ok) return setEntries((e) => [...e, { command: trimmed, output: parsed.message, verbose: [], error: true }]);
    setBusy(true);
    try {
      const response = await fetch(`${basePath}/api/chain`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario, gateway, raw: parsed.command.raw }),
      });
      const json = await response.json();
      if (!response.ok) {
        setEntries((e) => [...e, { command: trimmed, output: json.messageKo ?? `요청 실패 (${response.status})`, verbose: [], error: true }]);
        return;
      }
      const { body, binary } = await curlBody(parsed.command, json.response);
      const out = formatCurlOutput(parsed.command, { ...json.response, body, binary });
      setEntries((e) => [...e, { command: trimmed, output: out.stdout, verbose: out.verbose }]);
    } catch {
      setEntries((e) => [...e, { command: trimmed, output: "서버에 연결하지 못했습니다.", verbose: [], error: true }]);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      const list = history.current;
      cursor.current = Math.max(0, Math.min(list.length, cursor.current + (event.key === "ArrowUp" ? -1 : 1)));
      setLine(list[cursor.current] ?? "");
    }
  };

  return (
    <div className={styles.terminal} data-keyboard-scope role="region" aria-label="터미널: curl로 요청 보내기">
      <div className={styles.terminalScreen} role="log" aria-live="polite">
        {entries.length === 0 ? <p className={styles.terminalHint}>help를 입력하면 쓸 수 있는 명령이 나옵니다.</p> : null}
        {entries.map((entry, i) => (
          <div key={i} className={styles.terminalEntry}>
            <pre>
              <span aria-hidden="true">$ </span>
              {entry.command}
            </pre>
            {entry.verbose.length > 0 ? <pre className={styles.terminalVerbose}>{entry.verbose.join("\n")}</pre> : null}
            <pre data-error={entry.error || undefined}>{entry.output}</pre>
          </div>
        ))}
      </div>
      <form
        className={styles.terminalInput}
        onSubmit={(e) => {
          e.preventDefault();
          void run(line);
        }}
      >
        <label htmlFor={`${scenario}-terminal`} aria-hidden="true">
          $
        </label>
        <input
          id={`${scenario}-terminal`}
          ref={input}
          value={line}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          aria-label="명령 입력"
          disabled={busy}
        />
        <button type="submit" disabled={busy}>
          실행
        </button>
      </form>
    </div>
  );
}
