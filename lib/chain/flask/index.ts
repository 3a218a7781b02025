/**
 * The Flask 2.2.2 model behind the WSGI gateways: `flaskAppLoader.load()` runs the scenario's app.py on the
 * embedded Python with `flask` / `markupsafe` / `werkzeug.exceptions` host modules and returns a WsgiApplication.
 * See README.md for the design.
 */
import { makeWerkzeugRoutingModule } from "./binding/converters";
import type {
  AppCallContext,
  AppLoader,
  AppLoadResult,
  AppOutcome,
  AppOutput,
  ConfigError,
  ScenarioFiles,
  WsgiApplication,
} from "../contracts";
import type { Environ } from "../trace";
import { checkSourceReuse, createInterpreter, isInstance } from "../python";
import type { HostModuleFactory, Interpreter, PyModule, PyValue } from "../python";
import { stdlibModules } from "../python/modules/registry";
import { memo } from "../memo";
import { sourceText } from "../source-text";
import { callApp } from "./binding/dispatch";
import { callRawWsgi } from "./binding/raw-wsgi";
import { makeWerkzeugUtilsModule } from "./binding/werkzeug-utils";
import type { DispatchInfo } from "./binding/dispatch";
import { createFlaskHost, makeFlaskModule, makeMarkupsafeModule, makeWerkzeugExceptionsModule } from "./binding/flask-module";
import type { AppState, FlaskHost } from "./binding/host";
import { REUSE_POLICY, reuseProblem } from "./reusable";
import { projectModules } from "./project-modules";
import { checkTemplates, templateFolders } from "./binding/templating";
import { unsupportedMessage, unsupportedMessageKo } from "../jinja";
import { josa } from "../korean";

export interface FlaskLoaderOptions {
  /** Folder app.py lives in on the modelled server (tracebacks show it). Default `/srv/app/`. */
  appDir?: string;
  /** Wall-clock epoch ms at virtual time 0 for time.time() (log timestamps use the call context instead). */
  epochMs?: number;
  /** Interpreter steps per top-level call (import, each view...). */
  stepBudget?: number;
  /**
   * Serve later runs from an app loaded before when no result can tell (see reusable.ts). Default true; false
   * loads app.py afresh every time (tests compare the two).
   */
  reuse?: boolean;
}

export const DEFAULT_STEP_BUDGET = 1_000_000;

function loadError(path: string, message: string, messageKo: string, line = 1): ConfigError {
  return { file: path, path, line, message, messageKo };
}

function isPlainFunction(v: PyValue): boolean {
  return v !== null && typeof v === "object" && v.kind === "function";
}

function drain(interp: Interpreter): AppOutput[] {
  return interp.drainOutput().map((o) => ({ offset: o.at, stream: o.stream, text: o.text }));
}

export function createFlaskAppLoader(options: FlaskLoaderOptions = {}): AppLoader {
  return {
    load(files: ScenarioFiles, module: string, callable: string, environment: Record<string, string>): AppLoadResult {
      try {
        return loadApp(options, files, module, callable, environment);
      } catch (e) {
        // A bug in the model must not break the chain: report it as a load failure.
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        const path = `${module.replace(/\./g, "/")}.py`;
        return { ok: false, error: loadError(path, message, `${path}${josa(path, "을/를")} 불러오는 중 내부 오류가 났습니다: ${message}`), traceback: `${message}\n`, output: [] };
      }
    },
  };
}

/** What one load() is asked for. */
interface LoadRequest {
  source: string;
  /** Stands for `source` in keys (see source-text.ts). */
  sourceNumber: number;
  path: string;
  module: string;
  callable: string;
  environment: Record<string, string>;
  /** Ends in "/". */
  appDir: string;
  stepBudget: number;
}

function loadApp(options: FlaskLoaderOptions, files: ScenarioFiles, module: string, callable: string, environment: Record<string, string>): AppLoadResult {
  const path = `${module.replace(/\./g, "/")}.py`;
  const bytes = files.get(path);
  if (!bytes) {
    return {
      ok: false,
      error: loadError(path, `ModuleNotFoundError: No module named '${module}'`, `${path} 파일이 없어 '${module}' 모듈을 불러올 수 없습니다.`),
      traceback: `ModuleNotFoundError: No module named '${module}'\n`,
      output: [],
    };
  }
  const source = sourceText(bytes);
  if (!source) {
    const message = `SyntaxError: (unicode error) 'utf-8' codec can't decode bytes in ${path}`;
    return { ok: false, error: loadError(path, message, `${path}${josa(path, "이/가")} UTF-8 텍스트가 아닙니다.`), traceback: `${message}\n`, output: [] };
  }
  const request: LoadRequest = {
    source: source.text,
    sourceNumber: source.number,
    path,
    module,
    callable,
    environment,
    appDir: (options.appDir ?? "/srv/app/").replace(/\/?$/, "/"),
    stepBudget: options.stepBudget ?? DEFAULT_STEP_BUDGET,
  };
  const run: RunSettings = { files, appDir: request.appDir, epochMs: options.epochMs ?? 0 };
  if (options.reuse === false) return loadFresh(request, run).result;
  // A load whose outcome no run can tell from a fresh one is kept (see reusable.ts); the first run of a key
  // loads fresh and, if it qualifies, keeps that very load.
  let fresh: FreshLoad | undefined;
  const kept = keptLoads.get(keptLoadKey(request, files), () => {
    fresh = loadFresh(request, run);
    return keep(fresh, request);
  });
  if (kept) return kept.open(run);
  return (fresh ?? loadFresh(request, run)).result;
}

/** The per-run inputs a kept load is rebased on; everything else is in its key. */
interface RunSettings {
  files: ScenarioFiles;
  appDir: string;
  epochMs: number;
}

/** A fresh load and what deciding whether to keep it needs. */
interface FreshLoad {
  result: AppLoadResult;
  interp: Interpreter;
  host: FlaskHost;
  /** The module and the Flask app `callable` names, when that is what loaded. */
  flask?: { module: PyModule; app: AppState };
  /** The outcome depends only on the key (no interpreter fault, no wall clock). */
  deterministic: boolean;
}

function loadFresh(request: LoadRequest, run: RunSettings): FreshLoad {
  const { source, path, module, callable, appDir } = request;
  let host: FlaskHost | null = null;
  const libraryModules: Record<string, HostModuleFactory> = {
    flask: () => makeFlaskModule(getHost()),
    markupsafe: () => makeMarkupsafeModule(getHost().interp, getHost().classes.Markup),
    "werkzeug.exceptions": () => makeWerkzeugExceptionsModule(getHost()),
    "werkzeug.utils": () => makeWerkzeugUtilsModule(getHost()),
    "werkzeug.routing": () => makeWerkzeugRoutingModule(getHost()),
  };
  const own = projectModules(run.files, path, appDir, new Set([...Object.keys(libraryModules), ...Object.keys(stdlibModules)]));
  const interp = createInterpreter({
    environment: request.environment,
    epochMs: run.epochMs,
    stepBudget: request.stepBudget,
    hostModules: { ...libraryModules, ...own.factories },
  });
  const getHost = (): FlaskHost => {
    host ??= createFlaskHost(interp, run.epochMs, module.split(".").pop() ?? module);
    return host;
  };
  const h = getHost();
  h.files = run.files;
  h.appDir = appDir;
  h.deployEpochMs = run.epochMs;
  const loaded = interp.loadModule(source, { filename: `${appDir}${path}`, path, moduleName: module });
  const output = drain(interp);
  // A load that imported the project's own modules or read a config file depends on their contents, which the kept
  // load's key leaves out.
  const deterministic = interp.wallClockReads === 0 && !own.used && !h.readScenarioFiles && (loaded.ok || loaded.kind !== "internal-error");
  const done = (result: AppLoadResult, flask?: FreshLoad["flask"]): FreshLoad => ({ result, interp, host: h, flask, deterministic });
  if (h.devServer) {
    const start = h.devServer;
    const message = `${path}:${start.line}: app.run() started the development server while importing ${module}`;
    const messageKo = `${path} ${start.line}행의 app.run()이 import 중에 Flask 개발 서버를 띄웠습니다. if __name__ == "__main__": 아래로 옮기세요.`;
    return { ...done({ ok: false, error: loadError(path, message, messageKo, start.line), traceback: "", output, devServer: start }), deterministic: interp.wallClockReads === 0 };
  }
  if (!loaded.ok && own.refused) return done({ ...own.refused, output });
  if (!loaded.ok) return done({ ok: false, error: loaded.error, traceback: loaded.traceback, output });
  const target = loaded.module.attrs.get(callable);
  const app = target !== undefined && isInstance(target) ? h.apps.find((a) => a.instance === target) : undefined;
  if (target !== undefined && !app && isPlainFunction(target)) {
    const fn = target;
    const raw = { call: (environ: Environ, context: AppCallContext) => counted(interp, () => callRawWsgi(interp, fn, environ, context)) };
    return { ...done({ ok: true, output, app: raw }), deterministic: false };
  }
  if (target === undefined || !app) {
    const message =
      target === undefined ? `Failed to find attribute '${callable}' in '${module}'.` : "Application object must be callable.";
    const messageKo =
      target === undefined
        ? `${path}에 '${callable}'${josa(callable, "이다/다") === "이다" ? "이라는" : "라는"} 이름이 없습니다. app = Flask(__name__) 처럼 WSGI 애플리케이션을 만들어야 합니다.`
        : `${path}의 '${callable}'${josa(callable, "은/는")} Flask 애플리케이션이 아닙니다.`;
    return done({ ok: false, error: loadError(path, message, messageKo), traceback: `${message}\n`, output });
  }
  const refused = refusedTemplate(run.files, app, () => output);
  if (refused) return done(refused);
  return done({ ok: true, output, app: flaskWsgi(h, app) }, { module: loaded.module, app });
}

/**
 * The load-time template check: a template the model cannot run fails the load with the honest message (file and
 * line), as an unsupported construct in app.py does; null when every template is fine.
 */
function refusedTemplate(files: ScenarioFiles, app: AppState, output: () => AppOutput[]): AppLoadResult | null {
  const template = checkTemplates(files, templateFolders.get(app.instance));
  if (!template) return null;
  const message = unsupportedMessage(template.feature, template.path, template.line);
  const messageKo = unsupportedMessageKo(template.feature, template.path, template.line);
  return { ok: false, error: { file: template.path, path: template.path, line: template.line, message, messageKo }, traceback: `${message}\n`, output: output() };
}

/** Marks the apps served by a kept load (see isKeptApp). */
const KEPT = Symbol("kept load");

/**
 * The Flask app as the gateways call it. A kept app passes `around`, which wraps each call (rebasing the shared
 * interpreter on the run); its object is marked KEPT.
 */
function flaskWsgi(host: FlaskHost, app: AppState, around?: <T>(call: () => T) => T): FlaskWsgiApplication {
  const each = around ?? (<T>(call: () => T): T => call());
  return {
    call(environ: Environ, context: AppCallContext) {
      return each(() => counted(host.interp, () => callApp(host, app, environ, context), around !== undefined));
    },
    callWithInfo(environ: Environ, context: AppCallContext) {
      const info: DispatchInfo = { endpoint: null, unhandled: null };
      const outcome = each(() => counted(host.interp, () => callApp(host, app, environ, context, info), around !== undefined));
      return { outcome, info };
    },
    rules() {
      return app.map.rules.map((r) => ({ rule: r.rule, endpoint: r.endpoint, methods: [...r.methods].sort() }));
    },
    ...(around ? { [KEPT]: true } : {}),
  };
}

/** The outcome of one WSGI call with the interpreter steps it used, and whether it is repeatable (isRepeatable). */
function counted(interp: Interpreter, call: () => AppOutcome, kept = false): AppOutcome {
  const before = interp.stepsTotal;
  const clock = interp.wallClockReads;
  const outcome = call();
  outcome.steps = interp.stepsTotal - before;
  if (kept && interp.wallClockReads === clock) repeatableOutcomes.add(outcome);
  return outcome;
}

/** Outcomes the same environ would give again: an app no call can change (a kept load) that read no clock. */
const repeatableOutcomes = new WeakSet<AppOutcome>();

export function isRepeatable(outcome: AppOutcome): boolean {
  return repeatableOutcomes.has(outcome);
}

// ================================================================ kept loads

/** A load outcome that serves many runs: open() gives each run its own result. */
interface KeptLoad {
  open(run: RunSettings): AppLoadResult;
}

/**
 * Kept loads by everything a load depends on except the per-run epoch, files' contents and so on (RunSettings).
 * Bounded: each holds an interpreter.
 */
const keptLoads = memo<KeptLoad | null>(32);

/** The static route exists when the files include `static/...`: the file names are part of the key. */
function keptLoadKey(request: LoadRequest, files: ScenarioFiles): string {
  // The same scenario asks with the same values run after run: hand back the very same key string, whose hash the
  // engine has already computed, instead of building and hashing a new one.
  const last = lastKeys.get(files);
  if (last && sameRequest(last.request, request)) return last.key;
  const key = buildKeptLoadKey(request, files);
  lastKeys.set(files, { request: { ...request, environment: { ...request.environment } }, key }); // a copy: callers may reuse objects
  return key;
}

const lastKeys = new WeakMap<ScenarioFiles, { request: LoadRequest; key: string }>();

function sameRequest(a: LoadRequest, b: LoadRequest): boolean {
  return (
    a.sourceNumber === b.sourceNumber &&
    a.stepBudget === b.stepBudget &&
    a.module === b.module &&
    a.callable === b.callable &&
    a.appDir === b.appDir &&
    sameEnvironment(a.environment, b.environment)
  );
}

function sameEnvironment(a: Record<string, string>, b: Record<string, string>): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k, i) => keysB[i] === k && a[k] === b[k]);
}

function buildKeptLoadKey(request: LoadRequest, files: ScenarioFiles): string {
  const { module, callable, appDir, stepBudget, environment, sourceNumber } = request;
  // Built by concatenation (this runs for every run), each text prefixed by its length so that no two different
  // requests give the same key whatever characters their names hold.
  const part = (text: string) => `${text.length}:${text}`;
  let key = `${sourceNumber}|${stepBudget}|${part(module)}${part(callable)}${part(appDir)}`;
  for (const name of Object.keys(environment)) key += `e${part(name)}${part(environment[name])}`;
  return key + fileNamesKey(files);
}

/** The file names part of a kept load's key, once per files map (a scenario's map is never changed). */
const fileNamesKeys = new WeakMap<ScenarioFiles, string>();
function fileNamesKey(files: ScenarioFiles): string {
  let key = fileNamesKeys.get(files);
  if (key === undefined) {
    key = "";
    for (const name of files.keys()) key += `f${name.length}:${name}`;
    fileNamesKeys.set(files, key);
  }
  return key;
}

function keep(fresh: FreshLoad, request: LoadRequest): KeptLoad | null {
  if (!fresh.deterministic) return null;
  if (!fresh.result.ok) return new KeptFailure(fresh.result);
  if (!fresh.flask) return null;
  const verdict = checkSourceReuse(request.source, REUSE_POLICY);
  const problem = reuseProblem({ interp: fresh.interp, host: fresh.host, module: fresh.flask.module, verdict });
  return problem === null ? new KeptApp(fresh.interp, fresh.host, fresh.flask.app, fresh.result.output) : null;
}

function copyOutput(output: AppOutput[]): AppOutput[] {
  return output.map((o) => ({ ...o }));
}

/** A load that failed the same way for every run (syntax error, exception at import, missing app...). */
class KeptFailure implements KeptLoad {
  constructor(private readonly failure: Extract<AppLoadResult, { ok: false }>) {}

  open(): AppLoadResult {
    const { error, traceback, output, devServer } = this.failure;
    return { ok: false, error: { ...error }, traceback, output: copyOutput(output), ...(devServer ? { devServer: { ...devServer } } : {}) };
  }
}

/**
 * A loaded Flask app whose functions cannot change anything (reusable.ts). Each run gets the state a fresh load
 * would have left: the clock as it was right after loading, its own epoch, files and folder.
 */
class KeptApp implements KeptLoad {
  private readonly loadedAtMs: number;
  private readonly loadTruncated: boolean;

  constructor(
    private readonly interp: Interpreter,
    private readonly host: FlaskHost,
    private readonly app: AppState,
    private readonly loadOutput: AppOutput[],
  ) {
    this.loadedAtMs = interp.virtualMs;
    this.loadTruncated = interp.outputTruncated;
  }

  open(run: RunSettings): AppLoadResult {
    const { interp, host } = this;
    // This run's own clock and output flag, carried from call to call as one interpreter would.
    let virtualMs = this.loadedAtMs;
    let truncated = this.loadTruncated;
    const around = <T>(call: () => T): T => {
      interp.epochMs = run.epochMs;
      interp.virtualMs = virtualMs;
      interp.outputTruncated = truncated;
      host.epochMs = run.epochMs;
      host.deployEpochMs = run.epochMs;
      host.files = run.files;
      host.appDir = run.appDir;
      host.current = null;
      try {
        return call();
      } finally {
        virtualMs = interp.virtualMs;
        truncated = interp.outputTruncated;
      }
    };
    return refusedTemplate(run.files, this.app, () => copyOutput(this.loadOutput)) ?? { ok: true, output: copyOutput(this.loadOutput), app: flaskWsgi(host, this.app, around) };
  }
}

/** Whether `app` came from a kept load rather than a fresh one (for tests and diagnostics). */
export function isKeptApp(app: WsgiApplication): boolean {
  return KEPT in app;
}

/** The loader run.ts uses (app.py under `/srv/app/`). */
export const flaskAppLoader: AppLoader = createFlaskAppLoader();

export type { DispatchInfo };

/** The WsgiApplication the loader returns, with extras for the trace/diagram (optional to use). */
export interface FlaskWsgiApplication extends WsgiApplication {
  /** Like call(), also reporting which endpoint ran and the unhandled exception Flask logged (`Type: message`). */
  callWithInfo(environ: Environ, context: AppCallContext): { outcome: AppOutcome; info: DispatchInfo };
  /** The URL rules in registration order (for a "route" decision step). */
  rules(): Array<{ rule: string; endpoint: string; methods: string[] }>;
}
