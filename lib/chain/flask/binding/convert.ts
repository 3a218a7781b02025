/** Conversions between the interpreter's values and the model's plain TypeScript data. */
import type { Runtime, PyValue } from "../../python";
import { dictItems, isInstance, pyBytes, pyError, pyList, pyTuple, strOf } from "../../python";
import type { Environ, EnvironValue } from "../../trace";
import { sharedEnvironClass } from "./datastructures";
import type { JsonKey, JsonValue } from "../json";
import type { PyError, RouteValue } from "../routing/values";

/** Throw a model PyError as a Python exception (BuildError is a LookupError subclass in Werkzeug). */
export function raise(err: PyError): never {
  throw pyError(err.pyType === "BuildError" ? "LookupError" : err.pyType, err.message);
}

/** A PyValue → JsonValue for Flask's JSON provider, with json.dumps' TypeErrors. */
export function toJson(interp: Runtime, v: PyValue, depth = 0): JsonValue {
  if (depth > 500) throw pyError("RecursionError", "maximum recursion depth exceeded while encoding a JSON object");
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return { int: v };
  const s = strOf(v);
  if (s !== undefined) return s;
  switch (v.kind) {
    case "list":
    case "tuple":
      return v.items.map((x) => toJson(interp, x, depth + 1));
    case "dict": {
      const items: Array<[JsonKey, JsonValue]> = [];
      for (const [k, x] of dictItems(v)) items.push([jsonKey(interp, k), toJson(interp, x, depth + 1)]);
      return { dict: items };
    }
    default:
      break;
  }
  if (isInstance(v) && v.cls.name === "UUID") return interp.str(v);
  throw pyError("TypeError", `Object of type ${interp.typeName(v)} is not JSON serializable`);
}

function jsonKey(interp: Runtime, k: PyValue): JsonKey {
  if (k === null || typeof k === "boolean" || typeof k === "string" || typeof k === "number") return k;
  if (typeof k === "bigint") return { int: k };
  const s = strOf(k);
  if (s !== undefined) return s;
  throw pyError("TypeError", `keys must be str, int, float, bool or None, not ${interp.typeName(k)}`);
}

/** JsonValue (from request JSON) → Python objects. */
export function fromJson(interp: Runtime, v: JsonValue): PyValue {
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (Array.isArray(v)) return pyList(v.map((x) => fromJson(interp, x)));
  if ("int" in v) return v.int;
  return interp.newDict(
    v.dict.map(([k, x]) => [typeof k === "object" && k !== null ? k.int : k, fromJson(interp, x)] as [PyValue, PyValue]),
  );
}

/** A converter's value as the view receives it. */
export function routeValueToPy(interp: Runtime, v: RouteValue, uuidClass: () => PyValue): PyValue {
  switch (v.type) {
    case "str":
      return v.value;
    case "int":
      return v.value;
    case "float":
      return v.value;
    case "uuid": {
      const cls = uuidClass();
      if (cls && typeof cls === "object" && cls.kind === "class") return interp.newInstance(cls, { data: v.value });
      return v.value;
    }
    case "object":
      return v.value as PyValue;
  }
}

/** A url_for argument as the router builds it. */
export function pyToRouteValue(interp: Runtime, v: PyValue): RouteValue | null {
  if (v === null) return null;
  if (typeof v === "bigint") return { type: "int", value: v };
  if (typeof v === "boolean") return { type: "str", value: v ? "True" : "False" };
  if (typeof v === "number") return { type: "float", value: v };
  const text = strOf(v);
  if (text !== undefined) return { type: "str", value: text };
  return { type: "object", value: v, str: () => interp.str(v) };
}

export type EnvironObject = Extract<EnvironValue, { type: "object" }>;

/** One environ value as a Python object for request.environ. */
function environValueToPy(interp: Runtime, v: EnvironValue, opaque: (v: EnvironObject) => PyValue): PyValue {
  switch (v.type) {
    case "str":
      return v.value;
    case "bool":
      return v.value;
    case "int":
      return BigInt(Math.trunc(v.value));
    case "tuple":
      return pyTuple(v.value.map((x) => (typeof x === "number" ? BigInt(Math.trunc(x)) : x)));
    case "object":
      // uWSGI's uwsgi.version and uwsgi.node are bytes.
      if (v.className === "builtins.bytes" && v.data) return pyBytes(v.data);
      return opaque(v);
  }
}

/** A gateway object of the environ: an instance of its class showing the gateway's repr, or the class itself. */
export function environObject(interp: Runtime, v: EnvironObject): PyValue {
  const cls = sharedEnvironClass(v.className ?? "builtins.object");
  return v.isClass ? cls : interp.newInstance(cls, { data: v.repr });
}

export function environToDict(interp: Runtime, environ: Environ, opaque: (v: EnvironObject) => PyValue): PyValue {
  return interp.newDict(environ.map(([k, v]) => [k, environValueToPy(interp, v, opaque)] as [PyValue, PyValue]));
}

export function bytesValue(data: Uint8Array): PyValue {
  return pyBytes(data);
}
