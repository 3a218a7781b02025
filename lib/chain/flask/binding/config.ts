/**
 * flask.Config: app.config is a dict subclass (`<Config {...}>`) with Flask 2.2's loaders: from_mapping,
 * from_object (an object, a class or an import string naming a scenario module), from_pyfile (a .py file of the
 * scenario, relative to the root path or the instance folder), from_envvar, from_prefixed_env, get_namespace.
 * A config file is run by the same interpreter, as Flask's exec() of its compiled code does.
 */
import type { Interpreter, Kwargs, PyClass, PyDictObject, PyModule, PyValue } from "../../python";
import { dictItems, dictSet, isPyException, jsonLoads, pyError, PyRaise, strOf } from "../../python";
import { sourceText } from "../../source-text";
import type { FlaskHost } from "./host";
import { honestLimit } from "./limits";

/** Per config dict: the folder relative paths are joined to (the app's root path or its instance folder). */
interface ConfigData {
  rootPath: string;
}

/** Flask's own frame in the traceback of a config file that is not there. */
const FROM_PYFILE_OPEN = {
  filename: "/usr/lib/python3/dist-packages/flask/config.py",
  line: 184,
  name: "from_pyfile",
  source: '            with open(filename, mode="rb") as config_file:',
  colStart: 17,
  colEnd: 42,
};

/** Python's str.isupper: some cased character and no lower-case one. */
function isUpper(s: string): boolean {
  return s.toUpperCase() === s && s.toLowerCase() !== s;
}

function configData(d: PyValue): ConfigData {
  const data = (d as PyDictObject).data as ConfigData | undefined;
  if (!data) throw pyError("TypeError", "descriptor requires a 'Config' object");
  return data;
}

/** The names dir(obj) lists, sorted: a module's globals, a class's attributes along its bases. */
function dirNames(interp: Interpreter, obj: PyValue): string[] {
  const names = new Set<string>();
  if (obj !== null && typeof obj === "object") {
    if (obj.kind === "module") for (const k of obj.attrs.keys()) names.add(k);
    else if (obj.kind === "class") for (let c: PyClass | null = obj; c; c = c.base) for (const k of c.attrs.keys()) names.add(k);
    else if (obj.kind === "instance") {
      for (const k of obj.attrs.keys()) names.add(k);
      for (let c: PyClass | null = obj.cls; c; c = c.base) for (const k of c.attrs.keys()) names.add(k);
    } else if (obj.kind === "dict") honestLimit(hostOf(interp), "config.from_object(dict) (dict는 from_mapping으로)");
  }
  return [...names].sort();
}

const hosts = new WeakMap<Interpreter, FlaskHost>();
function hostOf(interp: Interpreter): FlaskHost {
  const host = hosts.get(interp);
  if (!host) throw new Error("flask host not initialised");
  return host;
}

/** `/srv/app/instance/config.py` → the scenario's `instance/config.py`, or null outside the scenario's folder. */
function scenarioKey(host: FlaskHost, fullPath: string): string | null {
  if (!fullPath.startsWith(host.appDir)) return null;
  const parts: string[] = [];
  for (const p of fullPath.slice(host.appDir.length).split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join("/");
}

function joinPath(root: string, name: string): string {
  return name.startsWith("/") ? name : `${root.replace(/\/+$/, "")}/${name}`;
}

/**
 * Run a scenario .py file as a module (a config file or an imported module of the scenario). Its exceptions
 * propagate; syntax the model refuses is the honest limit, a real SyntaxError is raised as Python raises it.
 */
export function runScenarioModule(host: FlaskHost, key: string, moduleName: string, register = true): PyModule {
  const interp = host.interp;
  const bytes = host.files.get(key);
  if (!bytes) throw pyError("ModuleNotFoundError", `No module named '${moduleName}'`);
  const text = sourceText(bytes);
  if (!text) throw pyError("SyntaxError", `(unicode error) 'utf-8' codec can't decode bytes in ${key}`);
  host.readScenarioFiles = true;
  const out = interp.loadModule(text.text, { filename: `${host.appDir}${key}`, path: key, moduleName, register });
  if (out.ok) return out.module;
  if (out.kind === "exception" && out.exception) throw new PyRaise(out.exception);
  if (out.kind === "syntax") {
    const last = out.traceback.trimEnd().split("\n").pop() ?? "SyntaxError";
    throw pyError("SyntaxError", last.replace(/^\w+: /, ""));
  }
  if (out.kind === "step-budget") throw pyError("RecursionError", out.error.message);
  throw pyError("NotImplementedError", out.error.messageKo);
}

export function makeConfigClass(host: FlaskHost): PyClass {
  const interp = host.interp;
  hosts.set(interp, host);
  const dict = interp.builtinClass("dict");

  const fromObject = (self: PyValue, obj: PyValue): void => {
    const name = strOf(obj);
    const target = name === undefined ? obj : importString(name);
    for (const key of dirNames(interp, target)) {
      if (isUpper(key)) dictSet(interp, self as PyDictObject, key, interp.getAttr(target, key));
    }
  };

  /** werkzeug.utils.import_string for a scenario module or `module.attribute`. */
  const importString = (text: string): PyValue => {
    const dotted = text.replace(/:/g, ".");
    // `from_object(__name__)` while app.py is being imported: sys.modules already holds the half-run module.
    const globals = interp.currentGlobals();
    if (globals && globals.get("__name__") === dotted) {
      return { kind: "module", name: dotted, attrs: new Map(globals) } satisfies PyModule;
    }
    const tryImport = (name: string): PyModule | null => {
      try {
        return interp.importModule(name);
      } catch (e) {
        if (isPyException(e) && interp.isinstance(e.exception, interp.builtinClass("ImportError"))) return null;
        throw e;
      }
    };
    const whole = tryImport(dotted);
    if (whole) return whole;
    const dot = dotted.lastIndexOf(".");
    const parent = dot > 0 ? tryImport(dotted.slice(0, dot)) : null;
    const attr = parent ? parent.attrs.get(dotted.slice(dot + 1)) : undefined;
    if (attr !== undefined) return attr;
    return honestLimit(host, `config.from_object('${text}')에서 가져올 수 없는 모듈 (시나리오의 .py 파일만 가져올 수 있습니다)`);
  };

  const fromPyfile = (self: PyValue, filename: string, silent: boolean): boolean => {
    const full = joinPath(configData(self).rootPath, filename);
    const key = scenarioKey(host, full);
    if (key === null || !host.files.has(key)) {
      if (silent) return false;
      const exc = pyError("FileNotFoundError", `[Errno 2] Unable to load configuration file (No such file or directory): ${interp.repr(full)}`);
      exc.exception.exception?.traceback.push(FROM_PYFILE_OPEN);
      throw exc;
    }
    const loaded = runScenarioModule(host, key, "config", false);
    fromObject(self, loaded);
    return true;
  };

  const methods: Record<string, (args: PyValue[], kwargs: Kwargs) => PyValue> = {
    from_mapping: (args, kwargs) => {
      const self = args[0];
      if (args.length > 2) throw pyError("TypeError", `Config.from_mapping() takes from 1 to 2 positional arguments but ${args.length} were given`);
      const pairs: Array<[PyValue, PyValue]> = [];
      const mapping = args[1] ?? null;
      if (mapping !== null) {
        if (typeof mapping === "object" && mapping.kind === "dict") pairs.push(...dictItems(mapping));
        else for (const item of interp.iterate(mapping)) {
          const kv = interp.iterate(item);
          if (kv.length !== 2) throw pyError("ValueError", `dictionary update sequence element #${pairs.length} has length ${kv.length}; 2 is required`);
          pairs.push([kv[0], kv[1]]);
        }
      }
      for (const [k, v] of kwargs) pairs.push([k, v]);
      const merged = interp.newDict(pairs);
      for (const [k, v] of dictItems(merged)) {
        const key = strOf(k);
        if (key !== undefined && isUpper(key)) dictSet(interp, self as PyDictObject, k, v);
      }
      return true;
    },
    from_object: (args, kwargs) => {
      const a = interp.bindArgs("from_object", args.slice(1), kwargs, ["obj"]);
      fromObject(args[0], a.obj);
      return null;
    },
    from_pyfile: (args, kwargs) => {
      const a = interp.bindArgs("from_pyfile", args.slice(1), kwargs, ["filename", "silent"], { silent: false });
      return fromPyfile(args[0], interp.str(a.filename), interp.truthy(a.silent));
    },
    from_envvar: (args, kwargs) => {
      const a = interp.bindArgs("from_envvar", args.slice(1), kwargs, ["variable_name", "silent"], { silent: false });
      const name = interp.str(a.variable_name);
      const environ = interp.getAttr(interp.importModule("os"), "environ");
      const value = interp.call(interp.getAttr(environ, "get"), [name]);
      if (value === null || value === "") {
        if (interp.truthy(a.silent)) return false;
        throw pyError(
          "RuntimeError",
          `The environment variable ${interp.repr(name)} is not set and as such configuration could not be loaded. Set this variable and make it point to a configuration file`,
        );
      }
      return fromPyfile(args[0], interp.str(value), interp.truthy(a.silent));
    },
    from_prefixed_env: (args, kwargs) => {
      const a = interp.bindArgs("from_prefixed_env", args.slice(1), kwargs, ["prefix"], { prefix: "FLASK" });
      if (kwargs.has("loads")) honestLimit(host, "from_prefixed_env(..., loads=...)");
      const prefix = `${interp.str(a.prefix)}_`;
      const environ = interp.getAttr(interp.importModule("os"), "environ");
      const keys = interp.iterate(environ).map((k) => interp.str(k)).sort();
      for (const key of keys) {
        if (!key.startsWith(prefix)) continue;
        const raw = interp.str(interp.call(interp.getAttr(environ, "get"), [key]));
        let value: PyValue = raw;
        try {
          value = jsonLoads(interp, raw);
        } catch (e) {
          if (!isPyException(e)) throw e;
        }
        const name = key.slice(prefix.length);
        if (name.includes("__")) honestLimit(host, "from_prefixed_env의 중첩 키 (__)");
        dictSet(interp, args[0] as PyDictObject, name, value);
      }
      return true;
    },
    from_file: () => honestLimit(host, "config.from_file()"),
    get_namespace: (args, kwargs) => {
      const a = interp.bindArgs("get_namespace", args.slice(1), kwargs, ["namespace", "lowercase", "trim_namespace"], { lowercase: true, trim_namespace: true });
      const namespace = interp.str(a.namespace);
      const out: Array<[PyValue, PyValue]> = [];
      for (const [k, v] of dictItems(args[0] as PyDictObject)) {
        const key = strOf(k);
        if (key === undefined || !key.startsWith(namespace)) continue;
        let name = interp.truthy(a.trim_namespace) ? key.slice(namespace.length) : key;
        if (interp.truthy(a.lowercase)) name = name.toLowerCase();
        out.push([name, v]);
      }
      return interp.newDict(out);
    },
  };

  return interp.makeClass(
    "Config",
    "flask.config",
    {
      methods,
      subclassRepr: (_self, plain) => `<Config ${plain()}>`,
    },
    dict,
  );
}

/** A new config dict of `cls` holding `pairs`, relative paths resolved against `rootPath`. */
export function newConfig(interp: Interpreter, cls: PyClass, pairs: Array<[PyValue, PyValue]>, rootPath: string): PyDictObject {
  const d = interp.newDict(pairs) as PyDictObject;
  d.cls = cls;
  d.data = { rootPath } satisfies ConfigData;
  return d;
}

/** `instance_relative_config=True`: relative config files are read from the instance folder. */
export function setConfigRoot(d: PyDictObject, rootPath: string): void {
  (d.data as ConfigData).rootPath = rootPath;
}

