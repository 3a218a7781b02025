/**
 * Jinja2 3.1's builtin filters that Flask templates use (jinja2/filters.py), on Python values: each takes the
 * value, the positional arguments and the keyword arguments, and follows Jinja2's Markup rules when autoescaping.
 * Filters Jinja2 has and this list lacks are reported as honest limits when a template is checked (names.ts).
 */
import type { Kwargs, PyValue } from "../python";
import { binaryOp, isInstance, isPyException, pyBuiltin, pyError, pyList, pyTuple, strOf } from "../python";
import type { EvalState } from "./evaluate";
import { getAttribute, getSubscript, isMarkup, markup, toText } from "./evaluate";
import { isUndefined, makeUndefined } from "./undefined";
import { SEQUENCE_FILTERS } from "./filters-seq";
import { TEXT_FILTERS } from "./filters-text";

export type Filter = (state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs) => PyValue;

/** Binds a filter's arguments like its Python signature (value excluded). */
function bind(state: EvalState, name: string, args: PyValue[], kwargs: Kwargs, names: string[], defaults: Record<string, PyValue>): Record<string, PyValue> {
  return state.ctx.env.interp.bindArgs(`do_${name}`, args, kwargs, names, defaults);
}

function builtin(state: EvalState, name: string, args: PyValue[], kwargs?: Kwargs): PyValue {
  const interp = state.ctx.env.interp;
  const fn = interp.builtins.get(name);
  if (fn === undefined) throw new Error(`builtin ${name} missing`);
  return interp.call(fn, args, kwargs);
}

/** `soft_str(value).method(*args)`: a Markup stays Markup (markupsafe wraps str's methods). */
function strMethod(state: EvalState, value: PyValue, method: string, args: PyValue[] = []): PyValue {
  const interp = state.ctx.env.interp;
  const text = toText(state, value);
  const result = interp.call(interp.getAttr(text, method), args);
  return isMarkup(state, value) && typeof result === "string" ? markup(state, result) : result;
}

function escapeFilter(state: EvalState, value: PyValue): PyValue {
  return markup(state, state.ctx.env.escapeText(value));
}

/** A key function for sort/dictsort: optional attribute path, optional case folding of str values. */
function sortKey(state: EvalState, caseSensitive: boolean, attribute: PyValue): PyValue {
  return pyBuiltin("sort_func", (args) => {
    let item = args[0];
    if (attribute !== null) {
      for (const part of toText(state, attribute).split(".")) item = getSubscript(state, item, /^\d+$/.test(part) ? BigInt(part) : part);
    }
    if (!caseSensitive && strOf(item) !== undefined) return (strOf(item) as string).toLowerCase();
    return item;
  });
}

const titleSplit = /([-\s({[<]+)/u;

function truncate(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "truncate", args, kwargs, ["length", "killwords", "end", "leeway"], { length: 255n, killwords: false, end: "...", leeway: null });
  const interp = state.ctx.env.interp;
  const s = toText(state, value);
  const length = Number(a.length);
  const end = toText(state, a.end);
  const leeway = a.leeway === null ? 5 : Number(a.leeway);
  if (length < end.length) throw pyError("AssertionError", `expected length >= ${end.length}, got ${length}`);
  if (leeway < 0) throw pyError("AssertionError", `expected leeway >= 0, got ${leeway}`);
  const chars = [...s];
  if (chars.length <= length + leeway) return value;
  const head = chars.slice(0, length - end.length).join("");
  if (interp.truthy(a.killwords)) return head + end;
  const cut = head.lastIndexOf(" ");
  return (cut === -1 ? head : head.slice(0, cut)) + end;
}

function join(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "join", args, kwargs, ["d", "attribute"], { d: "", attribute: null });
  const interp = state.ctx.env.interp;
  let items = interp.iterate(value);
  if (a.attribute !== null) items = items.map((i) => getAttribute(state, i, toText(state, a.attribute)));
  if (!state.autoescape) return items.map((i) => interp.str(i)).join(interp.str(a.d));
  if (isMarkup(state, a.d) || items.some((i) => isMarkup(state, i))) {
    const sep = state.ctx.env.escapeText(a.d);
    return markup(state, items.map((i) => state.ctx.env.escapeText(i)).join(sep));
  }
  return items.map((i) => interp.str(i)).join(interp.str(a.d));
}

function replace(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "replace", args, kwargs, ["old", "new", "count"], { count: null });
  const interp = state.ctx.env.interp;
  const callArgs = [toText(state, a.old), toText(state, a.new), ...(a.count === null ? [] : [a.count])];
  if (!state.autoescape) return interp.call(interp.getAttr(interp.str(value), "replace"), callArgs);
  if (isMarkup(state, a.old) || (isMarkup(state, a.new) && !isMarkup(state, value))) {
    const text = state.ctx.env.escapeText(value);
    return markup(state, interp.str(interp.call(interp.getAttr(text, "replace"), [state.ctx.env.escapeText(a.old), state.ctx.env.escapeText(a.new), ...callArgs.slice(2)])));
  }
  if (isMarkup(state, value)) {
    const escaped = [state.ctx.env.escapeText(a.old), state.ctx.env.escapeText(a.new), ...callArgs.slice(2)];
    return markup(state, interp.str(interp.call(interp.getAttr(toText(state, value), "replace"), escaped)));
  }
  return interp.call(interp.getAttr(toText(state, value), "replace"), callArgs);
}

function toInt(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "int", args, kwargs, ["default", "base"], { default: 0n, base: 10n });
  const failed = (e: unknown) => isPyException(e) && ["TypeError", "ValueError"].some((n) => state.ctx.env.interp.isinstance(e.exception, state.ctx.env.interp.builtinClass(n)));
  try {
    return strOf(value) !== undefined ? builtin(state, "int", [toText(state, value), a.base]) : builtin(state, "int", [value]);
  } catch (e) {
    if (!failed(e)) throw e;
  }
  try {
    return builtin(state, "int", [builtin(state, "float", [value])]);
  } catch (e) {
    if (!failed(e)) throw e;
  }
  return a.default;
}

function toFloat(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "float", args, kwargs, ["default"], { default: 0 });
  try {
    return builtin(state, "float", [value]);
  } catch (e) {
    const interp = state.ctx.env.interp;
    if (isPyException(e) && ["TypeError", "ValueError"].some((n) => interp.isinstance(e.exception, interp.builtinClass(n)))) return a.default;
    throw e;
  }
}

function round(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "round", args, kwargs, ["precision", "method"], { precision: 0n, method: "common" });
  const method = toText(state, a.method);
  if (!["common", "ceil", "floor"].includes(method)) throw pyError("TypeError", "method must be common, ceil or floor");
  if (method === "common") return builtin(state, "round", [value, a.precision]);
  const interp = state.ctx.env.interp;
  const scale = binaryOp(interp, "**", 10n, a.precision);
  const scaled = Number(interp.str(binaryOp(interp, "*", value, scale)));
  const r = method === "ceil" ? Math.ceil(scaled) : Math.floor(scaled);
  return binaryOp(interp, "/", BigInt(r), scale);
}

function first(state: EvalState, value: PyValue): PyValue {
  const items = state.ctx.env.interp.iter(value)();
  return items !== undefined ? items : makeUndefined(state.ctx.env.interp, { name: null, hint: "No first item, sequence was empty." });
}

function last(state: EvalState, value: PyValue): PyValue {
  const interp = state.ctx.env.interp;
  if (isUndefined(value)) return makeUndefined(interp, { name: null, hint: "No last item, sequence was empty." });
  const items = interp.iterate(builtin(state, "reversed", [value]));
  return items.length > 0 ? items[0] : makeUndefined(interp, { name: null, hint: "No last item, sequence was empty." });
}

function dictsort(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const a = bind(state, "dictsort", args, kwargs, ["case_sensitive", "by", "reverse"], { case_sensitive: false, by: "key", reverse: false });
  const interp = state.ctx.env.interp;
  const by = toText(state, a.by);
  if (by !== "key" && by !== "value") throw pyError("TypeError", "You can only sort by either 'key' or 'value'");
  const pairs = interp.iterate(interp.call(interp.getAttr(value, "items"), []));
  const key = sortKey(state, interp.truthy(a.case_sensitive), by === "key" ? "0" : "1");
  return builtin(state, "sorted", [pyList(pairs)], new Map([["key", key], ["reverse", a.reverse]]));
}

function format(state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  if (args.length > 0 && kwargs.size > 0) throw pyError("TypeError", "can't handle positional and keyword arguments at the same time");
  const interp = state.ctx.env.interp;
  const operand = kwargs.size > 0 ? interp.newDict([...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue])) : pyTuple(args);
  return binaryOp(interp, "%", isMarkup(state, value) ? value : toText(state, value), operand);
}

export const FILTERS: Record<string, Filter> = {
  safe: (state, value) => (isMarkup(state, value) ? value : markup(state, toText(state, value))),
  escape: (state, value) => escapeFilter(state, value),
  e: (state, value) => escapeFilter(state, value),
  forceescape: (state, value) => markup(state, state.ctx.env.escapeText(toText(state, value))),
  length: (state, value) => builtin(state, "len", [value]),
  count: (state, value) => builtin(state, "len", [value]),
  default: (state, value, args, kwargs) => {
    const a = bind(state, "default", args, kwargs, ["default_value", "boolean"], { default_value: "", boolean: false });
    return isUndefined(value) || (state.ctx.env.interp.truthy(a.boolean) && !state.ctx.env.interp.truthy(value)) ? a.default_value : value;
  },
  upper: (state, value) => strMethod(state, value, "upper"),
  lower: (state, value) => strMethod(state, value, "lower"),
  capitalize: (state, value) => strMethod(state, value, "capitalize"),
  title: (state, value) =>
    toText(state, value)
      .split(titleSplit)
      .filter((item) => item !== "")
      .map((item) => [...item][0].toUpperCase() + [...item].slice(1).join("").toLowerCase())
      .join(""),
  trim: (state, value, args, kwargs) => strMethod(state, value, "strip", [bind(state, "trim", args, kwargs, ["chars"], { chars: null }).chars]),
  center: (state, value, args, kwargs) => strMethod(state, value, "center", [bind(state, "center", args, kwargs, ["width"], { width: 80n }).width]),
  string: (state, value) => (strOf(value) !== undefined ? value : toText(state, value)),
  join,
  format,
  replace,
  truncate,
  striptags: (state, value) => {
    const text = removeSpans(removeSpans(toText(state, value), "<!--", "-->"), "<", ">");
    return unescape(text.split(/\s+/).filter(Boolean).join(" "));
  },
  wordcount: (state, value) => BigInt(toText(state, value).match(/[\p{L}\p{N}\p{M}_]+/gu)?.length ?? 0),
  tojson: (state, value, args, kwargs) => markup(state, state.ctx.env.tojson(value, bind(state, "tojson", args, kwargs, ["indent"], { indent: null }).indent)),
  first,
  last,
  int: toInt,
  float: toFloat,
  round,
  abs: (state, value) => builtin(state, "abs", [value]),
  dictsort,
  list: (state, value) => builtin(state, "list", [value]),
  reverse: (state, value) => {
    const text = strOf(value);
    if (text !== undefined) return [...text].reverse().join("");
    return pyList(state.ctx.env.interp.iterate(value).reverse());
  },
  sum: (state, value, args, kwargs) => {
    const a = bind(state, "sum", args, kwargs, ["attribute", "start"], { attribute: null, start: 0n });
    let items = state.ctx.env.interp.iterate(value);
    if (a.attribute !== null) items = items.map((i) => getAttribute(state, i, toText(state, a.attribute)));
    return builtin(state, "sum", [pyList(items), a.start]);
  },
  items: (state, value) => {
    if (isUndefined(value)) return pyList([]);
    const interp = state.ctx.env.interp;
    if (!(isInstance(value) || (value !== null && typeof value === "object" && value.kind === "dict"))) {
      throw pyError("TypeError", "Can only get item pairs from a mapping.");
    }
    return interp.call(interp.getAttr(value, "items"), []);
  },
};

FILTERS.d = FILTERS.default;
Object.assign(FILTERS, SEQUENCE_FILTERS, TEXT_FILTERS);

export const FILTER_NAMES: ReadonlySet<string> = new Set(Object.keys(FILTERS));

/**
 * Removes every `open … close` span, shortest first, as markupsafe's `<!--.*?-->` and `<.*?>` do, in one pass:
 * once a `close` is missing after an `open`, no later `open` can match either.
 */
function removeSpans(text: string, open: string, close: string): string {
  let out = "";
  let pos = 0;
  for (;;) {
    const start = text.indexOf(open, pos);
    const end = start === -1 ? -1 : text.indexOf(close, start + open.length);
    if (end === -1) return out + text.slice(pos);
    out += text.slice(pos, start);
    pos = end + close.length;
  }
}

/** html.unescape for the entities markupsafe's striptags meets most (named ones beyond these stay as they are). */
function unescape(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", copy: "\u00a9" };
  return text.replace(/&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return named[ref] ?? whole;
  });
}
