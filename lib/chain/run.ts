/**
 * The whole chain for one request: browser → nginx → Gunicorn or uWSGI → the Flask app, and back.
 *
 * This file only joins the parts (see contracts.ts for the seams): it loads the scenario's configs the way each
 * real program would at start-up, refuses what they would refuse, starts the gateway model unless a fault says it
 * is down, and hands the raw request to the nginx model. Everything it returns is in the trace vocabulary.
 */
import type { AppLoadResult, AppOutcome, ConfigError, ScenarioFiles, ScenarioManifest, SendOptions, Upstream, UpstreamRequest, UpstreamResult } from "./contracts";
import type { Environ, GatewayKind, HeaderList, Trace, TraceStep } from "./trace";
import { chooseGateway, deployRoot, SCENARIO_FILES_MTIME_MS, siteFilePath } from "./scenario";
import { loadNginxConfig, type NginxConfigError } from "./nginx/config";
import { runNginx } from "./nginx";
import { createVirtualFs } from "./nginx/vfs";
import { createGunicorn, createUwsgi, gunicornSettingsFrom, parseUwsgiIni, type GatewayLoadHooks } from "./wsgi";
import type { NginxConfig } from "./nginx/config/types";
import type { VirtualFs } from "./nginx/vfs";
import { assignmentLines, evaluateConfigModule } from "./python";
import { createFlaskAppLoader, isRepeatable, type DispatchInfo, type FlaskWsgiApplication } from "./flask";
import { memo } from "./memo";
import { sourceText } from "./source-text";

export interface ChainFaults {
  /** `down`: the gateway is not running, so its socket does not exist. */
  gateway?: "down";
}

export interface ChainInput {
  scenario: string;
  manifest: ScenarioManifest;
  files: ScenarioFiles;
  gateway?: GatewayKind;
  faults?: ChainFaults;
  client?: { address: string; port?: number };
  /** The address and port the client connected to (default 127.0.0.1:80): nothing listening there refuses it. */
  local?: { address: string; port: number };
  /** The exact request bytes the browser sends. */
  raw: Uint8Array;
  /** Wall-clock ms that virtual time 0 stands for (Date headers, log timestamps). */
  epochMs?: number;
}

export interface ChainResponse {
  status: number;
  reason: string;
  headers: HeaderList;
  body: Uint8Array;
  raw: Uint8Array;
  /** nginx gzipped `body` (Content-Encoding: gzip): what it holds decompressed. */
  identityBody?: Uint8Array;
}

export type ChainResult =
  | { ok: true; response: ChainResponse; trace: Trace; startup: StartupLog }
  | { ok: false; errors: ConfigError[] };

/** What the programs printed while starting (nginx -t warnings, Gunicorn's boot lines, uWSGI's banner). */
export interface StartupLog {
  nginx: string[];
  gateway: string[];
}

const DEFAULT_CLIENT = { address: "127.0.0.1", port: 51234 };

export function runChain(input: ChainInput): ChainResult {
  const chain = prepareChain(input);
  if (!chain.ok) return chain;
  const steps: TraceStep[] = [];
  const client = { ...DEFAULT_CLIENT, ...input.client };
  const result = runNginx({
    config: chain.nginxConfig,
    raw: input.raw,
    client: { address: client.address, port: client.port ?? DEFAULT_CLIENT.port },
    fs: chain.fs,
    upstreams: chain.upstreams,
    epochMs: chain.epochMs,
    trace: steps,
    local: input.local,
  });
  return {
    ok: true,
    response: { status: result.status, reason: result.reason, headers: result.headers, body: result.body, raw: result.raw, identityBody: result.identityBody },
    trace: { scenario: input.scenario, gateway: chain.gateway, steps: chronological(withRouting(steps, chain.dispatches.splice(0))), totalMs: result.doneAt },
    startup: chain.startup,
  };
}

/** The chain started once, ready to take requests: what runChain runs one request on and runLoad many. */
export interface PreparedChain {
  ok: true;
  gateway: GatewayKind;
  nginxConfig: NginxConfig;
  upstreams: Upstream[];
  fs: VirtualFs;
  epochMs: number;
  startup: StartupLog;
  /** Flask's routing decisions since they were last taken (splice them out after each request). */
  dispatches: Dispatch[];
}

/**
 * Load the configs as each program would at start-up (refusing what it would refuse) and start the gateway model
 * (booted on demand). `load` hooks are passed to the gateway (see lib/chain/load/).
 */
export function prepareChain(input: Omit<ChainInput, "raw">, load?: GatewayLoadHooks): PreparedChain | { ok: false; errors: ConfigError[] } {
  const choice = chooseGateway(input.manifest, input.gateway);
  if (!choice) {
    return fail(input.gateway ?? "gateway", 0, `scenario "${input.scenario}" has no ${input.gateway} variant`,
      `이 시나리오에는 ${input.gateway} 구성이 없습니다.`);
  }
  const site = fileText(input.files, choice.nginxFile);
  if (site === null) return fail(choice.nginxFile, 0, `${choice.nginxFile} is missing`, `${choice.nginxFile} 파일이 없습니다.`);
  const nginx = nginxConfigs.get(`${site.key}\0${input.scenario}`, () => loadNginxConfig({ siteName: input.scenario, siteText: site.text }));
  if (!nginx.ok) return { ok: false, errors: nginx.errors.map((e) => nginxError(e, choice.nginxFile, input.scenario)) };

  const epochMs = input.epochMs ?? SCENARIO_FILES_MTIME_MS;
  const upstreams: Upstream[] = [];
  const dispatches: Dispatch[] = [];
  let gateway: BootedGateway | null = null;
  if (input.faults?.gateway !== "down") {
    const started = startGateway(input, choice.gateway, choice.configFile, epochMs, dispatches, load);
    if (!started.ok) return { ok: false, errors: [started.error] };
    gateway = started.upstream;
    upstreams.push(gateway);
  }
  const startup = new StartupOnDemand(nginx.warnings.map((w) => `nginx: [${w.level}] ${w.message}`), gateway);
  const fs = createVirtualFs([{ at: deployRoot(input.scenario), files: input.files, mtimeMs: SCENARIO_FILES_MTIME_MS }]);
  return { ok: true, gateway: choice.gateway, nginxConfig: nginx.config, upstreams, fs, epochMs, startup, dispatches };
}

type BootedGateway = Upstream & { bootLog(): string[] };

type GatewayStart = { ok: true; upstream: BootedGateway } | { ok: false; error: ConfigError };

/**
 * The gateway, booted (app.py loaded, workers started) the first time anything asks for it: nginx connecting to
 * its socket, or the boot log being read. A request nginx answers itself (a static file) never needs it, and the
 * boot cannot fail in a way that changes nginx's answer to such a request: a gateway whose app fails to load is
 * only seen through its socket. The gateway's config is checked before nginx runs, so a config the gateway would
 * refuse is still reported as a refusal to start.
 */
class BootOnDemand implements BootedGateway {
  #boot: () => BootedGateway;
  #booted: BootedGateway | null = null;

  constructor(boot: () => BootedGateway) {
    this.#boot = boot;
  }

  #gateway(): BootedGateway {
    this.#booted ??= this.#boot();
    return this.#booted;
  }

  get address() {
    return this.#gateway().address;
  }

  send(request: UpstreamRequest, sentAt: number, trace: TraceStep[], options?: SendOptions): UpstreamResult {
    return this.#gateway().send(request, sentAt, trace, options);
  }

  bootLog(): string[] {
    return this.#gateway().bootLog();
  }
}

/** The startup log; its gateway part is read on demand (reading it boots the gateway). None when it is down. */
class StartupOnDemand implements StartupLog {
  readonly nginx: string[];
  #gateway: BootedGateway | null;

  constructor(nginx: string[], gateway: BootedGateway | null) {
    this.nginx = nginx;
    this.#gateway = gateway;
  }

  get gateway(): string[] {
    return this.#gateway?.bootLog() ?? [];
  }

  toJSON(): StartupLog {
    return { nginx: this.nginx, gateway: this.gateway };
  }
}

function startGateway(input: Omit<ChainInput, "raw">, kind: GatewayKind, configFile: string, epochMs: number, dispatches: Dispatch[], load?: GatewayLoadHooks): GatewayStart {
  const config = fileText(input.files, configFile);
  if (config === null) {
    return { ok: false, error: configError(configFile, 0, `${configFile} is missing`, `${configFile} 파일이 없습니다.`) };
  }
  const environment = input.manifest.environment ?? {};
  // app.py lives where the scenario is deployed, so tracebacks name /srv/<scenario>/app.py as on the server.
  const loader = createFlaskAppLoader({ appDir: deployRoot(input.scenario).replace(/\/$/, ""), epochMs });
  if (kind === "gunicorn") {
    const settings = gunicornSettings.get(`${config.key}\0${configFile}`, () => {
      const evaluated = evaluateConfigModule(config.text, configFile);
      return evaluated.ok ? gunicornSettingsFrom(evaluated.values, configFile, assignmentLines(config.text)) : evaluated;
    });
    if (!settings.ok) return { ok: false, error: settings.error };
    // The course starts Gunicorn as `gunicorn -c gunicorn.conf.py app:app`.
    const [moduleName, callable] = splitAppSpec(settings.settings.wsgiApp ?? "app:app");
    return {
      ok: true,
      upstream: new BootOnDemand(() => {
        const app = observe(loader.load(input.files, moduleName, callable, environment), dispatches, load);
        return createGunicorn({ settings: settings.settings, app, epochMs, environment, load });
      }),
    };
  }
  const ini = uwsgiSettings.get(`${config.key}\0${configFile}`, () => parseUwsgiIni(config.text, configFile));
  if (!ini.ok) return { ok: false, error: ini.error };
  // `wsgi-file = app.py` loads a file (callable `application` unless set); `module = app:app` a module.
  const [moduleName, callable] = ini.settings.wsgiFile
    ? [ini.settings.wsgiFile.replace(/\.py$/, "").replace(/\//g, "."), ini.settings.callable]
    : splitAppSpec(ini.settings.module ?? "app:app", ini.settings.callable);
  return {
    ok: true,
    upstream: new BootOnDemand(() => {
      const app = observe(loader.load(input.files, moduleName, callable, environment), dispatches, load);
      const upstream = createUwsgi({ settings: ini.settings, app, epochMs, cwd: deployRoot(input.scenario).replace(/\/$/, ""), load });
      return { address: upstream.address, send: upstream.send.bind(upstream), bootLog: () => [...ini.settings.warnings, ...upstream.bootLog()] };
    }),
  };
}

/** What Flask decided in one WSGI call, for the trace. */
export interface Dispatch {
  at: number;
  info: DispatchInfo;
}

/**
 * The loaded app, reporting each call's routing decision to `dispatches` (the gateway only sees the outcome).
 * In a crowd (load hooks given), a repeatable call (flask's isRepeatable) is not interpreted again for the same environ: a
 * class asking for the same page runs its view once, and the later calls get the same outcome and step count.
 */
function observe(load: AppLoadResult, dispatches: Dispatch[], crowd?: GatewayLoadHooks): AppLoadResult {
  if (!load.ok || !("callWithInfo" in load.app)) return load;
  const app = load.app as FlaskWsgiApplication;
  const seen = new Map<string, { outcome: AppOutcome; info: DispatchInfo }>();
  return {
    ...load,
    app: {
      call(environ, context) {
        const key = crowd ? environKey(environ) : null;
        const known = key === null ? undefined : seen.get(key);
        const { outcome, info } = known ?? app.callWithInfo(environ, context);
        if (!known) crowd?.interpreted?.(outcome.steps ?? 0);
        if (key !== null && !known && isRepeatable(outcome) && seen.size < 64) seen.set(key, { outcome, info });
        dispatches.push({ at: context.startAt, info });
        return outcome;
      },
    },
  };
}

/**
 * An environ as text, for the crowd's memo: objects by their data only (their reprs carry per-request addresses).
 * REMOTE_PORT is left out: every student's connection has its own port, and a view that shows it is rare (it then
 * shows the first caller's port; see lib/chain/load/README.md). null (no memo) for a request body over 4 KiB.
 */
function environKey(environ: Environ): string | null {
  let key = "";
  for (const [name, value] of environ) {
    if (name === "REMOTE_PORT") continue;
    if (value.type === "object" && value.data && value.data.length > 4096) return null;
    const text =
      value.type === "object"
        ? `${value.className ?? ""}:${value.data ? String.fromCharCode(...value.data) : ""}`
        : value.type === "tuple"
          ? value.value.join("\u0002")
          : `${value.type[0]}${value.value}`;
    key += `${name}\u0000${text}\u0001`;
  }
  return key;
}

/** Flask's routing decision (rule by rule) and an unhandled exception, placed right after the call they belong to. */
export function withRouting(steps: TraceStep[], dispatches: Dispatch[]): TraceStep[] {
  if (dispatches.length === 0) return steps;
  const out: TraceStep[] = [];
  let next = 0;
  for (const step of steps) {
    out.push(step);
    if (step.kind !== "wsgi-call" || next >= dispatches.length) continue;
    const { at, info } = dispatches[next++];
    if (info.route) out.push({ at, component: "app", kind: "decision", topic: "route", ...info.route });
    if (info.unhandled) {
      out.push({ at, component: "app", kind: "fault", fault: "app-exception", explain: `뷰에서 처리되지 않은 예외가 났습니다 (${info.unhandled}). Flask가 500 Internal Server Error로 답하고 traceback을 로그에 남깁니다.` });
    }
  }
  return out;
}

/**
 * Parsed configuration by its exact text: a class sends the same unedited files again and again, and parsing is
 * most of a request's cost. Only immutable results are kept; the app and the gateway start fresh for every run, so
 * one student's request never sees another's state.
 */
const nginxConfigs = memo<ReturnType<typeof loadNginxConfig>>(64);
const gunicornSettings = memo<ReturnType<typeof gunicornSettingsFrom> | { ok: false; error: ConfigError }>(64);
const uwsgiSettings = memo<ReturnType<typeof parseUwsgiIni>>(64);

/**
 * Each component records its steps in its own causal order; the trace is told in virtual time. A stable sort keeps
 * the causal order of steps at the same moment (e.g. nginx gives up at 10 s before the slow view returns at 15 s).
 */
function chronological(steps: TraceStep[]): TraceStep[] {
  if (steps.every((step, i) => i === 0 || steps[i - 1].at <= step.at)) return steps; // already in order (most runs)
  return steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.at - b.step.at || a.index - b.index).map((e) => e.step);
}

/** `app:app` → ["app", "app"]; `app` → ["app", default callable]. */
function splitAppSpec(spec: string, defaultCallable = "application"): [string, string] {
  const [module, callable] = spec.split(":", 2);
  return [module.replace(/\.py$/, ""), callable || defaultCallable];
}

function nginxError(error: NginxConfigError, path: string, scenario: string): ConfigError {
  // Errors inside the student's site file point at it; others (the Debian defaults) keep nginx's own file name.
  const inSite = error.file === siteFilePath(scenario);
  return { file: error.file, path: inSite ? path : error.file, line: error.line, message: error.message, messageKo: error.messageKo };
}

function configError(path: string, line: number, message: string, messageKo: string): ConfigError {
  return { file: path, path, line, message, messageKo };
}

function fail(path: string, line: number, message: string, messageKo: string): { ok: false; errors: ConfigError[] } {
  return { ok: false, errors: [configError(path, line, message, messageKo)] };
}

const lossyUtf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * A config file's text and a short cache key for it: the text's number (see source-text.ts) for valid UTF-8, the
 * text itself otherwise (the programs read such a file with replacement characters). null when it is missing.
 */
function fileText(files: ScenarioFiles, path: string): { text: string; key: string } | null {
  const bytes = files.get(path);
  if (bytes === undefined) return null;
  const source = sourceText(bytes);
  if (source) return { text: source.text, key: `#${source.number}` };
  const text = lossyUtf8.decode(bytes);
  return { text, key: `=${text}` };
}
