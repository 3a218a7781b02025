/**
 * The `flask` host module: the Flask class (route, get/post..., errorhandler, before/after_request, config,
 * logger) and the helpers jsonify, abort, redirect, url_for, make_response, plus `werkzeug.exceptions`.
 */
import type { Interpreter, Runtime, Kwargs, NativeFn, PyBuiltin, PyClass, PyInstance, PyModule, PyValue } from "../../python";
import { dictGet, dictItems, dictSet, isInstance, pyBuiltin, pyError, pyList, pyModule, PyRaise, strOf } from "../../python";
import { ABORT_FRAMES } from "./frames";
import { LEVEL_NUMBERS } from "./logging";
import { FlaskResponse } from "../response";
import { safeJoinName, sendFileHeaders } from "../static-files";
import type { SendFileOptions } from "../static-files";
import type { LogLevel } from "./logging";
import { sharedHeadersClass, sharedMultiDictClass, sharedOpaqueClass, sharedUuidClass } from "./datastructures";
import { classCode, httpData, httpExceptionClasses, newHttpException } from "./exceptions";
import type { HttpExceptionClasses } from "./exceptions";
import { errorPageHtml } from "../http/exceptions";
import { escapeHtml } from "../markup";
import { runDevServer } from "./dev-server";
import { honestLimit } from "./limits";
import { converterResolver } from "./converters";
import { blueprintClass, registerBlueprint } from "./blueprints";
import { makeConfigClass, setConfigRoot } from "./config";
import type { PyDictObject } from "../../python";
import type { AppState, FlaskClasses } from "./host";
import { FlaskHost, ruleDefaults } from "./host";
import { makeMarkupsafeModule, sharedMarkupClass } from "./markupsafe";
import { currentRequest, makeRequestClass } from "./request-object";
import { ResponseFactory, setCookieClock } from "./response-object";
import { sessionGlobals } from "./session-object";
import { addSessionConfig } from "./session-store";
import { pyToRouteValue, raise } from "./convert";
import { contextProcessors, makeTemplating, templateFolders } from "./templating";
import { jinjaEnvOf, templateRegistryMethods } from "./template-registry";
import { makeAppGlobals } from "./app-globals";
import { makeCurrentApp } from "./current-app";
import { urlMapOf } from "./url-map";
import type { RouteValue } from "../routing/values";

/** Per-host extras the dispatcher needs besides FlaskClasses. */
export interface FlaskRuntime {
  host: FlaskHost;
  responses: ResponseFactory;
  /** Rules (by identity) for which Flask answers OPTIONS itself. */
  automaticOptions: WeakSet<object>;
}

const runtimes = new WeakMap<FlaskHost, FlaskRuntime>();
/** The same runtimes by interpreter (one host per interpreter), for the shared classes' methods. */
const runtimesByInterp = new WeakMap<Runtime, FlaskRuntime>();

export function runtimeOf(host: FlaskHost): FlaskRuntime {
  const rt = runtimes.get(host);
  if (!rt) throw new Error("flask runtime not initialised");
  return rt;
}

export function appOf(host: FlaskHost, self: PyValue): AppState {
  const app = host.apps.find((a) => a.instance === self);
  if (!app) throw pyError("TypeError", "descriptor requires a 'Flask' object");
  return app;
}

function functionName(interp: Runtime, f: PyValue): string {
  const name = interp.getAttrOrUndefined(f, "__name__");
  return typeof name === "string" ? name : interp.repr(f);
}

/** HTTPException's methods: they answer with the ResponseFactory of the interpreter that calls them. */
const HTTP_EXCEPTION_METHODS: Record<string, NativeFn> = {
  get_response: (args, _kwargs, interp) => {
    const data = httpData(args[0] ?? null);
    if (!data) throw pyError("TypeError", "get_response() needs an HTTPException");
    const { responses } = runtimeOfInterp(interp);
    return responses.wrap(responses.fromHttpException(data));
  },
  get_body: (args) => {
    const data = httpData(args[0] ?? null);
    if (!data) throw pyError("TypeError", "get_body() needs an HTTPException");
    return errorPageHtml(data.error.code, data.error.description);
  },
  get_description: (args) => {
    const data = httpData(args[0] ?? null);
    if (!data) throw pyError("TypeError", "get_description() needs an HTTPException");
    return data.error.description ? `<p>${escapeHtml(data.error.description).replace(/\n/g, "<br>")}</p>` : "";
  },
};

function runtimeOfInterp(interp: Runtime): FlaskRuntime {
  const rt = runtimesByInterp.get(interp);
  if (!rt) throw new Error("flask runtime not initialised");
  return rt;
}

/** werkzeug.exceptions' classes (built once, see exceptions.ts) with HTTPException's methods. */
function httpClasses(): HttpExceptionClasses {
  const http = httpExceptionClasses();
  http.HTTPException.native.methods ??= HTTP_EXCEPTION_METHODS;
  return http;
}

/**
 * The classes of one host. Those that hold no per-run state are shared by all hosts (datastructures.ts,
 * markupsafe.ts, exceptions.ts); Flask, Request, Logger and Response are made per host below, as they read it.
 */
function buildClasses(): FlaskClasses {
  const http = httpClasses();
  return {
    Flask: null as unknown as PyClass,
    Request: null as unknown as PyClass,
    Response: null as unknown as PyClass,
    Headers: sharedHeadersClass("Headers"),
    EnvironHeaders: sharedHeadersClass("EnvironHeaders"),
    MultiDict: sharedMultiDictClass(),
    Markup: sharedMarkupClass(),
    UUID: sharedUuidClass(),
    Opaque: sharedOpaqueClass(),
    Config: null as unknown as PyClass,
    Logger: null as unknown as PyClass,
    HTTPException: http.HTTPException,
    byCode: http.byCode,
    RequestRedirect: http.RequestRedirect,
    BadRequestKeyError: http.BadRequestKeyError,
  };
}

/** Create the host and its runtime for one interpreter. */
export function createFlaskHost(interp: Interpreter, epochMs: number, moduleName: string): FlaskHost {
  const host = new FlaskHost(interp, epochMs, moduleName, buildClasses);
  const classes = host.classes;
  const responses = new ResponseFactory(interp, classes.Headers);
  setCookieClock(interp, () => host.epochMs + interp.virtualMs);
  classes.Response = responses.cls;
  classes.Request = makeRequestClass(host);
  classes.Logger = makeLoggerClass(host);
  classes.Config = makeConfigClass(host);
  classes.Flask = makeFlaskClass(host);
  const runtime: FlaskRuntime = { host, responses, automaticOptions: new WeakSet() };
  runtimes.set(host, runtime);
  runtimesByInterp.set(interp, runtime);
  return host;
}

function makeLoggerClass(host: FlaskHost): PyClass {
  const interp = host.interp;
  const app = (self: PyInstance) => self.data as AppState;
  const emit = (level: LogLevel) => (args: PyValue[], kwargs: Kwargs) => {
    const self = args[0] as PyInstance;
    if (args.length < 2) throw pyError("TypeError", `Logger.${level.toLowerCase()}() missing 1 required positional argument: 'msg'`);
    const threshold = app(self).loggerLevel ?? LEVEL_NUMBERS.WARNING;
    if (LEVEL_NUMBERS[level] < threshold) return null;
    const message = percentFormat(interp, interp.str(args[1]), args.slice(2));
    const excInfo = kwargs.get("exc_info");
    let tb: string | undefined;
    if (excInfo !== undefined && interp.truthy(excInfo) && isInstance(excInfo) && excInfo.exception) {
      tb = interp.formatTraceback(excInfo);
    }
    host.log(level, host.moduleName, message, tb);
    return null;
  };
  return interp.makeClass("Logger", "logging", {
    repr: (self) => `<Logger ${app(self).importName} (${levelName(app(self).loggerLevel ?? LEVEL_NUMBERS.WARNING)})>`,
    getattr: (self, name) => {
      if (name === "name") return app(self).importName;
      if (name === "level") return BigInt(app(self).loggerLevel ?? 0);
      return undefined;
    },
    methods: {
      debug: emit("DEBUG"),
      info: emit("INFO"),
      warning: emit("WARNING"),
      warn: emit("WARNING"),
      error: emit("ERROR"),
      critical: emit("CRITICAL"),
      exception: emit("ERROR"),
      setLevel: (args) => {
        const self = args[0] as PyInstance;
        const level = args[1];
        if (typeof level === "bigint") app(self).loggerLevel = Number(level);
        else {
          const name = strOf(level ?? "") ?? "";
          if (!(name in LEVEL_NUMBERS)) throw pyError("ValueError", `Unknown level: ${interp.repr(level ?? null)}`);
          app(self).loggerLevel = LEVEL_NUMBERS[name as LogLevel];
        }
        return null;
      },
    },
  });
}

function levelName(n: number): string {
  return (Object.entries(LEVEL_NUMBERS).find(([, v]) => v === n)?.[0] ?? `Level ${n}`) as string;
}

/** logging's `msg % args` for the common conversions. */
function percentFormat(interp: Runtime, msg: string, args: PyValue[]): string {
  if (args.length === 0) return msg;
  let i = 0;
  const out = msg.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([sdrifx%])/g, (whole, _flags: string, conv: string) => {
    if (conv === "%") return "%";
    if (i >= args.length) throw pyError("TypeError", "not enough arguments for format string");
    const v = args[i++];
    if (conv === "s") return interp.str(v);
    if (conv === "r") return interp.repr(v);
    if (conv === "d" || conv === "i") return typeof v === "number" ? String(Math.trunc(v)) : interp.str(v);
    return interp.format(v, whole.slice(1));
  });
  if (i < args.length) throw pyError("TypeError", "not all arguments converted during string formatting");
  return out;
}

/** The `static` views this module made (they read only the current run's files and clock). */
const staticViews = new WeakSet<object>();

export function isStaticView(v: PyValue): boolean {
  return v !== null && typeof v === "object" && staticViews.has(v);
}

/** Flask's `static` view: send_from_directory(static_folder, filename). */
function makeStaticView(host: FlaskHost, folder: string): PyValue {
  const view = sendStaticFile(host, folder);
  staticViews.add(view);
  return view;
}

function sendStaticFile(host: FlaskHost, folder: string): PyBuiltin {
  return pyBuiltin("send_static_file", (_args, kwargs) => sendFromFolder(host, folder, strOf(kwargs.get("filename") ?? "") ?? ""));
}

/**
 * send_from_directory(folder, filename) on the scenario's files (`folder` relative to the app's folder, "" for
 * the folder itself): safe_join, 404 when it escapes or names no file, send_file's headers.
 */
export function sendFromFolder(host: FlaskHost, folder: string, filename: string, options: SendFileOptions = {}): PyValue {
  const interp = host.interp;
  const name = safeJoinName(filename);
  const key = name === null ? "" : folder ? `${folder}/${name}` : name;
  const data = name === null ? undefined : host.files.get(key);
  if (name === null || data === undefined) {
    throw new PyRaise(newHttpException(interp, host.classes.byCode.get(404)!, 404));
  }
  const headers = sendFileHeaders(`${host.appDir}${key}`, data.length, Math.floor(host.deployEpochMs / 1000), host.epochMs + interp.virtualMs, options);
  const response = FlaskResponse.create(data, { headers });
  if ("pyType" in response) raise(response);
  return runtimeOf(host).responses.wrap(response);
}

/** app.instance_path by app instance. */
const instancePaths = new WeakMap<object, string>();

/** The app's static folder (relative to its folder), null for static_folder=None. */
export const staticFolders = new WeakMap<object, string | null>();

/** Scaffold._get_exc_class_and_code: what an errorhandler key registers, or the error Flask raises for it. */
export function handlerKey(interp: Runtime, host: FlaskHost, key: PyValue): { code: number | null; cls: PyClass } {
  if (typeof key === "bigint") {
    const cls = host.classes.byCode.get(Number(key));
    if (!cls) {
      throw pyError("ValueError", `'${key}' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead.`);
    }
    return { code: Number(key), cls };
  }
  if (key !== null && typeof key === "object" && key.kind === "class") {
    if (!interp.isinstance(interp.newException(key), interp.builtinClass("Exception"))) {
      throw pyError("ValueError", `'${interp.repr(key)}' is not a subclass of Exception. Handlers can only be registered for Exception classes or HTTP error codes.`);
    }
    return { code: classCode(key), cls: key };
  }
  if (isInstance(key) && key.exception) {
    throw pyError("TypeError", `${interp.repr(key)} is an instance, not a class. Handlers can only be registered for Exception classes or HTTP error codes.`);
  }
  throw pyError("ValueError", `'${interp.repr(key)}' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead.`);
}

function ruleDefaultsOf(interp: Runtime, value: PyValue): Array<[string, PyValue]> {
  if (value === null || typeof value !== "object" || value.kind !== "dict") {
    throw pyError("TypeError", `'${interp.typeName(value)}' object is not iterable`);
  }
  return dictItems(value).map(([k, v]) => [interp.str(k), v] as [string, PyValue]);
}

/** What blueprints (blueprints.ts) need from the Flask class of their host. */
export interface AppOps {
  addUrlRule(app: AppState, rule: PyValue, endpoint: PyValue, viewFunc: PyValue, options: Kwargs): void;
  staticView(folder: string): PyValue;
}

const appOps = new WeakMap<FlaskHost, AppOps>();

export function appOpsOf(host: FlaskHost): AppOps {
  const ops = appOps.get(host);
  if (!ops) throw new Error("flask class not initialised");
  return ops;
}

function makeFlaskClass(host: FlaskHost): PyClass {
  const interp = host.interp;
  const rt = () => runtimeOf(host);

  const addUrlRule = (app: AppState, ruleArg: PyValue, endpointArg: PyValue, viewFunc: PyValue, options: Kwargs): void => {
    const rule = strOf(ruleArg);
    if (rule === undefined) throw pyError("TypeError", `expected string or bytes-like object, got '${interp.typeName(ruleArg)}'`);
    let endpoint = endpointArg === null ? null : interp.str(endpointArg);
    if (endpoint === null) {
      if (viewFunc === null) throw pyError("AssertionError", "expected view func if endpoint is not provided.");
      endpoint = functionName(interp, viewFunc);
    }
    let methods: string[] | null = null;
    let strictSlashes: boolean | undefined;
    let automatic: boolean | null = null;
    let defaults: Array<[string, PyValue]> = [];
    for (const [key, value] of options) {
      if (key === "methods") {
        if (value === null) continue;
        if (strOf(value) !== undefined) {
          throw pyError("TypeError", 'Allowed methods must be a list of strings, for example: @app.route(..., methods=["POST"])');
        }
        methods = interp.iterate(value).map((m) => interp.str(m).toUpperCase());
      } else if (key === "strict_slashes") strictSlashes = value === null ? undefined : interp.truthy(value);
      else if (key === "provide_automatic_options") automatic = value === null ? null : interp.truthy(value);
      else if (key === "defaults") defaults = value === null ? [] : ruleDefaultsOf(interp, value);
      else if (key === "subdomain" && value === null) continue;
      else if (key === "subdomain" || key === "host" || key === "redirect_to" || key === "alias" || key === "build_only") {
        honestLimit(host, `route(..., ${key}=...)`);
      } else throw pyError("TypeError", `Rule.__init__() got an unexpected keyword argument '${key}'`);
    }
    const given = new Set(methods ?? ["GET"]);
    if (automatic === null) automatic = !given.has("OPTIONS");
    const added = app.map.add(rule, {
      endpoint,
      methods: [...given],
      automaticOptions: automatic,
      strictSlashes,
      defaults: defaults.map(([k, v]) => [k, pyToRouteValue(interp, v)] as [string, RouteValue | null]),
      converters: converterResolver(host, app, () => urlMapOf(interp, app, host)),
    });
    if ("pyType" in added && added.pyType === "RegexUnsupported") honestLimit(host, `URL 변환기 정규식의 일부 기능 (${added.message})`);
    if ("pyType" in added && added.pyType === "RegexInvalid") {
      // Werkzeug compiles a part's regex only when a request reaches it (re.error, 500); the model reads it now.
      honestLimit(host, `문법 오류가 있는 URL 변환기 정규식 (${added.message}; 실제 Werkzeug는 요청이 이 규칙에 닿을 때 re.error로 500을 냅니다)`);
    }
    if ("pyType" in added) raise(added);
    if (defaults.length > 0) ruleDefaults.set(added, defaults);
    if (automatic) rt().automaticOptions.add(added);
    if (viewFunc !== null) {
      const old = app.views.get(endpoint);
      if (old !== undefined && old !== viewFunc) {
        throw pyError("AssertionError", `View function mapping is overwriting an existing endpoint function: ${endpoint}`);
      }
      app.views.set(endpoint, viewFunc);
    }
  };

  const routeDecorator = (app: AppState, rule: PyValue, options: Kwargs) => {
    const endpoint = options.get("endpoint") ?? null;
    const rest = new Map([...options].filter(([k]) => k !== "endpoint"));
    return pyBuiltin("decorator", (args) => {
      const f = args[0] ?? null;
      addUrlRule(app, rule, endpoint, f, rest);
      return f;
    });
  };

  const methodRoute = (method: string) => (args: PyValue[], kwargs: Kwargs) => {
    const app = appOf(host, args[0]);
    if (kwargs.has("methods")) throw pyError("TypeError", "Use the 'route' decorator to use the 'methods' argument.");
    if (args.length < 2) throw pyError("TypeError", `${method.toLowerCase()}() missing 1 required positional argument: 'rule'`);
    return routeDecorator(app, args[1], new Map([...kwargs, ["methods", pyList([method])]]));
  };

  const registerHandler = (app: AppState, key: PyValue, f: PyValue): void => {
    app.errorHandlers.push({ ...handlerKey(interp, host, key), fn: f, blueprint: null });
  };

  const decoratorOf = (list: (app: AppState) => PyValue[], name: string) => (args: PyValue[]) => {
    const app = appOf(host, args[0]);
    if (args.length !== 2) throw pyError("TypeError", `${name}() missing 1 required positional argument: 'f'`);
    list(app).push(args[1]);
    return args[1];
  };

  appOps.set(host, { addUrlRule, staticView: (folder) => makeStaticView(host, folder) });

  return interp.makeClass("Flask", "flask.app", {
    construct: (cls, args, kwargs) => {
      if (args.length < 1 && !kwargs.has("import_name")) {
        throw pyError("TypeError", "Flask.__init__() missing 1 required positional argument: 'import_name'");
      }
      const importName = interp.str(args[0] ?? kwargs.get("import_name") ?? "");
      const inst = interp.newInstance(cls);
      const app = host.newApp(importName, inst);
      inst.data = app;
      for (const key of ["root_path", "host_matching", "static_host", "subdomain_matching"]) {
        if (kwargs.has(key) && kwargs.get(key) !== null && kwargs.get(key) !== false) honestLimit(host, `Flask(..., ${key}=...)`);
      }
      const instanceArg = kwargs.get("instance_path") ?? null;
      if (instanceArg !== null && !interp.str(instanceArg).startsWith("/")) {
        throw pyError("ValueError", "If an instance path is provided it must be absolute. A relative path was given instead.");
      }
      // auto_find_instance_path: a module that is not an installed package keeps `instance` beside it.
      instancePaths.set(inst, instanceArg === null ? `${host.appDir}instance` : interp.str(instanceArg));
      if (interp.truthy(kwargs.get("instance_relative_config") ?? false)) setConfigRoot(app.config as PyDictObject, instancePaths.get(inst)!);
      const templateFolder = kwargs.get("template_folder");
      if (templateFolder !== undefined && templateFolder !== null) templateFolders.set(inst, interp.str(templateFolder).replace(/^\.?\/+|\/+$/g, ""));
      addSessionConfig(interp, app.config);
      const folderArg = kwargs.has("static_folder") ? kwargs.get("static_folder")! : "static";
      const folder = folderArg === null ? null : interp.str(folderArg).replace(/^\.?\/+|\/+$/g, "");
      staticFolders.set(inst, folder);
      // Flask 2.2 registers the static route whenever static_folder is set, whether or not the folder exists.
      if (folder !== null) {
        const urlArg = kwargs.get("static_url_path") ?? null;
        const urlPath = urlArg === null ? `/${folder.split("/").pop()}` : interp.str(urlArg).replace(/\/+$/, "");
        addUrlRule(app, `${urlPath}/<path:filename>`, "static", makeStaticView(host, folder), new Map());
      }
      return inst;
    },
    repr: (self) => `<Flask ${interp.repr((self.data as AppState).importName)}>`,
    setattr: (self, name, value) => {
      const key = { secret_key: "SECRET_KEY", permanent_session_lifetime: "PERMANENT_SESSION_LIFETIME", session_cookie_name: "SESSION_COOKIE_NAME" }[name];
      if (key === undefined) {
        self.attrs.set(name, value);
        return true;
      }
      dictSet(interp, (self.data as AppState).config, key, value);
      return true;
    },
    getattr: (self, name) => {
      const app = self.data as AppState;
      switch (name) {
        case "config":
          return app.config;
        case "name":
        case "import_name":
          return app.importName;
        case "logger":
          return interp.newInstance(host.classes.Logger, { data: app });
        case "debug":
          return self.attrs.get("debug") ?? false;
        case "testing":
          return false;
        case "secret_key":
          return dictGet(interp, app.config, "SECRET_KEY") ?? null;
        case "permanent_session_lifetime": {
          const v = dictGet(interp, app.config, "PERMANENT_SESSION_LIFETIME") ?? null;
          if (typeof v !== "bigint") return v;
          return interp.call(interp.importModule("datetime").attrs.get("timedelta")!, [], new Map([["seconds", v]]));
        }
        case "session_cookie_name":
          return dictGet(interp, app.config, "SESSION_COOKIE_NAME") ?? null;
        case "jinja_env":
          return jinjaEnvOf(interp, self).value;
        case "root_path":
          return host.appDir.replace(/\/$/, "");
        case "instance_path":
          return instancePaths.get(self) ?? null;
        case "static_folder": {
          const folder = staticFolders.get(self) ?? null;
          return folder === null ? null : `${host.appDir}${folder}`;
        }
        case "blueprints":
          return interp.newDict([...app.blueprints].map(([k, v]) => [k, v] as [PyValue, PyValue]));
        case "view_functions":
          return interp.newDict([...app.views].map(([k, v]) => [k, v] as [PyValue, PyValue]));
        case "url_map":
          return urlMapOf(interp, app, host);
        default:
          return undefined;
      }
    },
    methods: {
      route: (args, kwargs) => {
        const app = appOf(host, args[0]);
        if (args.length < 2) throw pyError("TypeError", "route() missing 1 required positional argument: 'rule'");
        return routeDecorator(app, args[1], kwargs);
      },
      get: methodRoute("GET"),
      post: methodRoute("POST"),
      put: methodRoute("PUT"),
      delete: methodRoute("DELETE"),
      patch: methodRoute("PATCH"),
      add_url_rule: (args, kwargs) => {
        const app = appOf(host, args[0]);
        const positional = ["rule", "endpoint", "view_func", "provide_automatic_options"];
        const bound: Record<string, PyValue> = { endpoint: null, view_func: null };
        args.slice(1).forEach((a, i) => (bound[positional[i]] = a));
        const options = new Map<string, PyValue>();
        for (const [k, v] of kwargs) {
          if (positional.includes(k) && k !== "provide_automatic_options") bound[k] = v;
          else options.set(k, v);
        }
        if (bound.rule === undefined) throw pyError("TypeError", "add_url_rule() missing 1 required positional argument: 'rule'");
        if (bound.provide_automatic_options !== undefined) options.set("provide_automatic_options", bound.provide_automatic_options);
        addUrlRule(app, bound.rule, bound.endpoint, bound.view_func, options);
        return null;
      },
      errorhandler: (args) => {
        const app = appOf(host, args[0]);
        const key = args[1] ?? null;
        return pyBuiltin("decorator", (inner) => {
          registerHandler(app, key, inner[0] ?? null);
          return inner[0] ?? null;
        });
      },
      register_error_handler: (args) => {
        registerHandler(appOf(host, args[0]), args[1] ?? null, args[2] ?? null);
        return null;
      },
      before_request: decoratorOf((app) => app.beforeRequest, "before_request"),
      after_request: decoratorOf((app) => app.afterRequest, "after_request"),
      teardown_request: (args) => args[1] ?? null,
      teardown_appcontext: (args) => args[1] ?? null,
      before_first_request: (args) => args[1] ?? null,
      send_static_file: (args, kwargs) => {
        const a = interp.bindArgs("send_static_file", args.slice(1), kwargs, ["filename"]);
        const folder = staticFolders.get(appOf(host, args[0]).instance) ?? null;
        if (folder === null) throw pyError("RuntimeError", "'static_folder' must be set to serve static_files.");
        return sendFromFolder(host, folder, interp.str(a.filename));
      },
      register_blueprint: (args, kwargs) => {
        const app = appOf(host, args[0]);
        if (args.length < 2) throw pyError("TypeError", "register_blueprint() missing 1 required positional argument: 'blueprint'");
        registerBlueprint(host, app, args[1], kwargs);
        return null;
      },
      context_processor: (args) => {
        const app = appOf(host, args[0]);
        const list = contextProcessors.get(app.instance) ?? [];
        list.push(args[1] ?? null);
        contextProcessors.set(app.instance, list);
        return args[1] ?? null;
      },
      ...templateRegistryMethods(interp, (self) => appOf(host, self).instance),
      run: (args, kwargs) => runDevServer(host, appOf(host, args[0]).importName, args, kwargs),
    },
  });
}

/** The `flask` module object. */
export function makeFlaskModule(host: FlaskHost): PyModule {
  const interp = host.interp;
  const classes = host.classes;
  const responses = runtimeOf(host).responses;
  const request = interp.newInstance(classes.Request);
  let buildErrorClass: PyClass | undefined;

  const jsonify = pyBuiltin("jsonify", (args, kwargs) => {
    if (args.length > 0 && kwargs.size > 0) throw pyError("TypeError", "app.json.response() takes either args or kwargs, not both");
    let value: PyValue;
    if (kwargs.size > 0) value = interp.newDict([...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue]));
    else if (args.length === 1) value = args[0];
    else if (args.length === 0) value = null;
    else value = pyList(args);
    return responses.json(value);
  });

  const abort = pyBuiltin("abort", (args, kwargs) => {
    const code = args[0] ?? kwargs.get("code") ?? null;
    const cls = typeof code === "bigint" ? classes.byCode.get(Number(code)) : undefined;
    if (!cls) {
      if (responses.unwrap(code)) throw pyError("NotImplementedError", "abort(Response) is not modelled");
      const raised = pyError("LookupError", `no exception for ${interp.repr(code)}`);
      // The frames of flask.abort and Werkzeug's Aborter, innermost last, as the real traceback shows them.
      raised.exception.exception?.traceback.push(...ABORT_FRAMES);
      throw raised;
    }
    const desc = args[1] ?? kwargs.get("description") ?? null;
    throw new PyRaise(newHttpException(interp, cls, Number(code), desc === null ? undefined : interp.str(desc)));
  });

  const redirect = pyBuiltin("redirect", (args, kwargs) => {
    const a = interp.bindArgs("redirect", args, kwargs, ["location", "code", "Response"], { code: 302n, Response: null });
    const code = typeof a.code === "bigint" ? Number(a.code) : 302;
    return responses.redirect(interp.str(a.location), code);
  });

  const urlFor = pyBuiltin("url_for", (args, kwargs) => {
    if (args.length !== 1) throw pyError("TypeError", "url_for() missing 1 required positional argument: 'endpoint'");
    const state = currentRequest(host);
    let endpoint = interp.str(args[0]);
    if (endpoint.startsWith(".")) {
      // Relative to the blueprint of the request's endpoint (or the app's own endpoints).
      const blueprint = FlaskHost.blueprintOf(state);
      endpoint = blueprint === null ? endpoint.slice(1) : `${blueprint}${endpoint}`;
    }
    let external = false;
    let anchor: string | null = null;
    const values: Array<[string, RouteValue | null]> = [];
    for (const [k, v] of kwargs) {
      if (k === "_external") external = interp.truthy(v);
      else if (k === "_anchor") anchor = v === null ? null : interp.str(v);
      else if (k === "_method" || k === "_scheme") continue;
      else values.push([k, pyToRouteValue(interp, v)]);
    }
    const built = state.app.map.build(state.binding, endpoint, values, external);
    if (typeof built !== "string") {
      if (built.pyType === "BuildError") {
        buildErrorClass ??= interp.makeExceptionClass("BuildError", "werkzeug.routing.exceptions", interp.builtinClass("LookupError"));
        throw new PyRaise(interp.newException(buildErrorClass, built.message));
      }
      raise(built);
    }
    return anchor === null ? built : `${built}#${encodeURI(anchor).replace(/#/g, "%23")}`;
  });

  const makeResponse = pyBuiltin("make_response", (args) => {
    const app = host.current?.app;
    if (!app) throw pyError("RuntimeError", "Working outside of application context.");
    if (args.length === 0) return responses.wrap(responses.makeResponse("", null));
    const rv = args.length === 1 ? args[0] : { kind: "tuple" as const, items: args };
    return responses.wrap(responses.makeResponse(rv, null));
  });

  const markupsafe = makeMarkupsafeModule(interp, classes.Markup);
  const currentApp = () => host.current?.app.instance ?? host.apps[0]?.instance ?? null;
  const templating = makeTemplating(host, () => mod, classes.Markup);
  const mod = pyModule("flask", {
    Flask: classes.Flask,
    Blueprint: blueprintClass(host),
    Response: classes.Response,
    request,
    jsonify,
    abort,
    redirect,
    url_for: urlFor,
    make_response: makeResponse,
    send_from_directory: sendFromDirectoryFn(host),
    send_file: pyBuiltin("send_file", () => honestLimit(host, "send_file()")),
    escape: markupsafe.attrs.get("escape") ?? null,
    Markup: classes.Markup,
    ...sessionGlobals(host),
    render_template: templating.render_template,
    render_template_string: templating.render_template_string,
    g: makeAppGlobals(host),
    current_app: makeCurrentApp(host),
  });
  void currentApp;
  return mod;
}

/** flask.send_from_directory(directory, path, as_attachment=, download_name=, mimetype=) on the scenario's files. */
function sendFromDirectoryFn(host: FlaskHost): PyBuiltin {
  const interp = host.interp;
  return pyBuiltin("send_from_directory", (args, kwargs) => {
    const known = ["directory", "path", "as_attachment", "download_name", "mimetype", "max_age", "conditional"];
    for (const k of kwargs.keys()) if (!known.includes(k)) honestLimit(host, `send_from_directory(..., ${k}=...)`);
    const a = interp.bindArgs("send_from_directory", args, kwargs, known, { as_attachment: false, download_name: null, mimetype: null, max_age: null, conditional: true });
    if (a.max_age !== null) honestLimit(host, "send_from_directory(..., max_age=...)");
    let directory = interp.str(a.directory);
    if (directory.startsWith("/")) {
      const root = host.appDir;
      const normalized = `${directory.replace(/\/+$/, "")}/`;
      if (!normalized.startsWith(root)) honestLimit(host, `시나리오 폴더 밖의 디렉터리 ${directory}에서 파일 보내기`);
      directory = normalized.slice(root.length);
    }
    const folder = directory.split("/").filter((p) => p !== "" && p !== ".").join("/");
    return sendFromFolder(host, folder, interp.str(a.path), {
      asAttachment: interp.truthy(a.as_attachment),
      downloadName: a.download_name === null ? null : interp.str(a.download_name),
      mimetype: a.mimetype === null ? null : interp.str(a.mimetype),
    });
  });
}

/** The `werkzeug.exceptions` module (HTTPException and its subclasses by class name). */
export function makeWerkzeugExceptionsModule(host: FlaskHost): PyModule {
  const attrs: Record<string, PyValue> = { HTTPException: host.classes.HTTPException };
  for (const cls of host.classes.byCode.values()) attrs[cls.name] = cls;
  attrs.BadRequestKeyError = host.classes.BadRequestKeyError;
  return pyModule("werkzeug.exceptions", attrs);
}

export { makeMarkupsafeModule };
