/**
 * Jinja2 3.1's text filters (jinja2/filters.py): indent, wordwrap, urlize, urlencode, filesizeformat, pprint,
 * xmlattr. Each bounds what it builds (the interpreter's largest str) and charges the step budget for its work.
 */
import type { Kwargs, PyValue } from "../python";
import { binaryOp, dictItems, pyError, PyRaise, strOf } from "../python";
import type { EvalState } from "./evaluate";
import { isMarkup, markup, toText } from "./evaluate";
import { pformat } from "./pformat";
import { wrap } from "./textwrap";
import { isUndefined, jinjaClasses } from "./undefined";
import { urlize, validScheme } from "./urlize";

type Filter = (state: EvalState, value: PyValue, args: PyValue[], kwargs: Kwargs) => PyValue;

/** The largest text a filter builds (the interpreter's largest str). */
const MAX_TEXT = 16 * 1024 * 1024;

function bind(state: EvalState, name: string, args: PyValue[], kwargs: Kwargs, names: string[], defaults: Record<string, PyValue>): Record<string, PyValue> {
  return state.ctx.env.interp.bindArgs(name, args, kwargs, names, defaults);
}

/** Charges for building `n` characters; past the largest str it is a MemoryError, as in the interpreter. */
function alloc(state: EvalState, n: number): void {
  if (n > MAX_TEXT) throw pyError("MemoryError");
  state.ctx.env.interp.chargeAlloc(n);
}

/** str.splitlines() through the interpreter (its line boundaries; a non-str value gets Python's own error). */
function splitlines(state: EvalState, value: PyValue): string[] {
  const interp = state.ctx.env.interp;
  return interp.iterate(interp.call(interp.getAttr(value, "splitlines"), [])).map((l) => interp.str(l));
}

const indent: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_indent", args, kwargs, ["width", "first", "blank"], { width: 4n, first: false, blank: false });
  const interp = state.ctx.env.interp;
  let indention: string;
  if (strOf(a.width) !== undefined) indention = toText(state, a.width);
  else {
    const width = Number(binaryOp(interp, "*", 1n, a.width));
    alloc(state, width);
    indention = " ".repeat(Math.max(0, width));
  }
  const text = binaryOp(interp, "+", value, "\n");
  const lines = splitlines(state, text);
  alloc(state, toText(state, text).length + lines.length * (indention.length + 1));
  let rv: string;
  if (interp.truthy(a.blank)) rv = lines.join(`\n${indention}`);
  else {
    rv = lines[0] ?? "";
    if (lines.length > 1) rv += `\n${lines.slice(1).map((l) => (l ? indention + l : l)).join("\n")}`;
  }
  if (interp.truthy(a.first)) rv = indention + rv;
  return isMarkup(state, value) ? markup(state, rv) : rv;
};

const wordwrap: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_wordwrap", args, kwargs, ["width", "break_long_words", "wrapstring", "break_on_hyphens"], {
    width: 79n,
    break_long_words: true,
    wrapstring: null,
    break_on_hyphens: true,
  });
  const interp = state.ctx.env.interp;
  const sep = a.wrapstring === null ? "\n" : toText(state, a.wrapstring);
  const lines = splitlines(state, value);
  if (typeof a.width !== "bigint" && typeof a.width !== "number") throw pyError("TypeError", `'<=' not supported between instances of '${interp.typeName(a.width)}' and 'int'`);
  const width = Number(a.width);
  const options = { width, breakLongWords: interp.truthy(a.break_long_words), breakOnHyphens: interp.truthy(a.break_on_hyphens), charge: (n: number) => interp.charge(n) };
  const paragraphs = lines.map((line) => {
    if (line === "") return "";
    if (width <= 0) throw pyError("ValueError", `invalid width ${interp.repr(a.width)} (must be > 0)`);
    const wrapped = wrap(line, options);
    alloc(state, line.length + wrapped.length * sep.length);
    return wrapped.join(sep);
  });
  return paragraphs.join(sep);
};

const urlizeFilter: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_urlize", args, kwargs, ["trim_url_limit", "nofollow", "target", "rel", "extra_schemes"], {
    trim_url_limit: null,
    nofollow: false,
    target: null,
    rel: null,
    extra_schemes: null,
  });
  const interp = state.ctx.env.interp;
  const env = state.ctx.env;
  const relParts = new Set(toText(state, interp.truthy(a.rel) ? a.rel : "").split(/\s+/).filter(Boolean));
  if (interp.truthy(a.nofollow)) relParts.add("nofollow");
  relParts.add("noopener");
  const rel = [...relParts].sort().join(" ");
  const schemes = a.extra_schemes === null ? null : interp.iterate(a.extra_schemes).map((s) => toText(state, s));
  for (const scheme of schemes ?? []) {
    if (!validScheme(scheme)) throw new PyRaise(interp.newException(jinjaClasses().FilterArgumentError, `${interp.repr(scheme)} is not a valid URI scheme prefix.`));
  }
  const text = env.escapeText(value);
  alloc(state, text.length * 2);
  const out = urlize(
    text,
    {
      trimUrlLimit: a.trim_url_limit === null ? null : Number(a.trim_url_limit),
      rel: rel === "" ? null : env.escapeText(rel),
      target: a.target === null || !interp.truthy(a.target) ? null : env.escapeText(a.target),
      extraSchemes: schemes,
    },
    (n) => interp.charge(n),
  );
  return state.autoescape ? markup(state, out) : out;
};

/** urllib.parse.quote_from_bytes on the UTF-8 bytes (uppercase hex; letters, digits and `_.-~` always safe). */
function quote(text: string, safe: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~]/.test(ch) || safe.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** jinja2.utils.url_quote. */
function urlQuote(state: EvalState, v: PyValue, forQs: boolean): string {
  const text = toText(state, v);
  alloc(state, text.length * 9);
  const quoted = quote(text, forQs ? "" : "/");
  return forQs ? quoted.replace(/%20/g, "+") : quoted;
}

const urlencode: Filter = (state, value) => {
  const interp = state.ctx.env.interp;
  if (strOf(value) !== undefined || interp.tryIter(value) === undefined) return urlQuote(state, value, false);
  const isDict = value !== null && typeof value === "object" && value.kind === "dict";
  const pairs = isDict ? dictItems(value).map(([k, v]) => [k, v]) : interp.iterate(value).map((item) => interp.iterate(item));
  return pairs
    .map((pair) => {
      if (pair.length !== 2) throw pyError("ValueError", pair.length < 2 ? `not enough values to unpack (expected 2, got ${pair.length})` : "too many values to unpack (expected 2)");
      return `${urlQuote(state, pair[0], true)}=${urlQuote(state, pair[1], true)}`;
    })
    .join("&");
};

const filesizeformat: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_filesizeformat", args, kwargs, ["binary"], { binary: false });
  const interp = state.ctx.env.interp;
  const size = interp.call(interp.builtins.get("float") ?? null, [value]) as number;
  const binary = interp.truthy(a.binary);
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
  if (size === 1) return "1 Byte";
  if (size < base) return `${interp.str(interp.call(interp.builtins.get("int") ?? null, [size]))} Bytes`;
  const power = (n: number) => Number(BigInt(base) ** BigInt(n));
  let i = 0;
  let unit = power(2);
  while (i < prefixes.length - 1 && !(size < unit)) unit = power(++i + 2);
  return `${interp.format((base * size) / unit, ".1f")} ${prefixes[i]}`;
};

/** `[\s/>=]` (ASCII \s) in an attribute name. */
const BAD_ATTRIBUTE = /[ \t\n\r\f\v/>=]/;

const xmlattr: Filter = (state, value, args, kwargs) => {
  const a = bind(state, "do_xmlattr", args, kwargs, ["autospace"], { autospace: true });
  const interp = state.ctx.env.interp;
  const env = state.ctx.env;
  const items: string[] = [];
  for (const pair of interp.iterate(interp.call(interp.getAttr(value, "items"), []))) {
    const [key, v] = interp.iterate(pair);
    if (v === null || isUndefined(v)) continue;
    const name = strOf(key);
    if (name !== undefined && BAD_ATTRIBUTE.test(name)) throw pyError("ValueError", `Invalid character in attribute name: ${interp.repr(key)}`);
    items.push(`${env.escapeText(key)}="${env.escapeText(v)}"`);
  }
  let rv = items.join(" ");
  if (interp.truthy(a.autospace) && rv) rv = ` ${rv}`;
  return state.autoescape ? markup(state, rv) : rv;
};

export const TEXT_FILTERS: Record<string, Filter> = {
  indent,
  wordwrap,
  urlize: urlizeFilter,
  urlencode,
  filesizeformat,
  pprint: (state, value) => pformat(state.ctx.env.interp, value),
  xmlattr,
};
