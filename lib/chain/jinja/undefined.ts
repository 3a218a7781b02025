/**
 * jinja2.runtime.Undefined (Flask's default) and the jinja2.exceptions classes. An Undefined prints as "",
 * is false, iterates as empty and has length 0; attribute or item access, calls, arithmetic and ordering raise
 * UndefinedError with Jinja2's message. Built once and shared by every interpreter, like werkzeug's exceptions.
 */
import type { PyClass, PyInstance, PyValue, Runtime, TracebackEntry } from "../python";
import { builtinClass, isInstance, makeClass, PyRaise } from "../python";

/** What an Undefined stands for: a missing name, a missing attribute/item of `obj`, or a hint. */
export interface UndefinedData {
  name: PyValue;
  /** The object the attribute or item was missing from; absent for a missing variable. */
  obj?: PyValue;
  hint?: string;
}

export interface JinjaClasses {
  TemplateError: PyClass;
  TemplateNotFound: PyClass;
  TemplateSyntaxError: PyClass;
  TemplateAssertionError: PyClass;
  TemplateRuntimeError: PyClass;
  FilterArgumentError: PyClass;
  UndefinedError: PyClass;
  Undefined: PyClass;
}

let shared: JinjaClasses | undefined;

export function jinjaClasses(): JinjaClasses {
  shared ??= makeClasses();
  return shared;
}

const ENVIRONMENT = "/usr/lib/python3/dist-packages/jinja2/environment.py";
const RUNTIME = "/usr/lib/python3/dist-packages/jinja2/runtime.py";

/** Jinja2's library frame below the template frame when an Undefined fails (captured from the real traceback). */
export const GETATTR_FRAME: TracebackEntry = { filename: ENVIRONMENT, line: 485, name: "getattr", source: "return getattr(obj, attribute)", colStart: 7, colEnd: 30 };
export const GETITEM_FRAME: TracebackEntry = { filename: ENVIRONMENT, line: 466, name: "getitem", source: "return obj[argument]", colStart: 7, colEnd: 20 };
const FAIL_FRAME: TracebackEntry = {
  filename: RUNTIME,
  line: 852,
  name: "_fail_with_undefined_error",
  source: "raise self._undefined_exception(self._undefined_message)",
};

function makeClasses(): JinjaClasses {
  const M = "jinja2.exceptions";
  const TemplateError = makeClass("TemplateError", M, {}, builtinClass("Exception"));
  const TemplateSyntaxError = makeClass("TemplateSyntaxError", M, {}, TemplateError);
  const TemplateRuntimeError = makeClass("TemplateRuntimeError", M, {}, TemplateError);
  const classes: Omit<JinjaClasses, "Undefined"> = {
    TemplateError,
    TemplateNotFound: makeClass("TemplateNotFound", M, {}, TemplateError),
    TemplateSyntaxError,
    TemplateAssertionError: makeClass("TemplateAssertionError", M, {}, TemplateSyntaxError),
    TemplateRuntimeError,
    FilterArgumentError: makeClass("FilterArgumentError", M, {}, TemplateRuntimeError),
    UndefinedError: makeClass("UndefinedError", M, {}, TemplateError),
  };
  const fail = (self: PyInstance, interp: Runtime, frames: TracebackEntry[] = [FAIL_FRAME]): never => {
    throw undefinedError(interp, classes.UndefinedError, self.data as UndefinedData, frames);
  };
  const Undefined = makeClass("Undefined", "jinja2.runtime", {
    str: () => "",
    repr: () => "Undefined",
    bool: () => false,
    len: () => 0,
    iter: () => [][Symbol.iterator](),
    eq: (self, other) => isInstance(other) && other.cls === self.cls,
    hashKey: () => "jinja2.Undefined",
    getattr: (self, name, interp) => (name.startsWith("__") ? undefined : fail(self, interp, [GETATTR_FRAME])),
    getitem: (self, _key, interp) => fail(self, interp, [GETITEM_FRAME]),
    call: (self, _args, _kwargs, interp) => fail(self, interp),
    binop: (self, _op, _other, _reflected, interp) => fail(self, interp),
    compare: (self, _other, interp) => fail(self, interp),
    contains: (self, _item, interp) => fail(self, interp),
  });
  return { ...classes, Undefined };
}

export function makeUndefined(interp: Runtime, data: UndefinedData): PyInstance {
  return interp.newInstance(jinjaClasses().Undefined, { data });
}

export function isUndefined(v: PyValue): v is PyInstance {
  return isInstance(v) && v.cls === jinjaClasses().Undefined;
}

/** jinja2.utils.object_type_repr. */
function objectTypeRepr(interp: Runtime, obj: PyValue): string {
  if (obj === null) return "None";
  const cls = interp.typeOf(obj);
  const owner = cls.module === "builtins" || cls.module === "" ? "builtins" : cls.module;
  return owner === "builtins" ? `${cls.name} object` : `${owner}.${cls.name} object`;
}

/** Undefined._undefined_message. */
export function undefinedMessage(interp: Runtime, data: UndefinedData): string {
  if (data.hint !== undefined) return data.hint;
  if (!("obj" in data)) return `${interp.repr(data.name)} is undefined`;
  if (typeof data.name !== "string") return `${objectTypeRepr(interp, data.obj ?? null)} has no element ${interp.repr(data.name)}`;
  return `${interp.repr(objectTypeRepr(interp, data.obj ?? null))} has no attribute ${interp.repr(data.name)}`;
}

export function undefinedError(interp: Runtime, cls: PyClass, data: UndefinedData, frames: TracebackEntry[]): PyRaise {
  const exc = interp.newException(cls, undefinedMessage(interp, data));
  exc.exception?.traceback.push(...frames);
  return new PyRaise(exc);
}
