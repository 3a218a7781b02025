/**
 * flask.g: the application context's namespace (flask.ctx._AppCtxGlobals). Flask 2.2 pushes a new app context for
 * every request, so what a request stores in g is gone for the next one; here the values live with the request
 * being served. Outside a request it is Flask's "Working outside of application context." error.
 */
import type { PyClass, PyInstance, PyValue } from "../../python";
import { makeClass, pyError, pyList } from "../../python";
import type { FlaskHost, RequestState } from "./host";

const METHODS = new Set(["get", "pop", "setdefault"]);
const stores = new WeakMap<RequestState, Map<string, PyValue>>();

function store(host: FlaskHost): Map<string, PyValue> {
  const current = host.current;
  if (!current) {
    throw pyError(
      "RuntimeError",
      "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed\nthe current application. To solve this, set up an application context\nwith app.app_context(). See the documentation for more information.",
    );
  }
  let values = stores.get(current);
  if (!values) stores.set(current, (values = new Map()));
  return values;
}

const hosts = new WeakMap<PyInstance, FlaskHost>();
let gClass: PyClass | undefined;

function hostOf(self: PyInstance): FlaskHost {
  const host = hosts.get(self);
  if (!host) throw new Error("flask.g without a host");
  return host;
}

function makeGClass(): PyClass {
  return makeClass("_AppCtxGlobals", "flask.ctx", {
    getattr: (self, name) => {
      if (name.startsWith("__") || METHODS.has(name)) return undefined;
      const v = store(hostOf(self)).get(name);
      if (v === undefined) throw pyError("AttributeError", name);
      return v;
    },
    setattr: (self, name, value) => {
      store(hostOf(self)).set(name, value);
      return true;
    },
    contains: (self, item, interp) => store(hostOf(self)).has(interp.str(item)),
    iter: (self) => [...store(hostOf(self)).keys()][Symbol.iterator](),
    repr: (self) => {
      const app = hostOf(self).current?.app;
      return app ? `<flask.g of '${app.importName}'>` : "<flask.g of None>";
    },
    methods: {
      get: (args, kwargs, interp) => {
        const a = interp.bindArgs("get", args.slice(1), kwargs, ["name", "default"], { default: null });
        return store(hostOf(args[0] as PyInstance)).get(interp.str(a.name)) ?? a.default;
      },
      pop: (args, kwargs, interp) => {
        // pop(name, default=_sentinel): without a default a missing name is KeyError(name).
        const values = store(hostOf(args[0] as PyInstance));
        const name = interp.str(args[1] ?? kwargs.get("name") ?? "");
        const v = values.get(name);
        if (v !== undefined) {
          values.delete(name);
          return v;
        }
        if (args.length > 2) return args[2]!;
        if (kwargs.has("default")) return kwargs.get("default")!;
        throw pyError("KeyError", interp.repr(name));
      },
      setdefault: (args, kwargs, interp) => {
        const a = interp.bindArgs("setdefault", args.slice(1), kwargs, ["name", "default"], { default: null });
        const values = store(hostOf(args[0] as PyInstance));
        const name = interp.str(a.name);
        if (!values.has(name)) values.set(name, a.default);
        return values.get(name) ?? null;
      },
      __dir__: (args) => pyList([...store(hostOf(args[0] as PyInstance)).keys()]),
    },
  });
}

/** The `g` object of one host (one interpreter). */
export function makeAppGlobals(host: FlaskHost): PyInstance {
  gClass ??= makeGClass();
  const g = host.interp.newInstance(gClass);
  hosts.set(g, host);
  return g;
}
