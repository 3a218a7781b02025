/**
 * flask.Response as a Python class over the model's FlaskResponse, and Flask 2.2's make_response rules that turn
 * a view's return value into one.
 */
import type { Runtime, PyClass, PyInstance, PyValue } from "../../python";
import { isInstance, isPyException, pyBytes, pyError, strOf } from "../../python";
import { errorResponse, redirectPageHtml } from "../http/exceptions";
import { flaskJsonBody } from "../json";
import { FlaskResponse } from "../response";
import type { PyError } from "../routing/values";
import { decodeUtf8Replace, urlQuote } from "../urls";
import { escapeHtml } from "../markup";
import { constructorHeaders, updateHeaders } from "./datastructures";
import type { HeadersData } from "./datastructures";
import { toJson } from "./convert";
import type { HttpExceptionData } from "./exceptions";
import { httpData } from "./exceptions";
import type { MakeResponseError } from "./frames";
import { JSONIFY_FRAME, jsonEncodeFrames } from "./frames";
import type { JsonValue } from "../json";
import { dumpCookie } from "../cookies";

/** The wall clock (ms) of the run in progress, for Expires derived from max_age; set by the Flask host. */
const clocks = new WeakMap<Runtime, () => number>();

export function setCookieClock(interp: Runtime, now: () => number): void {
  clocks.set(interp, now);
}

function cookieClock(interp: Runtime): number | undefined {
  return clocks.get(interp)?.();
}

function must<T>(x: T | PyError): T {
  if (x && typeof x === "object" && "pyType" in x) {
    const e = x as PyError;
    throw pyError(e.pyType === "BuildError" ? "LookupError" : e.pyType, e.message);
  }
  return x as T;
}

/** Which make_response TypeError an exception is (for Flask's traceback frames). */
export const makeResponseErrors = new WeakMap<PyInstance, MakeResponseError>();

export class ResponseFactory {
  readonly interp: Runtime;
  readonly cls: PyClass;
  readonly headersClass: PyClass;

  constructor(interp: Runtime, headersClass: PyClass) {
    this.interp = interp;
    this.headersClass = headersClass;
    this.cls = interp.makeClass("Response", "flask.wrappers", {
      construct: (_cls, args, kwargs) => {
        const a = interp.bindArgs("Response", args, kwargs, ["response", "status", "headers", "mimetype", "content_type"], {
          response: null,
          status: null,
          headers: null,
          mimetype: null,
          content_type: null,
        });
        const body = a.response === null ? "" : this.bodyOf(a.response);
        if (body === undefined) throw pyError("TypeError", `'${interp.typeName(a.response)}' object is not iterable`);
        return this.wrap(
          must(
            FlaskResponse.create(body, {
              status: this.statusArg(a.status),
              headers: constructorHeaders(interp, a.headers),
              mimetype: a.mimetype === null ? undefined : interp.str(a.mimetype),
              contentType: a.content_type === null ? undefined : interp.str(a.content_type),
            }),
          ),
        );
      },
      repr: (self) => {
        const r = self.data as FlaskResponse;
        return `<Response ${r.body.length} bytes [${r.status.status}]>`;
      },
      getattr: (self, name) => this.getattr(self, name),
      setattr: (self, name, value) => this.setattr(self, name, value),
      methods: {
        get_data: (args, kwargs) => {
          const a = interp.bindArgs("get_data", args.slice(1), kwargs, ["as_text"], { as_text: false });
          const r = (args[0] as PyInstance).data as FlaskResponse;
          return interp.truthy(a.as_text) ? decodeUtf8Replace(r.body) : pyBytes(r.body);
        },
        set_data: (args, kwargs) => {
          const a = interp.bindArgs("set_data", args.slice(1), kwargs, ["value"]);
          const body = this.bodyOf(a.value);
          if (body === undefined) throw pyError("TypeError", `Response data must be str or bytes, not ${interp.typeName(a.value)}`);
          ((args[0] as PyInstance).data as FlaskResponse).setData(body);
          return null;
        },
        set_cookie: (args, kwargs) => {
          const a = interp.bindArgs("set_cookie", args.slice(1), kwargs, ["key", "value", "max_age", "expires", "path", "domain", "secure", "httponly", "samesite"], {
            value: "",
            max_age: null,
            expires: null,
            path: "/",
            domain: null,
            secure: false,
            httponly: false,
            samesite: null,
          });
          const r = (args[0] as PyInstance).data as FlaskResponse;
          must(r.headers.add("Set-Cookie", must(pyDumpCookie(interp, a))));
          return null;
        },
        delete_cookie: (args, kwargs) => {
          const a = interp.bindArgs("delete_cookie", args.slice(1), kwargs, ["key", "path", "domain", "secure", "httponly", "samesite"], {
            path: "/",
            domain: null,
            secure: false,
            httponly: false,
            samesite: null,
          });
          const r = (args[0] as PyInstance).data as FlaskResponse;
          must(r.headers.add("Set-Cookie", must(pyDumpCookie(interp, { ...a, value: "", max_age: 0n, expires: 0n }))));
          return null;
        },
      },
    });
  }

  wrap(r: FlaskResponse): PyInstance {
    return this.interp.newInstance(this.cls, { data: r });
  }

  unwrap(v: PyValue): FlaskResponse | undefined {
    return isInstance(v) && v.data instanceof FlaskResponse ? v.data : undefined;
  }

  /** A body value: str (and Markup) or bytes; undefined for anything else. */
  bodyOf(v: PyValue): string | Uint8Array | undefined {
    const s = strOf(v);
    if (s !== undefined) return s;
    if (v !== null && typeof v === "object" && v.kind === "bytes") return v.data;
    return undefined;
  }

  statusArg(v: PyValue): number | string | null {
    if (v === null) return null;
    if (typeof v === "bigint") return Number(v);
    if (typeof v === "boolean") return v ? 1 : 0;
    const s = strOf(v);
    if (s !== undefined) return s;
    if (v !== null && typeof v === "object" && v.kind === "bytes") return decodeUtf8Replace(v.data);
    throw pyError("TypeError", `int() argument must be a string, a bytes-like object or a real number, not '${this.interp.typeName(v)}'`);
  }

  getattr(self: PyInstance, name: string): PyValue | undefined {
    const r = self.data as FlaskResponse;
    switch (name) {
      case "status":
        return r.status.status;
      case "status_code":
        return BigInt(r.status.code);
      case "headers": {
        const data: HeadersData = { headers: r.headers, readonly: false };
        return this.interp.newInstance(this.headersClass, { data });
      }
      case "data":
        return pyBytes(r.body);
      case "content_type":
        return r.headers.get("Content-Type") ?? null;
      case "mimetype": {
        const ct = r.headers.get("Content-Type");
        return ct === undefined ? null : ct.split(";")[0].trim().toLowerCase();
      }
      case "content_length": {
        const cl = r.headers.get("Content-Length");
        return cl === undefined ? null : BigInt(Number(cl) || 0);
      }
      case "is_json": {
        const m = (r.headers.get("Content-Type") ?? "").split(";")[0].trim();
        return m === "application/json" || (m.startsWith("application/") && m.endsWith("+json"));
      }
      case "location":
        return r.headers.get("Location") ?? null;
      default:
        return undefined;
    }
  }

  setattr(self: PyInstance, name: string, value: PyValue): boolean {
    const r = self.data as FlaskResponse;
    switch (name) {
      case "status": {
        const s = this.statusArg(value);
        if (s !== null) must(r.setStatus(typeof s === "number" ? String(s) : s));
        return true;
      }
      case "status_code": {
        const s = this.statusArg(value);
        if (s !== null) must(r.setStatus(typeof s === "string" ? Number(s) : s));
        return true;
      }
      case "data": {
        const body = this.bodyOf(value);
        if (body === undefined) throw pyError("TypeError", `Response data must be str or bytes, not ${this.interp.typeName(value)}`);
        r.setData(body);
        return true;
      }
      case "mimetype":
      case "content_type": {
        const text = this.interp.str(value);
        must(r.headers.set("Content-Type", name === "mimetype" ? contentTypeOf(text) : text));
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * `app.json.response(value)`: sorted, compact JSON plus "\n", application/json. A value json.dumps refuses
   * raises its TypeError with the provider's and json's frames attached (innermost last), like the real one.
   */
  json(value: PyValue, via: "jsonify" | "make_response" = "jsonify"): PyInstance {
    let json: JsonValue;
    try {
      json = toJson(this.interp, value);
    } catch (e) {
      if (isPyException(e) && e.exception.exception && e.exception.cls.name === "TypeError") {
        const fromDefault = /is not JSON serializable$/.test(this.interp.str(e.exception));
        const frames = jsonEncodeFrames(fromDefault);
        e.exception.exception.traceback.push(...(via === "jsonify" ? [JSONIFY_FRAME, ...frames] : frames));
        if (via === "make_response") makeResponseErrors.set(e.exception, "json");
      }
      throw e;
    }
    const body = must(flaskJsonBody(json));
    return this.wrap(must(FlaskResponse.create(body, { mimetype: "application/json" })));
  }

  /** werkzeug.utils.redirect(location, code). */
  redirect(location: string, code: number): PyInstance {
    const uri = iriToUri(location);
    const body =
      "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n" +
      `<p>You should be redirected automatically to the target URL: <a href="${escapeHtml(uri)}">${escapeHtml(location)}</a>. If not, click the link.\n`;
    const r = must(FlaskResponse.create(body, { status: code, mimetype: "text/html" }));
    must(r.headers.set("Location", uri));
    return this.wrap(r);
  }

  /** The response an HTTPException renders (its page, or the routing redirect). */
  fromHttpException(data: HttpExceptionData): FlaskResponse {
    if (data.newUrl !== undefined) {
      const r = must(FlaskResponse.create(redirectPageHtml(data.newUrl), { status: 308 }));
      must(r.headers.set("Location", data.newUrl));
      return r;
    }
    const page = errorResponse(data.error);
    return must(FlaskResponse.create(page.body, { status: page.status, headers: page.headers }));
  }

  /** Flask.make_response(rv); raises Flask's TypeErrors (tagged for the traceback frames). */
  makeResponse(rv: PyValue, endpoint: string | null): FlaskResponse {
    const interp = this.interp;
    let status: PyValue = null;
    let headers: PyValue = null;
    if (rv !== null && typeof rv === "object" && rv.kind === "tuple") {
      const items = rv.items;
      if (items.length === 3) [rv, status, headers] = items;
      else if (items.length === 2) {
        const second = items[1];
        const isHeaders =
          second !== null &&
          typeof second === "object" &&
          (second.kind === "dict" || second.kind === "tuple" || second.kind === "list" || (isInstance(second) && second.cls === this.headersClass));
        if (isHeaders) [rv, headers] = items;
        else [rv, status] = items;
      } else {
        throw this.typeError(
          "tuple",
          "The view function did not return a valid response tuple. The tuple must have the form (body, status, headers), (body, status), or (body, headers).",
        );
      }
    }
    if (rv === null) {
      throw this.typeError(
        "none",
        `The view function for ${interp.repr(endpoint)} did not return a valid response. The function either returned None or ended without a return statement.`,
      );
    }
    let response = this.unwrap(rv);
    if (!response) {
      const http = httpData(rv);
      const body = this.bodyOf(rv);
      if (body !== undefined) {
        response = must(FlaskResponse.create(body, { status: this.statusArg(status), headers: constructorHeaders(interp, headers) }));
        status = null;
        headers = null;
      } else if (rv !== null && typeof rv === "object" && (rv.kind === "dict" || rv.kind === "list")) {
        response = this.json(rv, "make_response").data as FlaskResponse;
      } else if (http) {
        response = this.fromHttpException(http);
      } else {
        throw this.typeError(
          "type",
          "The view function did not return a valid response. The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a " +
            `${interp.typeName(rv)}.`,
        );
      }
    }
    if (status !== null) {
      const s = this.statusArg(status);
      if (s !== null) must(response.setStatus(s));
    }
    if (headers !== null) updateHeaders(interp, response.headers, headers);
    return response;
  }

  typeError(which: MakeResponseError, message: string) {
    const raised = pyError("TypeError", message);
    makeResponseErrors.set(raised.exception, which);
    return raised;
  }
}

function contentTypeOf(mimetype: string): string {
  return mimetype.startsWith("text/") && !mimetype.includes("charset") ? `${mimetype}; charset=utf-8` : mimetype;
}

/** werkzeug.urls.iri_to_uri(location, safe_conversion=True) for redirect(). */
export function iriToUri(location: string): string {
  if (/^[\x00-\x7f]*$/.test(location) && location.trim().split(/\s+/).length <= 1 && !/\s/.test(location.trim())) {
    return location;
  }
  const m = location.match(/^([a-zA-Z][a-zA-Z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/);
  if (!m) return urlQuote(location, "/:~+%");
  const [, scheme = "", netloc = "", path = "", query = "", fragment = ""] = m;
  return (
    scheme +
    netloc +
    urlQuote(path, "/:~+%") +
    (query ? `?${urlQuote(query.slice(1), "=%&[]:;$()+,!?*/")}` : "") +
    (fragment ? `#${urlQuote(fragment.slice(1), "=%&[]:;$()+,!?*/")}` : "")
  );
}

/** Seconds of a max_age / expires argument: int, float, timedelta or datetime (naive = UTC, as Werkzeug reads it). */
function secondsArg(v: PyValue): number | undefined {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (isInstance(v) && v.data && typeof (v.data as { us?: unknown }).us === "bigint") return Number((v.data as { us: bigint }).us) / 1e6;
  return undefined;
}

/** response.set_cookie's arguments through werkzeug.http.dump_cookie (cookies.ts). */
function pyDumpCookie(interp: Runtime, a: Record<string, PyValue>): string | PyError {
  const maxAge = a.max_age === null ? null : secondsArg(a.max_age);
  const expires = a.expires === null ? null : (strOf(a.expires) ?? secondsArg(a.expires));
  if (maxAge === undefined || expires === undefined) {
    return { pyType: "TypeError", message: `unsupported type for cookie time: '${interp.typeName(a.max_age ?? a.expires)}'` };
  }
  const value = a.value !== null && typeof a.value === "object" && a.value.kind === "bytes" ? new TextDecoder().decode(a.value.data) : interp.str(a.value);
  interp.noteWallClockRead();
  return dumpCookie(
    {
      key: interp.str(a.key),
      value,
      maxAge: maxAge === null ? null : Math.trunc(maxAge),
      expires,
      path: a.path === null ? null : interp.str(a.path),
      domain: a.domain === null ? null : interp.str(a.domain),
      secure: interp.truthy(a.secure),
      httponly: interp.truthy(a.httponly),
      samesite: a.samesite === null ? null : interp.str(a.samesite),
    },
    (cookieClock(interp) ?? 0) / 1000,
    iriToUri,
  );
}
