import { describe, expect, it } from "vitest";
import type { Environ } from "../trace";
import { readFixture } from "./fixtures.testkit";
import type { FixtureRequest } from "./fixtures.testkit";
import { RequestData, pyTitle } from "./request";
import { flaskJsonDumps } from "./json";

const fixture = readFixture("request");

/** The environ conformance/capture/flask/capture.py builds (Gunicorn 20.1 behind nginx). */
export function gunicornEnviron(req: FixtureRequest): Environ {
  const body = new TextEncoder().encode(req.body ?? "");
  const latin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
  const env: Environ = [
    ["REQUEST_METHOD", { type: "str", value: req.method }],
    ["QUERY_STRING", { type: "str", value: req.query ?? "" }],
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
    ["wsgi.input", { type: "object", repr: "<gunicorn.http.body.Body object>", data: body }],
    ["wsgi.url_scheme", { type: "str", value: "http" }],
    ["REMOTE_ADDR", { type: "str", value: "" }],
    ["SERVER_NAME", { type: "str", value: "localhost" }],
    ["SERVER_PORT", { type: "str", value: "80" }],
    ["PATH_INFO", { type: "str", value: req.path_info ?? req.path }],
    ["SCRIPT_NAME", { type: "str", value: "" }],
  );
  return env;
}

/** The captured JSON body of request i, parsed (the views jsonify what they saw). */
function seen(i: number): Record<string, unknown> {
  const parsed = JSON.parse(fixture.expected[i].body ?? "null") as Record<string, unknown>;
  return parsed;
}

describe("RequestData reads the environ as Werkzeug 2.2.2 does (fixtures/request)", () => {
  fixture.requests.forEach((req, i) => {
    if (req.path !== "/info" || !fixture.expected[i].status.startsWith("200")) return;
    it(`/info #${i}: path, URLs, host`, () => {
      const r = new RequestData(gunicornEnviron(req));
      const real = seen(i);
      expect({
        method: r.method,
        path: r.path,
        full_path: r.fullPath,
        url: r.url,
        base_url: r.baseUrl,
        url_root: r.urlRoot,
        host_url: r.hostUrl,
        host: r.host,
        scheme: r.scheme,
        remote_addr: r.remoteAddr,
        script_root: r.scriptRoot,
        is_json: r.isJson,
        content_type: r.contentType,
        content_length: r.contentLength,
        mimetype: r.mimetype,
      }).toEqual({
        method: real.method,
        path: real.path,
        full_path: real.full_path,
        url: real.url,
        base_url: real.base_url,
        url_root: real.url_root,
        host_url: real.host_url,
        host: real.host,
        scheme: real.scheme,
        remote_addr: real.remote_addr,
        script_root: real.script_root,
        is_json: real.is_json,
        content_type: real.content_type,
        content_length: real.content_length,
        mimetype: real.mimetype,
      });
    });
  });

  fixture.requests.forEach((req, i) => {
    if (req.path !== "/args") return;
    it(`/args?${req.query}: MultiDict decoding`, () => {
      const args = new RequestData(gunicornEnviron(req)).args;
      const real = seen(i);
      expect(Object.fromEntries(args.toLists())).toEqual(real.deep);
      expect(Object.fromEntries(args.toDict())).toEqual(real.flat);
      expect(args.keys()).toEqual(real.keys);
      expect(args.getList("tag")).toEqual(real.all_tags);
    });
  });

  it("form bodies are parsed only when urlencoded, and then get_data() is empty", () => {
    fixture.requests.forEach((req, i) => {
      if (req.path !== "/form") return;
      const r = new RequestData(gunicornEnviron(req));
      const real = seen(i);
      expect(Object.fromEntries(r.form.toLists())).toEqual(real.form);
      expect(r.getData().length).toBe(real.data_len);
    });
  });

  it("get_json: value, bad request or None as captured", () => {
    fixture.requests.forEach((req, i) => {
      if (!req.path.startsWith("/json")) return;
      const r = new RequestData(gunicornEnviron(req));
      const force = req.path === "/json-force";
      const silent = req.path === "/json-silent";
      const outcome = r.getJson(force, silent);
      const real = fixture.expected[i];
      if (real.status.startsWith("400")) expect(outcome.kind).toBe("bad-request");
      else if (outcome.kind === "value") {
        expect(real.body).toContain(`"got":${String(flaskJsonDumps(outcome.value))}`);
      } else expect(JSON.parse(real.body ?? "{}")).toEqual({ got: null });
    });
  });

  it("headers keep environ order with Werkzeug's title-casing; cookies are parsed", () => {
    const i = fixture.requests.findIndex((r) => r.path === "/headers");
    const r = new RequestData(gunicornEnviron(fixture.requests[i]));
    const real = seen(i);
    expect(r.headers).toEqual(real.listed);
    expect(r.header("user-agent")).toBe(real.ua);
    expect(Object.fromEntries(r.cookies.toDict())).toEqual(real.cookies);
  });

  it("str.title() like Python", () => {
    expect(pyTitle("x-real-ip")).toBe("X-Real-Ip");
    expect(pyTitle("x1a-b")).toBe("X1A-B");
  });
});
