/**
 * werkzeug.exceptions as Python classes: HTTPException and one subclass per code (NotFound, ...), plus
 * RequestRedirect (308 from routing) and BadRequestKeyError. Each instance carries the model's HttpError.
 */
import type { Runtime, PyClass, PyInstance, PyValue } from "../../python";
import { builtinClass, isInstance, makeClass, pyError, strOf } from "../../python";
import type { HttpError } from "../http/exceptions";
import { httpError } from "../http/exceptions";
import { reasonPhrase } from "../http/status";
import { DEFAULT_EXCEPTIONS } from "../http/status-data";

export interface HttpExceptionData {
  error: HttpError;
  /** RequestRedirect's absolute target. */
  newUrl?: string;
}

export interface HttpExceptionClasses {
  HTTPException: PyClass;
  byCode: Map<number, PyClass>;
  RequestRedirect: PyClass;
  BadRequestKeyError: PyClass;
}

export function httpData(v: PyValue): HttpExceptionData | undefined {
  if (!isInstance(v) || !v.data || typeof v.data !== "object" || !("error" in v.data)) return undefined;
  return v.data as HttpExceptionData;
}

/**
 * The classes, built once and shared by every interpreter, as the builtin exception classes are: Python cannot
 * change a class (setting or deleting a class attribute is a TypeError), and the hooks use the interpreter that
 * calls them. Host methods that need a run's state (HTTPException.get_response) look it up through that
 * interpreter too (see flask-module.ts).
 */
let shared: HttpExceptionClasses | undefined;

export function httpExceptionClasses(): HttpExceptionClasses {
  shared ??= makeHttpExceptionClasses();
  return shared;
}

function makeHttpExceptionClasses(): HttpExceptionClasses {
  const base = makeClass("HTTPException", "werkzeug.exceptions", {}, builtinClass("Exception"));
  base.native.str = (self) => {
    const d = httpData(self);
    if (!d) return "??? Unknown Error: ";
    return `${d.error.code} ${reasonPhrase(d.error.code)}: ${d.error.description}`;
  };
  base.native.repr = (self) => {
    const d = httpData(self);
    const code = d ? d.error.code : "???";
    return `<${self.cls.name} '${code}: ${d ? reasonPhrase(d.error.code) : "Unknown Error"}'>`;
  };
  base.native.getattr = (self, name) => {
    const d = httpData(self);
    if (!d) return undefined;
    if (name === "code") return BigInt(d.error.code);
    if (name === "description") return d.error.description;
    if (name === "name") return reasonPhrase(d.error.code);
    if (name === "new_url" && d.newUrl !== undefined) return d.newUrl;
    if (name === "original_exception") return self.attrs.get("original_exception") ?? null;
    return undefined;
  };
  // HTTPException(description=None, response=None) and subclasses: construct with their own code.
  base.native.construct = (cls, args, kwargs, interp) => {
    const a = interp.bindArgs(cls.name, args, kwargs, ["description", "response"], { description: null, response: null });
    const code = codeOf(cls);
    if (code === undefined) throw pyError("TypeError", "HTTPException without a code cannot be raised here");
    const description = a.description === null ? undefined : (strOf(a.description) ?? interp.str(a.description));
    return newHttpException(interp, cls, code, description);
  };
  const byCode = new Map<number, PyClass>();
  for (const [codeText, info] of Object.entries(DEFAULT_EXCEPTIONS)) {
    const code = Number(codeText);
    const cls = makeClass(info.className, "werkzeug.exceptions", {}, base);
    cls.attrs.set("code", BigInt(code));
    cls.attrs.set("description", info.description);
    byCode.set(code, cls);
  }
  const RequestRedirect = makeClass("RequestRedirect", "werkzeug.routing.exceptions", {}, base);
  RequestRedirect.attrs.set("code", 308n);
  const BadRequestKeyError = makeClass("BadRequestKeyError", "werkzeug.exceptions", {}, byCode.get(400)!);
  BadRequestKeyError.attrs.set("code", 400n);
  return { HTTPException: base, byCode, RequestRedirect, BadRequestKeyError };
}

function codeOf(cls: PyClass): number | undefined {
  for (let c: PyClass | null = cls; c; c = c.base) {
    const code = c.attrs.get("code");
    if (typeof code === "bigint") return Number(code);
  }
  return undefined;
}

export function classCode(cls: PyClass): number | null {
  return codeOf(cls) ?? null;
}

export function newHttpException(interp: Runtime, cls: PyClass, code: number, description?: string): PyInstance {
  const made = httpError(code, description);
  const error: HttpError =
    "pyType" in made
      ? { code, className: cls.name, description: description ?? "", extraHeaders: [] }
      : { ...made, className: cls.name };
  const inst = interp.newInstance(cls, { data: { error } satisfies HttpExceptionData });
  if (inst.exception) inst.exception.args = description === undefined ? [] : [description];
  return inst;
}
