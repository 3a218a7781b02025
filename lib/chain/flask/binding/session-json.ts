/**
 * flask.json.tag.TaggedJSONSerializer (Flask 2.2.2): the JSON text of a session, with the tags that keep tuples,
 * bytes, Markup, UUIDs and one-key dicts whose key looks like a tag, dumped as app.json.dumps does inside a
 * request (sorted keys, ASCII, compact separators), and read back.
 */
import type { PyClass, PyDictObject, PyValue, Runtime } from "../../python";
import { dictItems, isInstance, jsonDumps, jsonLoads, pyBytes, pyList, pyTuple, strOf } from "../../python";
import { fromBase64, toBase64 } from "../../http/bytes";

const TAGS = new Set([" di", " t", " b", " m", " u", " d"]);

export interface TagClasses {
  Markup: PyClass;
  UUID: PyClass;
}

function tag(interp: Runtime, v: PyValue, classes: TagClasses): PyValue {
  const one = (key: string, value: PyValue) => interp.newDict([[key, value]]);
  if (v === null || typeof v !== "object") return v;
  if (v.kind === "dict") {
    const items = dictItems(v);
    if (items.length === 1 && TAGS.has(strOf(items[0]![0]) ?? "")) {
      return one(" di", interp.newDict([[`${strOf(items[0]![0])}__`, tag(interp, items[0]![1], classes)]]));
    }
    return interp.newDict(items.map(([k, x]) => [k, tag(interp, x, classes)]));
  }
  if (v.kind === "tuple") return one(" t", pyList(v.items.map((x) => tag(interp, x, classes))));
  if (v.kind === "list") return pyList(v.items.map((x) => tag(interp, x, classes)));
  if (v.kind === "bytes") return one(" b", toBase64(v.data));
  if (isInstance(v)) {
    const html = interp.getAttrOrUndefined(v, "__html__");
    if (html !== undefined && html !== null) return one(" m", interp.str(interp.call(html, [])));
    if (v.cls === classes.UUID) return one(" u", (v.data as string).replace(/-/g, ""));
  }
  return v;
}

/** TaggedJSONSerializer.dumps(dict(session)). Throws Python's TypeError for values JSON cannot hold. */
export function dumpSessionJson(interp: Runtime, data: PyDictObject, classes: TagClasses): string {
  return jsonDumps(interp, tag(interp, data, classes), { sortKeys: true, separators: [",", ":"], ensureAscii: true });
}

/** The object_hook `untag`, applied innermost first as json.loads does. */
function untag(interp: Runtime, v: PyValue, classes: TagClasses): PyValue {
  if (v === null || typeof v !== "object") return v;
  if (v.kind === "list") return pyList(v.items.map((x) => untag(interp, x, classes)));
  if (v.kind !== "dict") return v;
  const items = dictItems(v).map(([k, x]) => [k, untag(interp, x, classes)] as [PyValue, PyValue]);
  if (items.length !== 1) return interp.newDict(items);
  const [key, value] = items[0]!;
  switch (strOf(key)) {
    case " di": {
      const [[k, x]] = dictItems(value as PyDictObject) as Array<[PyValue, PyValue]>;
      return interp.newDict([[(strOf(k) ?? "").slice(0, -2), x]]);
    }
    case " t":
      return pyTuple(interp.iterate(value));
    case " b":
      return pyBytes(fromBase64(strOf(value) ?? ""));
    case " m":
      return interp.newInstance(classes.Markup, { strValue: strOf(value) ?? "" });
    case " u": {
      const hex = (strOf(value) ?? "").toLowerCase();
      return interp.newInstance(classes.UUID, { data: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` });
    }
    default:
      return interp.newDict(items);
  }
}

/** TaggedJSONSerializer.loads: a dict, or undefined when the text is not a JSON object (Flask would fail too). */
export function loadSessionJson(interp: Runtime, json: string, classes: TagClasses): PyDictObject | undefined {
  try {
    const v = untag(interp, jsonLoads(interp, json), classes);
    return v !== null && typeof v === "object" && v.kind === "dict" ? v : undefined;
  } catch {
    return undefined;
  }
}
