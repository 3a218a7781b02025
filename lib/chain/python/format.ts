/** format() / f-string specs, `str % args` and `str.format` with CPython's results and error messages. */
import { pyError } from "./classes";
import { dictGet } from "./dict";
import { floatRepr, formatExponent, formatFixed, formatGeneral } from "./floatfmt";
import { asciiRepr } from "./text";
import { getItem } from "./items";
import { MAX_STR_LENGTH } from "./limits";
import { nativeHook, repr, str, typeName } from "./objects";
import { intToFloat } from "./ints";
import type { Kwargs, PyValue, Runtime } from "./values";
import { isInstance, strOf } from "./values";

interface Spec {
  fill: string;
  align: string | null;
  sign: string | null;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string | null;
  precision: number | null;
  type: string | null;
}

function parseSpec(spec: string, v: PyValue): Spec {
  let i = 0;
  const chars = Array.from(spec);
  const out: Spec = { fill: " ", align: null, sign: null, z: false, alt: false, zero: false, width: -1, grouping: null, precision: null, type: null };
  if (chars.length >= 2 && "<>=^".includes(chars[1])) {
    out.fill = chars[0];
    out.align = chars[1];
    i = 2;
  } else if (chars.length >= 1 && "<>=^".includes(chars[0])) {
    out.align = chars[0];
    i = 1;
  }
  if ("+- ".includes(chars[i] ?? "x")) out.sign = chars[i++];
  if (chars[i] === "z") {
    out.z = true;
    i++;
  }
  if (chars[i] === "#") {
    out.alt = true;
    i++;
  }
  if (chars[i] === "0") {
    out.zero = true;
    i++;
  }
  let w = "";
  while (/[0-9]/.test(chars[i] ?? "")) w += chars[i++];
  if (w) {
    if (w.length > 9 || Number(w) > MAX_STR_LENGTH) throw pyError("MemoryError");
    out.width = Number(w);
  }
  if (chars[i] === "," || chars[i] === "_") out.grouping = chars[i++];
  if (chars[i] === ".") {
    i++;
    let p = "";
    while (/[0-9]/.test(chars[i] ?? "")) p += chars[i++];
    if (!p) throw pyError("ValueError", "Format specifier missing precision");
    out.precision = Math.min(Number(p), 10000);
  }
  if (i < chars.length) out.type = chars[i++];
  if (i < chars.length) {
    throw pyError("ValueError", `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  }
  if (out.zero && out.align === null) {
    out.fill = "0";
    out.align = "=";
  } else if (out.zero && out.fill === " " && !(chars.length >= 2 && "<>=^".includes(chars[1]))) {
    out.fill = "0";
  }
  return out;
}

function pad(body: string, prefix: string, s: Spec, defaultAlign: string): string {
  const align = s.align ?? defaultAlign;
  const len = Array.from(body).length + Array.from(prefix).length;
  if (s.width <= len) return prefix + body;
  const n = s.width - len;
  switch (align) {
    case "<":
      return prefix + body + s.fill.repeat(n);
    case ">":
      return s.fill.repeat(n) + prefix + body;
    case "^":
      return s.fill.repeat(Math.floor(n / 2)) + prefix + body + s.fill.repeat(n - Math.floor(n / 2));
    default:
      return prefix + s.fill.repeat(n) + body;
  }
}

function group(intPart: string, sep: string, every: number): string {
  let out = "";
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

/** Grouping with '0' padding: CPython pads the digits (and separators) to the requested width. */
function groupedZeroPad(digits: string, sep: string, every: number, width: number): string {
  let g = group(digits, sep, every);
  while (g.length < width) {
    digits = "0" + digits;
    g = group(digits, sep, every);
  }
  return g;
}

function signPrefix(neg: boolean, sign: string | null): string {
  if (neg) return "-";
  if (sign === "+") return "+";
  if (sign === " ") return " ";
  return "";
}

function formatInt(n: bigint, s: Spec, v: PyValue): string {
  const type = s.type ?? "d";
  if ("eEfFgG%".includes(type)) return formatFloatSpec(intToFloat(n), s);
  if (s.precision !== null) throw pyError("ValueError", "Precision not allowed in integer format specifier");
  if (type === "c") {
    if (s.sign) throw pyError("ValueError", "Sign not allowed with integer format specifier 'c'");
    if (n < 0n || n > 0x10ffffn) throw pyError("OverflowError", "%c arg not in range(0x110000)");
    return pad(String.fromCodePoint(Number(n)), "", s, "<");
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  let digits: string;
  let prefix = "";
  switch (type) {
    case "b":
      digits = a.toString(2);
      if (s.alt) prefix = "0b";
      break;
    case "o":
      digits = a.toString(8);
      if (s.alt) prefix = "0o";
      break;
    case "x":
      digits = a.toString(16);
      if (s.alt) prefix = "0x";
      break;
    case "X":
      digits = a.toString(16).toUpperCase();
      if (s.alt) prefix = "0X";
      break;
    case "d":
    case "n":
      digits = a.toString();
      break;
    default:
      throw pyError("ValueError", `Unknown format code '${type}' for object of type '${typeName(v)}'`);
  }
  if (digits.length > 4300 && (type === "d" || type === "n")) {
    throw pyError("ValueError", "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
  }
  const sp = signPrefix(neg, s.sign) + prefix;
  if (s.grouping) {
    if (s.grouping === "," && !"dn".includes(type)) throw pyError("ValueError", "Cannot specify ',' with '" + type + "'.");
    const every = "dn".includes(type) ? 3 : 4;
    if (s.align === "=" && s.fill === "0") digits = groupedZeroPad(digits, s.grouping, every, s.width - sp.length);
    else digits = group(digits, s.grouping, every);
  }
  return pad(digits, sp, s, ">");
}

function formatFloatSpec(x: number, s: Spec): string {
  let type = s.type;
  let neg = x < 0 || Object.is(x, -0);
  let ax = Math.abs(x);
  let body: string;
  let suffix = "";
  if (type === "n") type = "g";
  if (!Number.isFinite(x)) {
    body = Number.isNaN(x) ? "nan" : "inf";
    if (type && "EFG".includes(type)) body = body.toUpperCase();
    if (Number.isNaN(x)) neg = false;
    if (type === "%") suffix = "%";
  } else {
    const prec = s.precision ?? 6;
    switch (type) {
      case "f":
      case "F":
        body = formatFixed(ax, prec);
        if (s.alt && prec === 0) body += ".";
        break;
      case "e":
      case "E":
        body = formatExponent(ax, prec, type === "E");
        if (s.alt && prec === 0) body = body.replace(/e/i, (m) => "." + m);
        break;
      case "g":
      case "G":
        body = formatGeneral(ax, prec, type === "G", s.alt);
        break;
      case "%":
        ax = ax * 100;
        body = formatFixed(ax, prec);
        suffix = "%";
        break;
      case null:
        body = s.precision === null ? floatRepr(ax) : formatGeneral(ax, s.precision, false, s.alt, true);
        break;
      default:
        throw pyError("ValueError", `Unknown format code '${type}' for object of type 'float'`);
    }
    if (s.z && neg && /^[0.]*$/.test(body.replace(/e.*$/i, "").replace("%", ""))) neg = false;
  }
  const sp = signPrefix(neg, s.sign);
  if (s.grouping && Number.isFinite(x)) {
    const m = /^(\d+)(.*)$/.exec(body);
    if (m) {
      let digits = m[1];
      if (s.align === "=" && s.fill === "0") {
        digits = groupedZeroPad(digits, s.grouping, 3, s.width - sp.length - m[2].length - suffix.length);
      } else digits = group(digits, s.grouping, 3);
      body = digits + m[2];
    }
  }
  return pad(body + suffix, sp, s, ">");
}

/** format(v, spec) */
export function formatValue(interp: Runtime, v: PyValue, spec: string): string {
  const out = formatValueUncharged(interp, v, spec);
  if (out.length > 4096) interp.chargeAlloc(out.length);
  return out;
}

function formatValueUncharged(interp: Runtime, v: PyValue, spec: string): string {
  if (isInstance(v)) {
    const h = nativeHook(v.cls, "format");
    if (h) return h(v, spec, interp);
    if (v.strValue !== undefined) return formatValueUncharged(interp, v.strValue, spec);
  }
  if (spec === "") return str(interp, v);
  if (typeof v === "string") {
    const s = parseSpec(spec, v);
    if (s.type !== null && s.type !== "s") throw pyError("ValueError", `Unknown format code '${s.type}' for object of type 'str'`);
    if (s.sign) throw pyError("ValueError", "Sign not allowed in string format specifier");
    if (s.alt) throw pyError("ValueError", "Alternate form (#) not allowed in string format specifier");
    if (s.align === "=") throw pyError("ValueError", "'=' alignment not allowed in string format specifier");
    if (s.grouping) throw pyError("ValueError", `Cannot specify '${s.grouping}' with 's'.`);
    let body = v;
    if (s.precision !== null) body = Array.from(v).slice(0, s.precision).join("");
    return pad(body, "", s, "<");
  }
  if (typeof v === "bigint" || typeof v === "boolean") {
    const n = typeof v === "boolean" ? (v ? 1n : 0n) : v;
    return formatInt(n, parseSpec(spec, v), v);
  }
  if (typeof v === "number") return formatFloatSpec(v, parseSpec(spec, v));
  throw pyError("TypeError", `unsupported format string passed to ${typeName(v)}.__format__`);
}

// ---- printf-style ----

export function formatPercent(interp: Runtime, fmt: string, args: PyValue): string {
  const tupleArgs = args !== null && typeof args === "object" && args.kind === "tuple" ? [...args.items] : null;
  const mapping = args !== null && typeof args === "object" && args.kind === "dict" ? args : null;
  const list = tupleArgs ?? [args];
  let argi = 0;
  let usedMapping = false;
  let out = "";
  const nextArg = (): PyValue => {
    if (argi >= list.length) throw pyError("TypeError", "not enough arguments for format string");
    return list[argi++];
  };
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    let key: string | null = null;
    if (fmt[i] === "(") {
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth) {
        if (fmt[j] === "(") depth++;
        else if (fmt[j] === ")") depth--;
        j++;
      }
      if (depth) throw pyError("ValueError", "incomplete format key");
      key = fmt.slice(i + 1, j - 1);
      i = j;
    }
    let flags = "";
    while ("-+ #0".includes(fmt[i] ?? "x") && i < fmt.length) flags += fmt[i++];
    let width = "";
    if (fmt[i] === "*") {
      i++;
      const w = nextArg();
      if (typeof w !== "bigint") throw pyError("TypeError", "* wants int");
      width = String(w);
    } else while (/[0-9]/.test(fmt[i] ?? "")) width += fmt[i++];
    let prec: string | null = null;
    if (fmt[i] === ".") {
      i++;
      prec = "";
      if (fmt[i] === "*") {
        i++;
        const p = nextArg();
        if (typeof p !== "bigint") throw pyError("TypeError", "* wants int");
        prec = String(p);
      } else while (/[0-9]/.test(fmt[i] ?? "")) prec += fmt[i++];
    }
    while ("hlL".includes(fmt[i] ?? "x") && i < fmt.length) i++;
    if (i >= fmt.length) throw pyError("ValueError", "incomplete format");
    const type = fmt[i++];
    if (type === "%") {
      out += "%";
      continue;
    }
    let arg: PyValue;
    if (key !== null) {
      if (!mapping) throw pyError("TypeError", "format requires a mapping");
      usedMapping = true;
      const v = dictGet(interp, mapping, key);
      if (v === undefined) throw pyError("KeyError", key);
      arg = v;
    } else arg = nextArg();
    const left = flags.includes("-");
    const spec: Spec = {
      fill: flags.includes("0") && !left ? "0" : " ",
      align: left ? "<" : flags.includes("0") ? "=" : ">",
      sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : null,
      z: false,
      alt: flags.includes("#"),
      zero: false,
      width: width ? checkedWidth(width) : -1,
      grouping: null,
      precision: prec === null ? null : Number(prec || "0"),
      type: null,
    };
    let piece: string;
    switch (type) {
      case "s":
      case "r":
      case "a": {
        let s = type === "s" ? str(interp, arg) : type === "r" ? repr(interp, arg) : asciiRepr(repr(interp, arg));
        if (spec.precision !== null) s = Array.from(s).slice(0, spec.precision).join("");
        piece = pad(s, "", { ...spec, fill: " ", align: left ? "<" : ">" }, ">");
        break;
      }
      case "d":
      case "i":
      case "u": {
        const n = toIntForPercent(arg, type);
        piece = formatInt(n, { ...spec, precision: null, type: "d" }, arg);
        if (spec.precision !== null) piece = zeroPrecisionInt(n, spec, "d");
        break;
      }
      case "x":
      case "X":
      case "o": {
        if (typeof arg !== "bigint" && typeof arg !== "boolean") {
          throw pyError("TypeError", `%${type} format: an integer is required, not ${typeName(arg)}`);
        }
        const n = typeof arg === "boolean" ? BigInt(arg) : arg;
        piece = formatInt(n, { ...spec, precision: null, type }, arg);
        break;
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        const x = toFloatForPercent(arg, type);
        piece = formatFloatSpec(x, { ...spec, type, precision: spec.precision ?? 6 });
        break;
      }
      case "c": {
        const s = strOf(arg);
        if (s !== undefined && Array.from(s).length === 1) piece = pad(s, "", { ...spec, align: left ? "<" : ">", fill: " " }, ">");
        else if (typeof arg === "bigint") piece = pad(String.fromCodePoint(Number(arg)), "", { ...spec, align: left ? "<" : ">", fill: " " }, ">");
        else throw pyError("TypeError", "%c requires int or char");
        break;
      }
      default: {
        const cp = type.codePointAt(0)!;
        throw pyError("ValueError", `unsupported format character '${type}' (0x${cp.toString(16)}) at index ${i - 1}`);
      }
    }
    void start;
    out += piece;
    if (out.length > MAX_STR_LENGTH) throw pyError("MemoryError");
  }
  if (!usedMapping && !mapping && argi < list.length) throw pyError("TypeError", "not all arguments converted during string formatting");
  return out;
}

function zeroPrecisionInt(n: bigint, spec: Spec, type: string): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  digits = digits.padStart(spec.precision ?? 0, "0");
  void type;
  return pad(digits, signPrefix(neg, spec.sign), spec, ">");
}

function toIntForPercent(arg: PyValue, type: string): bigint {
  if (typeof arg === "bigint") return arg;
  if (typeof arg === "boolean") return arg ? 1n : 0n;
  if (typeof arg === "number") {
    if (!Number.isFinite(arg)) throw pyError(Number.isNaN(arg) ? "ValueError" : "OverflowError", Number.isNaN(arg) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
    return BigInt(Math.trunc(arg));
  }
  throw pyError("TypeError", `%${type} format: a real number is required, not ${typeName(arg)}`);
}

function toFloatForPercent(arg: PyValue, type: string): number {
  if (typeof arg === "number") return arg;
  if (typeof arg === "bigint") return intToFloat(arg);
  if (typeof arg === "boolean") return arg ? 1 : 0;
  throw pyError("TypeError", `must be real number, not ${typeName(arg)}`);
  void type;
}

// ---- str.format ----

export function strFormat(interp: Runtime, template: string, args: PyValue[], kwargs: Kwargs, depth = 0): string {
  if (depth > 2) throw pyError("ValueError", "Max string recursion exceeded");
  let out = "";
  let auto = 0;
  let mode: "auto" | "manual" | null = null;
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === "{") {
      if (template[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      // find matching }
      let j = i + 1;
      let d = 1;
      while (j < template.length) {
        if (template[j] === "{") d++;
        else if (template[j] === "}") {
          d--;
          if (d === 0) break;
        }
        j++;
      }
      if (j >= template.length) throw pyError("ValueError", d > 1 ? "unmatched '{' in format spec" : "Single '{' encountered in format string");
      const field = template.slice(i + 1, j);
      i = j + 1;
      // split field_name ! conversion : spec
      let k = 0;
      let inBracket = false;
      while (k < field.length) {
        const ch = field[k];
        if (ch === "[") inBracket = true;
        else if (ch === "]") inBracket = false;
        else if (!inBracket && (ch === "!" || ch === ":")) break;
        k++;
      }
      const name = field.slice(0, k);
      let conv: string | null = null;
      let spec = "";
      if (field[k] === "!") {
        conv = field[k + 1] ?? "";
        if (field.length > k + 2 && field[k + 2] !== ":") throw pyError("ValueError", "expected ':' after conversion specifier");
        k += 2;
      }
      if (field[k] === ":") spec = field.slice(k + 1);
      // resolve the value
      const m = /^([^.[]*)(.*)$/s.exec(name)!;
      let first = m[1];
      let value: PyValue;
      if (first === "") {
        if (mode === "manual") throw pyError("ValueError", "cannot switch from manual field specification to automatic field numbering");
        mode = "auto";
        first = String(auto++);
      } else if (/^\d+$/.test(first)) {
        if (mode === "auto") throw pyError("ValueError", "cannot switch from automatic field numbering to manual field specification");
        mode = "manual";
      }
      if (/^\d+$/.test(first)) {
        const idx = Number(first);
        if (idx >= args.length) throw pyError("IndexError", `Replacement index ${idx} out of range for positional args tuple`);
        value = args[idx];
      } else {
        const kv = kwargs.get(first);
        if (kv === undefined) throw pyError("KeyError", first);
        value = kv;
      }
      let rest = m[2];
      while (rest) {
        const attr = /^\.([^.[]+)/.exec(rest);
        if (attr) {
          value = interp.getAttr(value, attr[1]);
          rest = rest.slice(attr[0].length);
          continue;
        }
        const item = /^\[([^\]]+)\]/.exec(rest);
        if (item) {
          const key: PyValue = /^\d+$/.test(item[1]) ? BigInt(item[1]) : item[1];
          value = getItem(interp, value, key);
          rest = rest.slice(item[0].length);
          continue;
        }
        throw pyError("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
      }
      if (conv !== null) {
        if (conv === "r") value = repr(interp, value);
        else if (conv === "s") value = str(interp, value);
        else if (conv === "a") value = asciiRepr(repr(interp, value));
        else throw pyError("ValueError", `Unknown conversion specifier ${conv}`);
      }
      if (spec.includes("{")) spec = strFormat(interp, spec, args, kwargs, depth + 1);
      out += formatValue(interp, value, spec);
      if (out.length > MAX_STR_LENGTH) throw pyError("MemoryError");
      continue;
    }
    if (c === "}") {
      if (template[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw pyError("ValueError", "Single '}' encountered in format string");
    }
    out += c;
    i++;
  }
  return out;
}

function checkedWidth(w: string): number {
  if (w.length > 9 || Number(w) > MAX_STR_LENGTH) throw pyError("MemoryError");
  return Number(w);
}
