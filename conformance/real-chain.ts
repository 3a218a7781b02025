/**
 * Start the REAL chain (nginx 1.22 + Gunicorn 20.1 or uWSGI 2.0.21 + Flask 2.2.2 on /usr/bin/python3) for one
 * scenario in a fresh temp dir, send raw requests to it, and stop everything by PID.
 *
 * Node-only (fs, net, child_process): this file is for the conformance tests and the recorder, never for lib/chain.
 *
 * Layout of the temp dir:
 *   <tmp>/srv/<scenario>/   copy of content/scenarios/<scenario> (config files rewritten by substitute.ts)
 *   <tmp>/nginx/            main nginx.conf (Debian-like http context), proxy_params, uwsgi_params, mime.types,
 *                           access.log, error.log, request-ids.log (the harness's own), temp dirs, nginx.pid
 *   <tmp>/run/              gateway sockets (was /run)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { countRequestEnds, parseRequestIds } from "./log-attribution";
import { substitutePaths, type SubstitutionMap } from "./substitute";
import { SCENARIO_FILES_MTIME_MS } from "../lib/chain/scenario";

export type Gateway = "gunicorn" | "uwsgi";

/**
 * mtime given to every file of the temp copy, so Last-Modified and ETag of static files are the same on every run
 * and need no normalisation. The embedded chain must use the same value for its virtual disk.
 */
export const SCENARIO_FILE_MTIME_MS = SCENARIO_FILES_MTIME_MS;

export const NGINX_BIN = "/usr/sbin/nginx";
export const GUNICORN_BIN = "/usr/bin/gunicorn";
export const UWSGI_BIN = "/usr/bin/uwsgi";

export interface ScenarioManifestLike {
  gateways: Partial<Record<Gateway, { nginx: string; config: string }>>;
  environment?: Record<string, string>;
  /** WSGI target for Gunicorn's command line; `app:app` when absent. */
  gunicornApp?: string;
}

export interface RealChainOptions {
  scenario: string;
  gateway: Gateway;
  faults?: { gateway?: "down" };
  /** Defaults to <repo>/content/scenarios. */
  scenariosDir?: string;
  /** Bound for every startup wait, ms. */
  startTimeoutMs?: number;
}

export interface LogSlices {
  nginxAccess: string[];
  nginxError: string[];
  gatewayStdout: string[];
  gatewayStderr: string[];
}

export interface Exchange {
  /** Exact bytes nginx sent back before closing (or before our read timeout). */
  response: Uint8Array;
  /** True when nginx closed the connection; false when our read bound cut it. */
  closed: boolean;
  /** Client-side address nginx saw. */
  clientAddress: string;
  clientPort: number;
  /** Wall-clock ms when the request was written. */
  sentAtMs: number;
  elapsedMs: number;
  logs: LogSlices;
}

export interface SendOptions {
  /** Max wait for the response, ms (default 20 s). */
  readTimeoutMs?: number;
  /**
   * Upper bound, ms, for waiting on the gateway's end-of-request line when nginx did not get the gateway's answer
   * (nginx timed out first, or the worker was killed): the gateway may still print a worker restart, or nothing
   * at all. Default 1 s. Never a reason to end the wait early: lines are attributed by content (see send()).
   */
  settleMs?: number;
}

export interface RealChain {
  readonly scenario: string;
  readonly gateway: Gateway;
  readonly port: number;
  readonly dir: string;
  readonly srvDir: string;
  /** How the scenario's paths were moved (for mapBack). */
  readonly map: SubstitutionMap;
  send(raw: Uint8Array, options?: SendOptions): Promise<Exchange>;
  /** Everything the gateway printed while starting (before the first request). */
  readonly startupLogs: LogSlices;
  /** What nginx printed on stderr while starting (`nginx: [warn] …`), as `nginx -t` would show it. */
  readonly startupNginxStderr: string[];
  /** What the gateway printed (stdout, then stderr) since the last take, for callers that do not use send(). */
  takeGatewayLines(): string[];
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, "..");

/** Every process group this module started, so an abrupt exit still kills them. */
const live = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  live.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const p of live) {
        try {
          process.kill(-p, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(target: { port: number } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = "port" in target ? net.connect(target.port, "127.0.0.1") : net.connect(target.path);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  failed: () => string | null,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reason = failed();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await probe()) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

/** Debian 12's /etc/nginx/nginx.conf http context, with every path moved into the temp dir. */
function mainNginxConf(nginxDir: string, siteFile: string): string {
  return `# Debian 12 /etc/nginx/nginx.conf, paths moved into the conformance temp dir.
user www-data;
worker_processes 1;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log;
daemon off;
master_process on;

events {
	worker_connections 768;
}

http {
	sendfile on;
	tcp_nopush on;
	types_hash_max_size 2048;

	include ${nginxDir}/mime.types;
	default_type application/octet-stream;

	ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
	ssl_prefer_server_ciphers on;

	access_log ${nginxDir}/access.log;
	# The harness's own log (not Debian's): written in the same log phase right after access.log, it names the
	# client port, so the harness knows by content that nginx is done with a request, and how many upstream
	# connections the gateway accepted and answered for it (send()).
	log_format conformance_ids '$remote_port $connection "$upstream_connect_time" "$upstream_header_time"';
	access_log ${nginxDir}/request-ids.log conformance_ids;

	gzip on;

	client_body_temp_path ${nginxDir}/tmp/body;
	proxy_temp_path ${nginxDir}/tmp/proxy;
	fastcgi_temp_path ${nginxDir}/tmp/fastcgi;
	uwsgi_temp_path ${nginxDir}/tmp/uwsgi;
	scgi_temp_path ${nginxDir}/tmp/scgi;

	include ${siteFile};
}
`;
}

function setTreeMtime(dir: string, ms: number): void {
  const when = new Date(ms);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) setTreeMtime(full, ms);
    utimesSync(full, when, when);
  }
  utimesSync(dir, when, when);
}

/** The whole lines (ending in "\n") of `bytes` from `from`, and where the next whole line starts. */
function wholeLines(bytes: Buffer, from: number): { lines: string[]; next: number } {
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end <= from) return { lines: [], next: from };
  return { lines: splitLines(bytes.subarray(from, end).toString("utf8")), next: end };
}

/** Lines a file grew by since the last take(); a line still being written waits for its end. */
class FileTail {
  #offset = 0;
  constructor(readonly file: string) {}
  take(): string[] {
    if (!existsSync(this.file)) return [];
    const { lines, next } = wholeLines(readFileSync(this.file), this.#offset);
    this.#offset = next;
    return lines;
  }
}

/** Lines a process printed on a pipe since the last take(); a line still being written waits for its end. */
class StreamTail {
  #chunks: Buffer[] = [];
  #taken = 0;
  #total = 0;
  constructor(stream: NodeJS.ReadableStream | null) {
    stream?.on("data", (chunk: Buffer) => {
      // Bounded: a runaway process cannot exhaust memory.
      if (this.#total < 16 * 1024 * 1024) {
        this.#chunks.push(chunk);
        this.#total += chunk.length;
      }
    });
  }
  /** The lines take() would return, without consuming them. */
  peek(): string[] {
    return wholeLines(Buffer.concat(this.#chunks), this.#taken).lines;
  }
  take(): string[] {
    const { lines, next } = wholeLines(Buffer.concat(this.#chunks), this.#taken);
    this.#taken = next;
    return lines;
  }
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Imported by /usr/bin/python3 (3.11) at startup, from the user site under the temp HOME (see startChain). */
const WARM_IMPORT = `# Written by the conformance harness (conformance/real-chain.ts): Flask imported once in the master process.
try:
    import flask  # noqa: F401
except ImportError:
    pass
`;

/** Nice value for the real programs (see spawnGroup). */
const PRIORITY = -10;

function spawnGroup(cmd: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  // Next's types make NODE_ENV required in ProcessEnv; the real programs get exactly `env`, without it.
  const child = spawn(cmd, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid) {
    track(child.pid);
    // The scenarios have 1-2 s timeouts (timeout_demo: nginx's proxy_read_timeout 1s, Gunicorn's timeout = 2): on a
    // machine busy with other work, the programs' own timing would change what they answer (a worker killed while
    // importing Flask). A higher priority, inherited by the workers they fork, keeps their timing what it is on an
    // idle machine. Only when allowed (root); the programs' behaviour is not otherwise touched.
    try {
      os.setPriority(child.pid, PRIORITY);
    } catch {
      /* not permitted: run at the default priority */
    }
  }
  return child;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
    await Promise.race([exited, sleep(5000)]);
  }
  // Whatever is left of the group we created (workers of a killed master).
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* nothing left */
  }
  live.delete(pid);
}

/**
 * How many chains may be starting at once. Every chain boots Python workers that import Flask; a dozen doing it at
 * once on two cores made Gunicorn's master kill slow-booting workers (timeout_demo has `timeout = 2`). Requests
 * still run concurrently once the chains are up.
 */
const STARTING_AT_ONCE = 2;
let starting = 0;
const startQueue: Array<() => void> = [];

async function startSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finishing start hands its slot straight to the next in line, so `starting` never exceeds the limit.
  if (starting >= STARTING_AT_ONCE) await new Promise<void>((resolve) => startQueue.push(resolve));
  else starting++;
  try {
    return await work();
  } finally {
    const next = startQueue.shift();
    if (next) next();
    else starting--;
  }
}

const BOOT_KILL = "a worker was killed while booting (the machine is too busy for its timeout)";

/**
 * Start nginx (+ the gateway unless faults.gateway is "down") for a scenario. A start where the gateway killed a
 * booting worker is not the scenario's behaviour but the machine's load: it is tried again (5 times at most).
 */
export async function startRealChain(options: RealChainOptions): Promise<RealChain> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSlot(() => startChain(options));
    } catch (error) {
      if (attempt >= 5 || !String(error).includes(BOOT_KILL)) throw error;
    }
  }
}

async function startChain(options: RealChainOptions): Promise<RealChain> {
  const { scenario, gateway } = options;
  if (!/^[a-z0-9_]+$/.test(scenario)) throw new Error(`bad scenario name ${JSON.stringify(scenario)}`);
  const scenariosDir = options.scenariosDir ?? path.join(REPO_ROOT, "content", "scenarios");
  const sourceDir = path.join(scenariosDir, scenario);
  const manifest = JSON.parse(readFileSync(path.join(sourceDir, "scenario.json"), "utf8")) as ScenarioManifestLike;
  const files = manifest.gateways[gateway];
  if (!files) throw new Error(`scenario ${scenario} has no ${gateway} variant`);
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;

  const dir = mkdtempSync(path.join(os.tmpdir(), `conf-${scenario.slice(0, 12)}-`));
  // nginx's workers run as www-data, as on Debian: they must be able to walk into the temp dir.
  chmodSync(dir, 0o755);
  const srvDir = path.join(dir, "srv", scenario);
  const nginxDir = path.join(dir, "nginx");
  const runDir = path.join(dir, "run");
  for (const d of [srvDir, path.join(nginxDir, "tmp"), runDir]) mkdirSync(d, { recursive: true });
  cpSync(sourceDir, srvDir, { recursive: true });
  for (const f of ["mime.types", "proxy_params", "uwsgi_params"]) copyFileSync(path.join("/etc/nginx", f), path.join(nginxDir, f));

  const port = await freePort();
  const map = { scenario, port, srvDir, runDir };
  for (const f of [files.nginx, files.config]) {
    const full = path.join(srvDir, f);
    writeFileSync(full, substitutePaths(readFileSync(full, "utf8"), map));
  }
  setTreeMtime(srvDir, SCENARIO_FILE_MTIME_MS);
  const siteFile = path.join(srvDir, files.nginx);
  const mainConf = path.join(nginxDir, "nginx.conf");
  writeFileSync(mainConf, mainNginxConf(nginxDir, siteFile));

  // HOME is the temp dir, so Python's user site is <tmp>/.local/…: its usercustomize imports Flask once in the
  // gateway's master process, before it forks workers. A Gunicorn worker imports the app only after its boot line and
  // is killed when it has not reported within `timeout` (2 s in timeout_demo); on a busy machine importing Flask
  // took longer than that. Importing it earlier prints nothing and changes no answer.
  const userSite = path.join(dir, ".local", "lib", "python3.11", "site-packages");
  mkdirSync(userSite, { recursive: true });
  writeFileSync(path.join(userSite, "usercustomize.py"), WARM_IMPORT);

  const env: Record<string, string> = {
    PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    LANG: "C.UTF-8",
    HOME: dir,
    // Without it a worker's print() output stays in a pipe buffer until exit and cannot be attributed to a request.
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1",
    ...(manifest.environment ?? {}),
  };

  const children: ChildProcess[] = [];
  const chainRef: { stopped: boolean } = { stopped: false };
  const stopAll = async () => {
    if (chainRef.stopped) return;
    chainRef.stopped = true;
    // nginx: SIGQUIT = graceful; Gunicorn: SIGTERM = graceful; uWSGI 2.0: SIGINT = shut down (SIGTERM reloads).
    const signals: NodeJS.Signals[] = children.map((c) => (c.spawnfile === UWSGI_BIN ? "SIGINT" : c.spawnfile === NGINX_BIN ? "SIGQUIT" : "SIGTERM"));
    await Promise.all(children.map((c, i) => stopChild(c, signals[i]!)));
    rmSync(dir, { recursive: true, force: true });
  };

  const accessTail = new FileTail(path.join(nginxDir, "access.log"));
  const idsTail = new FileTail(path.join(nginxDir, "request-ids.log"));
  const errorTail = new FileTail(path.join(nginxDir, "error.log"));
  let gwOut = new StreamTail(null);
  let nginxErr = new StreamTail(null);
  let gwErr = new StreamTail(null);

  // A socket in a folder of its own (lesson_deploy's /run/hello_cju/) gets that folder, as systemd's
  // RuntimeDirectory= makes it before starting Gunicorn.
  const configText = readFileSync(path.join(srvDir, files.config), "utf8");
  const boundSocket = findSocket(configText, runDir);
  if (boundSocket?.startsWith(runDir + path.sep)) mkdirSync(path.dirname(boundSocket), { recursive: true });

  try {
    if (options.faults?.gateway !== "down") {
      let child: ChildProcess;
      if (gateway === "gunicorn") {
        // As the scenario's files say: `gunicorn -c gunicorn.conf.py app:app` run in the app's folder.
        child = spawnGroup(GUNICORN_BIN, ["-c", files.config, manifest.gunicornApp ?? "app:app"], srvDir, env);
      } else {
        // `uwsgi --ini uwsgi.ini` run in the app's folder (uWSGI prints the path as given).
        child = spawnGroup(UWSGI_BIN, ["--ini", files.config], srvDir, env);
      }
      children.push(child);
      gwOut = new StreamTail(child.stdout);
      gwErr = new StreamTail(child.stderr);
      await waitFor(
        `${gateway} for ${scenario}`,
        () => (boundSocket ? canConnect({ path: boundSocket }) : Promise.resolve(true)),
        startTimeoutMs,
        () => (child.exitCode !== null ? `exited with ${child.exitCode}: ${gwErr.take().slice(-20).join("\n")}` : null),
      );
      // Both bind before forking workers: wait until every worker said it is up, so no boot line lands in the first
      // request's log slice.
      const expected = workerCount(configText, gateway);
      const exited = () => (child.exitCode !== null ? `exited with ${child.exitCode}: ${gwErr.take().slice(-20).join("\n")}` : null);
      await waitFor(
        `${gateway} workers`,
        async () => workerPids(gateway, [...gwOut.peek(), ...gwErr.peek()]).length >= expected,
        startTimeoutMs,
        exited,
      );
      if (gateway === "gunicorn") {
        // A Gunicorn worker loads the app after its boot line and tells the master it is alive only once it serves;
        // one that takes longer than `timeout` (2 s in timeout_demo) on a busy machine is killed and replaced.
        // Ready = every worker the master has now waits for connections; a boot-time kill starts the chain again.
        await waitFor(
          `${gateway} workers idle`,
          async () => {
            const workers = childPids(child.pid!);
            return workers.length === expected && workers.every(isWaitingForConnections);
          },
          startTimeoutMs,
          () => {
            const lines = [...gwOut.peek(), ...gwErr.peek()];
            return exited() ?? (lines.some((l) => l.includes("[CRITICAL] WORKER TIMEOUT")) ? `${BOOT_KILL}:\n${lines.join("\n")}` : null);
          },
          20,
        );
      }
    }
    const nginx = spawnGroup(NGINX_BIN, ["-e", path.join(nginxDir, "error.log"), "-c", mainConf], nginxDir, env);
    children.push(nginx);
    nginxErr = new StreamTail(nginx.stderr);
    await waitFor(
      `nginx for ${scenario}`,
      () => canConnect({ port }),
      startTimeoutMs,
      () => (nginx.exitCode !== null ? `exited with ${nginx.exitCode}: ${nginxErr.take().join("\n")} ${readTail(path.join(nginxDir, "error.log"))}` : null),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  await sleep(150);
  const startupLogs: LogSlices = { nginxAccess: accessTail.take(), nginxError: errorTail.take(), gatewayStdout: gwOut.take(), gatewayStderr: gwErr.take() };

  return {
    scenario,
    gateway,
    port,
    dir,
    srvDir,
    map,
    startupLogs,
    startupNginxStderr: nginxErr.take(),
    /**
     * Sends one request and returns the log lines it produced, attributed by content, never by the logs going
     * quiet: (1) nginx is done with the request when the harness's request-ids.log has the line for this client
     * port (nginx writes it in the log phase right after access.log, after every error-log line of the request);
     * (2) the gateway is done when it printed one end-of-request line (its access/request line, or a worker
     * restart after a timeout kill) for each upstream connection nginx opened to it for this request. Requests go
     * one at a time, so every line that appeared until then is this request's.
     */
    async send(raw: Uint8Array, sendOptions: SendOptions = {}): Promise<Exchange> {
      if (chainRef.stopped) throw new Error("chain stopped");
      // No mark(): a line that came after the previous request was taken is shown with this one, never dropped.
      const result = await exchange(port, raw, sendOptions.readTimeoutMs ?? 20_000);
      const ids: string[] = [];
      const ours = () => ids.find((l) => l.startsWith(`${result.clientPort} `));
      const logged = await waitUntil(() => {
        ids.push(...idsTail.take());
        return ours() !== undefined;
      }, LOG_BOUND_MS);
      if (!logged) throw new Error(`nginx logged no request from client port ${result.clientPort} within ${LOG_BOUND_MS} ms`);
      const attempts = parseRequestIds(ours()!);
      const accepted = attempts.filter((a) => a.connected).length;
      const answered = attempts.every((a) => !a.connected || a.answered);
      const endBound = answered ? LOG_BOUND_MS : (sendOptions.settleMs ?? 1000) + 1000;
      await waitUntil(() => countRequestEnds(gateway, gwOut.peek(), gwErr.peek()) >= accepted, endBound);
      // Lines an end line follows on the other pipe were written before it: let the event loop deliver them.
      await sleep(20);
      return {
        ...result,
        logs: { nginxAccess: accessTail.take(), nginxError: errorTail.take(), gatewayStdout: gwOut.take(), gatewayStderr: gwErr.take() },
      };
    },
    takeGatewayLines: () => [...gwOut.take(), ...gwErr.take()],
    stop: stopAll,
  };
}

/** Worker pids a gateway's boot lines name (Gunicorn's `Booting worker with pid: N`, uWSGI's `spawned uWSGI worker k (pid: N, …)`). */
export function workerPids(gateway: Gateway, lines: string[]): number[] {
  const re = gateway === "gunicorn" ? /\[INFO\] Booting worker with pid: (\d+)$/ : /^spawned uWSGI worker \d+ \(pid: (\d+), cores: \d+\)$/;
  return lines.flatMap((l) => {
    const m = re.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

/**
 * System calls a Gunicorn worker blocks in while it waits for a connection (x86-64 numbers: the sync worker's
 * select is pselect6; poll, accept and epoll variants for other worker classes). Read from /proc/<pid>/syscall,
 * which names the call a sleeping process is blocked in ("running" while it runs).
 */
const IDLE_SYSCALLS = new Set([7, 23, 43, 232, 270, 271, 281, 288]);

/** The live children of a process (Linux /proc/<pid>/task/<pid>/children). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isWaitingForConnections(pid: number): boolean {
  try {
    const first = readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ")[0]!;
    return IDLE_SYSCALLS.has(Number(first));
  } catch {
    return false;
  }
}

/** Bound for waiting on a log line that must come (nginx's request-ids line, an answered request's gateway line). */
const LOG_BOUND_MS = 20_000;

async function waitUntil(done: () => boolean, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(10);
  }
  return true;
}

function readTail(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8").slice(-2000) : "";
}

/** How many worker processes a gateway config asks for (Gunicorn `workers`, uWSGI `processes`/`workers`; default 1). */
export function workerCount(configText: string, gateway: Gateway): number {
  const match =
    gateway === "gunicorn" ? /^\s*workers\s*=\s*(\d+)\s*$/m.exec(configText) : /^\s*(?:processes|workers)\s*=\s*(\d+)\s*$/m.exec(configText);
  const n = match ? Number(match[1]) : 1;
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 1;
}

/** The unix socket a gateway config binds, after substitution (`bind = "unix:…"` or `socket = …`). */
export function findSocket(configText: string, runDir: string): string | null {
  const gunicorn = /^\s*bind\s*=\s*\[?\s*["']unix:([^"']+)["']/m.exec(configText);
  if (gunicorn) return gunicorn[1]!;
  const uwsgi = /^\s*(?:uwsgi-)?socket\s*=\s*(\S+)/m.exec(configText);
  if (uwsgi && uwsgi[1]!.startsWith("/")) return uwsgi[1]!;
  void runDir;
  return null;
}

function exchange(port: number, raw: Uint8Array, readTimeoutMs: number): Promise<Omit<Exchange, "logs">> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const sentAtMs = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let clientPort = 0;
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response: new Uint8Array(Buffer.concat(chunks)), closed, clientAddress: "127.0.0.1", clientPort, sentAtMs, elapsedMs: Date.now() - sentAtMs });
    };
    const timer = setTimeout(() => finish(false), readTimeoutMs);
    socket.once("connect", () => {
      clientPort = socket.localPort ?? 0;
      socket.write(raw);
    });
    socket.on("data", (chunk: Buffer) => {
      if (size < 8 * 1024 * 1024) {
        chunks.push(chunk);
        size += chunk.length;
      }
    });
    socket.once("end", () => finish(true));
    socket.once("close", () => finish(true));
    socket.once("error", () => finish(true));
  });
}

/** A random token, for tests that need unique paths. */
export function token(): string {
  return randomBytes(4).toString("hex");
}
