/**
 * What a Flask 2.2 app adds to its Jinja environment: `@app.template_filter()` / `add_template_filter`,
 * `template_test` / `add_template_test`, `template_global` / `add_template_global` (Flask's scaffold code:
 * the decorator registers `name or f.__name__` when it is applied), and `app.jinja_env` with its `filters`,
 * `tests` and `globals` dicts for apps that write to them directly, and its `trim_blocks` / `lstrip_blocks`. Those
 * dicts hold what the app added (the builtins stay the template engine's), and the extensions loopcontrols and do;
 * other Environment settings and extensions are an honest limit.
 */
import type { NativeFn, PyClass, PyDictObject, PyInstance, PyValue, Runtime } from "../../python";
import { dictItems, dictSet, makeClass, pyBuiltin, pyError, strOf } from "../../python";
import type { ExtraNames, LexerOptions } from "../../jinja";

interface JinjaEnvState {
  filters: PyDictObject;
  tests: PyDictObject;
  globals: PyDictObject;
  /** trim_blocks / lstrip_blocks as the app set them (Python values, read for their truth). */
  settings: Map<string, PyValue>;
  /** Extensions added with add_extension: "loopcontrols", "do". */
  extensions: Set<string>;
  value: PyInstance;
}

/** Environment attributes an app may set that the model runs. */
const SETTINGS = ["trim_blocks", "lstrip_blocks"];

/** The extensions the model runs, by the import names add_extension accepts. */
const EXTENSIONS: Record<string, string> = {
  "jinja2.ext.loopcontrols": "loopcontrols",
  "jinja2.ext.LoopControlExtension": "loopcontrols",
  "jinja2.ext.do": "do",
  "jinja2.ext.ExprStmtExtension": "do",
};

const envs = new WeakMap<object, JinjaEnvState>();

let environmentClass: PyClass | undefined;

function refuse(what: string): never {
  throw pyError("NotImplementedError", `코스 모형이 아직 지원하지 않는 기능입니다: ${what}. 실제 Flask에서는 그대로 동작합니다.`);
}

/** `app.jinja_env` of an app instance (made on first use, as Flask's cached property does). */
export function jinjaEnvOf(interp: Runtime, app: object): JinjaEnvState {
  let state = envs.get(app);
  if (!state) {
    environmentClass ??= makeClass("Environment", "jinja2.environment", {
      getattr: (self, name) => {
        const s = self.data as JinjaEnvState;
        if (name === "filters" || name === "tests" || name === "globals") return s[name];
        if (SETTINGS.includes(name)) return s.settings.get(name) ?? false;
        if (name === "add_extension") {
          return pyBuiltin("add_extension", (args) => {
            const extension = EXTENSIONS[strOf(args[0] ?? null) ?? ""];
            if (extension === undefined) refuse(`app.jinja_env.add_extension(${interp.repr(args[0] ?? null)})`);
            s.extensions.add(extension);
            return null;
          });
        }
        return name.startsWith("__") ? undefined : refuse(`app.jinja_env.${name}`);
      },
      setattr: (self, name, value) => {
        if (!SETTINGS.includes(name)) refuse(`app.jinja_env.${name} 설정`);
        (self.data as JinjaEnvState).settings.set(name, value);
        return true;
      },
    });
    state = { filters: interp.newDict(), tests: interp.newDict(), globals: interp.newDict(), settings: new Map(), extensions: new Set(), value: interp.newInstance(environmentClass) };
    state.value.data = state;
    envs.set(app, state);
  }
  return state;
}

/** The app's own filters, tests and globals for a render (the dicts' current contents, keys as str). */
export function templateAdditions(
  interp: Runtime,
  app: object,
): { filters: Map<string, PyValue>; tests: Map<string, PyValue>; globals: Map<string, PyValue>; names: ExtraNames; lexer: LexerOptions } {
  const state = envs.get(app);
  const asMap = (d: PyDictObject | undefined) => new Map<string, PyValue>((d ? dictItems(d) : []).flatMap(([k, v]) => (strOf(k) !== undefined ? [[strOf(k) as string, v]] : [])));
  const filters = asMap(state?.filters);
  const tests = asMap(state?.tests);
  const setting = (name: string) => interp.truthy(state?.settings.get(name) ?? false);
  return {
    filters,
    tests,
    globals: asMap(state?.globals),
    names: { filters: new Set(filters.keys()), tests: new Set(tests.keys()) },
    lexer: {
      trimBlocks: setting("trim_blocks"),
      lstripBlocks: setting("lstrip_blocks"),
      loopControls: state?.extensions.has("loopcontrols") === true,
      doTag: state?.extensions.has("do") === true,
    },
  };
}

/** `name or f.__name__`. */
function registeredName(interp: Runtime, f: PyValue, name: PyValue): PyValue {
  return interp.truthy(name) ? name : interp.getAttr(f, "__name__");
}

type Kind = "filter" | "test" | "global";

function registryOf(interp: Runtime, app: object, kind: Kind): PyDictObject {
  const state = jinjaEnvOf(interp, app);
  return kind === "filter" ? state.filters : kind === "test" ? state.tests : state.globals;
}

/**
 * The decorator and add_ method of each kind, as `{prefix}template_{kind}` / `add_{prefix}template_{kind}`:
 * `register(self, apply)` runs `apply(app)` now (the Flask class) or when a blueprint is first registered.
 */
function registryMethods(interp: Runtime, prefix: string, register: (self: PyValue, apply: (app: object) => void) => void): Record<string, NativeFn> {
  const methods: Record<string, NativeFn> = {};
  for (const kind of ["filter", "test", "global"] as const) {
    const add = (self: PyValue, f: PyValue, name: PyValue) => register(self, (app) => dictSet(interp, registryOf(interp, app, kind), registeredName(interp, f, name), f));
    const decoratorName = `${prefix}template_${kind}`;
    methods[decoratorName] = (args, kwargs) => {
      const a = interp.bindArgs(decoratorName, args.slice(1), kwargs, ["name"], { name: null });
      const self = args[0];
      return pyBuiltin("decorator", (inner, innerKwargs) => {
        const d = interp.bindArgs("decorator", inner, innerKwargs, ["f"], {});
        add(self, d.f, a.name);
        return d.f;
      });
    };
    methods[`add_${decoratorName}`] = (args, kwargs) => {
      const a = interp.bindArgs(`add_${decoratorName}`, args.slice(1), kwargs, ["f", "name"], { name: null });
      add(args[0], a.f, a.name);
      return null;
    };
  }
  return methods;
}

/** The Flask class's `template_filter` … `add_template_global`. */
export function templateRegistryMethods(interp: Runtime, appInstance: (self: PyValue) => object): Record<string, NativeFn> {
  return registryMethods(interp, "", (self, apply) => apply(appInstance(self)));
}

/**
 * A Blueprint's `app_template_filter` … `add_app_template_global`: recorded once, applied to the app the
 * blueprint is first registered on (`defer`), with `name or f.__name__` read then, as Flask's record_once does.
 */
export function blueprintRegistryMethods(interp: Runtime, defer: (self: PyValue, apply: (app: object) => void) => void): Record<string, NativeFn> {
  return registryMethods(interp, "app_", defer);
}
