/**
 * Werkzeug's datastructures as Python classes: ImmutableMultiDict (request.args/form/cookies), Headers
 * (response.headers), EnvironHeaders (request.headers), plus uuid.UUID and opaque environ objects.
 */
import type { Runtime, Kwargs, PyClass, PyInstance, PyValue } from "../../python";
import { dictItems, isInstance, isPyException, makeClass, pyError, pyList, PyRaise, pyTuple, strOf, uuidClassShared } from "../../python";
import { httpExceptionClasses, newHttpException } from "./exceptions";
import type { HeaderList } from "../../trace";
import { Headers } from "../headers";
import { MultiDict } from "../multidict";
import type { PyError } from "../routing/values";

function self<T>(args: PyValue[]): T {
  return (args[0] as PyInstance).data as T;
}

/** `type=` conversion as Werkzeug does it: a ValueError (and only that) gives the default. */
function convert(interp: Runtime, value: PyValue, type: PyValue, fallback: PyValue): PyValue {
  if (type === null) return value;
  try {
    return interp.call(type, [value]);
  } catch (e) {
    if (isPyException(e) && interp.isinstance(e.exception, interp.builtinClass("ValueError"))) return fallback;
    throw e;
  }
}

function keyText(key: PyValue): string | undefined {
  return strOf(key);
}

/** A raise for a missing key: Werkzeug's BadRequestKeyError (a 400 Bad Request). */
function missing(interp: Runtime, key: PyValue): PyRaise {
  const exc = newHttpException(interp, httpExceptionClasses().BadRequestKeyError, 400);
  if (exc.exception) exc.exception.args = [key];
  return new PyRaise(exc);
}

/*
 * The classes below are built once and shared by every interpreter (like the builtin classes): Python cannot
 * change a class, the instances hold all the state, and every hook uses the interpreter that calls it.
 */

let multiDictClass: PyClass | undefined;

export function sharedMultiDictClass(): PyClass {
  multiDictClass ??= makeMultiDictClass();
  return multiDictClass;
}

function makeMultiDictClass(): PyClass {
  return makeClass("ImmutableMultiDict", "werkzeug.datastructures", {
    repr: (s, interp) => {
      const md = s.data as MultiDict<PyValue>;
      return `ImmutableMultiDict([${md.pairs.map(([k, v]) => `(${interp.repr(k)}, ${interp.repr(v)})`).join(", ")}])`;
    },
    len: (s) => (s.data as MultiDict<PyValue>).keys().length,
    bool: (s) => (s.data as MultiDict<PyValue>).pairs.length > 0,
    contains: (s, item) => {
      const k = keyText(item);
      return k !== undefined && (s.data as MultiDict<PyValue>).has(k);
    },
    getitem: (s, key, interp) => {
      const k = keyText(key);
      const v = k === undefined ? undefined : (s.data as MultiDict<PyValue>).get(k);
      if (v === undefined) throw missing(interp, key);
      return v;
    },
    setitem: () => {
      throw pyError("TypeError", "'ImmutableMultiDict' objects are immutable");
    },
    iter: (s) => (s.data as MultiDict<PyValue>).keys()[Symbol.iterator](),
    methods: {
      get: (args, kwargs, interp) => {
        const a = interp.bindArgs("get", args.slice(1), kwargs, ["key", "default", "type"], { default: null, type: null });
        const k = keyText(a.key);
        const v = k === undefined ? undefined : self<MultiDict<PyValue>>(args).get(k);
        return v === undefined ? a.default : convert(interp, v, a.type, a.default);
      },
      getlist: (args, kwargs, interp) => {
        const a = interp.bindArgs("getlist", args.slice(1), kwargs, ["key", "type"], { type: null });
        const k = keyText(a.key);
        const values = k === undefined ? [] : self<MultiDict<PyValue>>(args).getList(k);
        const out: PyValue[] = [];
        for (const v of values) {
          if (a.type === null) out.push(v);
          else {
            try {
              out.push(interp.call(a.type, [v]));
            } catch (e) {
              if (isPyException(e) && interp.isinstance(e.exception, interp.builtinClass("ValueError"))) continue;
              throw e;
            }
          }
        }
        return pyList(out);
      },
      to_dict: (args, kwargs, interp) => {
        const a = interp.bindArgs("to_dict", args.slice(1), kwargs, ["flat"], { flat: true });
        const md = self<MultiDict<PyValue>>(args);
        if (interp.truthy(a.flat)) return interp.newDict(md.toDict());
        return interp.newDict(md.toLists().map(([k, vs]) => [k, pyList(vs)] as [PyValue, PyValue]));
      },
      keys: (args) => pyList(self<MultiDict<PyValue>>(args).keys()),
      values: (args) => pyList(self<MultiDict<PyValue>>(args).toDict().map(([, v]) => v)),
      items: (args, kwargs, interp) => {
        const a = interp.bindArgs("items", args.slice(1), kwargs, ["multi"], { multi: false });
        const md = self<MultiDict<PyValue>>(args);
        const pairs = interp.truthy(a.multi) ? md.pairs : md.toDict();
        return pyList(pairs.map(([k, v]) => pyTuple([k, v])));
      },
      lists: (args) => pyList(self<MultiDict<PyValue>>(args).toLists().map(([k, vs]) => pyTuple([k, pyList(vs)]))),
      copy: (args, _kwargs, interp) => interp.newDict(self<MultiDict<PyValue>>(args).toDict()),
    },
  });
}

export function newMultiDict(interp: Runtime, cls: PyClass, md: MultiDict): PyInstance {
  return interp.newInstance(cls, { data: md });
}

/** What a Headers instance wraps: the model's Headers, or a fixed list (request headers, read-only). */
export interface HeadersData {
  headers: Headers;
  readonly: boolean;
}

function check(err: PyError | null): void {
  if (err) throw pyError(err.pyType === "BuildError" ? "LookupError" : err.pyType, err.message);
}

/** A header value as Werkzeug stores it: str() of the value. */
function headerText(interp: Runtime, v: PyValue): string {
  return strOf(v) ?? interp.str(v);
}

/** Pairs from a dict, Headers, or iterable of pairs (Werkzeug's update/extend argument). */
export function headerPairs(interp: Runtime, v: PyValue): Array<[string, PyValue, "set" | "list"]> {
  const out: Array<[string, PyValue, "set" | "list"]> = [];
  if (v !== null && typeof v === "object" && v.kind === "dict") {
    for (const [k, x] of dictItems(v)) {
      const isSeq = x !== null && typeof x === "object" && (x.kind === "list" || x.kind === "tuple");
      out.push([headerText(interp, k), x, isSeq ? "list" : "set"]);
    }
    return out;
  }
  if (isInstance(v) && v.data && typeof v.data === "object" && "headers" in v.data) {
    for (const [k, x] of (v.data as HeadersData).headers.list) out.push([k, x, "set"]);
    return out;
  }
  for (const item of interp.iterate(v)) {
    const pair = interp.iterate(item);
    if (pair.length !== 2) {
      throw pyError("ValueError", `too many values to unpack (expected 2)`);
    }
    out.push([headerText(interp, pair[0]), pair[1], "set"]);
  }
  return out;
}

const headersClasses = new Map<string, PyClass>();

/** `Headers` (a response's, writable) or `EnvironHeaders` (the request's, read-only). */
export function sharedHeadersClass(name: "Headers" | "EnvironHeaders"): PyClass {
  let cls = headersClasses.get(name);
  if (!cls) headersClasses.set(name, (cls = makeHeadersClass(name)));
  return cls;
}

function makeHeadersClass(name: "Headers" | "EnvironHeaders"): PyClass {
  const data = (s: PyInstance) => s.data as HeadersData;
  const writable = (s: PyInstance): Headers => {
    const d = data(s);
    if (d.readonly) throw pyError("TypeError", `'${name}' object is immutable`);
    return d.headers;
  };
  const find = (s: PyInstance, key: PyValue): string | undefined => {
    const k = strOf(key);
    if (k === undefined) return undefined;
    return name === "EnvironHeaders"
      ? data(s).headers.list.find(([h]) => h.toUpperCase().replace(/-/g, "_") === k.toUpperCase().replace(/-/g, "_"))?.[1]
      : data(s).headers.get(k);
  };
  return makeClass(name, "werkzeug.datastructures", {
    repr: (s, interp) => `${name}([${data(s).headers.list.map(([k, v]) => `(${interp.repr(k)}, ${interp.repr(v)})`).join(", ")}])`,
    str: (s) => `${data(s).headers.list.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`,
    len: (s) => data(s).headers.list.length,
    contains: (s, key) => find(s, key) !== undefined,
    getitem: (s, key, interp) => {
      const v = find(s, key);
      if (v === undefined) throw missing(interp, key);
      return v;
    },
    setitem: (s, key, value, interp) => check(writable(s).set(headerText(interp, key), headerText(interp, value))),
    iter: (s) => data(s).headers.list.map(([k, v]) => pyTuple([k, v]) as PyValue)[Symbol.iterator](),
    methods: {
      get: (args, kwargs, interp) => {
        const a = interp.bindArgs("get", args.slice(1), kwargs, ["key", "default", "type"], { default: null, type: null });
        const v = find(args[0] as PyInstance, a.key);
        return v === undefined ? a.default : convert(interp, v, a.type, a.default);
      },
      getlist: (args, kwargs, interp) => {
        const a = interp.bindArgs("getlist", args.slice(1), kwargs, ["key", "type"], { type: null });
        const k = strOf(a.key) ?? "";
        return pyList(data(args[0] as PyInstance).headers.getAll(k));
      },
      items: (args) => pyList(data(args[0] as PyInstance).headers.list.map(([k, v]) => pyTuple([k, v]))),
      keys: (args) => pyList(data(args[0] as PyInstance).headers.list.map(([k]) => k)),
      values: (args) => pyList(data(args[0] as PyInstance).headers.list.map(([, v]) => v)),
      set: (args, kwargs, interp) => {
        const a = interp.bindArgs("set", args.slice(1), kwargs, ["_key", "_value"]);
        check(writable(args[0] as PyInstance).set(headerText(interp, a._key), headerText(interp, a._value)));
        return null;
      },
      add: (args, kwargs, interp) => {
        const a = interp.bindArgs("add", args.slice(1), kwargs, ["_key", "_value"]);
        check(writable(args[0] as PyInstance).add(headerText(interp, a._key), headerText(interp, a._value)));
        return null;
      },
      setdefault: (args, kwargs, interp) => {
        const a = interp.bindArgs("setdefault", args.slice(1), kwargs, ["key", "default"]);
        const s = args[0] as PyInstance;
        const v = find(s, a.key);
        if (v !== undefined) return v;
        check(writable(s).add(headerText(interp, a.key), headerText(interp, a.default)));
        return headerText(interp, a.default);
      },
      remove: (args, kwargs, interp) => {
        const a = interp.bindArgs("remove", args.slice(1), kwargs, ["key"]);
        writable(args[0] as PyInstance).remove(headerText(interp, a.key));
        return null;
      },
      extend: (args, _kwargs, interp) => {
        const h = writable(args[0] as PyInstance);
        for (const [k, v] of headerPairs(interp, args[1] ?? pyList([]))) check(h.add(k, headerText(interp, v)));
        return null;
      },
      update: (args, kwargs: Kwargs, interp) => {
        const h = writable(args[0] as PyInstance);
        updateHeaders(interp, h, args[1] ?? null);
        for (const [k, v] of kwargs) check(h.set(k, headerText(interp, v)));
        return null;
      },
    },
  });
}

/** Headers.update(mapping): set per key (lists become setlist), in the mapping's order. */
export function updateHeaders(interp: Runtime, h: Headers, mapping: PyValue): void {
  if (mapping === null) return;
  for (const [k, v, mode] of headerPairs(interp, mapping)) {
    if (mode === "list") check(h.setList(k, interp.iterate(v).map((x) => headerText(interp, x))));
    else check(h.set(k, headerText(interp, v)));
  }
}

/** Header pairs for a Response constructor (Headers(list) keeps every pair, dict values in order). */
export function constructorHeaders(interp: Runtime, mapping: PyValue): HeaderList {
  if (mapping === null) return [];
  const out: HeaderList = [];
  for (const [k, v, mode] of headerPairs(interp, mapping)) {
    if (mode === "list") for (const x of interp.iterate(v)) out.push([k, headerText(interp, x)]);
    else out.push([k, headerText(interp, v)]);
  }
  for (const [, v] of out) if (/[\r\n]/.test(v)) throw pyError("ValueError", "Header values must not contain newline characters.");
  return out;
}

/** uuid.UUID, for `<uuid:...>` route values: the same class `import uuid` gives. */
export function sharedUuidClass(): PyClass {
  return uuidClassShared();
}

const environClasses = new Map<string, PyClass>();

/**
 * The class of a gateway object in the environ, by `module.qualname` (`gunicorn.http.body.Body`, `uwsgi._Input`):
 * `type(v).__module__`/`__qualname__` print as in the real chain; its instances show the gateway's repr.
 */
export function sharedEnvironClass(className: string): PyClass {
  let found = environClasses.get(className);
  if (!found) {
    const dot = className.lastIndexOf(".");
    found = makeClass(className.slice(dot + 1), dot < 0 ? "builtins" : className.slice(0, dot), { repr: (s) => s.data as string });
    environClasses.set(className, found);
  }
  return found;
}

let opaqueClass: PyClass | undefined;

/** An environ value Python only shows (wsgi.input, wsgi.errors, gunicorn.socket): repr as the gateway gave it. */
export function sharedOpaqueClass(): PyClass {
  opaqueClass ??= makeClass("object", "builtins", { repr: (s) => s.data as string });
  return opaqueClass;
}

export { Headers, MultiDict };
