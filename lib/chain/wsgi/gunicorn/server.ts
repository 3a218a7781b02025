/**
 * Gunicorn 20.1 with sync workers (gthread when threads > 1) on the virtual clock.
 *
 * Timing model (see README): the arbiter checks worker heartbeats once per second; a sync worker's heartbeat is
 * refreshed when it accepts a connection. The arbiter ticks at whole virtual seconds, so a request accepted at
 * `t` ms is killed at the first tick T with T − t > timeout·1000: between 0 and 1 s after the timeout (observed
 * 5.29 s for timeout = 5). The replacement worker is ready at once (its boot time is not modelled).
 */
import type { AppLoadResult, AppOutput, DevServerStart, SendOptions, SocketAddress, Upstream, UpstreamRequest, UpstreamResult } from "../../contracts";
import type { Environ, TraceStep } from "../../trace";
import { logStep, noWorkerDecision, pushAppOutput, workerDecision, wsgiReturnStep, type NoWorkerWords } from "../shared/trace-steps";
import { WorkerPool } from "../shared/worker-pool";
import { encodeUwsgiPacket } from "../uwsgi/packet";
import { formatAccessLine } from "./access-log";
import { buildGunicornEnviron } from "./environ";
import { type ParsedRequest, parseGunicornRequest } from "./http-request";
import { buildGunicornResponse, gunicornErrorPage } from "./response";
import type { GunicornSettings } from "./settings";
import { gunicornErrorTime } from "../shared/time-format";
import type { GatewayLoadHooks } from "../shared/load";
import { devServerBanner, devServerPortTaken, devServerStuck } from "../shared/dev-server";
import { josa } from "../../korean";

export const GUNICORN_MASTER_PID = 1000;
const ARBITER_TICK_MS = 1000;
const LEVELS = { debug: 10, info: 20, warning: 30, error: 40, critical: 50 } as const;
type Level = keyof typeof LEVELS;

const NO_WORKER: NoWorkerWords = {
  outcome: "요청을 받을 워커가 없음",
  noSlots: "workers = 0이라 연결을 accept()할 워커가 없습니다. 요청은 backlog에 쌓인 채 응답이 오지 않습니다.",
  allStuck: "모든 워커가 끝나지 않는 요청에 묶여 있어 이 요청은 backlog에서 영영 기다립니다.",
};

/** Frames Gunicorn's own code adds above the app's frames in an `Error handling request` traceback. */
const HANDLE_FRAMES = [
  '  File "/usr/lib/python3/dist-packages/gunicorn/workers/sync.py", line 136, in handle',
  "    self.handle_request(listener, req, client, addr)",
  '  File "/usr/lib/python3/dist-packages/gunicorn/workers/sync.py", line 179, in handle_request',
  "    respiter = self.wsgi(environ, resp.start_response)",
  "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
];
const BOOT_FRAMES = [
  '  File "/usr/lib/python3/dist-packages/gunicorn/arbiter.py", line 589, in spawn_worker',
  "    worker.init_process()",
  '  File "/usr/lib/python3/dist-packages/gunicorn/workers/base.py", line 134, in init_process',
  "    self.load_wsgi()",
  '  File "/usr/lib/python3/dist-packages/gunicorn/workers/base.py", line 146, in load_wsgi',
  "    self.wsgi = self.app.wsgi()",
  "                ^^^^^^^^^^^^^^^",
  '  File "/usr/lib/python3/dist-packages/gunicorn/app/base.py", line 67, in wsgi',
  "    self.callable = self.load()",
  "                    ^^^^^^^^^^^",
  '  File "/usr/lib/python3/dist-packages/gunicorn/app/wsgiapp.py", line 58, in load',
  "    return self.load_wsgiapp()",
  "           ^^^^^^^^^^^^^^^^^^^",
  '  File "/usr/lib/python3/dist-packages/gunicorn/app/wsgiapp.py", line 48, in load_wsgiapp',
  "    return util.import_app(self.app_uri)",
  "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
  '  File "/usr/lib/python3/dist-packages/gunicorn/util.py", line 384, in import_app',
  "    mod = importlib.import_module(module)",
  "          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
  '  File "/usr/lib/python3.11/importlib/__init__.py", line 126, in import_module',
  "    return _bootstrap._gcd_import(name[level:], package, level)",
  "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
  '  File "<frozen importlib._bootstrap>", line 1206, in _gcd_import',
  '  File "<frozen importlib._bootstrap>", line 1178, in _find_and_load',
  '  File "<frozen importlib._bootstrap>", line 1149, in _find_and_load_unlocked',
  '  File "<frozen importlib._bootstrap>", line 690, in _load_unlocked',
  '  File "<frozen importlib._bootstrap_external>", line 940, in exec_module',
  '  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed',
];

/** Splice Gunicorn's frames under the "Traceback (most recent call last):" line of the app's traceback. */
export function spliceTraceback(appTraceback: string, frames: string[]): string {
  const lines = appTraceback.replace(/\n+$/, "").split("\n");
  const header = "Traceback (most recent call last):";
  const at = lines.indexOf(header);
  if (at < 0) return [header, ...frames, ...lines].join("\n");
  return [...lines.slice(0, at + 1), ...frames, ...lines.slice(at + 1)].join("\n");
}

function listenerName(address: SocketAddress): string {
  return address.kind === "unix" ? `unix:${address.path}` : `http://${address.host}:${address.port}`;
}

export interface GunicornOptions {
  settings: GunicornSettings;
  app: AppLoadResult;
  epochMs: number;
  environment?: Record<string, string>;
  /** Set by the load model: CPU time for a call's steps, and reports for the timeline. */
  load?: GatewayLoadHooks;
}

export class GunicornModel implements Upstream {
  readonly address: SocketAddress | null;
  readonly #settings: GunicornSettings;
  readonly #app: AppLoadResult;
  readonly #epochMs: number;
  readonly #environment: Record<string, string>;
  readonly #pool: WorkerPool;
  /** The boot log as written: a line as is, or a log record formatted only when the log is read (most runs never do). */
  readonly #boot: Array<string | [pid: number, level: Level, message: string]> = [];
  readonly #alive: boolean;
  readonly #load: GatewayLoadHooks | null;
  #serial = 0;
  #handled = new Map<number, number>();

  constructor(options: GunicornOptions) {
    this.#settings = options.settings;
    this.#app = options.app;
    this.#epochMs = options.epochMs;
    this.#environment = { ...(options.environment ?? {}), ...options.settings.rawEnv };
    this.#load = options.load ?? null;
    this.address = options.settings.addresses[0] ?? null;
    const threads = options.settings.workerClass === "gthread" ? Math.max(1, options.settings.threads) : 1;
    this.#pool = new WorkerPool(Math.min(options.settings.workers, 64), Math.min(threads, 64), GUNICORN_MASTER_PID + 1);
    this.#alive = this.#bootUp();
  }

  bootLog(): string[] {
    return this.#boot.flatMap((entry) => {
      if (typeof entry === "string") return [entry];
      const line = this.#line(0, ...entry);
      return line === null ? [] : line.split("\n");
    });
  }

  #line(atMs: number, pid: number, level: Level, message: string): string | null {
    if (LEVELS[level] < LEVELS[this.#settings.loglevel]) return null;
    return `${gunicornErrorTime(this.#epochMs + atMs)} [${pid}] [${level.toUpperCase()}] ${message}`;
  }

  #bootLine(pid: number, level: Level, message: string): void {
    this.#boot.push([pid, level, message]);
  }

  #log(trace: TraceStep[], at: number, pid: number, level: Level, message: string): void {
    const line = this.#line(at, pid, level, message);
    if (line !== null) logStep(trace, at, "gateway-error", line);
  }

  #bootUp(): boolean {
    const master = GUNICORN_MASTER_PID;
    this.#bootLine(master, "info", "Starting gunicorn 20.1.0");
    this.#bootLine(master, "debug", "Arbiter booted");
    this.#bootLine(master, "info", `Listening at: ${this.#settings.addresses.map(listenerName).join(",")} (${master})`);
    // Gunicorn prints the gthread worker as "threads" (observed).
    this.#bootLine(master, "info", `Using worker: ${this.#settings.workerClass === "gthread" ? "threads" : "sync"}`);
    if (this.#pool.processes.length === 0) return true;
    for (const output of this.#app.output) this.#boot.push(...output.text.replace(/\n$/, "").split("\n"));
    if (!this.#app.ok && this.#app.devServer) {
      this.#bootIntoDevServer(this.#app.devServer);
      return true;
    }
    if (!this.#app.ok) {
      const pid = this.#pool.processes[0].pid;
      this.#bootLine(pid, "info", `Booting worker with pid: ${pid}`);
      const hasTraceback = this.#app.traceback.trim() !== "";
      if (hasTraceback) {
        this.#bootLine(pid, "error", "Exception in worker process\n" + spliceTraceback(this.#app.traceback, BOOT_FRAMES));
      } else {
        this.#boot.push(this.#app.error.message);
      }
      this.#bootLine(pid, "info", `Worker exiting (pid: ${pid})`);
      this.#bootLine(master, "info", "Shutting down: Master");
      this.#bootLine(master, "info", `Reason: ${hasTraceback ? "Worker failed to boot." : "App failed to load."}`);
      return false;
    }
    for (const proc of this.#pool.processes) this.#bootLine(proc.pid, "info", `Booting worker with pid: ${proc.pid}`);
    this.#bootLine(master, "debug", `${this.#pool.processes.length} workers`);
    return true;
  }

  /**
   * A module-level app.run() (captured: fixtures/logs/gunicorn-apprun.log): the first worker's import starts the
   * development server and stays in it; every other worker's import finds the port taken, Werkzeug exits, and the
   * arbiter boots a replacement that fails the same way, about once a second for as long as Gunicorn runs (one round
   * is shown). With debug=True the reloader then re-executes Gunicorn itself, which the model does not follow.
   */
  #bootIntoDevServer(start: DevServerStart): void {
    const others = this.#pool.processes.slice(1);
    for (const proc of this.#pool.processes) this.#bootLine(proc.pid, "info", `Booting worker with pid: ${proc.pid}`);
    this.#boot.push(...devServerBanner(start));
    if (start.debug) {
      this.#boot.push(" * Restarting with stat");
      return;
    }
    let next = this.#pool.processes[this.#pool.processes.length - 1].pid + 1;
    for (const proc of others) {
      this.#boot.push(...devServerPortTaken(start));
      this.#bootLine(proc.pid, "info", `Worker exiting (pid: ${proc.pid})`);
      const fresh = next++;
      this.#bootLine(fresh, "info", `Booting worker with pid: ${fresh}`);
      this.#boot.push(...devServerPortTaken(start));
      this.#bootLine(fresh, "info", `Worker exiting (pid: ${fresh})`);
    }
  }

  /** nginx's address as Gunicorn sees it: nothing over a unix socket. */
  #peerIp(): string {
    return this.address?.kind === "tcp" ? "127.0.0.1" : "";
  }

  /** When the arbiter kills a sync worker that accepted a request at `acceptAt`, or Infinity. */
  #killTime(acceptAt: number): number {
    if (this.#settings.workerClass !== "sync" || this.#settings.timeout <= 0) return Infinity;
    const deadline = acceptAt + this.#settings.timeout * 1000;
    return (Math.floor(deadline / ARBITER_TICK_MS) + 1) * ARBITER_TICK_MS;
  }

  send(request: UpstreamRequest, sentAt: number, trace: TraceStep[], options: SendOptions = {}): UpstreamResult {
    try {
      return this.#send(request, sentAt, trace, options.readDeadline ?? Infinity);
    } catch (e) {
      // The model must never throw out of the public API: report it as a closed connection.
      trace.push({ at: sentAt, component: "gateway", kind: "fault", fault: "app-exception", explain: `게이트웨이 모델 내부 오류: ${String(e)}` });
      return { kind: "closed", at: sentAt, bytesSent: 0 };
    }
  }

  #send(request: UpstreamRequest, sentAt: number, trace: TraceStep[], readDeadline: number): UpstreamResult {
    if (!this.#app.ok && this.#app.devServer) {
      const start = this.#app.devServer;
      const who = start.debug
        ? "코스 모형이 아직 지원하지 않는 기능입니다: Gunicorn 아래에서 app.run(debug=True)의 리로더가 Gunicorn을 통째로 다시 실행하는 과정은 따라가지 않습니다 (실제 Gunicorn에서는 그대로 일어납니다). 워커들은 개발 서버에 머물러 있습니다."
        : `첫 워커는 개발 서버 안에 머물러 Gunicorn의 요청을 받지 않고, 나머지 워커는 포트 ${start.port}${josa(start.port, "이/가")} 이미 쓰이고 있어 끝나고 다시 뜨기를 반복합니다.`;
      trace.push(devServerStuck(sentAt, start, this.#app.error.path, who));
      return { kind: "silent" };
    }
    if (!this.#alive) {
      trace.push({
        at: sentAt,
        component: "gateway",
        kind: "fault",
        fault: "app-load-failed",
        explain:
          "Gunicorn 워커가 app을 불러오지 못해 부팅에 실패했고, 마스터도 종료되면서 소켓 파일이 사라졌습니다. nginx는 연결할 곳이 없습니다.",
      });
      return this.address?.kind === "tcp"
        ? { kind: "connect-failed", errno: 111, reason: "Connection refused", at: sentAt }
        : { kind: "connect-failed", errno: 2, reason: "No such file or directory", at: sentAt };
    }
    const raw =
      request.protocol === "http" ? request.raw : encodeUwsgiPacket(request.params, request.body).bytes;

    const picked = this.#pool.pick(sentAt);
    if (!picked) {
      trace.push(noWorkerDecision(this.#pool, sentAt, NO_WORKER));
      return { kind: "silent" };
    }
    const { slot, startAt } = picked;
    const gthread = this.#settings.workerClass === "gthread";
    // A sync worker accepts one connection at a time, so the others wait in the kernel's listen queue; a gthread
    // worker accepts eagerly (up to worker_connections) and queues them itself, so its socket's queue stays short.
    if (!gthread && startAt > sentAt && this.#pool.queueFull(sentAt, this.#settings.backlog)) {
      return this.#queueFull(trace, sentAt);
    }
    this.#pool.noteWait(sentAt, startAt);
    trace.push(
      workerDecision(
        this.#pool,
        sentAt,
        slot,
        startAt,
        (w, c, pid) => (gthread ? `worker ${w} thread ${c} (pid ${pid})` : `worker ${w} (pid ${pid})`),
        startAt > sentAt
          ? `sync 워커는 한 번에 요청 하나만 처리합니다. ${this.#pool.slots.length}개가 모두 바빠서 이 요청은 listen 소켓의 backlog에서 먼저 끝나는 워커를 기다립니다.`
          : "쉬고 있는 워커가 소켓에서 연결을 accept()해 이 요청을 맡습니다.",
      ),
    );
    if (startAt > sentAt) {
      trace.push({ at: sentAt, component: "gateway", kind: "wait", until: startAt, reason: "모든 워커가 바빠 backlog에서 대기" });
    }
    const proc = this.#pool.process(slot.worker);
    const pid = proc.pid;
    const killAt = this.#killTime(startAt);
    this.#load?.assigned({ worker: slot.worker, core: slot.core, pid, sentAt, startAt });

    const parsed = parseGunicornRequest(raw, {
      limitRequestLine: this.#settings.limitRequestLine,
      limitRequestFields: this.#settings.limitRequestFields,
      limitRequestFieldSize: this.#settings.limitRequestFieldSize,
      secureSchemeHeaders: this.#settings.secureSchemeHeaders,
      trustSchemeHeaders:
        this.address?.kind !== "tcp" || this.#settings.forwardedAllowIps.some((ip) => ip === "*" || ip === "127.0.0.1"),
    });

    if (parsed.kind === "empty") {
      slot.freeAt = startAt;
      return { kind: "closed", at: startAt, bytesSent: 0 };
    }
    if (parsed.kind === "incomplete") {
      return this.#hang(trace, slot, startAt, killAt, `요청이 끝나지 않아 워커가 recv()에서 계속 기다립니다 (${parsed.why}).`);
    }
    if (parsed.kind === "error") {
      if (parsed.status === 400) {
        this.#log(trace, startAt, pid, "debug", `Invalid request from ip=${this.#peerIp()}: ${parsed.detail}`);
      }
      if (parsed.request) this.#errorAccess(trace, startAt, pid, parsed.request, parsed.status, 0);
      return this.#errorPage(trace, slot, startAt, parsed.status, parsed.reason, parsed.mesg);
    }

    const req = parsed.request;
    this.#log(trace, startAt, pid, "debug", `${req.method} ${req.path}`);
    const environResult = buildGunicornEnviron(req, {
      listen: this.address ?? { kind: "unix", path: "" },
      peerPort: 40000 + (this.#serial % 20000),
      workers: this.#settings.workers,
      multithread: gthread,
      scriptNameFromEnv: this.#environment.SCRIPT_NAME ?? "",
      serial: this.#serial++,
    });
    if (!environResult.ok) {
      this.#log(trace, startAt, pid, "error", `Error handling request ${req.uri}\nTraceback (most recent call last):\n${environResult.exception}`);
      this.#errorAccess(trace, startAt, pid, req, 500, 0);
      return this.#errorPage(trace, slot, startAt, 500, "Internal Server Error", "");
    }
    const environ = environResult.environ;
    const count = (this.#handled.get(pid) ?? 0) + 1;
    this.#handled.set(pid, count);
    const recycle = this.#settings.maxRequests > 0 && count >= this.#settings.maxRequests;
    if (recycle) this.#log(trace, startAt, pid, "info", "Autorestarting worker after current request.");

    trace.push({ at: startAt, component: "gateway", kind: "wsgi-call", to: "app", environ });
    const outcome = this.#app.ok
      ? this.#app.app.call(environ, { startAt, epochMs: this.#epochMs })
      : { kind: "hung" as const, after: 0, reason: "step-budget" as const, output: [] as AppOutput[] };

    if (outcome.kind === "hung") {
      return this.#hang(trace, slot, startAt, killAt, "앱이 끝나지 않습니다 (무한 루프 또는 끝없는 대기).", outcome.reason === "step-budget", outcome.output);
    }
    const endAt = this.#cpuDone(slot.worker, startAt, outcome.steps) + Math.max(0, outcome.duration);
    if (killAt <= endAt) {
      trace.push({ at: startAt, component: "gateway", kind: "wait", until: killAt, reason: "앱이 응답을 만드는 중" });
      pushAppOutput(trace, startAt, outcome.output, killAt);
      return this.#kill(trace, slot.worker, startAt, killAt);
    }
    if (endAt > startAt) trace.push({ at: startAt, component: "gateway", kind: "wait", until: endAt, reason: "앱이 응답을 만드는 중" });
    pushAppOutput(trace, startAt, outcome.output);

    if (outcome.kind === "exception") {
      this.#log(trace, endAt, pid, "error", `Error handling request ${req.uri}\n${spliceTraceback(outcome.traceback, HANDLE_FRAMES)}`);
      trace.push({
        at: endAt,
        component: "gateway",
        kind: "fault",
        fault: "app-exception",
        explain: "WSGI 앱 호출에서 예외가 빠져나왔습니다. Gunicorn은 트레이스백을 오류 로그에 남기고 자기 500 페이지로 답합니다.",
      });
      this.#errorAccess(trace, endAt, pid, req, 500, 0); // handle_error times itself: ~0
      return this.#finish(trace, slot, endAt, gunicornErrorPage(500, "Internal Server Error", ""), recycle);
    }

    trace.push(wsgiReturnStep(endAt, outcome.status, outcome.headers, outcome.body));
    const response = buildGunicornResponse(req, outcome.status, outcome.headers, outcome.body, this.#epochMs + endAt);
    if (response.kind === "bad-request") {
      this.#log(trace, endAt, pid, "debug", `Invalid request from ip=${this.#peerIp()}: ${response.mesg}`);
      this.#errorAccess(trace, endAt, pid, req, 400, 0); // handle_error times itself: ~0
      return this.#finish(trace, slot, endAt, gunicornErrorPage(400, "Bad Request", response.mesg), recycle);
    }
    if (response.kind === "exception") {
      this.#log(trace, endAt, pid, "error", `Error handling request ${req.uri}\nTraceback (most recent call last):\n${response.exception}`);
      this.#errorAccess(trace, endAt, pid, req, 500, 0); // handle_error times itself: ~0
      return this.#finish(trace, slot, endAt, gunicornErrorPage(500, "Internal Server Error", ""), recycle);
    }
    if (endAt > readDeadline) {
      // nginx closed the connection at its read timeout: the write fails with EPIPE, which a sync worker ignores
      // (a debug line), and the access line is written only after a successful write, so there is none.
      this.#log(trace, endAt, pid, "debug", "Ignoring EPIPE");
      trace.push({ at: endAt, component: "gateway", kind: "fault", fault: "upstream-timeout", explain: "뷰는 끝났지만 nginx가 이미 연결을 닫았습니다. Gunicorn의 응답 쓰기가 실패해서(EPIPE) 접근 로그에도 남지 않습니다." });
      return this.#finish(trace, slot, endAt, response.raw, recycle);
    }
    this.#access(trace, endAt, environ, req, response.headers, response.statusToken, response.sent, endAt - startAt, pid);
    return this.#finish(trace, slot, endAt, response.raw, recycle);
  }

  /** When a call's CPU work ends: its steps' time under its process's GIL (load model only), else at once. */
  #cpuDone(worker: number, startAt: number, steps: number | undefined): number {
    if (!this.#load || !steps) return startAt;
    return this.#pool.runCpu(worker, startAt, this.#load.cpuMs(steps));
  }

  /** The listen queue is full: the kernel refuses nginx's connect() with EAGAIN before Gunicorn sees anything. */
  #queueFull(trace: TraceStep[], at: number): UpstreamResult {
    trace.push({
      at,
      component: "gateway",
      kind: "fault",
      fault: "connect-failed",
      explain: `모든 워커가 바쁘고 소켓의 대기열(backlog ${this.#settings.backlog})도 가득 찼습니다. 커널이 nginx의 connect()를 바로 거절합니다(EAGAIN). 그래서 기다리지도 않고 곧바로 502입니다.`,
    });
    return { kind: "connect-failed", errno: 11, reason: "Resource temporarily unavailable", at };
  }

  #finish(
    trace: TraceStep[],
    slot: { worker: number; freeAt: number },
    endAt: number,
    raw: Uint8Array,
    recycle: boolean,
  ): UpstreamResult {
    slot.freeAt = endAt;
    if (recycle) {
      const old = this.#pool.process(slot.worker).pid;
      this.#log(trace, endAt, old, "info", `Worker exiting (pid: ${old})`);
      const fresh = this.#pool.respawn(slot.worker, endAt);
      this.#log(trace, endAt, fresh.pid, "info", `Booting worker with pid: ${fresh.pid}`);
      this.#load?.event({ kind: "max-requests", at: endAt, worker: slot.worker, pid: old, newPid: fresh.pid });
    }
    return { kind: "response", raw, headerAt: endAt, doneAt: endAt };
  }

  #errorPage(
    trace: TraceStep[],
    slot: { worker: number; freeAt: number },
    at: number,
    status: number,
    reason: string,
    mesg: string,
  ): UpstreamResult {
    trace.push({
      at,
      component: "gateway",
      kind: "decision",
      topic: "error",
      tests: [{ subject: `${status} ${reason}`, matched: true, note: mesg || undefined }],
      outcome: `Gunicorn이 직접 ${status} 페이지로 답함`,
      explain:
        status === 400
          ? "Gunicorn이 받은 요청(또는 앱이 준 헤더)을 HTTP 규칙에 맞지 않는다고 판단해 앱 대신 400 페이지를 보냅니다."
          : "요청을 처리하다 예외가 나서 Gunicorn이 자기 500 페이지를 보냅니다.",
    });
    return this.#finish(trace, slot, at, gunicornErrorPage(status, reason, mesg), false);
  }

  #access(
    trace: TraceStep[],
    at: number,
    environ: Environ,
    req: ParsedRequest,
    responseHeaders: Array<[string, string]>,
    statusToken: string,
    sent: number,
    durationMs: number,
    pid: number,
  ): void {
    if (this.#settings.accesslog === null) return;
    const line = formatAccessLine({
      format: this.#settings.accessLogFormat,
      environ,
      requestHeaders: req.headers,
      responseHeaders,
      statusToken,
      sent,
      durationMs,
      epochMs: this.#epochMs + at,
      workerPid: pid,
    });
    logStep(trace, at, "gateway-access", line);
  }

  /** handle_error's access line: a bare environ (no HTTP_* keys), REMOTE_PORT -1, body size 0. */
  #errorAccess(trace: TraceStep[], at: number, pid: number, req: ParsedRequest, status: number, durationMs: number): void {
    const environ: Environ = [
      ["REQUEST_METHOD", { type: "str", value: req.method }],
      ["QUERY_STRING", { type: "str", value: req.query }],
      ["RAW_URI", { type: "str", value: req.uri }],
      ["SERVER_PROTOCOL", { type: "str", value: `HTTP/${req.version[0]}.${req.version[1]}` }],
      ["REMOTE_ADDR", { type: "str", value: this.address?.kind === "tcp" ? "127.0.0.1" : "" }],
      ["REMOTE_PORT", { type: "str", value: "-1" }],
    ];
    this.#access(trace, at, environ, req, [], `${status}`, 0, durationMs, pid);
  }

  #hang(
    trace: TraceStep[],
    slot: { worker: number; freeAt: number },
    startAt: number,
    killAt: number,
    why: string,
    budget = false,
    output: AppOutput[] = [],
  ): UpstreamResult {
    if (!Number.isFinite(killAt)) {
      // Only this slot (a gthread thread, or the sync worker) is stuck for good.
      slot.freeAt = Infinity;
      pushAppOutput(trace, startAt, output);
      trace.push({
        at: startAt,
        component: "gateway",
        kind: "fault",
        fault: budget ? "step-budget" : "worker-timeout",
        explain: `${why} 이 워커 종류에는 타임아웃이 걸리지 않아 응답이 영영 오지 않습니다. nginx의 read timeout이 결정합니다.`,
      });
      return { kind: "silent" };
    }
    trace.push({ at: startAt, component: "gateway", kind: "wait", until: killAt, reason: why });
    pushAppOutput(trace, startAt, output, killAt);
    return this.#kill(trace, slot.worker, startAt, killAt);
  }

  #kill(trace: TraceStep[], worker: number, startAt: number, killAt: number): UpstreamResult {
    const old = this.#pool.process(worker).pid;
    trace.push({
      at: killAt,
      component: "gateway",
      kind: "fault",
      fault: "worker-timeout",
      explain: `워커(pid ${old})가 timeout ${this.#settings.timeout}초 동안 마스터에게 살아 있다는 신호를 보내지 못했습니다. 마스터(arbiter)는 1초마다 확인하다가 ${Math.round((killAt - startAt) / 100) / 10}초 만에 워커를 죽이고 새 워커를 띄웁니다. 연결은 응답 없이 닫힙니다.`,
    });
    this.#log(trace, killAt, GUNICORN_MASTER_PID, "critical", `WORKER TIMEOUT (pid:${old})`);
    this.#log(trace, killAt, old, "info", `Worker exiting (pid: ${old})`);
    const fresh = this.#pool.respawn(worker, killAt);
    this.#log(trace, killAt, fresh.pid, "info", `Booting worker with pid: ${fresh.pid}`);
    this.#load?.event({ kind: "worker-timeout", at: killAt, worker, pid: old, newPid: fresh.pid });
    return { kind: "closed", at: killAt, bytesSent: 0 };
  }
}

