/**
 * The `request` proxy: one Python object whose attributes read the request being served (FlaskHost.current).
 * Outside a request it raises Flask's "Working outside of request context." RuntimeError.
 */
import type { Runtime, PyClass, PyValue } from "../../python";
import { dictGet, dictSet, pyBytes, pyError, pyList, PyRaise } from "../../python";
import { Headers } from "../headers";
import { MultiDict } from "../multidict";
import type { RouteValue } from "../routing/values";
import { decodeUtf8Replace } from "../urls";
import { environObject, environToDict, fromJson } from "./convert";
import type { HeadersData } from "./datastructures";
import { newHttpException } from "./exceptions";
import { newFileStorage } from "./file-storage";
import type { RequestState } from "./host";
import { FlaskHost, ruleDefaults } from "./host";

const OUTSIDE =
  "Working outside of request context.\n\nThis typically means that you attempted to use functionality that needed\n" +
  "an active HTTP request. Consult the documentation on testing for\ninformation about how to avoid this problem.";

export function currentRequest(host: FlaskHost): RequestState {
  if (!host.current) throw pyError("RuntimeError", OUTSIDE);
  return host.current;
}

/** Werkzeug's BadRequest for undecodable JSON (its page shows only the generic 400 text outside debug). */
export function badRequest(host: FlaskHost): PyRaise {
  const cls = host.classes.byCode.get(400)!;
  return new PyRaise(newHttpException(host.interp, cls, 400));
}

/**
 * app.config["MAX_CONTENT_LENGTH"]: Werkzeug 2.2 enforces it when it parses form data (request.form/values,
 * for any request with a Content-Type), raising 413 Request Entity Too Large. get_data()/get_json() do not.
 */
function checkFormLength(host: FlaskHost, state: RequestState): void {
  if (!state.data.contentType) return;
  const limit = dictGet(host.interp, state.app.config, "MAX_CONTENT_LENGTH");
  const length = state.data.contentLength;
  if (typeof limit === "bigint" && length !== null && BigInt(length) > limit) {
    throw new PyRaise(newHttpException(host.interp, host.classes.byCode.get(413)!, 413));
  }
}

function getJson(host: FlaskHost, state: RequestState, force: boolean, silent: boolean): PyValue {
  const outcome = state.data.getJson(force, silent);
  if (outcome.kind === "none") return null;
  if (outcome.kind === "bad-request") throw badRequest(host);
  return fromJson(host.interp, outcome.value);
}

export function makeRequestClass(host: FlaskHost): PyClass {
  const interp: Runtime = host.interp;
  const md = (m: MultiDict) => interp.newInstance(host.classes.MultiDict, { data: m });
  return interp.makeClass("Request", "flask.wrappers", {
    repr: () => {
      if (!host.current) return "<LocalProxy unbound>";
      return `<Request ${interp.repr(host.current.data.url)} [${host.current.data.method}]>`;
    },
    getattr: (_self, name) => {
      const state = currentRequest(host);
      const r = state.data;
      switch (name) {
        case "method":
          return r.method;
        case "path":
          return r.path;
        case "full_path":
          return r.fullPath;
        case "url":
          return r.url;
        case "base_url":
          return r.baseUrl;
        case "url_root":
          return r.urlRoot;
        case "host_url":
          return r.hostUrl;
        case "host":
          return r.host;
        case "scheme":
          return r.scheme;
        case "remote_addr":
          return r.remoteAddr;
        case "script_root":
          return r.scriptRoot;
        case "query_string":
          return pyBytes(r.queryStringBytes);
        case "args":
          return md(r.args);
        case "form":
        case "values":
          checkFormLength(host, state);
          if (name === "values") return md(new MultiDict([...r.args.pairs, ...(r.method === "GET" ? [] : r.form.pairs)]));
          return md(r.form);
        case "files":
          checkFormLength(host, state);
          if (!state.pyFiles) {
            const states = new Map();
            const pairs = r.files.map(([k, f]) => [k, newFileStorage(host, f, states)] as [string, PyValue]);
            state.pyFiles = interp.newInstance(host.classes.MultiDict, { data: new MultiDict<PyValue>(pairs) });
          }
          return state.pyFiles;
        case "cookies":
          return md(r.cookies);
        case "headers": {
          const data: HeadersData = { headers: new Headers(r.headers), readonly: true };
          return interp.newInstance(host.classes.EnvironHeaders, { data });
        }
        case "data":
          return pyBytes(r.getData());
        case "json":
          return getJson(host, state, false, false);
        case "is_json":
          return r.isJson;
        case "content_type":
          return r.contentType;
        case "content_length":
          return r.contentLength === null ? null : BigInt(r.contentLength);
        case "mimetype":
          return r.mimetype;
        case "user_agent":
          return r.header("User-Agent") ?? "";
        case "access_route": {
          const fwd = r.header("X-Forwarded-For");
          const list = fwd ? fwd.split(",").map((s) => s.trim()) : r.remoteAddr ? [r.remoteAddr] : [];
          return pyList(list);
        }
        case "environ":
          if (!state.pyEnviron) {
            const environ = environToDict(interp, r.environ, (v) => environObject(interp, v));
            // Werkzeug's Request puts itself in the environ it wraps.
            if (environ !== null && typeof environ === "object" && environ.kind === "dict") dictSet(interp, environ, "werkzeug.request", _self);
            state.pyEnviron = environ;
          }
          return state.pyEnviron;
        case "endpoint":
          return state.match.kind === "match" ? state.match.rule.endpoint : null;
        case "view_args":
          return state.match.kind === "match"
            ? interp.newDict([
                ...host.viewArgs().map(([k, v]) => [k, routeToPy(host, v)] as [PyValue, PyValue]),
                ...(ruleDefaults.get(state.match.rule) ?? []),
              ])
            : null;
        case "url_rule":
          return state.match.kind === "match" ? state.match.rule.rule : null;
        case "blueprint":
          return FlaskHost.blueprintOf(state);
        case "blueprints":
          return pyList(FlaskHost.blueprintsOf(state));
        default:
          return undefined;
      }
    },
    setattr: () => false,
    methods: {
      get_json: (args, kwargs) => {
        const a = interp.bindArgs("get_json", args.slice(1), kwargs, ["force", "silent", "cache"], {
          force: false,
          silent: false,
          cache: true,
        });
        return getJson(host, currentRequest(host), interp.truthy(a.force), interp.truthy(a.silent));
      },
      get_data: (args, kwargs) => {
        const a = interp.bindArgs("get_data", args.slice(1), kwargs, ["cache", "as_text", "parse_form_data"], {
          cache: true,
          as_text: false,
          parse_form_data: false,
        });
        const state = currentRequest(host);
        const r = state.data;
        if (interp.truthy(a.parse_form_data)) {
          checkFormLength(host, state);
          void r.form;
        }
        const data = r.getData();
        return interp.truthy(a.as_text) ? decodeUtf8Replace(data) : pyBytes(data);
      },
    },
  });
}

function routeToPy(host: FlaskHost, v: RouteValue): PyValue {
  if (v.type === "uuid") return host.interp.newInstance(host.classes.UUID, { data: v.value });
  return v.value as PyValue;
}

