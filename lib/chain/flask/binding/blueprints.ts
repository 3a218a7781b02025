/**
 * flask.Blueprint as Flask 2.2 runs it: the blueprint records its routes and `app_*` functions and replays them
 * when `app.register_blueprint(bp, url_prefix=…, name=…)` is called (BlueprintSetupState: the prefix joined to each
 * rule, the endpoint `name.view`); its own error handlers and before/after_request functions are copied into the
 * app under the registered name, and the dispatcher picks them by request.blueprint.
 */
import type { Kwargs, NativeFn, PyClass, PyInstance, PyValue } from "../../python";
import { dictItems, pyBuiltin, pyError, pyList, strOf } from "../../python";
import type { AppState, FlaskHost } from "./host";
import { appOpsOf, handlerKey, sendFromFolder } from "./flask-module";
import { honestLimit } from "./limits";
import { contextProcessors, scopedContextProcessors } from "./templating";
import { blueprintRegistryMethods } from "./template-registry";

/** What BlueprintSetupState carries while the recorded functions run. */
interface SetupState {
  app: AppState;
  name: string;
  urlPrefix: string | null;
  urlDefaults: Array<[string, PyValue]>;
  /** First registration of this blueprint object on the app (record_once functions run only then). */
  first: boolean;
}

interface Deferred {
  once: boolean;
  run: (state: SetupState) => void;
}

interface BlueprintState {
  name: string;
  importName: string;
  urlPrefix: string | null;
  templateFolder: string | null;
  staticFolder: string | null;
  staticUrlPath: string | null;
  urlDefaults: Array<[string, PyValue]>;
  deferred: Deferred[];
  errorHandlers: Array<{ code: number | null; cls: PyClass; fn: PyValue }>;
  before: PyValue[];
  after: PyValue[];
  contextProcessors: PyValue[];
}

const classes = new WeakMap<FlaskHost, PyClass>();

function folderName(text: string): string {
  return text.replace(/^\.?\/+|\/+$/g, "");
}

function functionName(host: FlaskHost, f: PyValue): string {
  const name = host.interp.getAttrOrUndefined(f, "__name__");
  return typeof name === "string" ? name : host.interp.repr(f);
}

function stateOf(self: PyValue): BlueprintState {
  const data = (self as PyInstance).data as BlueprintState | undefined;
  if (!data || typeof data !== "object" || !("deferred" in data)) throw pyError("TypeError", "descriptor requires a 'Blueprint' object");
  return data;
}

function optionalStr(host: FlaskHost, v: PyValue | undefined): string | null {
  return v === undefined || v === null ? null : host.interp.str(v);
}

function defaultsOf(host: FlaskHost, v: PyValue | undefined): Array<[string, PyValue]> {
  if (v === undefined || v === null) return [];
  if (typeof v !== "object" || v.kind !== "dict") throw pyError("TypeError", `'${host.interp.typeName(v)}' object is not iterable`);
  return dictItems(v).map(([k, x]) => [host.interp.str(k), x] as [string, PyValue]);
}

/** BlueprintSetupState.add_url_rule: prefix, `name.endpoint`, the blueprint's url_defaults under the rule's own. */
function setupAddUrlRule(host: FlaskHost, s: SetupState, rule: string, endpoint: string | null, view: PyValue, options: Kwargs): void {
  let full = rule;
  if (s.urlPrefix !== null) full = rule ? [s.urlPrefix.replace(/\/+$/, ""), rule.replace(/^\/+/, "")].join("/") : s.urlPrefix;
  const name = endpoint ?? functionName(host, view);
  const rest = new Map(options);
  const own = rest.get("defaults");
  rest.delete("defaults");
  const merged = new Map([...s.urlDefaults, ...defaultsOf(host, own)]);
  rest.set("defaults", host.interp.newDict([...merged].map(([k, v]) => [k, v] as [PyValue, PyValue])));
  appOpsOf(host).addUrlRule(s.app, full, `${s.name}.${name}`, view, rest);
}

/** Blueprint.register, for a blueprint registered on the app itself (nested blueprints are an honest limit). */
export function registerBlueprint(host: FlaskHost, app: AppState, bp: PyValue, kwargs: Kwargs): void {
  const interp = host.interp;
  const cls = classes.get(host);
  if (!cls || !interp.isinstance(bp, cls)) throw pyError("AttributeError", `'${interp.typeName(bp)}' object has no attribute 'register'`);
  const self = bp as PyInstance;
  const data = stateOf(self);
  for (const key of kwargs.keys()) {
    if (key === "subdomain" && kwargs.get(key) === null) continue;
    if (!["url_prefix", "name", "url_defaults"].includes(key)) honestLimit(host, `register_blueprint(..., ${key}=...)`);
  }
  const selfName = optionalStr(host, kwargs.get("name")) ?? data.name;
  if (app.blueprints.has(selfName)) {
    const desc = app.blueprints.get(selfName) === self ? "this" : "a different";
    throw pyError("ValueError", `The name '${selfName}' is already registered for ${desc} blueprint. Use 'name=' to provide a unique name.`);
  }
  const first = ![...app.blueprints.values()].includes(self);
  app.blueprints.set(selfName, self);
  const state: SetupState = {
    app,
    name: selfName,
    urlPrefix: optionalStr(host, kwargs.get("url_prefix")) ?? data.urlPrefix,
    urlDefaults: [...data.urlDefaults, ...defaultsOf(host, kwargs.get("url_defaults"))],
    first,
  };
  if (data.staticFolder !== null) {
    const urlPath = data.staticUrlPath ?? `/${data.staticFolder.split("/").pop() ?? ""}`.replace(/\/+$/, "");
    setupAddUrlRule(host, state, `${urlPath}/<path:filename>`, "static", appOpsOf(host).staticView(data.staticFolder), new Map());
  }
  // The name is new on this app, so the blueprint's own functions are merged under it.
  for (const h of data.errorHandlers) app.errorHandlers.push({ ...h, blueprint: selfName });
  if (data.before.length) app.blueprintBefore.set(selfName, [...(app.blueprintBefore.get(selfName) ?? []), ...data.before]);
  if (data.after.length) app.blueprintAfter.set(selfName, [...(app.blueprintAfter.get(selfName) ?? []), ...data.after]);
  if (data.contextProcessors.length) {
    const scoped = scopedContextProcessors.get(app.instance) ?? new Map<string, PyValue[]>();
    scoped.set(selfName, [...(scoped.get(selfName) ?? []), ...data.contextProcessors]);
    scopedContextProcessors.set(app.instance, scoped);
  }
  if (data.templateFolder !== null) app.blueprintTemplateFolders.push(data.templateFolder);
  for (const d of data.deferred) if (!d.once || first) d.run(state);
}

/** Methods Flask's Blueprint has that the model does not run: each an honest limit naming the method. */
const UNSUPPORTED = [
  "register_blueprint",
  "record",
  "record_once",
  "url_value_preprocessor",
  "url_defaults",
  "app_url_value_preprocessor",
  "app_url_defaults",
  "before_app_first_request",
];

const METHOD_NAMES = ["GET", "POST", "PUT", "DELETE", "PATCH"];

export function blueprintClass(host: FlaskHost): PyClass {
  const existing = classes.get(host);
  if (existing) return existing;
  const interp = host.interp;

  const addUrlRule = (self: PyValue, rule: PyValue, endpoint: PyValue, view: PyValue, options: Kwargs): void => {
    const data = stateOf(self);
    const ruleText = strOf(rule);
    if (ruleText === undefined) throw pyError("TypeError", `expected string or bytes-like object, got '${interp.typeName(rule)}'`);
    const endpointText = endpoint === null ? null : interp.str(endpoint);
    if (endpointText && endpointText.includes(".")) throw pyError("ValueError", "'endpoint' may not contain a dot '.' character.");
    if (view !== null && functionName(host, view).includes(".")) throw pyError("ValueError", "'view_func' name may not contain a dot '.' character.");
    data.deferred.push({ once: false, run: (s) => setupAddUrlRule(host, s, ruleText, endpointText, view, options) });
  };

  const route = (self: PyValue, rule: PyValue, options: Kwargs): PyValue => {
    const endpoint = options.get("endpoint") ?? null;
    const rest = new Map([...options].filter(([k]) => k !== "endpoint"));
    return pyBuiltin("decorator", (args) => {
      const f = args[0] ?? null;
      addUrlRule(self, rule, endpoint, f, rest);
      return f;
    });
  };

  const methodRoute =
    (method: string): NativeFn =>
    (args, kwargs) => {
      if (kwargs.has("methods")) throw pyError("TypeError", "Use the 'route' decorator to use the 'methods' argument.");
      if (args.length < 2) throw pyError("TypeError", `${method.toLowerCase()}() missing 1 required positional argument: 'rule'`);
      return route(args[0], args[1], new Map([...kwargs, ["methods", pyList([method])]]));
    };

  /** A decorator that stores `f` in one of the blueprint's lists. */
  const collect =
    (name: string, list: (data: BlueprintState) => PyValue[]): NativeFn =>
    (args) => {
      if (args.length !== 2) throw pyError("TypeError", `${name}() missing 1 required positional argument: 'f'`);
      list(stateOf(args[0])).push(args[1]);
      return args[1];
    };

  /** A decorator recorded once: it adds `f` to the app when the blueprint is first registered. */
  const onApp =
    (name: string, apply: (app: AppState, f: PyValue) => void): NativeFn =>
    (args) => {
      if (args.length !== 2) throw pyError("TypeError", `${name}() missing 1 required positional argument: 'f'`);
      const f = args[1];
      stateOf(args[0]).deferred.push({ once: true, run: (s) => apply(s.app, f) });
      return f;
    };

  const errorHandler = (self: PyValue, key: PyValue, f: PyValue, onTheApp: boolean): void => {
    const resolved = handlerKey(interp, host, key);
    const data = stateOf(self);
    if (onTheApp) data.deferred.push({ once: true, run: (s) => s.app.errorHandlers.push({ ...resolved, fn: f, blueprint: null }) });
    else data.errorHandlers.push({ ...resolved, fn: f });
  };

  const methods: Record<string, NativeFn> = {
    route: (args, kwargs) => {
      if (args.length < 2) throw pyError("TypeError", "route() missing 1 required positional argument: 'rule'");
      return route(args[0], args[1], kwargs);
    },
    ...Object.fromEntries(METHOD_NAMES.map((m) => [m.toLowerCase(), methodRoute(m)])),
    add_url_rule: (args, kwargs) => {
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
      addUrlRule(args[0], bound.rule, bound.endpoint, bound.view_func, options);
      return null;
    },
    errorhandler: (args) => {
      const key = args[1] ?? null;
      return pyBuiltin("decorator", (inner) => {
        errorHandler(args[0], key, inner[0] ?? null, false);
        return inner[0] ?? null;
      });
    },
    app_errorhandler: (args) => {
      const key = args[1] ?? null;
      return pyBuiltin("decorator", (inner) => {
        errorHandler(args[0], key, inner[0] ?? null, true);
        return inner[0] ?? null;
      });
    },
    register_error_handler: (args) => {
      errorHandler(args[0], args[1] ?? null, args[2] ?? null, false);
      return null;
    },
    before_request: collect("before_request", (d) => d.before),
    after_request: collect("after_request", (d) => d.after),
    context_processor: collect("context_processor", (d) => d.contextProcessors),
    before_app_request: onApp("before_app_request", (app, f) => app.beforeRequest.push(f)),
    after_app_request: onApp("after_app_request", (app, f) => app.afterRequest.push(f)),
    app_context_processor: onApp("app_context_processor", (app, f) => {
      contextProcessors.set(app.instance, [...(contextProcessors.get(app.instance) ?? []), f]);
    }),
    send_static_file: (args, kwargs) => {
      const a = interp.bindArgs("send_static_file", args.slice(1), kwargs, ["filename"]);
      const folder = stateOf(args[0]).staticFolder;
      if (folder === null) throw pyError("RuntimeError", "'static_folder' must be set to serve static_files.");
      return sendFromFolder(host, folder, interp.str(a.filename));
    },
    // Teardown functions run after the response is sent; nothing of theirs reaches the client.
    teardown_request: (args) => args[1] ?? null,
    teardown_app_request: (args) => args[1] ?? null,
    ...blueprintRegistryMethods(interp, (self, apply) => stateOf(self).deferred.push({ once: true, run: (s) => apply(s.app.instance) })),
    ...Object.fromEntries(UNSUPPORTED.map((name) => [name, () => honestLimit(host, `Blueprint.${name}()`)])),
  };

  const cls = interp.makeClass("Blueprint", "flask.blueprints", {
    construct: (c, args, kwargs) => {
      const a = interp.bindArgs(
        "Blueprint.__init__",
        args,
        kwargs,
        ["name", "import_name", "static_folder", "static_url_path", "template_folder", "url_prefix", "subdomain", "url_defaults", "root_path", "cli_group"],
        { static_folder: null, static_url_path: null, template_folder: null, url_prefix: null, subdomain: null, url_defaults: null, root_path: null, cli_group: null },
      );
      const name = interp.str(a.name);
      if (name.includes(".")) throw pyError("ValueError", "'name' may not contain a dot '.' character.");
      if (a.subdomain !== null) honestLimit(host, "Blueprint(..., subdomain=...)");
      if (a.root_path !== null) honestLimit(host, "Blueprint(..., root_path=...)");
      const data: BlueprintState = {
        name,
        importName: interp.str(a.import_name),
        urlPrefix: optionalStr(host, a.url_prefix),
        templateFolder: a.template_folder === null ? null : folderName(interp.str(a.template_folder)),
        staticFolder: a.static_folder === null ? null : folderName(interp.str(a.static_folder)),
        staticUrlPath: a.static_url_path === null ? null : interp.str(a.static_url_path).replace(/\/+$/, ""),
        urlDefaults: defaultsOf(host, a.url_defaults),
        deferred: [],
        errorHandlers: [],
        before: [],
        after: [],
        contextProcessors: [],
      };
      return interp.newInstance(c, { data });
    },
    getattr: (self, name) => {
      const data = stateOf(self);
      switch (name) {
        case "name":
          return data.name;
        case "import_name":
          return data.importName;
        case "url_prefix":
          return data.urlPrefix;
        case "template_folder":
          return data.templateFolder;
        case "static_folder":
          return data.staticFolder === null ? null : `${host.appDir}${data.staticFolder}`;
        case "root_path":
          return host.appDir.replace(/\/$/, "");
        default:
          return undefined;
      }
    },
    methods,
  });
  classes.set(host, cls);
  return cls;
}
