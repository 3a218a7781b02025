/**
 * One WSGI call of the Flask model, in Flask 2.2's order: before_request functions, routing result (404/405/308
 * raised as HTTPExceptions), automatic OPTIONS, the view, error handlers, make_response, after_request functions,
 * and for unhandled exceptions Flask's log record plus the 500 page (or the app's 500 handler).
 */
import type { PyClass, PyInstance, PyValue } from "../../python";
import { isPyException } from "../../python";
import type { AppCallContext, AppOutcome, AppOutput } from "../../contracts";
import type { Environ } from "../../trace";
import { methodNotAllowed } from "../http/exceptions";
import { explainRoute } from "../routing/explain";
import type { RouteExplanation } from "../routing/explain";
import { sortMethods } from "../routing/map";
import { FlaskResponse } from "../response";
import { RequestData } from "../request";
import { routeValueToPy } from "./convert";
import type { HttpExceptionData } from "./exceptions";
import { httpData, newHttpException } from "./exceptions";
import type { TracebackEntry } from "../../python";
import {
  AFTER_REQUEST_FRAMES,
  BEFORE_REQUEST_FRAMES,
  HTTP_HANDLER_FRAMES,
  makeResponseFrames,
  ROUTING_FRAMES,
  SERVER_ERROR_HANDLER_FRAMES,
  SESSION_SAVE_AGAIN_FRAMES,
  SESSION_SAVE_FRAMES,
  sessionDumpFrames,
  USER_HANDLER_FRAMES,
  VIEW_FRAMES,
} from "./frames";
import type { AppState, RequestState } from "./host";
import { FlaskHost, ruleDefaults } from "./host";
import { runtimeOf } from "./flask-module";
import { makeResponseErrors } from "./response-object";
import { openSession, saveSession } from "./session-store";
import { ConverterHung } from "./converters";

/** Why dispatch stopped early: the step budget ran out, or an exception escaped wsgi_app. */
class Stop {
  constructor(
    readonly outcome: { kind: "hung" } | { kind: "escaped"; traceback: string },
  ) {}
}

type Returned = { value: PyValue } | { exc: PyInstance };

export interface DispatchInfo {
  /** The endpoint that ran, if any (for the trace's "view" decision). */
  endpoint: string | null;
  /** Python exception that was logged as unhandled, if any (type: message). */
  unhandled: string | null;
  /** The routing decision, rule by rule, in Korean (for a "route" decision step). */
  route?: RouteExplanation;
}

export function callApp(host: FlaskHost, app: AppState, environ: Environ, context: AppCallContext, info?: DispatchInfo): AppOutcome {
  const interp = host.interp;
  interp.drainOutput();
  const startMs = interp.virtualMs;
  host.epochMs = context.epochMs + context.startAt - startMs;
  host.deployEpochMs = context.epochMs;
  const data = new RequestData(environ);
  const binding = {
    serverName: data.host.toLowerCase(),
    scheme: data.scheme,
    scriptName: data.scriptRoot,
    pathInfo: data.pathInfo,
    queryString: data.queryStringRaw,
    method: data.method,
  };
  const state: RequestState = { app, data, binding, match: { kind: "not-found" } };
  // As RequestContext.push(): the request is current while matching (an app's to_python may read it).
  host.current = state;
  state.match = app.map.match(binding);
  if (info) info.route = explainRoute(app.map, binding, state.match);
  const output = (): AppOutput[] =>
    interp.drainOutput().map((o) => ({ offset: Math.max(0, o.at - startMs), stream: o.stream, text: o.text }));
  try {
    openSession(host, state);
    const response = new Dispatcher(host, state, info).run();
    const wsgi = response.toWsgi(data.method);
    const code = response.status.code;
    let headers = wsgi.headers;
    let body = wsgi.body;
    if ((code >= 100 && code < 200) || code === 204 || code === 304) {
      body = new Uint8Array();
      if (code !== 304) headers = headers.filter(([k]) => k.toLowerCase() !== "content-length");
    }
    return { kind: "response", status: wsgi.status, headers, body, duration: interp.virtualMs - startMs, output: output() };
  } catch (e) {
    if (e instanceof Stop) {
      if (e.outcome.kind === "hung") return { kind: "hung", after: interp.virtualMs - startMs, reason: "step-budget", output: output() };
      return { kind: "exception", duration: interp.virtualMs - startMs, traceback: e.outcome.traceback, output: output() };
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { kind: "exception", duration: interp.virtualMs - startMs, traceback: `Internal model error: ${message}\n`, output: output() };
  } finally {
    host.current = null;
  }
}

class Dispatcher {
  readonly host: FlaskHost;
  readonly state: RequestState;
  readonly info?: DispatchInfo;
  /** The first save_session failure, the context of a second one while finalizing the 500 page. */
  sessionError?: PyInstance;

  constructor(host: FlaskHost, state: RequestState, info?: DispatchInfo) {
    this.host = host;
    this.state = state;
    this.info = info;
  }

  get interp() {
    return this.host.interp;
  }

  /** request.blueprints, innermost first. */
  get blueprints(): string[] {
    return FlaskHost.blueprintsOf(this.state);
  }

  /** Call Python at the top level; step budget and interpreter faults stop the request. */
  call(fn: PyValue, args: PyValue[] = [], kwargs = new Map<string, PyValue>()): Returned {
    const out = this.interp.callFunction(fn, args, kwargs);
    switch (out.kind) {
      case "ok":
        return { value: out.value };
      case "exception":
        return { exc: out.exception };
      case "step-budget":
        throw new Stop({ kind: "hung" });
      default:
        throw new Stop({ kind: "escaped", traceback: `Internal interpreter error: ${out.message}\n` });
    }
  }

  /** Run host code that may raise a Python exception. */
  native<T>(fn: () => T): T | { exc: PyInstance } {
    try {
      return fn();
    } catch (e) {
      if (isPyException(e)) return { exc: e.exception };
      throw e;
    }
  }

  run(): FlaskResponse {
    const rv = this.fullDispatch();
    if ("response" in rv) return rv.response;
    return this.finalize(rv.value, false);
  }

  fullDispatch(): { value: PyValue } | { response: FlaskResponse } {
    const { match } = this.state;
    if (match.kind === "raised") return { response: this.raisedWhileMatching(match.error) };
    // preprocess_request: the app's functions, then the blueprint's (outermost first).
    const app = this.state.app;
    const lists = [app.beforeRequest, ...[...this.blueprints].reverse().map((name) => app.blueprintBefore.get(name) ?? [])];
    for (const before of lists.flat()) {
      const r = this.call(before);
      if ("exc" in r) return this.handleUserException(r.exc, BEFORE_REQUEST_FRAMES);
      if (r.value !== null) return { value: r.value };
    }
    return this.dispatch();
  }

  dispatch(): { value: PyValue } | { response: FlaskResponse } {
    const { match } = this.state;
    const classes = this.host.classes;
    switch (match.kind) {
      case "not-found":
        return this.handleUserException(newHttpException(this.interp, classes.byCode.get(404)!, 404), []);
      case "method-not-allowed": {
        const exc = newHttpException(this.interp, classes.byCode.get(405)!, 405);
        (exc.data as HttpExceptionData).error = { ...methodNotAllowed(match.allowed), className: "MethodNotAllowed" };
        return this.handleUserException(exc, []);
      }
      case "redirect": {
        const exc = newHttpException(this.interp, classes.RequestRedirect, 308);
        (exc.data as HttpExceptionData).newUrl = match.to;
        return { value: exc };
      }
      case "raised":
        return { response: this.raisedWhileMatching(match.error) };
      case "match":
        break;
    }
    const rt = runtimeOf(this.host);
    if (this.state.data.method === "OPTIONS" && rt.automaticOptions.has(match.rule)) {
      // make_default_options_response is a view result: after_request functions still run on it.
      return { value: rt.responses.wrap(this.optionsResponse()) };
    }
    const view = this.state.app.views.get(match.rule.endpoint);
    if (this.info) this.info.endpoint = match.rule.endpoint;
    if (view === undefined) {
      // A rule without a view function: Flask fails with a KeyError on view_functions.
      const exc = this.interp.newException("KeyError", match.rule.endpoint);
      return this.handleUserException(exc, VIEW_FRAMES);
    }
    const kwargs = new Map<string, PyValue>(
      match.values.map(([name, v]) => [name, routeValueToPy(this.interp, v, () => this.host.classes.UUID)]),
    );
    for (const [name, v] of ruleDefaults.get(match.rule) ?? []) kwargs.set(name, v);
    const r = this.call(view, [], kwargs);
    if ("exc" in r) return this.handleUserException(r.exc, VIEW_FRAMES);
    return { value: r.value };
  }

  /**
   * An app's converter raised in to_python: the exception leaves RequestContext.push() (before any before_request
   * function) and wsgi_app hands it to handle_exception, as Flask 2.2 does.
   */
  raisedWhileMatching(error: unknown): FlaskResponse {
    if (error instanceof ConverterHung) throw new Stop({ kind: "hung" });
    if (!isPyException(error)) throw error;
    return this.handleException(error.exception, ROUTING_FRAMES);
  }

  optionsResponse(): FlaskResponse {
    const allowed = sortMethods(this.state.app.map.allowedMethods(this.state.binding));
    const r = FlaskResponse.create("") as FlaskResponse;
    // Response() with no body has no Content-Length until it is sent (see FlaskResponse.toWsgi).
    r.headers.remove("Content-Length");
    r.headers.set("Allow", allowed.join(", "));
    return r;
  }

  /**
   * _find_error_handler: by code first, then by class; at each level the blueprint's handlers before the app's,
   * then the class's MRO. A later registration for the same key replaces an earlier one (a dict in Flask).
   */
  findHandler(exc: PyInstance): PyValue | undefined {
    const http = httpData(exc);
    const codes: Array<number | null> = http ? [http.error.code, null] : [null];
    const handlers = this.state.app.errorHandlers;
    for (const code of codes) {
      for (const scope of [...this.blueprints, null]) {
        for (let cls: PyClass | null = exc.cls; cls; cls = cls.base) {
          const found = handlers.findLast((h) => h.code === code && h.cls === cls && h.blueprint === scope);
          if (found) return found.fn;
        }
      }
    }
    return undefined;
  }

  handleUserException(exc: PyInstance, frames: TracebackEntry[]): { value: PyValue } | { response: FlaskResponse } {
    const http = httpData(exc);
    if (http) {
      if (http.newUrl !== undefined) return { value: exc };
      const handler = this.findHandler(exc);
      if (handler === undefined) return { value: exc };
      const r = this.call(handler, [exc]);
      if ("exc" in r) return { response: this.handleException(r.exc, HTTP_HANDLER_FRAMES) };
      return { value: r.value };
    }
    const handler = this.findHandler(exc);
    if (handler === undefined) return { response: this.handleException(exc, frames) };
    const r = this.call(handler, [exc]);
    if ("exc" in r) return { response: this.handleException(r.exc, USER_HANDLER_FRAMES) };
    return { value: r.value };
  }

  /** Flask.handle_exception: log "Exception on ...", then the 500 handler or the default 500 page. */
  handleException(exc: PyInstance, frames: TracebackEntry[]): FlaskResponse {
    const { data } = this.state;
    const traceback = this.interp.formatTraceback(exc, frames);
    this.host.log("ERROR", "app", `Exception on ${data.path} [${data.method}]`, traceback);
    if (this.info) this.info.unhandled = this.interp.formatExceptionOnly(exc);
    const classes = this.host.classes;
    const serverError = newHttpException(this.interp, classes.byCode.get(500)!, 500);
    serverError.attrs.set("original_exception", exc);
    let rv: PyValue = serverError;
    const handler = this.findHandler(serverError);
    if (handler !== undefined) {
      const r = this.call(handler, [serverError]);
      if ("exc" in r) {
        throw new Stop({ kind: "escaped", traceback: this.interp.formatTraceback(r.exc, SERVER_ERROR_HANDLER_FRAMES) });
      }
      rv = r.value;
    }
    return this.finalize(rv, true);
  }

  /** make_response + after_request functions (in reverse order of registration). */
  finalize(rv: PyValue, fromErrorHandler: boolean): FlaskResponse {
    const rt = runtimeOf(this.host);
    const endpoint = this.state.match.kind === "match" ? this.state.match.rule.endpoint : null;
    const made = this.native(() => rt.responses.makeResponse(rv, endpoint));
    if ("exc" in made) {
      if (fromErrorHandler) {
        // Flask re-raises from the error handler path; the exception escapes wsgi_app.
        throw new Stop({ kind: "escaped", traceback: this.interp.formatTraceback(made.exc) });
      }
      const which = makeResponseErrors.get(made.exc);
      return this.handleException(made.exc, which ? makeResponseFrames(which) : VIEW_FRAMES);
    }
    let response: FlaskResponse = made;
    let pyResponse: PyValue = rt.responses.wrap(response);
    // process_response: the blueprint's functions (innermost first), then the app's, each list in reverse.
    const app = this.state.app;
    const lists = [...this.blueprints.map((name) => app.blueprintAfter.get(name) ?? []), app.afterRequest];
    for (const after of lists.flatMap((list) => [...list].reverse())) {
      const r = this.call(after, [pyResponse]);
      if ("exc" in r) {
        if (fromErrorHandler) {
          this.host.log(
            "ERROR",
            "app",
            "Request finalizing failed with an error while handling an error",
            this.interp.formatTraceback(r.exc, AFTER_REQUEST_FRAMES),
          );
          return response;
        }
        return this.handleException(r.exc, AFTER_REQUEST_FRAMES);
      }
      pyResponse = r.value;
      const unwrapped = rt.responses.unwrap(pyResponse);
      if (!unwrapped) {
        const msg = `'${this.interp.typeName(pyResponse)}' object is not callable`;
        throw new Stop({ kind: "escaped", traceback: `Traceback (most recent call last):\nTypeError: ${msg}\n` });
      }
      response = unwrapped;
    }
    return this.saveSession(response, fromErrorHandler);
  }

  /** Flask.process_response's last step: save_session, which fails for values JSON cannot hold. */
  saveSession(response: FlaskResponse, fromErrorHandler: boolean): FlaskResponse {
    const saved = this.native(() => saveSession(this.host, this.state, response));
    if (!saved || !("exc" in saved)) return response;
    const exc = saved.exc;
    const fromDefault = /is not JSON serializable$/.test(this.interp.str(exc));
    exc.exception?.traceback.push(...sessionDumpFrames(fromDefault));
    if (!fromErrorHandler) {
      this.sessionError = exc;
      return this.handleException(exc, SESSION_SAVE_FRAMES);
    }
    // While finalizing the 500 page: logged with the first failure as its context, the page sent as it is.
    const first = this.sessionError ? this.interp.formatTraceback(this.sessionError, SESSION_SAVE_FRAMES) + "\nDuring handling of the above exception, another exception occurred:\n\n" : "";
    this.host.log(
      "ERROR",
      "app",
      "Request finalizing failed with an error while handling an error",
      first + this.interp.formatTraceback(exc, SESSION_SAVE_AGAIN_FRAMES),
    );
    return response;
  }
}

