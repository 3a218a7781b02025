/**
 * app.url_map as apps read it: Werkzeug's Map with iter_rules(endpoint=None), and each Rule's rule, endpoint,
 * methods, arguments, defaults and strict_slashes (a route listing, `sorted(app.url_map.iter_rules(), key=str)`).
 * Simplification: a Rule's repr lists its methods sorted; Werkzeug prints the set in hash order, which changes from
 * one Python process to the next.
 */
import type { PyClass, PyInstance, PyValue, Runtime } from "../../python";
import { makeClass, pyList } from "../../python";
import type { Rule } from "../routing/map";
import { routeValueToPy } from "./convert";
import type { AppState, FlaskHost } from "./host";
import { convertersDict } from "./converters";

const maps = new WeakMap<PyInstance, AppState>();
const hosts = new WeakMap<PyInstance, FlaskHost>();
const rules = new WeakMap<PyInstance, Rule>();
let mapClass: PyClass | undefined;
let ruleClass: PyClass | undefined;

const pySet = (interp: Runtime, items: PyValue[]) => interp.call(interp.builtinClass("set"), [pyList(items)]);

function ruleOf(self: PyInstance): Rule {
  const rule = rules.get(self);
  if (!rule) throw new Error("Rule without a rule");
  return rule;
}

function ruleInstance(interp: Runtime, rule: Rule): PyInstance {
  ruleClass ??= makeClass("Rule", "werkzeug.routing.rules", {
    getattr: (self, name, rt) => {
      const r = ruleOf(self);
      switch (name) {
        case "rule":
          return r.rule;
        case "endpoint":
          return r.endpoint;
        case "methods":
          return pySet(rt, [...r.methods]);
        case "arguments":
          return pySet(rt, [...r.arguments]);
        case "strict_slashes":
          return r.strictSlashes;
        case "defaults":
          return r.defaults.length === 0
            ? null
            : rt.newDict(r.defaults.map(([k, v]) => [k, v === null ? null : routeValueToPy(rt, v, () => rt.importModule("uuid").attrs.get("UUID") ?? null)] as [PyValue, PyValue]));
        default:
          return undefined;
      }
    },
    str: (self) => ruleOf(self).rule,
    repr: (self) => {
      const r = ruleOf(self);
      return `<Rule '${r.rule}' (${[...r.methods].sort().join(", ")}) -> ${r.endpoint}>`;
    },
  });
  const inst = interp.newInstance(ruleClass);
  rules.set(inst, rule);
  return inst;
}

const instances = new WeakMap<AppState, PyInstance>();

/** `app.url_map` (the same object every time, as in Flask). */
export function urlMapOf(interp: Runtime, app: AppState, host: FlaskHost): PyInstance {
  const known = instances.get(app);
  if (known) return known;
  mapClass ??= makeClass("Map", "werkzeug.routing.map", {
    getattr: (self, name) => {
      const state = maps.get(self);
      if (name === "charset") return "utf-8";
      if (name === "converters" && state) {
        const owner = hosts.get(self);
        return owner ? convertersDict(owner, state) : undefined;
      }
      return undefined;
    },
    methods: {
      iter_rules: (args, kwargs, rt) => {
        const self = args[0] as PyInstance;
        const state = maps.get(self);
        if (!state) throw new Error("Map without an app");
        const { endpoint } = rt.bindArgs("iter_rules", args.slice(1), kwargs, ["endpoint"], { endpoint: null });
        const wanted = endpoint === null ? null : rt.str(endpoint);
        const list = state.map.rules.filter((r) => wanted === null || r.endpoint === wanted).map((r) => ruleInstance(rt, r));
        return rt.call(rt.builtins.get("iter") ?? null, [pyList(list)]);
      },
    },
    iter: (self, rt) => (maps.get(self)?.map.rules ?? []).map((r) => ruleInstance(rt, r) as PyValue)[Symbol.iterator](),
    repr: (self, rt) => `Map([${(maps.get(self)?.map.rules ?? []).map((r) => rt.repr(ruleInstance(rt, r))).join(", ")}])`,
  });
  const inst = interp.newInstance(mapClass);
  maps.set(inst, app);
  hosts.set(inst, host);
  instances.set(app, inst);
  return inst;
}
