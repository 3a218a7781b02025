/**
 * Flask 2.2.2's own traceback frames (Debian's /usr/lib/python3/dist-packages/flask/app.py), prepended to the
 * app's frames when Flask logs an unhandled exception. Captured from the real chain (see fixtures/errors).
 */
import type { TracebackEntry } from "../../python";

const APP = "/usr/lib/python3/dist-packages/flask/app.py";

/** A frame whose caret line underlines `underline` inside `source`. */
function frame(line: number, name: string, source: string, underline?: string, filename = APP): TracebackEntry {
  if (underline === undefined) return { filename, line, name, source };
  const colStart = source.indexOf(underline);
  return { filename, line, name, source, colStart, colEnd: colStart + underline.length };
}

const WSGI_APP = frame(2525, "wsgi_app", "response = self.full_dispatch_request()", "self.full_dispatch_request()");
const HANDLE_USER = frame(1822, "full_dispatch_request", "rv = self.handle_user_exception(e)", "self.handle_user_exception(e)");

/** An exception raised by a view function. */
export const VIEW_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  HANDLE_USER,
  frame(1820, "full_dispatch_request", "rv = self.dispatch_request()", "self.dispatch_request()"),
  frame(
    1796,
    "dispatch_request",
    "return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)",
    "self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)",
  ),
];

/** An exception raised by a @before_request function. */
/** An exception an app's URL converter raised in to_python, while Flask matched the request. */
export const ROUTING_FRAMES: TracebackEntry[] = [
  frame(2524, "wsgi_app", "ctx.push()"),
  frame(383, "push", "self.match_request()", undefined, "/usr/lib/python3/dist-packages/flask/ctx.py"),
  frame(
    351,
    "match_request",
    "result = self.url_adapter.match(return_rule=True)  # type: ignore",
    "self.url_adapter.match(return_rule=True)",
    "/usr/lib/python3/dist-packages/flask/ctx.py",
  ),
  frame(
    599,
    "match",
    "result = self.map._matcher.match(domain_part, path_part, method, websocket)",
    "self.map._matcher.match(domain_part, path_part, method, websocket)",
    "/usr/lib/python3/dist-packages/werkzeug/routing/map.py",
  ),
  frame(
    173,
    "match",
    "value = rule._converters[name].to_python(value)",
    "rule._converters[name].to_python(value)",
    "/usr/lib/python3/dist-packages/werkzeug/routing/matcher.py",
  ),
];

export const BEFORE_REQUEST_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  HANDLE_USER,
  frame(1818, "full_dispatch_request", "rv = self.preprocess_request()", "self.preprocess_request()"),
  frame(2309, "preprocess_request", "rv = self.ensure_sync(before_func)()", "self.ensure_sync(before_func)()"),
];

/** Which `raise TypeError(` in make_response rejected the return value. */
export type MakeResponseError = "none" | "tuple" | "type" | "json";

const MAKE_RESPONSE_LINE: Record<Exclude<MakeResponseError, "json">, number> = { none: 2134, tuple: 2126, type: 2170 };

/** A TypeError from make_response (bad view return value; "json": a dict/list that json.dumps refused). */
export function makeResponseFrames(which: MakeResponseError): TracebackEntry[] {
  return [
    WSGI_APP,
    frame(1823, "full_dispatch_request", "return self.finalize_request(rv)", "self.finalize_request(rv)"),
    frame(1842, "finalize_request", "response = self.make_response(rv)", "self.make_response(rv)"),
    which === "json"
      ? frame(2153, "make_response", "rv = self.json.response(rv)", "self.json.response(rv)")
      : frame(MAKE_RESPONSE_LINE[which], "make_response", "raise TypeError("),
  ];
}

const PROVIDER = "/usr/lib/python3/dist-packages/flask/json/provider.py";
const STDLIB_JSON = "/usr/lib/python3.11/json/__init__.py";
const ENCODER = "/usr/lib/python3.11/json/encoder.py";

/** flask.json.jsonify's own frame, above the provider's. */
export const JSONIFY_FRAME = frame(
  342,
  "jsonify",
  "return current_app.json.response(*args, **kwargs)",
  "current_app.json.response(*args, **kwargs)",
  "/usr/lib/python3/dist-packages/flask/json/__init__.py",
);

/**
 * Frames from DefaultJSONProvider.response down to json's encoder, innermost last; `fromDefault` adds the
 * provider's `_default` that raises "Object of type X is not JSON serializable".
 */
export function jsonEncodeFrames(fromDefault: boolean): TracebackEntry[] {
  const frames = [
    frame(309, "response", 'f"{self.dumps(obj, **dump_args)}\\n", mimetype=mimetype', "self.dumps(obj, **dump_args)", PROVIDER),
    frame(230, "dumps", "return json.dumps(obj, **kwargs)", "json.dumps(obj, **kwargs)", PROVIDER),
    frame(238, "dumps", "**kw).encode(obj)", "encode(obj)", STDLIB_JSON),
    frame(200, "encode", "chunks = self.iterencode(o, _one_shot=True)", "self.iterencode(o, _one_shot=True)", ENCODER),
    frame(258, "iterencode", "return _iterencode(o, 0)", "_iterencode(o, 0)", ENCODER),
  ];
  if (fromDefault) {
    frames.push(frame(122, "_default", 'raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")', undefined, PROVIDER));
  }
  return frames;
}

/** An exception raised by an @after_request function (process_response, called from finalize_request). */
export const AFTER_REQUEST_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  frame(1823, "full_dispatch_request", "return self.finalize_request(rv)", "self.finalize_request(rv)"),
  frame(1844, "finalize_request", "response = self.process_response(response)", "self.process_response(response)"),
  frame(2337, "process_response", "response = self.ensure_sync(func)(response)", "self.ensure_sync(func)(response)"),
];

/** An exception raised by an error handler for an HTTPException (404 handler...). */
export const HTTP_HANDLER_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  HANDLE_USER,
  frame(1666, "handle_user_exception", "return self.handle_http_exception(e)", "self.handle_http_exception(e)"),
  frame(1606, "handle_http_exception", "return self.ensure_sync(handler)(e)", "self.ensure_sync(handler)(e)"),
];

/** An exception raised by an error handler for another exception class. */
export const USER_HANDLER_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  HANDLE_USER,
  frame(1673, "handle_user_exception", "return self.ensure_sync(handler)(e)", "self.ensure_sync(handler)(e)"),
];

/** An exception raised by the 500 handler itself escapes wsgi_app: Gunicorn reports it. */
export const SERVER_ERROR_HANDLER_FRAMES: TracebackEntry[] = [
  frame(2528, "wsgi_app", "response = self.handle_exception(e)", "self.handle_exception(e)"),
  frame(1724, "handle_exception", "server_error = self.ensure_sync(handler)(server_error)", "self.ensure_sync(handler)(server_error)"),
];

/** flask.abort → werkzeug Aborter.__call__ raising LookupError for an unknown code. */
export const ABORT_FRAMES: TracebackEntry[] = [
  { filename: "/usr/lib/python3/dist-packages/flask/helpers.py", line: 310, name: "abort", source: "current_app.aborter(code, *args, **kwargs)" },
  {
    filename: "/usr/lib/python3/dist-packages/werkzeug/exceptions.py",
    line: 862,
    name: "__call__",
    source: 'raise LookupError(f"no exception for {code!r}")',
  },
];

const SESSION_SAVE_SOURCE = "self.session_interface.save_session(self, ctx.session, response)";
const FINALIZE_FRAME = frame(1844, "finalize_request", "response = self.process_response(response)", "self.process_response(response)");

/** save_session failing (a session value JSON cannot hold): Flask's frames above it. */
export const SESSION_SAVE_FRAMES: TracebackEntry[] = [
  WSGI_APP,
  frame(1823, "full_dispatch_request", "return self.finalize_request(rv)", "self.finalize_request(rv)"),
  FINALIZE_FRAME,
  frame(2340, "process_response", SESSION_SAVE_SOURCE),
];

/** The same failure again while finalizing the 500 response (the chained second traceback). */
export const SESSION_SAVE_AGAIN_FRAMES: TracebackEntry[] = [FINALIZE_FRAME, frame(2340, "process_response", SESSION_SAVE_SOURCE)];

const ITSDANGEROUS = "/usr/lib/python3/dist-packages/itsdangerous";

/** From save_session down to the JSON encoder, innermost last. */
export function sessionDumpFrames(fromDefault: boolean): TracebackEntry[] {
  return [
    frame(
      410,
      "save_session",
      "val = self.get_signing_serializer(app).dumps(dict(session))  # type: ignore",
      "self.get_signing_serializer(app).dumps(dict(session))",
      "/usr/lib/python3/dist-packages/flask/sessions.py",
    ),
    frame(207, "dumps", "payload = want_bytes(self.dump_payload(obj))", "self.dump_payload(obj)", `${ITSDANGEROUS}/serializer.py`),
    frame(53, "dump_payload", "json = super().dump_payload(obj)", "super().dump_payload(obj)", `${ITSDANGEROUS}/url_safe.py`),
    frame(
      169,
      "dump_payload",
      "return want_bytes(self.serializer.dumps(obj, **self.serializer_kwargs))",
      "self.serializer.dumps(obj, **self.serializer_kwargs)",
      `${ITSDANGEROUS}/serializer.py`,
    ),
    frame(308, "dumps", 'return dumps(self.tag(value), separators=(",", ":"))', 'dumps(self.tag(value), separators=(",", ":"))', "/usr/lib/python3/dist-packages/flask/json/tag.py"),
    frame(124, "dumps", "return app.json.dumps(obj, **kwargs)", "app.json.dumps(obj, **kwargs)", "/usr/lib/python3/dist-packages/flask/json/__init__.py"),
    ...jsonEncodeFrames(fromDefault).slice(1),
  ];
}
