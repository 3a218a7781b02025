/**
 * `functools`: wraps (what a login_required decorator needs so Flask keeps the view's endpoint name), partial
 * and reduce.
 */
import { pyError } from "../classes";
import type { Kwargs, PyModule, PyValue, Runtime } from "../values";
import { pyBuiltin, pyModule } from "../values";

/** What functools.update_wrapper copies (WRAPPER_ASSIGNMENTS) and then `__wrapped__`, as CPython 3.11 does. */
function updateWrapper(interp: Runtime, wrapper: PyValue, wrapped: PyValue): PyValue {
  for (const name of ["__module__", "__name__", "__qualname__", "__doc__"]) {
    const v = interp.getAttrOrUndefined(wrapped, name);
    if (v !== undefined) interp.setAttr(wrapper, name, v);
  }
  if (wrapper !== null && typeof wrapper === "object" && wrapper.kind === "function" && wrapped !== null && typeof wrapped === "object" && wrapped.kind === "function") {
    if (typeof wrapped.module === "string") wrapper.module = wrapped.module;
    for (const [k, v] of wrapped.attrs) wrapper.attrs.set(k, v); // WRAPPER_UPDATES: __dict__
  }
  interp.setAttr(wrapper, "__wrapped__", wrapped);
  return wrapper;
}

export function functoolsModule(interp: Runtime): PyModule {
  return pyModule("functools", {
    wraps: pyBuiltin("wraps", (args, kwargs) => {
      const a = interp.bindArgs("wraps", args, kwargs, ["wrapped"]);
      return pyBuiltin("decorator", (inner) => {
        if (inner.length !== 1) throw pyError("TypeError", `update_wrapper() missing 1 required positional argument: 'wrapper'`);
        return updateWrapper(interp, inner[0], a.wrapped);
      });
    }),
    update_wrapper: pyBuiltin("update_wrapper", (args, kwargs) => {
      const a = interp.bindArgs("update_wrapper", args, kwargs, ["wrapper", "wrapped"]);
      return updateWrapper(interp, a.wrapper, a.wrapped);
    }),
    partial: pyBuiltin("partial", (args, kwargs) => {
      if (!args.length) throw pyError("TypeError", "type 'partial' takes at least one argument");
      const [fn, ...bound] = args;
      if (interp.getAttrOrUndefined(fn, "__call__") === undefined && !(fn !== null && typeof fn === "object" && ["function", "builtin", "method", "class"].includes(fn.kind))) {
        throw pyError("TypeError", "the first argument must be callable");
      }
      const boundKw: Kwargs = new Map(kwargs);
      return pyBuiltin("partial", (more, moreKw) => interp.call(fn, [...bound, ...more], new Map([...boundKw, ...moreKw])));
    }),
    reduce: pyBuiltin("reduce", (args) => {
      if (args.length < 2 || args.length > 3) throw pyError("TypeError", `reduce expected at least 2 arguments, got ${args.length}`);
      const [fn, iterable] = args;
      const items = interp.iterate(iterable);
      let acc: PyValue;
      let start = 0;
      if (args.length === 3) acc = args[2];
      else {
        if (!items.length) throw pyError("TypeError", "reduce() of empty iterable with no initial value");
        acc = items[0];
        start = 1;
      }
      for (let i = start; i < items.length; i++) acc = interp.call(fn, [acc, items[i]]);
      return acc;
    }),
  });
}
