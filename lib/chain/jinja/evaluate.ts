/**
 * Expressions on Python values, as Jinja2's compiled code evaluates them: `a.b` tries the attribute then the item,
 * `a[b]` the item then the attribute, a missing one is an Undefined; `~` joins as text (Markup-aware when
 * autoescaping); every node costs an interpreter step.
 */
import type { Kwargs, PyValue } from "../python";
import { dictItems, pyBuiltin, pyError, strOf } from "../python";
import { binaryOp, compareOp, getItem, isInstance, isPyException, PyRaise, pyList, pyTuple, unaryOp } from "../python";
import type { CallArgs, Expr } from "./ast";
import type { Context, Frame, Scope } from "./context";
import { FILTERS } from "./filters";
import { TESTS } from "./tests";
import { isUndefined, jinjaClasses, makeUndefined } from "./undefined";

/** Where an expression is evaluated. */
export interface EvalState {
  ctx: Context;
  scope: Scope;
  frame: Frame;
  autoescape: boolean;
  /**
   * Inside `{% autoescape expr %}` whose expr is not a constant, Jinja2's compiled code decides at run time, and
   * `~` then always joins as plain str (its runtime check reads an eval-context flag that is never set).
   */
  volatile?: boolean;
}

export function lookupName(state: EvalState, name: string): PyValue {
  const local = state.scope.lookup(name);
  if (local !== undefined) return local;
  if (name === "self" && state.ctx.selfRef !== undefined) return state.ctx.selfRef;
  const v = state.ctx.vars.get(name) ?? state.ctx.parent.get(name);
  if (v !== undefined) return v;
  if (state.ctx.vars.has(name) || state.ctx.parent.has(name)) return null;
  return makeUndefined(state.ctx.env.interp, { name });
}

/** Whether a Python exception is an instance of one of the builtin classes named. */
function isErrorOf(state: EvalState, e: unknown, names: string[]): boolean {
  if (!isPyException(e)) return false;
  const interp = state.ctx.env.interp;
  return names.some((n) => interp.isinstance(e.exception, interp.builtinClass(n)));
}

/** environment.getattr: the attribute, else the item, else an Undefined. */
export function getAttribute(state: EvalState, obj: PyValue, attr: string): PyValue {
  const interp = state.ctx.env.interp;
  if (isUndefined(obj)) return interp.getAttr(obj, attr);
  try {
    const v = interp.getAttrOrUndefined(obj, attr);
    if (v !== undefined) return v;
  } catch (e) {
    if (!isErrorOf(state, e, ["AttributeError"])) throw e;
  }
  try {
    return getItem(interp, obj, attr);
  } catch (e) {
    if (!isErrorOf(state, e, ["TypeError", "LookupError"])) throw e;
  }
  return makeUndefined(interp, { name: attr, obj });
}

/** environment.getitem: the item, else (for a str key) the attribute, else an Undefined. */
export function getSubscript(state: EvalState, obj: PyValue, key: PyValue): PyValue {
  const interp = state.ctx.env.interp;
  if (isUndefined(obj)) return getItem(interp, obj, key);
  try {
    return getItem(interp, obj, key);
  } catch (e) {
    if (!isErrorOf(state, e, ["AttributeError", "TypeError", "LookupError"])) throw e;
  }
  if (typeof key === "string") {
    try {
      const v = interp.getAttrOrUndefined(obj, key);
      if (v !== undefined) return v;
    } catch (e) {
      if (!isErrorOf(state, e, ["AttributeError"])) throw e;
    }
  }
  return makeUndefined(interp, { name: key, obj });
}

export function isMarkup(state: EvalState, v: PyValue): boolean {
  return isInstance(v) && v.strValue !== undefined && state.ctx.env.interp.isinstance(v, state.ctx.env.markup);
}

export function markup(state: EvalState, text: string): PyValue {
  return state.ctx.env.interp.newInstance(state.ctx.env.markup, { strValue: text });
}

/** str() as Jinja2's soft_str: an Undefined is "", a str (or Markup) stays itself. */
export function toText(state: EvalState, v: PyValue): string {
  return state.ctx.env.interp.str(v);
}

/** `a ~ b ~ c`: runtime.markup_join when autoescaping (Markup if any part is), str_join otherwise. */
function concat(state: EvalState, parts: PyValue[]): PyValue {
  if (state.autoescape && !state.volatile && parts.some((p) => isMarkup(state, p))) {
    return markup(state, parts.map((p) => state.ctx.env.escapeText(p)).join(""));
  }
  return parts.map((p) => toText(state, p)).join("");
}

/** The arguments of a call, filter or test: Python's order (positional, `*args`, keywords, `**kwargs`). */
export function evalArgs(state: EvalState, call: CallArgs, callee = "jinja2.runtime.Context.call()"): { args: PyValue[]; kwargs: Kwargs } {
  const interp = state.ctx.env.interp;
  const args = call.args.map((a) => evaluate(state, a));
  if (call.dynArgs) {
    const spread = evaluate(state, call.dynArgs);
    if (interp.tryIter(spread) === undefined) throw pyError("TypeError", `${callee} argument after * must be an iterable, not ${interp.typeName(spread)}`);
    args.push(...interp.iterate(spread));
  }
  const kwargs: Kwargs = new Map(call.kwargs.map(([k, v]) => [k, evaluate(state, v)]));
  if (call.dynKwargs) {
    const mapping = evaluate(state, call.dynKwargs);
    if (!(mapping !== null && typeof mapping === "object" && mapping.kind === "dict")) {
      throw pyError("TypeError", `${callee} argument after ** must be a mapping, not ${interp.typeName(mapping)}`);
    }
    for (const [k, v] of dictItems(mapping)) {
      const key = strOf(k);
      if (key === undefined) throw pyError("TypeError", "keywords must be strings");
      if (kwargs.has(key)) throw pyError("TypeError", `${callee} got multiple values for keyword argument '${key}'`);
      kwargs.set(key, v);
    }
  }
  return { args, kwargs };
}

/** environment.call_filter: the application's filter of that name, else the builtin one. */
export function callFilter(state: EvalState, name: PyValue, value: PyValue, args: PyValue[], kwargs: Kwargs, inTemplate = false): PyValue {
  const key = typeof name === "string" ? name : null;
  const custom = key === null ? undefined : state.ctx.env.filters?.get(key);
  if (custom !== undefined) return state.ctx.env.interp.call(custom, [value, ...args], kwargs);
  if (key !== null && Object.hasOwn(FILTERS, key)) return FILTERS[key](state, value, args, kwargs);
  throw noSuch(state, "filter", name, inTemplate);
}

/** environment.call_test: the application's test of that name, else the builtin one. */
export function callTest(state: EvalState, name: PyValue, value: PyValue, args: PyValue[], kwargs: Kwargs, inTemplate = false): boolean {
  const interp = state.ctx.env.interp;
  const key = typeof name === "string" ? name : null;
  const custom = key === null ? undefined : state.ctx.env.tests?.get(key);
  if (custom !== undefined) return interp.truthy(interp.call(custom, [value, ...args], kwargs));
  if (key !== null && Object.hasOwn(TESTS, key)) {
    if (kwargs.size > 0) return interp.truthy(interp.call(testFunction(state, key), [value, ...args], kwargs));
    return TESTS[key](state, value, args);
  }
  throw noSuch(state, "test", name, inTemplate);
}

/** A builtin test as a Python callable (for keyword arguments, which bind by its signature). */
function testFunction(state: EvalState, name: string): PyValue {
  return pyBuiltin(`test_${name}`, (args, kwargs) => {
    const bound = state.ctx.env.interp.bindArgs(`test_${name}`, args, kwargs, ["value", "other"], { other: null });
    return TESTS[name](state, bound.value, bound.other === null ? [] : [bound.other]);
  });
}

/**
 * An unknown filter or test at run time: environment.call_filter's message, or (`inTemplate`, a name used in an
 * if that the compile-time check let through) the one of the stub Jinja2 compiles in its place.
 */
function noSuch(state: EvalState, kind: string, name: PyValue, inTemplate: boolean): PyRaise {
  const interp = state.ctx.env.interp;
  const message = inTemplate ? `No ${kind} named ${interp.repr(name)} found.` : `No ${kind} named ${interp.repr(name)}.`;
  return new PyRaise(interp.newException(jinjaClasses().TemplateRuntimeError, message));
}

/** Whether the environment has a filter (or test) of that name: the test `is filter` / `is test`. */
export function hasFilterOrTest(state: EvalState, kind: "filter" | "test", name: PyValue): boolean {
  if (typeof name !== "string") return false;
  const custom = kind === "filter" ? state.ctx.env.filters : state.ctx.env.tests;
  return custom?.has(name) === true || Object.hasOwn(kind === "filter" ? FILTERS : TESTS, name);
}

export function evaluate(state: EvalState, e: Expr): PyValue {
  const interp = state.ctx.env.interp;
  interp.charge(1);
  state.frame.line = e.line;
  switch (e.t) {
    case "const":
      return e.value;
    case "name":
      return lookupName(state, e.name);
    case "getattr": {
      const obj = evaluate(state, e.obj);
      state.frame.line = e.line;
      return getAttribute(state, obj, e.attr);
    }
    case "getitem": {
      const obj = evaluate(state, e.obj);
      const key = evaluate(state, e.key);
      state.frame.line = e.line;
      return getSubscript(state, obj, key);
    }
    case "slice":
      return {
        kind: "slice",
        start: e.start ? evaluate(state, e.start) : null,
        stop: e.stop ? evaluate(state, e.stop) : null,
        step: e.step ? evaluate(state, e.step) : null,
      };
    case "call": {
      const fn = evaluate(state, e.fn);
      const { args, kwargs } = evalArgs(state, e);
      state.frame.line = e.line;
      return interp.call(fn, args, kwargs);
    }
    case "filter": {
      const value = evaluate(state, e.node);
      const { args, kwargs } = evalArgs(state, e, `filter '${e.name}'`);
      state.frame.line = e.line;
      return callFilter(state, e.name, value, args, kwargs, true);
    }
    case "test": {
      const value = evaluate(state, e.node);
      const { args, kwargs } = evalArgs(state, e, `test '${e.name}'`);
      state.frame.line = e.line;
      return callTest(state, e.name, value, args, kwargs, true);
    }
    case "list":
      return pyList(e.items.map((i) => evaluate(state, i)));
    case "tuple":
      return pyTuple(e.items.map((i) => evaluate(state, i)));
    case "dict":
      return interp.newDict(e.items.map(([k, v]) => [evaluate(state, k), evaluate(state, v)]));
    case "binop": {
      const left = evaluate(state, e.left);
      const right = evaluate(state, e.right);
      state.frame.line = e.line;
      return binaryOp(interp, e.op, left, right);
    }
    case "concat":
      return concat(state, e.items.map((i) => evaluate(state, i)));
    case "unary": {
      const v = evaluate(state, e.operand);
      if (e.op === "not") return !interp.truthy(v);
      if (isUndefined(v)) return binaryOp(interp, "-", v, 0n);
      return unaryOp(interp, e.op, v);
    }
    case "logic": {
      const left = evaluate(state, e.left);
      if (e.op === "and") return interp.truthy(left) ? evaluate(state, e.right) : left;
      return interp.truthy(left) ? left : evaluate(state, e.right);
    }
    case "compare": {
      let left = evaluate(state, e.first);
      for (const [op, expr] of e.ops) {
        const right = evaluate(state, expr);
        if (!compareOp(interp, op, left, right)) return false;
        left = right;
      }
      return true;
    }
    case "cond":
      if (interp.truthy(evaluate(state, e.test))) return evaluate(state, e.then);
      if (e.otherwise) return evaluate(state, e.otherwise);
      return makeUndefined(interp, {
        name: null,
        hint: `the inline if-expression on line ${e.line} evaluated to false and no else section was defined.`,
      });
  }
}

/** Whether Jinja2 folds `e` to a constant at compile time (literals and operators on them). */
export function isConstExpr(e: Expr): boolean {
  switch (e.t) {
    case "const":
      return true;
    case "list":
    case "tuple":
      return e.items.every(isConstExpr);
    case "unary":
      return isConstExpr(e.operand);
    case "logic":
    case "binop":
      return isConstExpr(e.left) && isConstExpr(e.right);
    case "compare":
      return isConstExpr(e.first) && e.ops.every(([, x]) => isConstExpr(x));
    default:
      return false;
  }
}
