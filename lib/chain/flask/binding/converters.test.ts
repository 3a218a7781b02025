import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "../index";
import { EPOCH, gunicornEnviron } from "../fixture-run.testkit";
import type { FlaskWsgiApplication } from "../index";

const HEAD = "from flask import Flask, url_for\nfrom werkzeug.routing import BaseConverter, ValidationError\napp = Flask(__name__)\n";

function load(source: string) {
  return createFlaskAppLoader({ reuse: false }).load(new Map([["app.py", new TextEncoder().encode(HEAD + source)]]), "app", "app", {});
}

function lastLine(source: string): string {
  const r = load(source);
  expect(r.ok).toBe(false);
  return r.ok ? "" : r.traceback.trimEnd().split("\n").pop()!;
}

function get(source: string, path: string) {
  const r = load(source);
  if (!r.ok) throw new Error(r.traceback);
  const out = r.app.call(gunicornEnviron({ method: "GET", path }), { startAt: 5, epochMs: EPOCH });
  if (out.kind !== "response") throw new Error(out.kind);
  return { status: out.status, body: new TextDecoder().decode(out.body), stdout: out.output.filter((o) => o.stream === "stdout").map((o) => o.text).join("") };
}

describe("an app's own converters", () => {
  it("a converter name the map does not have is Werkzeug's LookupError at the route", () => {
    expect(lastLine("app.url_map.converters['list'] = BaseConverter\n@app.route('/<lst:x>')\ndef v(x):\n    return x\n")).toBe(
      "LookupError: the converter 'lst' does not exist",
    );
  });

  it("to_python runs once per request: explaining the routing decision does not run the app's Python again", () => {
    const app = "class Loud(BaseConverter):\n    def to_python(self, value):\n        print('to_python', value)\n        return value\napp.url_map.converters['loud'] = Loud\n@app.route('/a/<loud:x>')\ndef a(x):\n    return x\n@app.route('/b/<loud:x>')\ndef b(x):\n    return x\n";
    const r = get(app, "/b/hi");
    expect(r.body).toBe("hi");
    expect(r.stdout).toBe("to_python hi\n");
  });

  it("to_python runs inside the request context, as RequestContext.push() matches after pushing it", () => {
    const app = "from flask import request\nclass Q(BaseConverter):\n    def to_python(self, value):\n        return value + request.args.get('s', '?')\napp.url_map.converters['q'] = Q\n@app.route('/<q:x>')\ndef v(x):\n    return x\n";
    expect(get(app, "/hi").body).toBe("hi?");
  });

  it("the routing decision names the value to_python made, and a to_python that raised as Flask's 500", () => {
    const app = "class Split(BaseConverter):\n    def to_python(self, value):\n        if value == 'x':\n            raise KeyError(value)\n        return value.split('+')\napp.url_map.converters['split'] = Split\n@app.route('/c/<split:names>')\ndef v(names):\n    return str(len(names))\n";
    const r = load(app);
    if (!r.ok) throw new Error(r.traceback);
    const wsgi = r.app as unknown as FlaskWsgiApplication;
    const ok = wsgi.callWithInfo(gunicornEnviron({ method: "GET", path: "/c/a+b" }), { startAt: 5, epochMs: EPOCH });
    expect(ok.info.route?.outcome).toBe("view v(names=['a', 'b'])");
    const bad = wsgi.callWithInfo(gunicornEnviron({ method: "GET", path: "/c/x" }), { startAt: 5, epochMs: EPOCH });
    expect(bad.outcome.kind === "response" && bad.outcome.status).toBe("500 INTERNAL SERVER ERROR");
    expect(bad.info.route?.outcome).toBe("500 Internal Server Error");
    expect(bad.info.unhandled).toBe("KeyError: 'x'");
  });

  it("a regex a backtracking engine would take forever on runs on the linear-time engine", () => {
    const app = "class Slow(BaseConverter):\n    regex = '(a+)+b'\napp.url_map.converters['slow'] = Slow\n@app.route('/<slow:x>')\ndef v(x):\n    return x\n";
    expect(get(app, `/${"a".repeat(5000)}c`).status).toBe("404 NOT FOUND");
    expect(get(app, "/aaab").body).toBe("aaab");
  });

  it("a regex construct the linear-time engine cannot run is the honest limit at the route's line", () => {
    expect(lastLine("class Twice(BaseConverter):\n    regex = r'(a)\\1'\napp.url_map.converters['twice'] = Twice\n@app.route('/<twice:x>')\ndef v(x):\n    return x\n")).toMatch(
      /^NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: URL 변환기 정규식의 일부 기능 \(.+\) \(app\.py:7\)\. 실제 Gunicorn\/uWSGI의 Flask에서는 그대로 동작합니다\.$/,
    );
  });

  it("a subclass of a built-in converter is an honest limit, not a wrong answer", () => {
    expect(lastLine("from werkzeug.routing import IntegerConverter\nclass Neg(IntegerConverter):\n    pass\napp.url_map.converters['neg'] = Neg\n@app.route('/<neg:x>')\ndef v(x):\n    return str(x)\n")).toBe(
      "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: Werkzeug의 내장 변환기(IntegerConverter)를 물려받은 변환기 Neg (app.py:8). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.",
    );
  });

  it("a built-in converter under another name works as that converter", () => {
    const app = "from werkzeug.routing import IntegerConverter\napp.url_map.converters['num'] = IntegerConverter\n@app.route('/<num(min=2):x>')\ndef v(x):\n    return str(x + 1)\n";
    expect(get(app, "/41").body).toBe("42");
    expect(get(app, "/1").status).toBe("404 NOT FOUND");
  });
});
