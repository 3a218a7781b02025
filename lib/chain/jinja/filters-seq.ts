/**
 * Jinja2 3.1's filters on sequences (jinja2/filters.py): batch, slice, groupby, map, select / reject /
 * selectattr / rejectattr, attr, unique, min, max, sort, random. Attribute paths ("user.name", "0") go through
 * environment.getitem as make_attrgetter does; the generator-returning ones give a single-use Python iterator.
 */
import type { Kwargs, PyClass, PyInstance, PyValue } from "../python";
import { getItem, makeClass, pyBuiltin, pyError, PyRaise, pyList, strOf } from "../python";
import type { EvalState } from "./evaluate";
import { callFilter, callTest, getSubscript } from "./evaluate";
import { isUndefined, jinjaClasses, makeUndefined } from "./undefined";

type Filter = (state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs) => PyValue;

function bind(state: EvalState, name: string, args: PyValue[], kwargs: Kwargs, names: string[], defaults: Record<string, PyValue>): Record<string, PyValue> {
  return state.ctx.env.interp.bindArgs(name, args, kwargs, names, defaults);
}

function builtin(state: EvalState, name: string, args: PyValue[], kwargs?: Kwargs): PyValue {
  const interp = state.ctx.env.interp;
  return interp.call(interp.builtins.get(name) ?? null, args, kwargs);
}

/** A generator's values as a single-use iterator (computed up front; each item costs a step when made). */
function generator(items: PyValue[]): PyValue {
  let i = 0;
  return { kind: "iterator", typeName: "generator", next: () => (i < items.length ? items[i++] : undefined) };
}

function filterArgumentError(state: EvalState, message: string): PyRaise {
  return new PyRaise(state.ctx.env.interp.newException(jinjaClasses().FilterArgumentError, message));
}

/** _prepare_attribute_parts: "a.0.b" → ["a", 0, "b"]. */
function attributeParts(attribute: PyValue): PyValue[] {
  if (attribute === null) return [];
  const text = strOf(attribute);
  if (text === undefined) return [attribute];
  return text.split(".").map((part) => (/^\d+$/.test(part) ? BigInt(part) : part));
}

/** ignore_case: a str lowered, anything else as it is. */
function ignoreCase(state: EvalState, value: PyValue): PyValue {
  if (strOf(value) === undefined) return value;
  const interp = state.ctx.env.interp;
  return interp.call(interp.getAttr(value, "lower"), []);
}

/** make_attrgetter. */
export function attrGetter(state: EvalState, attribute: PyValue, options: { lower?: boolean; default?: PyValue } = {}): (item: PyValue) => PyValue {
  const parts = attributeParts(attribute);
  const dflt = options.default ?? null;
  return (item) => {
    for (const part of parts) {
      item = getSubscript(state, item, part);
      if (dflt !== null && isUndefined(item)) item = dflt;
    }
    return options.lower ? ignoreCase(state, item) : item;
  };
}

/** make_multi_attrgetter (sort's "age,name"): a list of keys. */
function multiAttrGetter(state: EvalState, attribute: PyValue, lower: boolean): PyValue {
  const text = strOf(attribute);
  const getters = (text !== undefined ? text.split(",") : [attribute]).map((a) => attrGetter(state, a, { lower }));
  return pyBuiltin("attrgetter", (args) => pyList(getters.map((g) => g(args[0]))));
}

function keyFunction(fn: (item: PyValue) => PyValue): PyValue {
  return pyBuiltin("attrgetter", (args) => fn(args[0]));
}

/** A Python-side sort by key (stable, CPython's comparisons and errors). */
function sortedBy(state: EvalState, items: PyValue[], key: PyValue, reverse: PyValue = false): PyValue[] {
  return state.ctx.env.interp.iterate(builtin(state, "sorted", [pyList(items)], new Map([["key", key], ["reverse", reverse]])));
}

let groupTupleClass: PyClass | undefined;

/** _GroupTuple(grouper, list): a namedtuple that prints as a plain tuple. */
function groupTuple(state: EvalState, grouper: PyValue, list: PyValue[]): PyInstance {
  groupTupleClass ??= makeClass("_GroupTuple", "jinja2.filters", {
    getattr: (self, name) => {
      const [g, l] = self.data as [PyValue, PyValue];
      return name === "grouper" ? g : name === "list" ? l : undefined;
    },
    getitem: (self, key, interp) => getItem(interp, { kind: "tuple", items: self.data as PyValue[] }, key),
    iter: (self) => (self.data as PyValue[])[Symbol.iterator](),
    len: () => 2,
    repr: (self, interp) => interp.repr({ kind: "tuple", items: self.data as PyValue[] }),
    eq: (self, other, interp) => interp.eq({ kind: "tuple", items: self.data as PyValue[] }, other),
  });
  return state.ctx.env.interp.newInstance(groupTupleClass, { data: [grouper, pyList(list)] });
}

function intArg(state: EvalState, v: PyValue, what: string): number {
  const n = builtin(state, "int", [v]);
  if (typeof n !== "bigint") throw pyError("TypeError", `${what} must be an integer`);
  return Number(n);
}

const batch: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_batch", args, kwargs, ["linecount", "fill_with"], { fill_with: null });
  const interp = state.ctx.env.interp;
  const rows: PyValue[] = [];
  let row: PyValue[] = [];
  for (const item of interp.iterate(value)) {
    interp.charge(1);
    if (interp.eq(BigInt(row.length), a.linecount)) {
      rows.push(pyList(row));
      row = [];
    }
    row.push(item);
  }
  if (row.length > 0) {
    if (a.fill_with !== null) {
      const missing = intArg(state, a.linecount, "linecount") - row.length;
      if (missing > row.length + 4096) throw pyError("MemoryError");
      for (let i = 0; i < missing; i++) row.push(a.fill_with);
    }
    rows.push(pyList(row));
  }
  return generator(rows);
};

const slice: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "sync_do_slice", args, kwargs, ["slices", "fill_with"], { fill_with: null });
  const interp = state.ctx.env.interp;
  const seq = interp.iterate(value);
  const slices = intArg(state, a.slices, "slices");
  if (slices === 0) throw pyError("ZeroDivisionError", "integer division or modulo by zero");
  if (slices < 0 || slices > seq.length + 4096) {
    if (slices < 0) return generator([]);
    throw pyError("MemoryError");
  }
  const perSlice = Math.floor(seq.length / slices);
  const withExtra = seq.length % slices;
  const out: PyValue[] = [];
  let offset = 0;
  for (let n = 0; n < slices; n++) {
    interp.charge(1);
    const start = offset + n * perSlice;
    if (n < withExtra) offset++;
    const part = seq.slice(start, offset + (n + 1) * perSlice);
    if (a.fill_with !== null && n >= withExtra) part.push(a.fill_with);
    out.push(pyList(part));
  }
  return generator(out);
};

const groupby: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "sync_do_groupby", args, kwargs, ["attribute", "default", "case_sensitive"], { default: null, case_sensitive: false });
  const interp = state.ctx.env.interp;
  const lower = !interp.truthy(a.case_sensitive);
  const key = attrGetter(state, a.attribute, { lower, default: a.default });
  const sorted = sortedBy(state, interp.iterate(value), keyFunction(key));
  const groups: Array<[PyValue, PyValue[]]> = [];
  for (const item of sorted) {
    interp.charge(1);
    const k = key(item);
    const last = groups[groups.length - 1];
    if (last && interp.eq(last[0], k)) last[1].push(item);
    else groups.push([k, [item]]);
  }
  const output = lower ? attrGetter(state, a.attribute, { default: a.default }) : null;
  return pyList(groups.map(([k, items]) => groupTuple(state, output ? output(items[0]) : k, items)));
};

/** prepare_map: an attribute getter, or a filter applied to each item. */
function mapFunction(state: EvalState, args: PyValue[], kwargs: Kwargs): (item: PyValue) => PyValue {
  if (args.length === 0 && kwargs.has("attribute")) {
    const rest = new Map(kwargs);
    const attribute = rest.get("attribute") ?? null;
    const dflt = rest.get("default") ?? null;
    rest.delete("attribute");
    rest.delete("default");
    if (rest.size > 0) throw filterArgumentError(state, `Unexpected keyword argument ${state.ctx.env.interp.repr(rest.keys().next().value ?? "")}`);
    return attrGetter(state, attribute, { default: dflt });
  }
  if (args.length === 0) throw filterArgumentError(state, "map requires a filter argument");
  const [name, ...rest] = args;
  return (item) => callFilter(state, name, item, rest, kwargs);
}

const map: Filter = (state, value, args, kwargs) => {
  const interp = state.ctx.env.interp;
  if (!interp.truthy(value)) return generator([]);
  const fn = mapFunction(state, args, kwargs);
  return generator(interp.iterate(value).map(fn));
};

/** select_or_reject. */
function selectOrReject(keep: boolean, lookupAttr: boolean): Filter {
  return (state, value, args, kwargs) => {
    const interp = state.ctx.env.interp;
    if (!interp.truthy(value)) return generator([]);
    let transform = (x: PyValue) => x;
    let off = 0;
    if (lookupAttr) {
      if (args.length === 0) throw filterArgumentError(state, "Missing parameter for attribute name");
      transform = attrGetter(state, args[0]);
      off = 1;
    }
    const test =
      args.length > off
        ? (x: PyValue) => callTest(state, args[off], x, args.slice(off + 1), kwargs)
        : (x: PyValue) => interp.truthy(x);
    return generator(interp.iterate(value).filter((item) => test(transform(item)) === keep));
  };
}

const unique: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_unique", args, kwargs, ["case_sensitive", "attribute"], { case_sensitive: false, attribute: null });
  const interp = state.ctx.env.interp;
  const key = attrGetter(state, a.attribute, { lower: !interp.truthy(a.case_sensitive) });
  const seen = new Set<string>();
  const out: PyValue[] = [];
  for (const item of interp.iterate(value)) {
    const k = interp.hashKey(key(item));
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return generator(out);
};

function minOrMax(which: "min" | "max"): Filter {
  return (state, value, args, kwargs) => {
    const a = bind(state, `do_${which}`, args, kwargs, ["case_sensitive", "attribute"], { case_sensitive: false, attribute: null });
    const interp = state.ctx.env.interp;
    const items = interp.iterate(value);
    if (items.length === 0) return makeUndefined(interp, { name: null, hint: "No aggregated item, sequence was empty." });
    const key = attrGetter(state, a.attribute, { lower: !interp.truthy(a.case_sensitive) });
    return builtin(state, which, [pyList(items)], new Map([["key", keyFunction(key)]]));
  };
}

const sort: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_sort", args, kwargs, ["reverse", "case_sensitive", "attribute"], { reverse: false, case_sensitive: false, attribute: null });
  const interp = state.ctx.env.interp;
  return pyList(sortedBy(state, interp.iterate(value), multiAttrGetter(state, a.attribute, !interp.truthy(a.case_sensitive)), a.reverse));
};

/**
 * random.choice on the model's generator: a fixed-seed sequence per render (the real filter draws from
 * Python's process-wide random, so its choice differs run to run anyway).
 */
const random: Filter = (state, value) => {
  const interp = state.ctx.env.interp;
  const length = Number(builtin(state, "len", [value]));
  if (length === 0) return makeUndefined(interp, { name: null, hint: "No random item, sequence was empty." });
  return getItem(interp, value, BigInt(Math.floor(state.ctx.random() * length)));
};

const attr: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_attr", args, kwargs, ["name"], {});
  const interp = state.ctx.env.interp;
  const name = strOf(a.name);
  if (name === undefined) throw pyError("TypeError", `attribute name must be string, not '${interp.typeName(a.name)}'`);
  return interp.getAttrOrUndefined(value, name) ?? makeUndefined(interp, { name, obj: value });
};

export const SEQUENCE_FILTERS: Record<string, Filter> = {
  batch,
  slice,
  groupby,
  map,
  select: selectOrReject(true, false),
  reject: selectOrReject(false, false),
  selectattr: selectOrReject(true, true),
  rejectattr: selectOrReject(false, true),
  unique,
  min: minOrMax("min"),
  max: minOrMax("max"),
  sort,
  random,
  attr,
};
