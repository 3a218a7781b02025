/**
 * Macros as jinja2.runtime.Macro runs them: positional arguments, then keywords by parameter name, defaults
 * evaluated at call time, a missing one an Undefined; `varargs` / `kwargs` / `caller` exist when the body reads
 * them (names.ts). `{% call %}` passes its body as the `caller` macro. The result is Markup when autoescaping.
 */
import type { Kwargs, PyClass, PyValue, Runtime } from "../python";
import { makeClass, pyError, pyTuple } from "../python";
import type { MacroUses, Params, Stmt } from "./ast";
import { Scope } from "./context";
import type { Frame } from "./context";
import { evalArgs, evaluate, markup } from "./evaluate";
import type { State } from "./render";
import { enterDepth, execBody, inFrame } from "./render";
import { makeUndefined } from "./undefined";

let macroClass: PyClass | undefined;

/** A jinja2.runtime.Macro: callable, printed as `<Macro 'name'>`. */
function newMacro(interp: Runtime, name: string | null, call: (args: PyValue[], kwargs: Kwargs) => PyValue): PyValue {
  macroClass ??= makeClass("Macro", "jinja2.runtime", {
    call: (self, args, kwargs) => (self.data as { call: typeof call }).call(args, kwargs),
    repr: (self, rt) => {
      const macroName = (self.data as { name: string | null }).name;
      return `<Macro ${macroName === null ? "anonymous" : rt.repr(macroName)}>`;
    },
    getattr: (self, attr) => (attr === "name" ? (self.data as { name: string | null }).name : undefined),
  });
  return interp.newInstance(macroClass, { data: { name, call } });
}

interface MacroSpec {
  params: Params;
  body: Stmt[];
  uses: MacroUses;
  line: number;
}

/** The Python value of a macro defined in `state` (a `{% macro %}` or a call block's caller). */
export function makeMacro(state: State, spec: MacroSpec, name: string | null): PyValue {
  /** How Macro.__call__'s errors name it: `'m'`, or None for a call block's caller. */
  const label = name === null ? "None" : `'${name}'`;
  const definedIn = state.scope;
  const template = state.frame.template;
  const interp = state.ctx.env.interp;
  const names = spec.params.map((p) => p.name);
  return newMacro(interp, name, (args, kwargsIn) =>
    enterDepth(state, () => {
      const kwargs = new Map(kwargsIn);
      const values: Array<PyValue | undefined> = args.slice(0, names.length);
      let foundCaller = names.includes("caller");
      if (values.length !== names.length) {
        foundCaller = false;
        for (const param of names.slice(values.length)) {
          values.push(kwargs.get(param));
          kwargs.delete(param);
          if (param === "caller") foundCaller = true;
        }
      }
      const scope = new Scope(definedIn);
      if (spec.uses.caller && !foundCaller) {
        const caller = kwargs.get("caller");
        kwargs.delete("caller");
        scope.vars.set("caller", caller ?? makeUndefined(interp, { name: "caller", hint: "No caller defined" }));
      }
      if (spec.uses.kwargs) scope.vars.set("kwargs", interp.newDict([...kwargs]));
      else if (kwargs.size > 0) {
        if (kwargs.has("caller")) throw pyError("TypeError", `macro ${label} was invoked with two values for the special caller argument. This is most likely a bug.`);
        throw pyError("TypeError", `macro ${label} takes no keyword argument '${kwargs.keys().next().value}'`);
      }
      if (spec.uses.varargs) scope.vars.set("varargs", pyTuple(args.slice(names.length)));
      else if (args.length > names.length) throw pyError("TypeError", `macro ${label} takes not more than ${names.length} argument(s)`);
      const frame: Frame = { template, line: spec.line, location: "template" };
      const inner: State = { ...state, scope, frame, out: [], root: { parent: null, extendsLine: 0 } };
      return inFrame(frame, () => {
        spec.params.forEach((p, i) => {
          let value = values[i];
          if (value === undefined) value = p.default ? evaluate(inner, p.default) : makeUndefined(interp, { name: p.name, hint: `parameter '${p.name}' was not provided` });
          scope.vars.set(p.name, value);
        });
        execBody(inner, spec.body);
        const text = inner.out.join("");
        return state.autoescape ? markup(inner, text) : text;
      });
    }),
  );
}

/** `{% call(params) fn(args) %}body{% endcall %}`: calls fn with the body as the `caller` keyword argument. */
export function callWithCaller(state: State, stmt: Extract<Stmt, { t: "callblock" }>): PyValue {
  const interp = state.ctx.env.interp;
  const fn = evaluate(state, stmt.call.fn);
  const { args, kwargs } = evalArgs(state, stmt.call);
  kwargs.set("caller", makeMacro(state, stmt, null));
  state.frame.line = stmt.line;
  return interp.call(fn, args, kwargs);
}
