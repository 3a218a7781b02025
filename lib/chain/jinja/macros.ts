/**
 * Macros as jinja2.runtime.Macro runs them: positional arguments, then keywords by parameter name, defaults
 * evaluated at call time, a missing one an Undefined; `varargs` / `kwargs` / `caller` exist when the body reads
 * them (names.ts). `{% call %}` passes its body as the `caller` macro. The result is Markup when autoescaping.
 */
import type { PyValue } from "../python";
import { pyBuiltin, pyError, pyTuple } from "../python";
import type { MacroUses, Params, Stmt } from "./ast";
import { Scope } from "./context";
import type { Frame } from "./context";
import { evalArgs, evaluate, markup } from "./evaluate";
import type { State } from "./render";
import { enterDepth, execBody, inFrame } from "./render";
import { makeUndefined } from "./undefined";

interface MacroSpec {
  params: Params;
  body: Stmt[];
  uses: MacroUses;
  line: number;
}

/** The Python value of a macro defined in `state` (a `{% macro %}` or a call block's caller). */
export function makeMacro(state: State, spec: MacroSpec, name: string): PyValue {
  const definedIn = state.scope;
  const template = state.frame.template;
  const interp = state.ctx.env.interp;
  const names = spec.params.map((p) => p.name);
  return pyBuiltin(name, (args, kwargsIn) =>
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
        if (kwargs.has("caller")) throw pyError("TypeError", `macro '${name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
        throw pyError("TypeError", `macro '${name}' takes no keyword argument '${kwargs.keys().next().value}'`);
      }
      if (spec.uses.varargs) scope.vars.set("varargs", pyTuple(args.slice(names.length)));
      else if (args.length > names.length) throw pyError("TypeError", `macro '${name}' takes not more than ${names.length} argument(s)`);
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
  kwargs.set("caller", makeMacro(state, stmt, "caller"));
  state.frame.line = stmt.line;
  return interp.call(fn, args, kwargs);
}
