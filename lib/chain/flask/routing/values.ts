/** Values that cross between the router and the view: what a converter hands the view function. */
export type RouteValue =
  | { type: "str"; value: string }
  /** Python int: arbitrary precision. */
  | { type: "int"; value: bigint }
  | { type: "float"; value: number }
  /** A uuid.UUID, kept as its canonical lower-case text. */
  | { type: "uuid"; value: string }
  /**
   * Any other value (a custom converter's to_python result, a list given to url_for): opaque to the router,
   * with Python's str() of it computed on demand (it may run the app's own __str__, so only when needed).
   */
  | { type: "object"; value: unknown; str: () => string };

/** A converter argument as Werkzeug's `_pythonize` reads it from the rule text. */
export type ConverterArg = null | boolean | number | string;

/** A Python exception raised while building or matching, described for the binding to raise. */
export interface PyError {
  /**
   * ValidationError (from a custom converter's to_url) makes url_for try the next rule, as Werkzeug does.
   * RegexUnsupported / RegexInvalid: an app's converter regex the linear-time engine cannot run, or cannot read
   * (message: the engine's Korean words).
   */
  pyType: "ValueError" | "TypeError" | "LookupError" | "AssertionError" | "BuildError" | "ValidationError" | "RegexUnsupported" | "RegexInvalid";
  message: string;
}

/** Python's str() of a route value, e.g. for f-strings and url building. */
export function routeValueToString(value: RouteValue): string {
  switch (value.type) {
    case "str":
    case "uuid":
      return value.value;
    case "int":
      return value.value.toString();
    case "float":
      return pythonFloatRepr(value.value);
    case "object":
      return value.str();
  }
}

/** Python's repr() of a float: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, expText] = Math.abs(x).toExponential().split("e");
  const exp = Number(expText);
  const digits = mantissa.replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
