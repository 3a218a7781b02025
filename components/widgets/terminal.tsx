"use client";
/**
 * `<Terminal scenario="hello_cju" />`: a small console that takes `curl` as students type it and answers through
 * the embedded chain, byte for byte what curl would send and print. The URL's host and port count: nginx answers
 * only where one of its `server {}` blocks listens, anything else fails the way curl 7.88 fails (lib/curl/connect.ts).
 * Inside a ConfigPlayground it is given the edited files and runs against them.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { curlBody } from "@/lib/curl/body";
import { applyCurlCookies, curlCookieJarFile } from "@/lib/curl/cookies";
import { connectRefused, destinationOf, hostNotResolved, type CurlFailure } from "@/lib/curl/connect";
import { formatCurlOutput } from "@/lib/curl/format";
import { parseCurl, type CurlCommand } from "@/lib/curl/parse";
import type { FileEdits } from "@/components/flow/chain-client";
import styles from "./widgets.module.css";

interface Entry {
  command: string;
  /** Lines of stderr with -v (`*`, `>`, `<`). */
  verbose: string[];
  stdout: string;
  /** curl's own error line (`curl: (7) …`) or the terminal's Korean message. */
  stderr?: string;
  exitCode: number;
}

const HELP = [
  "이 터미널은 내장 체인에 요청을 보내는 curl만 이해합니다.",
  "  curl http://localhost/hello/cju        본문만 보기",
  "  curl -i http://localhost/hello/cju     상태 줄과 헤더도 보기",
  "  curl -I http://localhost/static/style.css   HEAD 요청 (헤더만)",
  "  curl -v http://localhost/               주고받은 내용 모두 보기",
  "  curl -i --compressed http://localhost/  gzip으로 받아서 풀어 보기 (Accept-Encoding을 보냄)",
  '  curl -X POST -H "Content-Type: application/json" -d \'{"a": 1}\' http://localhost/echo',
  "  curl http://127.0.0.1:5000/            Nginx가 듣지 않는 포트: 연결이 거부됩니다",
  "  curl -c cookies.txt http://localhost/login   받은 쿠키를 cookies.txt에 저장",
  "  curl -b cookies.txt http://localhost/        저장한 쿠키를 보내기 (-b \"이름=값\"도 됩니다)",
  "cat 파일: 쿠키 파일 보기 · echo $?: 마지막 명령의 종료 코드 · clear: 화면 지우기 · ↑/↓: 이전 명령",
].join("\n");

const DEFAULT_EXAMPLES = ["curl -i http://localhost/", "curl -v http://127.0.0.1:5000/", "help"];

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

/** The browser's clock, for cookie expiry when the answer has no Date header (only ever called from a handler). */
const wallClock = () => Date.now();

export interface TerminalProps {
  scenario: string;
  gateway?: "gunicorn" | "uwsgi";
  /** The command already typed in the prompt. */
  initial?: string;
  /** Commands offered as buttons (a phone keyboard is a poor place to type curl). */
  examples?: string[];
  /** Edited scenario files (a ConfigPlayground's, a student's project), sent with every request. */
  files?: FileEdits;
}

export function Terminal({ scenario, gateway, initial, examples, files }: TerminalProps) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState(initial ?? "curl -i http://localhost/hello/cju");
  const [busy, setBusy] = useState(false);
  const history = useRef<string[]>([]);
  const cursor = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const lastExit = useRef(0);
  /** The terminal's own files: cookie files curl writes with -c and reads with -b (gone when the page is). */
  const cookieFiles = useRef(new Map<string, string>());
  const offered = [...new Set([initial ?? "curl -i http://localhost/hello/cju", ...(examples ?? DEFAULT_EXAMPLES)])];

  // The newest output is what the student is looking for: keep the screen scrolled to its end.
  useEffect(() => {
    const el = screen.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const add = (entry: Entry) => {
    lastExit.current = entry.exitCode;
    setEntries((list) => [...list, entry]);
  };
  const failed = (command: string, failure: CurlFailure) =>
    add({ command, verbose: failure.verbose, stdout: "", stderr: failure.stderr || undefined, exitCode: failure.exitCode });

  const ask = async (command: CurlCommand, address: string) => {
    const response = await fetch(`${basePath}/api/chain`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario, gateway, raw: command.raw, local: { address, port: command.port }, ...(files && Object.keys(files).length > 0 ? { files } : {}) }),
    });
    return { ok: response.ok, status: response.status, json: await response.json() };
  };

  const run = async (typed: string) => {
    const trimmed = typed.trim();
    if (!trimmed) return;
    history.current.push(trimmed);
    cursor.current = history.current.length;
    setLine("");
    if (trimmed === "clear") return setEntries([]);
    if (trimmed === "help") return add({ command: trimmed, verbose: [], stdout: HELP, exitCode: 0 });
    if (trimmed === "echo $?") return add({ command: trimmed, verbose: [], stdout: `${lastExit.current}\n`, exitCode: 0 });
    const cat = /^cat\s+(\S+)$/.exec(trimmed);
    if (cat) {
      const text = cookieFiles.current.get(cat[1]);
      if (text === undefined) return add({ command: trimmed, verbose: [], stdout: "", stderr: `cat: ${cat[1]}: No such file or directory`, exitCode: 1 });
      return add({ command: trimmed, verbose: [], stdout: text, exitCode: 0 });
    }
    const parsed = parseCurl(trimmed);
    if (!parsed.ok) return add({ command: trimmed, verbose: [], stdout: "", stderr: parsed.message, exitCode: 2 });
    const cookies = applyCurlCookies(parsed.command, cookieFiles.current, wallClock());
    const command = cookies.command;
    const destination = destinationOf(command);
    if (destination.kind === "unresolved") return failed(trimmed, hostNotResolved(command));
    if (destination.kind === "elsewhere") {
      return add({
        command: trimmed,
        verbose: [],
        stdout: "",
        stderr: `${command.hostname}: 이 터미널은 이 서버 자신(localhost, 127.0.0.1)에만 연결합니다. 다른 컴퓨터로 가는 연결은 실제 네트워크에 달려 있어 흉내 내지 않습니다.`,
        exitCode: 7,
      });
    }
    setBusy(true);
    try {
      const { ok, status, json } = await ask(command, destination.address);
      if (!ok) {
        const first = json.errors?.[0];
        const message = first ? `${first.path}${first.line > 0 ? `:${first.line}` : ""}: ${first.messageKo ?? first.message}` : (json.messageKo ?? `요청 실패 (${status})`);
        return add({ command: trimmed, verbose: [], stdout: "", stderr: `설정 오류 때문에 서버가 시작되지 않아 연결할 수 없습니다. ${message}`, exitCode: 7 });
      }
      const steps: Array<{ kind: string; fault?: string; component?: string }> = json.trace?.steps ?? [];
      if (steps.some((s) => s.kind === "fault" && s.fault === "connect-failed" && s.component === "browser")) {
        return failed(trimmed, connectRefused(command));
      }
      if (command.scheme === "https") {
        return add({
          command: trimmed,
          verbose: [],
          stdout: "",
          stderr: `포트 ${command.port}에서 Nginx가 듣고 있지만, 이 코스의 모델은 https(TLS)를 흉내 내지 않습니다. 진짜 서버에서는 TLS 연결을 먼저 맺습니다. http://로 보내 보세요.`,
          exitCode: 35,
        });
      }
      const responseHeaders: Array<[string, string]> = json.response.headers ?? [];
      const date = Date.parse(responseHeaders.find(([n]) => n.toLowerCase() === "date")?.[1] ?? "");
      const written = curlCookieJarFile(command, cookies.jar, responseHeaders, Number.isNaN(date) ? wallClock() : date);
      // A handful of small files at most: what a student types is untrusted.
      if (written && (cookieFiles.current.has(written.file) || cookieFiles.current.size < 20)) cookieFiles.current.set(written.file, written.text);
      const { body, binary } = await curlBody(command, json.response);
      const out = formatCurlOutput(command, { ...json.response, body, binary });
      add({ command: trimmed, verbose: out.verbose, stdout: out.stdout, exitCode: 0 });
    } catch {
      add({ command: trimmed, verbose: [], stdout: "", stderr: "서버에 연결하지 못했습니다.", exitCode: 7 });
    } finally {
      setBusy(false);
      input.current?.focus({ preventScroll: true });
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

  const inputId = `${scenario}-terminal${files ? "-playground" : ""}`;
  return (
    <div className={styles.terminal} data-keyboard-scope role="region" aria-label={files ? "터미널: 편집한 설정에 curl 보내기" : "터미널: curl로 요청 보내기"}>
      <div className={styles.terminalScreen} ref={screen} role="log" aria-live="polite" data-testid="terminal-screen">
        {entries.length === 0 ? <p className={styles.terminalHint}>help를 입력하면 쓸 수 있는 명령이 나옵니다.</p> : null}
        {entries.map((entry, i) => (
          <div key={i} className={styles.terminalEntry}>
            <pre className={`${styles.terminalLine} ${styles.mono}`}>
              <span aria-hidden="true">$ </span>
              {entry.command}
            </pre>
            {entry.verbose.length > 0 ? <pre className={`${styles.terminalLine} ${styles.mono} ${styles.terminalVerbose}`}>{entry.verbose.join("\n")}</pre> : null}
            {entry.stdout ? <pre className={`${styles.terminalLine} ${styles.mono}`}>{entry.stdout}</pre> : null}
            {entry.stderr ? (
              <pre className={`${styles.terminalLine} ${styles.mono}`} data-error="">
                {entry.stderr}
              </pre>
            ) : null}
          </div>
        ))}
      </div>
      <div className={styles.terminalExamples} role="group" aria-label="예시 명령 (누르면 실행)">
        {offered.map((example) => (
          <button key={example} type="button" className={`${styles.button} ${styles.termButton} ${styles.exampleButton} ${styles.mono}`} disabled={busy} onClick={() => void run(example)}>
            {example}
          </button>
        ))}
      </div>
      <form
        className={styles.terminalInput}
        onSubmit={(e) => {
          e.preventDefault();
          void run(line);
        }}
      >
        <label htmlFor={inputId} aria-hidden="true">
          $
        </label>
        <input
          id={inputId}
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
        <button type="submit" className={`${styles.button} ${styles.termButton}`} disabled={busy}>
          실행
        </button>
      </form>
    </div>
  );
}
