/**
 * The whole chain for one request: browser → nginx → Gunicorn or uWSGI → the Flask app, and back.
 *
 * This file only joins the parts (see contracts.ts for the seams): it loads the scenario's configs the way each
 * real program would at start-up, refuses what they would refuse, starts the gateway model unless a fault says it
 * is down, and hands the raw request to the nginx model. Everything it returns is in the trace vocabulary.
 */
import type { AppLoadResult, ConfigError, ScenarioFiles, ScenarioManifest, SendOptions, Upstream, UpstreamRequest, UpstreamResult } from "./contracts";
import type { GatewayKind, HeaderList, Trace, TraceStep } from "./trace";
import { chooseGateway, deployRoot, SCENARIO_FILES_MTIME_MS, siteFilePath } from "./scenario";
import { loadNginxConfig, type NginxConfigError } from "./nginx/config";
import { runNginx } from "./nginx";
import { createVirtualFs } from "./nginx/vfs";
import { createGunicorn, createUwsgi, gunicornSettingsFrom, parseUwsgiIni } from "./wsgi";
import { assignmentLines, evaluateConfigModule } from "./python";
import { createFlaskAppLoader, type DispatchInfo, type FlaskWsgiApplication } from "./flask";
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
    const started = startGateway(input, choice.gateway, choice.configFile, epochMs, dispatches);
    if (!started.ok) return { ok: false, errors: [started.error] };
    gateway = started.upstream;
    upstreams.push(gateway);
  }
  const startup = new StartupOnDemand(nginx.warnings.map((w) => `nginx: [${w.level}] ${w.message}`), gateway);

  const steps: TraceStep[] = [];
  const fs = createVirtualFs([{ at: deployRoot(input.scenario), files: input.files, mtimeMs: SCENARIO_FILES_MTIME_MS }]);
  const client = { ...DEFAULT_CLIENT, ...input.client };
  const result = runNginx({
    config: nginx.config,
    raw: input.raw,
    client: { address: client.address, port: client.port ?? DEFAULT_CLIENT.port },
    fs,
    upstreams,
    epochMs,
    trace: steps,
    local: input.local,
  });
  return {
    ok: true,
    response: { status: result.status, reason: result.reason, headers: result.headers, body: result.body, raw: result.raw, identityBody: result.identityBody },
    trace: { scenario: input.scenario, gateway: choice.gateway, steps: chronological(withRouting(steps, dispatches)), totalMs: result.doneAt },
    startup,
  };
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

function startGateway(input: ChainInput, kind: GatewayKind, configFile: string, epochMs: number, dispatches: Dispatch[]): GatewayStart {
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
        const app = observe(loader.load(input.files, moduleName, callable, environment), dispatches);
        return createGunicorn({ settings: settings.settings, app, epochMs, environment });
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
      const app = observe(loader.load(input.files, moduleName, callable, environment), dispatches);
      const upstream = createUwsgi({ settings: ini.settings, app, epochMs, cwd: deployRoot(input.scenario).replace(/\/$/, "") });
      return { address: upstream.address, send: upstream.send.bind(upstream), bootLog: () => [...ini.settings.warnings, ...upstream.bootLog()] };
    }),
  };
}

/** What Flask decided in one WSGI call, for the trace. */
interface Dispatch {
  at: number;
  info: DispatchInfo;
}

/** The loaded app, reporting each call's routing decision to `dispatches` (the gateway only sees the outcome). */
function observe(load: AppLoadResult, dispatches: Dispatch[]): AppLoadResult {
  if (!load.ok || !("callWithInfo" in load.app)) return load;
  const app = load.app as FlaskWsgiApplication;
  return {
    ...load,
    app: {
      call(environ, context) {
        const { outcome, info } = app.callWithInfo(environ, context);
        dispatches.push({ at: context.startAt, info });
        return outcome;
      },
    },
  };
}

/** Flask's routing decision (rule by rule) and an unhandled exception, placed right after the call they belong to. */
function withRouting(steps: TraceStep[], dispatches: Dispatch[]): TraceStep[] {
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

function fail(path: string, line: number, message: string, messageKo: string): ChainResult {
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
