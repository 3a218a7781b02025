/**
 * Start the REAL chain (nginx 1.22 + Gunicorn 20.1 or uWSGI 2.0.21 + Flask 2.2.2 on /usr/bin/python3) for one
 * scenario in a fresh temp dir, send raw requests to it, and stop everything by PID.
 *
 * Node-only (fs, net, child_process): this file is for the conformance tests and the recorder, never for lib/chain.
 *
 * Layout of the temp dir:
 *   <tmp>/srv/<scenario>/   copy of content/scenarios/<scenario> (config files rewritten by substitute.ts)
 *   <tmp>/nginx/            main nginx.conf (Debian-like http context), proxy_params, uwsgi_params, mime.types,
 *                           access.log, error.log, temp dirs, nginx.pid
 *   <tmp>/run/              gateway sockets (was /run)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
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
  /** Extra wait after the response for late log lines (e.g. a Gunicorn worker timeout), ms. */
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

/** Text grown since `offset` in a file, as whole lines. */
class FileTail {
  #offset = 0;
  constructor(readonly file: string) {}
  mark(): void {
    this.#offset = existsSync(this.file) ? statSync(this.file).size : 0;
  }
  size(): number {
    return existsSync(this.file) ? statSync(this.file).size : 0;
  }
  take(): string[] {
    if (!existsSync(this.file)) return [];
    const all = readFileSync(this.file);
    const text = all.subarray(this.#offset).toString("utf8");
    this.#offset = all.length;
    return splitLines(text);
  }
}

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
  size(): number {
    return this.#total;
  }
  mark(): void {
    this.#taken = this.#total;
  }
  /** Everything collected so far, without consuming it. */
  text(): string {
    return Buffer.concat(this.#chunks).toString("utf8");
  }
  take(): string[] {
    const all = Buffer.concat(this.#chunks);
    const text = all.subarray(this.#taken).toString("utf8");
    this.#taken = all.length;
    return splitLines(text);
  }
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function spawnGroup(cmd: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  // Next's types make NODE_ENV required in ProcessEnv; the real programs get exactly `env`, without it.
  const child = spawn(cmd, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid) track(child.pid);
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

/** Start nginx (+ the gateway unless faults.gateway is "down") for a scenario. */
export async function startRealChain(options: RealChainOptions): Promise<RealChain> {
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
      // Both bind before forking workers: wait until every worker said it is up, so no boot line lands in the
      // first request's log slice; then until the output has been quiet for a moment.
      const ready = gateway === "gunicorn" ? /Booting worker with pid/g : /spawned uWSGI worker/g;
      const expected = workerCount(configText, gateway);
      await waitFor(
        `${gateway} workers`,
        async () => ((gwOut.text() + gwErr.text()).match(ready)?.length ?? 0) >= expected,
        startTimeoutMs,
        () => (child.exitCode !== null ? `exited with ${child.exitCode}: ${gwErr.take().slice(-20).join("\n")}` : null),
      );
      let lastSize = -1;
      await waitFor(
        `${gateway} quiet`,
        async () => {
          const size = gwOut.size() + gwErr.size();
          const quiet = size === lastSize;
          lastSize = size;
          return quiet;
        },
        startTimeoutMs,
        () => null,
        200,
      );
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

  const sizes = () => [accessTail.size(), errorTail.size(), gwOut.size(), gwErr.size()].join(",");

  return {
    scenario,
    gateway,
    port,
    dir,
    srvDir,
    map,
    startupLogs,
    startupNginxStderr: nginxErr.take(),
    async send(raw: Uint8Array, sendOptions: SendOptions = {}): Promise<Exchange> {
      if (chainRef.stopped) throw new Error("chain stopped");
      accessTail.mark();
      errorTail.mark();
      gwOut.mark();
      gwErr.mark();
      const result = await exchange(port, raw, sendOptions.readTimeoutMs ?? 20_000);
      // Log lines are written just before nginx closes; wait until the logs stop growing (bounded).
      const settleDeadline = Date.now() + (sendOptions.settleMs ?? 0) + 1000;
      const minUntil = Date.now() + 60 + (sendOptions.settleMs ?? 0);
      let last = sizes();
      while (Date.now() < settleDeadline) {
        await sleep(30);
        const now = sizes();
        if (now === last && Date.now() >= minUntil) break;
        last = now;
      }
      return {
        ...result,
        logs: { nginxAccess: accessTail.take(), nginxError: errorTail.take(), gatewayStdout: gwOut.take(), gatewayStderr: gwErr.take() },
      };
    },
    stop: stopAll,
  };
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
