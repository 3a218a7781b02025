/**
 * May a loaded app.py serve the next run too, as if it had just been loaded again? Only when no call can change
 * what the next call sees. Two halves:
 *
 *  1. `REUSE_POLICY` completes the interpreter's static check (python/reuse-check.ts) with the Flask-side names
 *     that only read: the request's attributes, the datastructures' getters, the logger's methods...
 *  2. `reuseProblem()` looks at the loaded state: the values the function bodies read from the module, the
 *     registered views and handlers (and whatever they captured), the apps' config. Every one must be plain
 *     data or something whose every use the static check allows; lazily built or callable-but-mutating values
 *     (a bound `list.append`, an iterator, a class such as Flask that registers an app, an exception instance
 *     that a raise would extend) make the app fresh-load only. So does reading the wall clock while loading.
 *
 * When in doubt the answer is no: the app is then loaded again for every run, which is always correct.
 */
import type { Interpreter, NameUse, PyClass, PyModule, PyValue, ReusePolicy, ReuseVerdict } from "../python";
import { functionCaptures, PURE_BUILTINS, PYTHON_READ_ONLY_ATTRIBUTES } from "../python";
import { isStaticView } from "./binding/flask-module";
import type { AppState, FlaskHost } from "./binding/host";
import { ruleDefaults } from "./binding/host";

/** Flask-side attribute names that only read, on every host class that has them. */
const FLASK_READ_ONLY_ATTRIBUTES = [
  // request (binding/request-object.ts): computed from the request being served, cached on it only
  "method", "path", "full_path", "url", "base_url", "url_root", "host_url", "host", "scheme", "remote_addr",
  "script_root", "query_string", "args", "form", "values", "files", "cookies", "headers", "data", "json",
  "is_json", "content_type", "content_length", "mimetype", "user_agent", "access_route", "environ", "endpoint",
  "view_args", "url_rule", "blueprint", "get_json", "get_data",
  // ImmutableMultiDict / Headers getters (binding/datastructures.ts)
  "getlist", "to_dict", "lists",
  // Response reads (binding/response-object.ts), HTTPException reads (binding/exceptions.ts)
  "status", "status_code", "location", "code", "description", "name", "new_url", "original_exception",
  "get_response", "get_body", "get_description",
  // app.logger: records go to this run's output; setLevel is not here
  "debug", "info", "warning", "warn", "error", "critical", "exception", "level",
  // the app itself (see APP_ATTRIBUTES), uuid.UUID, Markup
  "config", "logger", "import_name", "testing", "int", "version", "striptags", "unescape",
  // os, time, json (python/modules): the environment, the clocks (rebased per run), JSON text
  "getenv", "getpid", "cpu_count", "sep", "linesep", "sleep", "time", "time_ns", "monotonic", "monotonic_ns",
  "perf_counter", "perf_counter_ns", "strftime", "dumps", "loads",
];

export const REUSE_POLICY: ReusePolicy = {
  readOnlyAttributes: new Set([...PYTHON_READ_ONLY_ATTRIBUTES, ...FLASK_READ_ONLY_ATTRIBUTES]),
};

/**
 * What a function body may do with the Flask app object itself: read these. Anything else (`app.get` makes a
 * route decorator, passing `app` along lets others do so) keeps the app from being reused.
 */
const APP_ATTRIBUTES = new Set(["config", "logger", "name", "import_name", "debug", "testing"]);

/** Host and standard-library functions that change nothing a later run could see. */
const MODULE_FUNCTIONS: Record<string, readonly string[]> = {
  flask: ["jsonify", "abort", "redirect", "url_for", "make_response", "escape"],
  markupsafe: ["escape", "escape_silent", "soft_str"],
  os: ["getenv", "getpid", "cpu_count"],
  time: ["sleep", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns", "strftime"],
  json: ["dumps", "loads"],
  multiprocessing: ["cpu_count"],
};

/** Values looked at before giving up (a huge module-level table is not worth proving safe). */
const MAX_VALUES = 10_000;

export interface LoadedModule {
  interp: Interpreter;
  host: FlaskHost;
  module: PyModule;
  verdict: ReuseVerdict;
}

/** Why this loaded app must not be reused, or null when it may be. */
export function reuseProblem(loaded: LoadedModule): string | null {
  const { interp, verdict } = loaded;
  if (!verdict.reusable) return `line ${verdict.line}: ${verdict.reason}`;
  if (interp.wallClockReads > 0) return "the module read the wall clock while loading";
  return new StateCheck(loaded).problem(verdict.reads);
}

class StateCheck {
  private readonly interp: Interpreter;
  private readonly host: FlaskHost;
  private readonly module: PyModule;
  private readonly safeBuiltins = new Set<PyValue>();
  private readonly seen = new Set<object>();

  constructor(loaded: LoadedModule) {
    this.interp = loaded.interp;
    this.host = loaded.host;
    this.module = loaded.module;
    for (const name of PURE_BUILTINS) this.safeBuiltins.add(this.interp.builtins.get(name) ?? null);
    for (const [moduleName, names] of Object.entries(MODULE_FUNCTIONS)) {
      const mod = this.interp.importedModule(moduleName);
      for (const name of names) if (mod) this.safeBuiltins.add(mod.attrs.get(name) ?? null);
    }
  }

  problem(reads: ReadonlyMap<string, ReadonlySet<NameUse>>): string | null {
    for (const [name, uses] of reads) {
      const problem = this.readProblem(name, uses);
      if (problem) return problem;
    }
    for (const app of this.host.apps) {
      const problem = this.appProblem(app);
      if (problem) return problem;
    }
    return null;
  }

  /** A name a function body reads from outside itself: a module global, else a builtin, else a NameError. */
  private readProblem(name: string, uses: ReadonlySet<NameUse>): string | null {
    const value = this.module.attrs.get(name);
    if (value !== undefined) {
      if (this.appOf(value)) {
        const bad = [...uses].find((u) => !(u.startsWith(".") && APP_ATTRIBUTES.has(u.slice(1))));
        return bad ? `the app object '${name}' is used as ${bad}` : null;
      }
      return this.safe(value) ? null : `the global '${name}' holds a value that a call could change or use to change state`;
    }
    if (!this.interp.builtins.has(name)) return null;
    if (name === "type") return [...uses].every((u) => u === "type()") ? null : "type() used other than as type(x).__name__";
    const builtin = this.interp.builtins.get(name)!;
    return PURE_BUILTINS.has(name) || this.isExceptionClass(builtin) ? null : `the builtin ${name}`;
  }

  /** Registered views and handlers run at each request: they must be the module's own (checked) functions. */
  private appProblem(app: AppState): string | null {
    const callbacks = [
      ...app.views.values(),
      ...app.errorHandlers.map((h) => h.fn),
      ...app.beforeRequest,
      ...app.afterRequest,
      ...[...app.blueprintBefore.values()].flat(),
      ...[...app.blueprintAfter.values()].flat(),
    ];
    for (const fn of callbacks) {
      const ok = isStaticView(fn) || (fn !== null && typeof fn === "object" && fn.kind === "function" && this.safe(fn));
      if (!ok) return `a registered view or handler is not a plain function of the module`;
    }
    for (const rule of app.map.rules) {
      for (const [, v] of ruleDefaults.get(rule) ?? []) if (!this.safe(v)) return "a route's defaults= holds a value a view could change";
    }
    if (!this.safe(app.config)) return "app.config holds a value that a call could change or use to change state";
    for (const v of app.instance.attrs.values()) if (!this.safe(v)) return "an attribute of the app holds an unsafe value";
    return null;
  }

  private appOf(v: PyValue): AppState | undefined {
    return this.host.apps.find((a) => a.instance === v);
  }

  /** Data, or a function/class/module/instance that every use the static check allows leaves unchanged. */
  private safe(v: PyValue): boolean {
    if (v === null || typeof v !== "object") return true;
    if (this.seen.has(v)) return true;
    if (this.seen.size >= MAX_VALUES) return false;
    this.seen.add(v);
    switch (v.kind) {
      case "bytes":
      case "range":
      case "slice":
        return true;
      case "list":
      case "tuple":
        return v.items.every((x) => this.safe(x));
      case "set":
        return [...v.items.values()].every((x) => this.safe(x));
      case "dict":
        return [...v.entries.values()].every(([k, x]) => this.safe(k) && this.safe(x));
      case "function":
        // Its body passed the static check; what it captured when it was made must be safe too.
        return functionCaptures(v).every((x) => this.safe(x));
      case "builtin":
        return this.safeBuiltins.has(v);
      case "module":
        // A host or standard module: its attributes cannot be reassigned, and bodies reach only read-only ones.
        return v !== this.module && this.interp.importedModule(v.name) === v;
      case "class":
        return this.safeClass(v);
      case "instance":
        return this.safeInstance(v);
      default:
        // Bound methods, iterators, dict views.
        return false;
    }
  }

  /** Classes whose call only makes a new object: builtin types (not `type`, `object`), exceptions, Markup, Response. */
  private safeClass(cls: PyClass): boolean {
    const { classes } = this.host;
    if (cls === classes.Markup || cls === classes.Response) return true;
    if (this.isExceptionClass(cls)) return true;
    return cls.module === "builtins" && this.interp.builtins.get(cls.name) === cls && cls.name !== "type" && cls.name !== "object";
  }

  private safeInstance(v: Extract<PyValue, { kind: "instance" }>): boolean {
    if (v.exception) return false; // `raise` adds frames to it
    const { classes } = this.host;
    const cls = v.cls;
    if (cls === classes.Request || cls === classes.Markup || cls === classes.UUID || cls === classes.Logger) return true;
    // datetime.timedelta is immutable (PERMANENT_SESSION_LIFETIME in every app's config).
    if (cls.name === "timedelta" && cls.module === "datetime") return true;
    // os.environ holds only strs (its setitem refuses anything else).
    return cls.name === "_Environ" && cls.module === "os";
  }

  private isExceptionClass(v: PyValue): boolean {
    if (v === null || typeof v !== "object" || v.kind !== "class") return false;
    const base = this.interp.builtinClass("BaseException");
    for (let c: PyClass | null = v; c; c = c.base) if (c === base) return true;
    return false;
  }
}
