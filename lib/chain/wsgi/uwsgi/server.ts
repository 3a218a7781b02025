/**
 * uWSGI 2.0.21 (python3 plugin) behind `uwsgi_pass`, on the virtual clock: processes × threads cores, the
 * buffer-size check on the packet, the request log, harakiri, max-requests with min-worker-lifetime and the
 * "no app loaded" mode.
 *
 * Harakiri timing (see README): when a request starts at wall second S (integer), its deadline is S + harakiri;
 * the master checks once per second and kills when the current whole second is past the deadline, so the kill
 * lands at wall second S + harakiri + 1 (observed: start 06.13 s, harakiri 5 → killed at 12.4 s; the real master's
 * tick phase adds up to one more second, which we do not model).
 */
import type { AppLoadResult, SocketAddress, Upstream, UpstreamRequest, UpstreamResult } from "../../contracts";
import type { HeaderList, TraceStep } from "../../trace";
import { logStep, noWorkerDecision, pushAppOutput, workerDecision, wsgiReturnStep, type NoWorkerWords } from "../shared/trace-steps";
import { WorkerPool } from "../shared/worker-pool";
import { ctime } from "../shared/time-format";
import { fakeAddress } from "../shared/environ-builder";
import { type UwsgiSettings, parseUwsgiSocket } from "./ini";
import { buildUwsgiEnviron, UWSGI_NODE, UWSGI_VERSION } from "./environ";
import { parseHttpSocketRequest } from "./http-socket";
import { uwsgiVarsSize } from "./packet";
import { formatRequestLog, type RequestLogStart } from "./request-log";
import { buildUwsgiResponse, noAppResponse } from "./response";
import { endedBoot, endedSend, type EndedBoot } from "./ended-boot";
import type { GatewayLoadHooks } from "../shared/load";

const NO_CORE: NoWorkerWords = {
  outcome: "요청을 받을 코어가 없음",
  noSlots: "processes가 0으로 읽혀(uWSGI는 숫자를 atoi로 읽습니다) 워커 없이 떠 있습니다. 요청은 소켓에 쌓인 채 응답이 오지 않습니다.",
  allStuck: "모든 코어가 끝나지 않는 요청에 묶여 있어 이 요청은 backlog에서 영영 기다립니다.",
};

export const UWSGI_MASTER_PID = 1000;

export interface UwsgiOptions {
  settings: UwsgiSettings;
  app: AppLoadResult;
  epochMs: number;
  /** Where uwsgi was started (the app's folder, /srv/<scenario>); its banner prints it. */
  cwd?: string;
  /** Set by the load model: CPU time for a call's steps, and reports for the timeline. */
  load?: GatewayLoadHooks;
}

/**
 * The machine the course's uWSGI runs on, as its banner describes it: a Debian 12 server with 2 CPU cores and the
 * limits of a systemd service. (The conformance suite masks these five values: they are the recording machine's.)
 */
export const UWSGI_HOST = {
  os: "Linux-6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)",
  cpuCores: 2,
  processLimit: 7645,
  maxFileDescriptors: 1024,
} as const;

/** `mapped … bytes`: uWSGI's shared worker and core tables, measured for 1–2 processes × 1–2 threads. */
function mappedBytes(processes: number, threads: number, master: boolean): number {
  return (processes + (master ? 1 : 0)) * (62464 + 10456 * threads);
}

function param(params: HeaderList, key: string): string {
  for (const [k, v] of params) if (k === key) return v;
  return "";
}

export class UwsgiModel implements Upstream {
  readonly address: SocketAddress | null;
  readonly #s: UwsgiSettings;
  readonly #app: AppLoadResult;
  readonly #epochMs: number;
  readonly #pool: WorkerPool;
  readonly #boot: string[] = [];
  readonly #hasApp: boolean;
  /** The boot never reached the workers (dev-server.ts): a module-level app.run(), or need-app without an app. */
  #ended: EndedBoot | null = null;
  #total = 0;
  /**
   * uWSGI's "N switches": one per body chunk, plus one when the worker has several cores (observed: a one-chunk
   * body logs 2 switches with threads = 2 and 1 without threads).
   */
  get #switchBase(): number {
    return this.#pool.slots.length > this.#pool.processes.length ? 1 : 0;
  }
  /** Workers that died without a master to respawn them, and why. */
  readonly #dead = new Map<number, "harakiri" | "max-requests">();
  readonly #load: GatewayLoadHooks | null;
  #serial = 0;
  /** Each worker's app request counter, the N of "req: N/M": a respawn does not reset it (measured). */
  readonly #appRequests = new Map<number, number>();
  /** The master's idea of when each worker was spawned, in whole epoch seconds (uwsgi.workers[n].last_spawn). */
  readonly #lastSpawn = new Map<number, number>();
  /** Workers that reached max-requests at `at` and stop taking requests, still finishing them on other cores. */
  readonly #retiring = new Map<number, { at: number; pid: number }>();
  /** When the master last respawned a worker of this number (for the wait's explanation). */
  readonly #respawnedAt = new Map<number, number>();
  /** The master's fork-bomb guard (master.c): the second of the last respawn, and respawns in a row. */
  #respawnSecond: number;
  #respawnRate = 0;
  /** The master sleeps (forkbomb-delay) until then and reaps nobody before. */
  #masterBusyUntil = -Infinity;

  constructor(options: UwsgiOptions) {
    this.#s = options.settings;
    this.#app = options.app;
    this.#epochMs = options.epochMs;
    this.address = options.settings.address;
    this.#load = options.load ?? null;
    const processes = Math.max(0, Math.min(options.settings.processes, 64));
    const threads = Math.max(1, Math.min(options.settings.threads, 64));
    const firstPid = options.settings.master ? UWSGI_MASTER_PID + 1 : UWSGI_MASTER_PID;
    this.#pool = new WorkerPool(processes, threads, firstPid);
    this.#hasApp = (options.settings.module !== null || options.settings.wsgiFile !== null) && options.app.ok;
    // The master's clock (uwsgi.current_time, whole seconds) when it spawned the first workers: the boot, virtual 0.
    const bootSecond = Math.floor(this.#epochMs / 1000);
    for (const p of this.#pool.processes) this.#lastSpawn.set(p.worker, bootSecond);
    this.#respawnSecond = bootSecond;
    this.#load?.atEnd?.(() => {
      for (const worker of [...this.#retiring.keys()]) this.#retire(worker, [], true);
    });
    this.#bootUp(options.cwd ?? "/");
  }

  bootLog(): string[] {
    return [...this.#boot];
  }

  #bootUp(cwd: string): void {
    const s = this.#s;
    const b = this.#boot;
    const processes = this.#pool.processes.length;
    const threads = this.#pool.slots.length / Math.max(1, processes) || Math.max(1, s.threads);
    b.push(`[uWSGI] getting INI configuration from ${s.file}`);
    b.push(...s.warnings);
    // uWSGI runs as root here (as `sudo uwsgi --ini …` or a plain systemd unit would) and says so at each stage.
    const asRoot = () => b.push("uWSGI running as root, you can use --uid/--gid/--chroot options", "*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** ");
    b.push(`*** Starting uWSGI ${UWSGI_VERSION} (64bit) on [${ctime(this.#epochMs)}] ***`);
    b.push(
      "compiled with version: 12.2.0 on 19 May 2023 13:59:29",
      `os: ${UWSGI_HOST.os}`,
      `nodename: ${UWSGI_NODE}`,
      "machine: x86_64",
      "clock source: unix",
      "pcre jit disabled",
      `detected number of CPU cores: ${UWSGI_HOST.cpuCores}`,
      `current working directory: ${cwd}`,
      "detected binary path: /usr/bin/uwsgi-core",
    );
    asRoot();
    if (!s.master) b.push("*** WARNING: you are running uWSGI without its master process manager ***");
    b.push(`your processes number limit is ${UWSGI_HOST.processLimit}`, "your memory page size is 4096 bytes");
    if (s.harakiri > 0) {
      b.push(" *** WARNING: you have enabled harakiri without post buffering. Slow upload could be rejected on post-unbuffered webservers *** ");
    }
    b.push(`detected max file descriptor number: ${UWSGI_HOST.maxFileDescriptors}`, "lock engine: pthread robust mutexes", "thunder lock: disabled (you can enable it with --thunder-lock)");
    const all = [...s.sockets, ...s.httpSockets];
    all.forEach((sock, i) => {
      const address = parseUwsgiSocket(sock);
      b.push(`uwsgi socket ${i} bound to ${address?.kind === "tcp" ? "TCP" : "UNIX"} address ${sock} fd ${3 + i}`);
    });
    asRoot();
    b.push("Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]");
    const interpreter = fakeAddress(0);
    const pythonThreads = threads > 1 || s.enableThreads;
    if (!pythonThreads) b.push("*** Python threads support is disabled. You can enable it with --enable-threads ***");
    b.push(`Python main interpreter initialized at ${interpreter}`);
    asRoot();
    if (pythonThreads) b.push("python threads support enabled");
    b.push(`your server socket listen backlog is limited to ${s.listen} connections`, "your mercy for graceful operations on workers is 60 seconds");
    const mapped = mappedBytes(processes, threads, s.master);
    b.push(`mapped ${mapped} bytes (${Math.floor(mapped / 1024)} KB) for ${processes * threads} cores`);
    const mode =
      processes === 0
        ? "no-workers"
        : processes > 1 && threads > 1
          ? "preforking+threaded"
          : processes > 1
            ? "preforking"
            : threads > 1
              ? "threaded"
              : "single process";
    b.push(`*** Operational MODE: ${mode} ***`);
    for (const output of this.#app.output) b.push(...output.text.replace(/\n$/, "").split("\n"));
    const ended = endedBoot(s, this.#app, cwd);
    if (ended) {
      b.push(...ended.lines);
      this.#ended = ended;
      return;
    }
    const masterPid = s.master ? UWSGI_MASTER_PID : (this.#pool.processes[0]?.pid ?? UWSGI_MASTER_PID);
    if (s.module === null && s.wsgiFile === null) {
      b.push("*** no app loaded. going in full dynamic mode ***");
    } else if (!this.#app.ok) {
      if (this.#app.traceback.trim()) b.push(...this.#app.traceback.replace(/\n+$/, "").split("\n"));
      b.push("unable to load app 0 (mountpoint='') (callable not found or import error)");
      b.push("*** no app loaded. going in full dynamic mode ***");
    } else {
      b.push(`WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter ${interpreter} pid: ${masterPid} (default app)`);
    }
    asRoot();
    b.push("*** uWSGI is running in multiple interpreter mode ***");
    if (s.master) b.push(`spawned uWSGI master process (pid: ${UWSGI_MASTER_PID})`);
    for (const p of this.#pool.processes) {
      const only = !s.master && processes === 1 ? " (and the only)" : "";
      b.push(`spawned uWSGI worker ${p.worker}${only} (pid: ${p.pid}, cores: ${threads})`);
    }
  }

  send(request: UpstreamRequest, sentAt: number, trace: TraceStep[]): UpstreamResult {
    try {
      return this.#send(request, sentAt, trace);
    } catch (e) {
      trace.push({ at: sentAt, component: "gateway", kind: "fault", fault: "app-exception", explain: `게이트웨이 모델 내부 오류: ${String(e)}` });
      return { kind: "closed", at: sentAt, bytesSent: 0 };
    }
  }

  #log(trace: TraceStep[], at: number, line: string): void {
    logStep(trace, at, "gateway-error", line);
  }

  #blockTooBig(trace: TraceStep[], at: number, size: number, why: string): UpstreamResult {
    this.#log(trace, at, `invalid request block size: ${size} (max ${this.#s.bufferSize})...skip`);
    trace.push({
      at,
      component: "gateway",
      kind: "decision",
      topic: "limit",
      tests: [{ subject: `uwsgi 패킷 크기 ${size} ≤ buffer-size ${this.#s.bufferSize}`, matched: false, note: why }],
      outcome: "요청을 버리고 연결을 닫음",
      explain:
        "uWSGI는 요청 변수 블록이 buffer-size(기본 4096바이트)보다 크면 읽지 않고 연결을 닫습니다. nginx는 응답 없이 끊긴 연결을 보고 502를 냅니다.",
    });
    return { kind: "closed", at, bytesSent: 0 };
  }

  #send(request: UpstreamRequest, sentAt: number, trace: TraceStep[]): UpstreamResult {
    const s = this.#s;
    if (this.#ended) return endedSend(this.#ended, s, this.#app, sentAt, trace);
    this.#retireDue(sentAt, trace);
    if (this.#pool.processes.length > 0 && this.#dead.size === this.#pool.processes.length) {
      trace.push({
        at: sentAt,
        component: "gateway",
        kind: "fault",
        fault: "connect-failed",
        explain: [...this.#dead.values()].includes("harakiri")
          ? "master 없이 돌던 uWSGI 워커가 harakiri로 스스로 죽었고, 다시 띄워 줄 master가 없어 uWSGI가 끝났습니다. 소켓 파일만 남아 연결이 거부됩니다."
          : "master 없이 돌던 uWSGI 워커가 max-requests를 채우고 스스로 물러났고, 다시 띄워 줄 master가 없어 uWSGI가 끝났습니다. 소켓 파일만 남아 연결이 거부됩니다.",
      });
      return this.address?.kind === "unix" || this.address?.kind === "tcp"
        ? { kind: "connect-failed", errno: 111, reason: "Connection refused", at: sentAt }
        : { kind: "connect-failed", errno: 2, reason: "No such file or directory", at: sentAt };
    }
    let params: HeaderList;
    let body: Uint8Array;
    if (request.protocol === "http") {
      if (s.protocol === "uwsgi") {
        // The first 4 bytes of "GET /..." are read as a uwsgi header: datasize = 'E' | 'T' << 8 = 21573.
        const raw = request.raw;
        const size = raw.length >= 3 ? raw[1] | (raw[2] << 8) : 0;
        if (size > s.bufferSize) {
          return this.#blockTooBig(trace, sentAt, size, "HTTP 요청의 첫 바이트들을 uwsgi 패킷 헤더로 읽었습니다 (proxy_pass를 uwsgi 소켓에 연결함).");
        }
        trace.push({
          at: sentAt,
          component: "gateway",
          kind: "fault",
          fault: "connect-failed",
          explain: "nginx는 HTTP로 말했는데 uWSGI는 uwsgi 프로토콜 소켓입니다. 요청을 이해하지 못해 응답 없이 연결이 닫힙니다.",
        });
        return { kind: "closed", at: sentAt, bytesSent: 0 };
      }
      const parsed = parseHttpSocketRequest(request.raw, this.address ?? { kind: "unix", path: "" }, UWSGI_NODE);
      if (!parsed.ok) {
        trace.push({
          at: sentAt,
          component: "gateway",
          kind: "fault",
          fault: "connect-failed",
          explain: "uWSGI의 http-socket이 요청을 HTTP로 읽지 못했습니다. 응답 없이 연결이 닫힙니다.",
        });
        return { kind: "closed", at: sentAt, bytesSent: 0 };
      }
      params = parsed.params;
      body = parsed.body;
    } else {
      if (s.protocol === "http") {
        trace.push({
          at: sentAt,
          component: "gateway",
          kind: "fault",
          fault: "connect-failed",
          explain: "uWSGI가 http-socket으로 열려 있는데 nginx는 uwsgi_pass로 uwsgi 패킷을 보냈습니다. 서로 말이 통하지 않아 응답이 오지 않습니다.",
        });
        return { kind: "closed", at: sentAt, bytesSent: 0 };
      }
      params = request.params;
      body = request.body;
    }

    const datasize = uwsgiVarsSize(params);
    if (datasize > s.bufferSize) {
      return this.#blockTooBig(trace, sentAt, datasize, "헤더가 큰 요청(쿠키, 긴 URL 등)은 buffer-size를 넘을 수 있습니다.");
    }

    const picked = this.#pool.pick(sentAt, (slot, at) => this.#readyAt(slot, at));
    if (!picked) {
      trace.push(noWorkerDecision(this.#pool, sentAt, NO_CORE));
      return { kind: "silent" };
    }
    const { slot, startAt } = picked;
    if (startAt > sentAt && this.#pool.queueFull(sentAt, s.listen)) {
      trace.push({
        at: sentAt,
        component: "gateway",
        kind: "fault",
        fault: "connect-failed",
        explain: `모든 코어가 바쁘고 소켓의 대기열(listen ${s.listen})도 가득 찼습니다. 커널이 nginx의 connect()를 바로 거절합니다(EAGAIN). 그래서 기다리지도 않고 곧바로 502입니다.`,
      });
      return { kind: "connect-failed", errno: 11, reason: "Resource temporarily unavailable", at: sentAt };
    }
    this.#pool.noteWait(sentAt, startAt);
    trace.push(
      workerDecision(
        this.#pool,
        sentAt,
        slot,
        startAt,
        (w, c, pid) => `worker ${w} core ${c} (pid ${pid})`,
        startAt > sentAt
          ? `processes × threads = ${this.#pool.slots.length}개의 코어가 모두 요청을 처리 중이라, 이 요청은 소켓 backlog에서 먼저 비는 코어를 기다립니다.`
          : "쉬고 있는 워커의 코어가 소켓에서 요청을 받아 갑니다.",
      ),
    );
    if (startAt > sentAt) {
      const respawn = this.#respawnedAt.get(slot.worker) === startAt;
      trace.push({
        at: sentAt,
        component: "gateway",
        kind: "wait",
        until: startAt,
        reason: respawn ? "max-requests로 물러난 워커 대신 새 워커가 뜰 때까지 backlog에서 대기" : "모든 코어가 바빠 backlog에서 대기",
      });
    }

    const proc = this.#pool.process(slot.worker);
    this.#load?.assigned({ worker: slot.worker, core: slot.core, pid: proc.pid, sentAt, startAt });
    this.#total += 1;
    const protocol = param(params, "SERVER_PROTOCOL") || "HTTP/1.0";
    const startEpoch = this.#epochMs + startAt;
    const logBase: RequestLogStart = {
      remoteAddr: param(params, "REMOTE_ADDR"),
      remoteUser: param(params, "REMOTE_USER"),
      vars: params.length * 2,
      varsBytes: datasize,
      startEpochMs: startEpoch,
      method: param(params, "REQUEST_METHOD"),
      uri: param(params, "REQUEST_URI"),
      protocol,
      core: slot.core,
      pid: proc.pid,
      totalRequests: this.#total,
    };

    if (!this.#hasApp) {
      this.#log(trace, startAt, "--- no python application found, check your startup logs for errors ---");
      const response = noAppResponse(protocol);
      if (!s.disableLogging) {
        this.#log(trace, startAt, formatRequestLog(logBase, { app: -1, workerRequests: -1, bodyBytes: 21, msecs: 0, status: 500, headers: response.headerCount, headerBytes: response.headerBytes, switches: this.#switchBase }));
      }
      trace.push({
        at: startAt,
        component: "gateway",
        kind: "fault",
        fault: "app-load-failed",
        explain: "uWSGI는 app을 불러오지 못해도 워커를 띄우고(full dynamic mode) 모든 요청에 500 Internal Server Error로 답합니다. 시작 로그를 확인해야 합니다.",
      });
      slot.freeAt = startAt;
      this.#closeRequest(slot.worker, startAt, trace);
      return { kind: "response", raw: response.raw, headerAt: startAt, doneAt: startAt };
    }

    const appRequests = (this.#appRequests.get(slot.worker) ?? 0) + 1;
    this.#appRequests.set(slot.worker, appRequests);
    const environ = buildUwsgiEnviron(params, {
      processes: this.#pool.processes.length,
      threads: this.#pool.slots.length / Math.max(1, this.#pool.processes.length),
      core: slot.core,
      serial: this.#serial++,
      body,
    });
    trace.push({ at: startAt, component: "gateway", kind: "wsgi-call", to: "app", environ });
    const outcome = this.#app.ok ? this.#app.app.call(environ, { startAt, epochMs: this.#epochMs }) : null;
    if (outcome === null) return { kind: "silent" };

    const killAt = this.#harakiriAt(startAt);
    const cpuDone = this.#load && outcome.steps ? this.#pool.runCpu(slot.worker, startAt, this.#load.cpuMs(outcome.steps)) : startAt;
    const endAt = outcome.kind === "hung" ? Infinity : cpuDone + Math.max(0, outcome.duration);
    if (killAt <= endAt) {
      if (!Number.isFinite(killAt)) {
        pushAppOutput(trace, startAt, outcome.output);
        slot.freeAt = Infinity;
        trace.push({
          at: startAt,
          component: "gateway",
          kind: "fault",
          fault: outcome.kind === "hung" && outcome.reason === "step-budget" ? "step-budget" : "harakiri",
          explain: "앱이 끝나지 않는데 harakiri가 꺼져 있어 uWSGI는 이 코어를 영영 기다립니다. nginx의 uwsgi_read_timeout이 결정합니다.",
        });
        return { kind: "silent" };
      }
      trace.push({ at: startAt, component: "gateway", kind: "wait", until: killAt, reason: "앱이 응답을 만드는 중" });
      pushAppOutput(trace, startAt, outcome.output, killAt);
      return this.#harakiri(trace, slot.worker, slot.core, startAt, killAt, logBase.remoteAddr, logBase.method, logBase.uri);
    }
    if (endAt > startAt) trace.push({ at: startAt, component: "gateway", kind: "wait", until: endAt, reason: "앱이 응답을 만드는 중" });
    pushAppOutput(trace, startAt, outcome.output);
    slot.freeAt = endAt;

    if (outcome.kind === "exception") {
      this.#log(trace, endAt, outcome.traceback.replace(/\n+$/, ""));
      if (!s.disableLogging) {
        this.#log(trace, endAt, formatRequestLog(logBase, { app: 0, workerRequests: appRequests, bodyBytes: 0, msecs: endAt - startAt, status: 500, headers: 0, headerBytes: 0, switches: this.#switchBase }));
      }
      trace.push({
        at: endAt,
        component: "gateway",
        kind: "fault",
        fault: "app-exception",
        explain: "WSGI 앱에서 예외가 빠져나왔습니다. uWSGI는 트레이스백을 로그에 남기고 아무것도 보내지 않은 채 연결을 닫습니다. nginx는 502를 냅니다.",
      });
      this.#closeRequest(slot.worker, endAt, trace);
      return { kind: "closed", at: endAt, bytesSent: 0 };
    }
    if (outcome.kind !== "response") return { kind: "silent" };
    trace.push(wsgiReturnStep(endAt, outcome.status, outcome.headers, outcome.body));
    const response = buildUwsgiResponse(protocol, outcome.status, outcome.headers, outcome.body);
    if (!s.disableLogging) {
      this.#log(
        trace,
        endAt,
        formatRequestLog(logBase, {
          app: 0,
          workerRequests: appRequests,
          bodyBytes: outcome.body.length,
          msecs: endAt - startAt,
          status: response.statusCode,
          headers: response.headerCount,
          headerBytes: response.headerBytes,
          switches: this.#switchBase + 1,
        }),
      );
    }
    this.#closeRequest(slot.worker, endAt, trace);
    return { kind: "response", raw: response.raw, headerAt: endAt, doneAt: endAt };
  }

  /**
   * uwsgi_close_request (core/utils.c) after the request's log line: the worker counts the request and, once it has
   * served max-requests since it was spawned *and* has run for min-worker-lifetime seconds (counted from the
   * master's whole-second clock at its spawn), says goodbye: it takes no more requests, waits for its other cores'
   * requests (wait_for_threads), prints "...The work of process N is done. Seeya!" and exits. Measured on the real
   * 2.0.21: max-requests = 2, min-worker-lifetime = 1 recycled after the 2nd request, or after the first one
   * ending at least 1 s after the spawn; with 2 threads, the worker logged its other core's request (0.3 s later)
   * before "Seeya", and requests sent meanwhile waited for the new worker.
   */
  #closeRequest(worker: number, endAt: number, trace: TraceStep[]): void {
    const proc = this.#pool.process(worker);
    proc.requests += 1; // delta_requests: since the spawn
    const s = this.#s;
    if (s.maxRequests <= 0 || proc.requests < s.maxRequests) return;
    const retiring = this.#retiring.get(worker);
    if (retiring) {
      // Another core of a worker already going (the model runs requests in send order, not in end order).
      retiring.at = Math.min(retiring.at, endAt);
      return;
    }
    const lived = this.#epochMs + endAt - (this.#lastSpawn.get(worker) ?? 0) * 1000;
    if (lived < s.minWorkerLifetime * 1000) return;
    this.#retiring.set(worker, { at: endAt, pid: proc.pid });
    // A crowd may still send requests that this worker's idle cores take before endAt (they are handled later, in
    // send order): the exit is then settled by #retireDue. A single request settles it at once.
    const busy = this.#pool.slots.every((slot) => slot.worker !== worker || slot.freeAt >= endAt);
    if (!this.#load || busy) this.#retire(worker, trace, true);
  }

  /** A slot's start time for a request arriving at `at`; a retiring worker's cores take nothing from its decision on. */
  #readyAt(slot: { worker: number; freeAt: number }, at: number): number {
    const ready = Math.max(slot.freeAt, at);
    const retiring = this.#retiring.get(slot.worker);
    return retiring && ready >= retiring.at ? Infinity : ready;
  }

  /**
   * Settle the retirements no request can change any more: the request arriving at `sentAt` (and every later one)
   * comes after the decision, or every core of the worker is busy past it.
   */
  #retireDue(sentAt: number, trace: TraceStep[]): void {
    for (const [worker, r] of [...this.#retiring]) {
      const busy = this.#pool.slots.every((slot) => slot.worker !== worker || slot.freeAt >= r.at);
      if (sentAt >= r.at || busy) this.#retire(worker, trace, false);
    }
  }

  /**
   * The retiring worker exits when its last request ends ("Seeya"); the master reaps it on its next once-a-second
   * check (whole wall-clock seconds, as for harakiri; measured: 0.5–1 s after the exit on the real master) and
   * respawns it at once, unless its fork-bomb guard makes it sleep first. Without a master nobody respawns it.
   */
  #retire(worker: number, trace: TraceStep[], afterCurrent: boolean): void {
    const r = this.#retiring.get(worker);
    if (!r) return;
    this.#retiring.delete(worker);
    const slots = this.#pool.slots.filter((slot) => slot.worker === worker);
    const exitAt = Math.max(r.at, ...slots.map((slot) => slot.freeAt));
    if (!Number.isFinite(exitAt)) {
      // A core's request never ends: wait_for_threads waits for it for good, and the other cores take nothing.
      for (const slot of slots) slot.freeAt = Infinity;
      return;
    }
    this.#emit(trace, exitAt, `...The work of process ${r.pid} is done. Seeya!`, afterCurrent);
    if (!this.#s.master) {
      this.#dead.set(worker, "max-requests");
      for (const slot of slots) slot.freeAt = Infinity;
      this.#load?.event({ kind: "max-requests", at: exitAt, worker, pid: r.pid, newPid: null });
      return;
    }
    const reapAt = Math.max((Math.floor((this.#epochMs + exitAt) / 1000) + 1) * 1000 - this.#epochMs, this.#masterBusyUntil);
    this.#emit(trace, reapAt, `worker ${worker} killed successfully (pid: ${r.pid})`, afterCurrent);
    const respawnAt = this.#respawnGuard(reapAt, (at, line) => this.#emit(trace, at, line, afterCurrent));
    const fresh = this.#respawn(worker, reapAt, respawnAt);
    this.#emit(trace, respawnAt, `Respawned uWSGI worker ${worker} (new pid: ${fresh.pid})`, afterCurrent);
    this.#load?.event({ kind: "max-requests", at: exitAt, worker, pid: r.pid, newPid: fresh.pid, respawnAt });
  }

  /** A line of the master or of a worker leaving: to the load model's log, else into the request's trace. */
  #emit(trace: TraceStep[], at: number, line: string, afterCurrent: boolean): void {
    if (this.#load?.log) this.#load.log({ at, line, afterCurrent });
    else this.#log(trace, at, line);
  }

  /**
   * The master's guard against respawning too fast (master.c): a respawn in the same or the next second as the
   * previous one counts, and when more than `processes` count in a row the master logs it and sleeps
   * forkbomb-delay (2 s) before respawning (measured: max-requests = 1, one process, every third respawn came 2 s
   * late). Returns when the respawn happens.
   */
  #respawnGuard(reapAt: number, log: (at: number, line: string) => void): number {
    const second = Math.floor((this.#epochMs + reapAt) / 1000);
    let respawnAt = reapAt;
    if (second <= this.#respawnSecond + 1) {
      this.#respawnRate += 1;
      if (this.#respawnRate > this.#pool.processes.length) {
        log(reapAt, "worker respawning too fast !!! i have to sleep a bit (2 seconds)...");
        respawnAt = reapAt + 2000;
        this.#masterBusyUntil = respawnAt;
        this.#respawnRate = 0;
      }
    } else {
      this.#respawnRate = 0;
    }
    this.#respawnSecond = Math.floor((this.#epochMs + respawnAt) / 1000);
    return respawnAt;
  }

  /** A new worker process at `respawnAt`; its spawn time is the master's clock of the check that reaped the old one. */
  #respawn(worker: number, reapAt: number, respawnAt: number) {
    const fresh = this.#pool.respawn(worker, respawnAt);
    this.#lastSpawn.set(worker, Math.floor((this.#epochMs + reapAt) / 1000));
    this.#respawnedAt.set(worker, respawnAt);
    this.#retiring.delete(worker);
    return fresh;
  }

  /**
   * Virtual ms at which harakiri kills a request started at `startAt`, or Infinity. With a master, its once-a-second
   * check on whole wall-clock seconds; without one, the worker's own alarm fires exactly `harakiri` seconds later
   * (observed: 2.0 s for harakiri = 2).
   */
  #harakiriAt(startAt: number): number {
    if (this.#s.harakiri <= 0) return Infinity;
    if (!this.#s.master) return startAt + this.#s.harakiri * 1000;
    const startSecond = Math.floor((this.#epochMs + startAt) / 1000);
    return (startSecond + this.#s.harakiri + 1) * 1000 - this.#epochMs;
  }

  #harakiri(trace: TraceStep[], worker: number, core: number, startAt: number, killAt: number, addr: string, method: string, uri: string): UpstreamResult {
    const old = this.#pool.process(worker).pid;
    const stamp = ctime(this.#epochMs + killAt);
    const since = Math.floor((this.#epochMs + startAt) / 1000);
    trace.push({
      at: killAt,
      component: "gateway",
      kind: "fault",
      fault: "harakiri",
      explain: this.#s.master
        ? `요청이 harakiri ${this.#s.harakiri}초를 넘겨 마스터가 워커 ${worker}(pid ${old})를 SIGKILL로 죽이고 다시 띄웠습니다. 응답 없이 연결이 끊겨 nginx는 502를 냅니다.`
        : `요청이 harakiri ${this.#s.harakiri}초를 넘겨 워커 ${worker}(pid ${old})가 스스로 죽었습니다. master가 없어 아무도 다시 띄우지 않습니다. 응답 없이 연결이 끊겨 nginx는 502를 냅니다.`,
    });
    if (!this.#s.master) {
      this.#log(trace, killAt, "");
      this.#log(trace, killAt, `F*CK !!! i must kill myself (pid: ${old} app_id: 0)...`);
      this.#log(trace, killAt, "*** if you want your workers to be automatically respawned consider enabling the uWSGI master process ***");
      this.#dead.set(worker, "harakiri");
      for (const slot of this.#pool.slots) if (slot.worker === worker) slot.freeAt = Infinity;
      this.#load?.event({ kind: "harakiri", at: killAt, worker, pid: old, newPid: null });
      return { kind: "closed", at: killAt, bytesSent: 0 };
    }
    this.#log(trace, killAt, `${stamp} - *** HARAKIRI ON WORKER ${worker} (pid: ${old}, try: 1) ***`);
    this.#log(trace, killAt, `${stamp} - HARAKIRI !!! worker ${worker} status !!!`);
    this.#log(trace, killAt, `${stamp} - HARAKIRI [core ${core}] ${addr} - ${method} ${uri} since ${since}`);
    this.#log(trace, killAt, `${stamp} - HARAKIRI !!! end of worker ${worker} status !!!`);
    this.#log(trace, killAt, `DAMN ! worker ${worker} (pid: ${old}) died, killed by signal 9 :( trying respawn ...`);
    const respawnAt = this.#respawnGuard(killAt, (at, line) => this.#log(trace, at, line));
    const fresh = this.#respawn(worker, killAt, respawnAt);
    this.#log(trace, respawnAt, `Respawned uWSGI worker ${worker} (new pid: ${fresh.pid})`);
    this.#load?.event({ kind: "harakiri", at: killAt, worker, pid: old, newPid: fresh.pid, ...(respawnAt > killAt ? { respawnAt } : {}) });
    return { kind: "closed", at: killAt, bytesSent: 0 };
  }
}
