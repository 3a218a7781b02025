/**
 * Werkzeug 2.2's URL converters (werkzeug/routing/converters.py), modelled: each has a regex (here JS source, no
 * capturing groups), a weight that orders dynamic transitions (int/float 50, default 100, path 200), whether it
 * stays inside one path segment, and to_python / to_url.
 */
import { urlQuote } from "../urls";
import type { ConverterArg, PyError, RouteValue } from "./values";
import { pythonFloatRepr, routeValueToString } from "./values";

export interface Converter {
  readonly name: string;
  /** JS regex source matching one value; it has no capturing groups. */
  readonly regex: string;
  readonly weight: number;
  /** False for `path`: the part then swallows the rest of the URL. */
  readonly partIsolating: boolean;
  /**
   * Set for an app's own converter (a BaseConverter subclass): its regex is the app's, in PCRE syntax for the
   * linear-time engine (lib/chain/regex), and `key` tells converters apart in caches. Its toPython may throw
   * (a Python exception of the app's to_python); the router passes that on.
   */
  readonly custom?: { key: string };
  /** The view's value, or null for Werkzeug's ValidationError (the rule then does not match: 404). */
  toPython(raw: string): RouteValue | null;
  /** The URL text for a value, or a Python error as url_for would raise it. */
  toUrl(value: RouteValue): string | PyError;
}

type Factory = (args: ConverterArg[], kwargs: Map<string, ConverterArg>) => Converter | PyError;

const CLASS_NAMES: Record<string, string> = {
  default: "UnicodeConverter",
  string: "UnicodeConverter",
  any: "AnyConverter",
  path: "PathConverter",
  int: "IntegerConverter",
  float: "FloatConverter",
  uuid: "UUIDConverter",
};

function typeError(name: string, message: string): PyError {
  return { pyType: "TypeError", message: `${CLASS_NAMES[name]}.__init__() ${message}` };
}

/** Bind positional and keyword arguments to parameter names the way Python would, with its TypeErrors. */
function bindParams(
  name: string,
  params: string[],
  args: ConverterArg[],
  kwargs: Map<string, ConverterArg>,
): Map<string, ConverterArg> | PyError {
  if (args.length > params.length) {
    return typeError(name, `takes from 2 to ${params.length + 2} positional arguments but ${args.length + 2} were given`);
  }
  const bound = new Map<string, ConverterArg>();
  args.forEach((arg, i) => bound.set(params[i], arg));
  for (const [key, value] of kwargs) {
    if (!params.includes(key)) return typeError(name, `got an unexpected keyword argument '${key}'`);
    if (bound.has(key)) return typeError(name, `got multiple values for argument '${key}'`);
    bound.set(key, value);
  }
  return bound;
}

function isError(x: unknown): x is PyError {
  return typeof x === "object" && x !== null && "pyType" in x;
}

/** Python's int() of a converter argument (lengths, digits): numbers truncate, strings must be integers. */
function toInt(value: ConverterArg): number | PyError {
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  const shown = typeof value === "string" ? `'${value}'` : String(value);
  return {
    pyType: value === null ? "TypeError" : "ValueError",
    message:
      value === null
        ? "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
        : `invalid literal for int() with base 10: ${shown}`,
  };
}

/** re.escape for the part regexes: the syntax characters only (a `u`-flag RegExp refuses `\-` outside a class). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function quoteValue(value: RouteValue): string {
  return urlQuote(routeValueToString(value), "/:");
}

const unicodeFactory =
  (name: string): Factory =>
  (args, kwargs) => {
    const bound = bindParams(name, ["minlength", "maxlength", "length"], args, kwargs);
    if (isError(bound)) return bound;
    let quantifier: string;
    const length = bound.get("length");
    if (length !== undefined && length !== null) {
      const n = toInt(length);
      if (isError(n)) return n;
      quantifier = `{${n}}`;
    } else {
      const min = toInt(bound.get("minlength") ?? 1);
      if (isError(min)) return min;
      const maxArg = bound.get("maxlength");
      let max = "";
      if (maxArg !== undefined && maxArg !== null) {
        const n = toInt(maxArg);
        if (isError(n)) return n;
        max = String(n);
      }
      quantifier = `{${min},${max}}`;
    }
    return {
      name,
      regex: `[^/]${quantifier}`,
      weight: 100,
      partIsolating: true,
      toPython: (raw) => ({ type: "str", value: raw }),
      toUrl: quoteValue,
    };
  };

const anyFactory: Factory = (args, kwargs) => {
  if (kwargs.size > 0) {
    const [key] = kwargs.keys();
    return typeError("any", `got an unexpected keyword argument '${key}'`);
  }
  const items = args.map((a) => (typeof a === "number" ? pythonNumberText(a) : String(a)));
  const set = new Set(items);
  return {
    name: "any",
    regex: `(?:${items.map(escapeRegex).join("|")})`,
    weight: 100,
    partIsolating: true,
    toPython: (raw) => ({ type: "str", value: raw }),
    toUrl: (value) => {
      const text = routeValueToString(value);
      if (set.has(text)) return text;
      const valid = [...set]
        .sort()
        .map((item) => `'${item}'`)
        .join(", ");
      return { pyType: "ValueError", message: `'${text}' is not one of ${valid}` };
    },
  };
};

function pythonNumberText(n: number): string {
  return Number.isInteger(n) ? String(n) : pythonFloatRepr(n);
}

const pathFactory: Factory = (args, kwargs) => {
  const bound = bindParams("path", [], args, kwargs);
  if (isError(bound)) return bound;
  return {
    name: "path",
    regex: "[^/].*?",
    weight: 200,
    partIsolating: false,
    toPython: (raw) => ({ type: "str", value: raw }),
    toUrl: quoteValue,
  };
};

function numberFactory(name: "int" | "float"): Factory {
  return (args, kwargs) => {
    const params = name === "int" ? ["fixed_digits", "min", "max", "signed"] : ["min", "max", "signed"];
    const bound = bindParams(name, params, args, kwargs);
    if (isError(bound)) return bound;
    const fixed = toInt(bound.get("fixed_digits") ?? 0);
    if (isError(fixed)) return fixed;
    const min = bound.get("min") ?? null;
    const max = bound.get("max") ?? null;
    const signed = Boolean(bound.get("signed") ?? false);
    const base = name === "int" ? "\\d+" : "\\d+\\.\\d+";
    const outOfRange = (value: number | bigint): boolean =>
      (typeof min === "number" && value < min) || (typeof max === "number" && value > max);
    return {
      name,
      regex: signed ? `-?${base}` : base,
      weight: 50,
      partIsolating: true,
      toPython: (raw) => {
        if (fixed && raw.length !== fixed) return null;
        if (name === "int") {
          const value = BigInt(raw);
          return outOfRange(value) ? null : { type: "int", value };
        }
        const value = Number(raw);
        return outOfRange(value) ? null : { type: "float", value };
      },
      toUrl: (value) => {
        let text: string;
        // Simplification: any other object is converted through its str().
        const given = value.type === "int" || value.type === "float" ? "" : routeValueToString(value);
        if (name === "int") {
          if (value.type === "int") text = value.value.toString();
          else if (value.type === "float") text = BigInt(Math.trunc(value.value)).toString();
          else if (/^\s*[+-]?\d+\s*$/.test(given)) text = BigInt(given.trim()).toString();
          else return { pyType: "ValueError", message: `invalid literal for int() with base 10: '${given}'` };
        } else {
          if (value.type === "float") text = pythonFloatRepr(value.value);
          else if (value.type === "int") text = pythonFloatRepr(Number(value.value));
          else if (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(given)) text = pythonFloatRepr(Number(given));
          else return { pyType: "ValueError", message: `could not convert string to float: '${given}'` };
        }
        if (fixed && text.length < fixed) {
          // str.zfill keeps a leading sign in front of the zeros.
          const negative = text.startsWith("-");
          const digits = negative ? text.slice(1) : text;
          text = (negative ? "-" : "") + digits.padStart(fixed - (negative ? 1 : 0), "0");
        }
        return text;
      },
    };
  };
}

const uuidFactory: Factory = (args, kwargs) => {
  const bound = bindParams("uuid", [], args, kwargs);
  if (isError(bound)) return bound;
  return {
    name: "uuid",
    regex: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
    weight: 100,
    partIsolating: true,
    toPython: (raw) => ({ type: "uuid", value: raw.toLowerCase() }),
    toUrl: (value) => routeValueToString(value),
  };
};

const FACTORIES: Record<string, Factory> = {
  default: unicodeFactory("default"),
  string: unicodeFactory("string"),
  any: anyFactory,
  path: pathFactory,
  int: numberFactory("int"),
  float: numberFactory("float"),
  uuid: uuidFactory,
};

export const CONVERTER_NAMES: readonly string[] = Object.keys(FACTORIES);

/** Werkzeug's `_converter_args_re`: `name=value,` items, values are constants, numbers, words or quoted strings. */
const ARG_ITEM = /((\w+)\s*=\s*)?(True|False|\d+.\d+|\d+.|\d+|[\w.]+|[urUR]?("[^"]*?"|'[^']*'))\s*,/g;

/** `_pythonize`: None/True/False, then int(), then float(), then a string with one pair of quotes stripped. */
export function pythonize(text: string): ConverterArg {
  if (text === "None") return null;
  if (text === "True") return true;
  if (text === "False") return false;
  if (/^[+-]?\d+(_\d+)*$/.test(text)) return Number(text.replace(/_/g, ""));
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || /^[+-]?(inf|infinity|nan)$/i.test(text)) {
    return Number(text.replace(/inf(inity)?/i, "Infinity").replace(/^([+-]?)nan$/i, "NaN"));
  }
  if (text.length >= 2 && text[0] === text[text.length - 1] && (text[0] === '"' || text[0] === "'")) {
    return text.slice(1, -1);
  }
  return text;
}

/** `parse_converter_args`: the text inside `int(...)` into positional and keyword arguments. */
export function parseConverterArgs(text: string): { args: ConverterArg[]; kwargs: Map<string, ConverterArg> } {
  const args: ConverterArg[] = [];
  const kwargs = new Map<string, ConverterArg>();
  for (const match of `${text},`.matchAll(ARG_ITEM)) {
    const raw = match[4] ?? match[3];
    const value = pythonize(raw);
    if (match[2] === undefined) args.push(value);
    else kwargs.set(match[2], value);
  }
  return { args, kwargs };
}

/**
 * An app's own converters (`app.url_map.converters`): the converter for `name`, a PyError, or undefined for
 * Werkzeug's built-in one of that name.
 */
export type ConverterResolver = (name: string, argText: string) => Converter | PyError | undefined;

/** Instantiate the converter `name` with the argument text of the rule (`""` when there is none). */
export function makeConverter(name: string, argText: string): Converter | PyError {
  const factory = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!factory) return { pyType: "LookupError", message: `the converter '${name}' does not exist` };
  const { args, kwargs } = parseConverterArgs(argText);
  return factory(args, kwargs);
}

export { isError as isPyError };
