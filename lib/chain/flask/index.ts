/**
 * The Flask 2.2.2 model behind the WSGI gateways: `flaskAppLoader.load()` runs the scenario's app.py on the
 * embedded Python with `flask` / `markupsafe` / `werkzeug.exceptions` host modules and returns a WsgiApplication.
 * See README.md for the design.
 */
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
import { createInterpreter, isInstance } from "../python";
import type { Interpreter, PyValue } from "../python";
import { callApp } from "./binding/dispatch";
import { callRawWsgi } from "./binding/raw-wsgi";
import type { DispatchInfo } from "./binding/dispatch";
import { createFlaskHost, makeFlaskModule, makeMarkupsafeModule, makeWerkzeugExceptionsModule } from "./binding/flask-module";
import type { FlaskHost } from "./binding/host";

export interface FlaskLoaderOptions {
  /** Folder app.py lives in on the modelled server (tracebacks show it). Default `/srv/app/`. */
  appDir?: string;
  /** Wall-clock epoch ms at virtual time 0 for time.time() (log timestamps use the call context instead). */
  epochMs?: number;
  /** Interpreter steps per top-level call (import, each view...). */
  stepBudget?: number;
}

export const DEFAULT_STEP_BUDGET = 1_000_000;

const decoder = new TextDecoder("utf-8", { fatal: true });

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
        return loadApp(files, module, callable, environment);
      } catch (e) {
        // A bug in the model must not break the chain: report it as a load failure.
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        const path = `${module.replace(/\./g, "/")}.py`;
        return { ok: false, error: loadError(path, message, `${path}을(를) 불러오는 중 내부 오류가 났습니다: ${message}`), traceback: `${message}\n`, output: [] };
      }
    },
  };

  function loadApp(files: ScenarioFiles, module: string, callable: string, environment: Record<string, string>): AppLoadResult {
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
    let source: string;
    try {
      source = decoder.decode(bytes);
    } catch {
      const message = `SyntaxError: (unicode error) 'utf-8' codec can't decode bytes in ${path}`;
      return { ok: false, error: loadError(path, message, `${path}이(가) UTF-8 텍스트가 아닙니다.`), traceback: `${message}\n`, output: [] };
    }
    const appDir = (options.appDir ?? "/srv/app/").replace(/\/?$/, "/");
    let host: FlaskHost | null = null;
    const interp = createInterpreter({
      environment,
      epochMs: options.epochMs ?? 0,
      stepBudget: options.stepBudget ?? DEFAULT_STEP_BUDGET,
      hostModules: {
        flask: () => makeFlaskModule(getHost()),
        markupsafe: () => makeMarkupsafeModule(getHost().interp, getHost().classes.Markup),
        "werkzeug.exceptions": () => makeWerkzeugExceptionsModule(getHost()),
      },
    });
    const getHost = (): FlaskHost => {
      host ??= createFlaskHost(interp, options.epochMs ?? 0, module.split(".").pop() ?? module);
      return host;
    };
    const h0 = getHost();
    h0.files = files;
    h0.appDir = appDir;
    h0.deployEpochMs = options.epochMs ?? 0;
    const loaded = interp.loadModule(source, { filename: `${appDir}${path}`, path, moduleName: module });
    const output = drain(interp);
    if (!loaded.ok) return { ok: false, error: loaded.error, traceback: loaded.traceback, output };
    const target = loaded.module.attrs.get(callable);
    const h = getHost();
    const app = target !== undefined && isInstance(target) ? h.apps.find((a) => a.instance === target) : undefined;
    if (target !== undefined && !app && isPlainFunction(target)) {
      const fn = target;
      return {
        ok: true,
        output,
        app: { call: (environ: Environ, context: AppCallContext) => callRawWsgi(interp, fn, environ, context) },
      };
    }
    if (target === undefined || !app) {
      const message =
        target === undefined ? `Failed to find attribute '${callable}' in '${module}'.` : "Application object must be callable.";
      const messageKo =
        target === undefined
          ? `${path}에 '${callable}'이라는 이름이 없습니다. app = Flask(__name__) 처럼 WSGI 애플리케이션을 만들어야 합니다.`
          : `${path}의 '${callable}'은(는) Flask 애플리케이션이 아닙니다.`;
      return { ok: false, error: loadError(path, message, messageKo), traceback: `${message}\n`, output };
    }
    const wsgi: FlaskWsgiApplication = {
      call(environ: Environ, context: AppCallContext) {
        return callApp(h, app, environ, context);
      },
      callWithInfo(environ: Environ, context: AppCallContext) {
        const info: DispatchInfo = { endpoint: null, unhandled: null };
        const outcome = callApp(h, app, environ, context, info);
        return { outcome, info };
      },
      rules() {
        return app.map.rules.map((r) => ({ rule: r.rule, endpoint: r.endpoint, methods: [...r.methods].sort() }));
      },
    };
    return { ok: true, output, app: wsgi };
  }
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
