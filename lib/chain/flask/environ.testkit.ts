/** Test-only: the environ conformance/capture/flask/capture.py builds (Gunicorn 20.1 behind nginx), in the same order. */
import type { Environ } from "../trace";
import type { FixtureRequest } from "./fixtures.testkit";

export function gunicornEnviron(req: FixtureRequest): Environ {
  const body = new TextEncoder().encode(req.body ?? "");
  const latin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
  const env: Environ = [
    ["wsgi.errors", { type: "object", repr: "<gunicorn.http.wsgi.WSGIErrorsWrapper object at 0x7f0000000000>" }],
    ["wsgi.version", { type: "tuple", value: [1, 0] }],
    ["wsgi.multithread", { type: "bool", value: false }],
    ["wsgi.multiprocess", { type: "bool", value: true }],
    ["wsgi.run_once", { type: "bool", value: false }],
    ["wsgi.input_terminated", { type: "bool", value: true }],
    ["SERVER_SOFTWARE", { type: "str", value: "gunicorn/20.1.0" }],
    ["wsgi.input", { type: "object", repr: "<gunicorn.http.body.Body object at 0x7f0000000001>", data: body }],
    ["REQUEST_METHOD", { type: "str", value: req.method }],
    ["QUERY_STRING", { type: "str", value: req.query ?? "" }],
    ["RAW_URI", { type: "str", value: req.path + (req.query ? `?${req.query}` : "") }],
    ["SERVER_PROTOCOL", { type: "str", value: "HTTP/1.0" }],
  ];
  let hasLength = false;
  for (const [name, value] of req.headers ?? [["Host", "localhost"]]) {
    const key = name.toUpperCase().replace(/-/g, "_");
    if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") {
      env.push([key, { type: "str", value }]);
      hasLength ||= key === "CONTENT_LENGTH";
    } else env.push([`HTTP_${key}`, { type: "str", value: latin1(value) }]);
  }
  if (body.length > 0 && !hasLength) env.push(["CONTENT_LENGTH", { type: "str", value: String(body.length) }]);
  env.push(
    ["wsgi.url_scheme", { type: "str", value: "http" }],
    ["REMOTE_ADDR", { type: "str", value: "" }],
    ["SERVER_NAME", { type: "str", value: "localhost" }],
    ["SERVER_PORT", { type: "str", value: "80" }],
    ["PATH_INFO", { type: "str", value: req.path_info ?? req.path }],
    ["SCRIPT_NAME", { type: "str", value: "" }],
  );
  return env;
}
