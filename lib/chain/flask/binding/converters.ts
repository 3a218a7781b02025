/**
 * An app's own URL converters, as Werkzeug 2.2.2 runs them: `werkzeug.routing.BaseConverter` (class attributes
 * `regex`, `weight`, `part_isolating`; `to_python`, `to_url`), `ValidationError`, and `app.url_map.converters`, the
 * dict a rule's `<name:...>` is looked up in when the rule is added. An app's converter becomes a routing
 * `Converter` whose regex (the student's, in Python's syntax) runs on the linear-time engine and whose to_python /
 * to_url call the app's methods.
 */
import type { Interpreter, Kwargs, PyClass, PyDictObject, PyModule, PyValue } from "../../python";
import { dictGet, isInstance, isPyException, makeClass, pyError, pyModule, PyRaise, strOf, translatePythonRegex } from "../../python";
import type { Converter, ConverterResolver } from "../routing/converters";
import { makeConverter, parseConverterArgs } from "../routing/converters";
import type { ConverterArg, PyError, RouteValue } from "../routing/values";
import { urlQuote } from "../urls";
import { routeValueToPy } from "./convert";
import type { AppState, FlaskHost } from "./host";
import { honestLimit } from "./limits";

const MODULE = "werkzeug.routing.converters";

/** Werkzeug's built-in converter classes, by the name the default `Map.converters` gives them. */
const BUILTIN_CLASSES: Array<[string, string]> = [
  ["default", "UnicodeConverter"],
  ["string", "UnicodeConverter"],
  ["any", "AnyConverter"],
  ["path", "PathConverter"],
  ["int", "IntegerConverter"],
  ["float", "FloatConverter"],
  ["uuid", "UUIDConverter"],
];

function baseInit(args: PyValue[], kwargs: Kwargs): PyValue {
  const self = args[0];
  if (args.length < 2 && !kwargs.has("map")) throw pyError("TypeError", "BaseConverter.__init__() missing 1 required positional argument: 'map'");
  if (isInstance(self)) self.attrs.set("map", args.length >= 2 ? args[1] : kwargs.get("map")!);
  return null;
}

let baseClass: PyClass | undefined;
const builtinClasses = new Map<string, PyClass>();

/** BaseConverter: built once (its methods use the calling interpreter); Python cannot change a class. */
function baseConverterClass(): PyClass {
  if (baseClass) return baseClass;
  const cls = makeClass(
    "BaseConverter",
    MODULE,
    {
      methods: {
        __init__: baseInit,
        to_python: (args) => args[1] ?? null,
        to_url: (args, _kwargs, rt) => {
          const value = args[1] ?? null;
          if (value !== null && typeof value === "object" && value.kind === "bytes") {
            return urlQuote(String.fromCharCode(...value.data), "/:");
          }
          return urlQuote(rt.str(value), "/:");
        },
      },
    },
  );
  cls.attrs.set("regex", "[^/]+");
  cls.attrs.set("weight", 100n);
  cls.attrs.set("part_isolating", true);
  baseClass = cls;
  for (const [, className] of BUILTIN_CLASSES) {
    if (!builtinClasses.has(className)) builtinClasses.set(className, makeClass(className, MODULE, {}, cls));
  }
  return cls;
}

/** The built-in class a class is, or derives from (a subclass of one is not modelled). */
function builtinAncestor(cls: PyClass): { name: string; direct: boolean } | undefined {
  for (let c: PyClass | null = cls; c; c = c.base) {
    for (const [name, className] of BUILTIN_CLASSES) {
      if (builtinClasses.get(className) === c) return { name, direct: c === cls };
    }
  }
  return undefined;
}

const validationErrors = new WeakMap<Interpreter, PyClass>();

function validationErrorClass(interp: Interpreter): PyClass {
  let cls = validationErrors.get(interp);
  if (!cls) {
    cls = interp.makeExceptionClass("ValidationError", MODULE, interp.builtinClass("ValueError"));
    validationErrors.set(interp, cls);
  }
  return cls;
}

/** `werkzeug.routing` as apps import from it. */
export function makeWerkzeugRoutingModule(host: FlaskHost): PyModule {
  const base = baseConverterClass();
  const attrs: Record<string, PyValue> = { BaseConverter: base, ValidationError: validationErrorClass(host.interp) };
  for (const [, className] of BUILTIN_CLASSES) attrs[className] = builtinClasses.get(className)!;
  return pyModule("werkzeug.routing", attrs);
}

const dicts = new WeakMap<AppState, PyDictObject>();

/** `app.url_map.converters`: Werkzeug's default converters, then whatever the app puts in. */
export function convertersDict(host: FlaskHost, app: AppState): PyDictObject {
  let dict = dicts.get(app);
  if (!dict) {
    baseConverterClass();
    dict = host.interp.newDict(BUILTIN_CLASSES.map(([name, className]) => [name, builtinClasses.get(className)!] as [PyValue, PyValue]));
    dicts.set(app, dict);
  }
  return dict;
}

/** Thrown when an app's to_python ran out of the step budget (the dispatcher answers as for a hung view). */
export class ConverterHung {}

let nextKey = 0;

/**
 * The rule parser's view of `app.url_map.converters`, or undefined while the app has not touched it (then the
 * built-in converters serve, and parsed rules are shared between loads).
 */
export function converterResolver(host: FlaskHost, app: AppState, mapInstance: () => PyValue): ConverterResolver | undefined {
  const dict = dicts.get(app);
  if (!dict) return undefined;
  const interp = host.interp;
  return (name, argText) => {
    const cls = dictGet(interp, dict, name);
    if (cls === undefined) return { pyType: "LookupError", message: `the converter '${name}' does not exist` } satisfies PyError;
    if (cls !== null && typeof cls === "object" && cls.kind === "class") {
      const builtin = builtinAncestor(cls);
      if (builtin?.direct) return makeConverter(builtin.name, argText);
      if (builtin) honestLimit(host, `Werkzeug의 내장 변환기(${cls.base?.name ?? builtin.name})를 물려받은 변환기 ${cls.name}`);
    }
    return appConverter(host, name, cls, argText, mapInstance());
  };
}

/** A converter argument from the rule text as the Python value Werkzeug passes. */
function argValue(arg: ConverterArg): PyValue {
  if (typeof arg === "number") return Number.isInteger(arg) ? BigInt(arg) : arg;
  return arg;
}

function number(interp: Interpreter, v: PyValue): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError("TypeError", `'<' not supported between instances of '${interp.typeName(v)}' and 'int'`);
}

function appConverter(host: FlaskHost, name: string, cls: PyValue, argText: string, map: PyValue): Converter {
  const interp = host.interp;
  const { args, kwargs } = parseConverterArgs(argText);
  const instance = interp.call(cls, [map, ...args.map(argValue)], new Map([...kwargs].map(([k, v]) => [k, argValue(v)])));
  const regexValue = interp.getAttr(instance, "regex");
  const regex = strOf(regexValue) ?? interp.str(regexValue);
  const validation = validationErrorClass(interp);
  const toPy = (v: RouteValue): PyValue => routeValueToPy(interp, v, () => host.classes.UUID);
  return {
    name,
    // As Werkzeug composes it: the rule parser puts the regex, as written, inside one group.
    regex: translatePythonRegex(regex),
    weight: number(interp, interp.getAttr(instance, "weight")),
    partIsolating: interp.truthy(interp.getAttr(instance, "part_isolating")),
    custom: { key: `c${nextKey++}` },
    toPython: (raw) => {
      const out = interp.callFunction(interp.getAttr(instance, "to_python"), [raw]);
      switch (out.kind) {
        case "ok":
          return objectValue(interp, out.value);
        case "exception":
          if (interp.isinstance(out.exception, validation)) return null;
          throw new PyRaise(out.exception);
        case "step-budget":
          throw new ConverterHung();
        default:
          throw new Error(out.message);
      }
    },
    toUrl: (value) => {
      try {
        const text = interp.call(interp.getAttr(instance, "to_url"), [toPy(value)]);
        // Werkzeug's builder formats each piece into an f-string: str() of what to_url returned.
        return strOf(text) ?? interp.str(text);
      } catch (e) {
        if (isPyException(e) && interp.isinstance(e.exception, validation)) return { pyType: "ValidationError", message: "" };
        throw e;
      }
    },
  };
}

/** A value of the app's to_python, opaque to the router (the view receives this very object). */
function objectValue(interp: Interpreter, value: PyValue): RouteValue {
  return { type: "object", value, str: () => interp.str(value) };
}
