/** The host API as lib/chain/flask uses it: native modules, classes, str subclasses, callbacks, outcomes. */
import { describe, expect, it } from "vitest";
import {
  createInterpreter,
  dictGet,
  isPyException,
  jsonDumps,
  pyBuiltin,
  pyError,
  pyModule,
  strOf,
  type Interpreter,
  type PyFunction,
  type PyModule,
  type PyValue,
} from "./index";

/** A miniature flask/markupsafe pair, built only from the public API. */
function hostModules() {
  const views = new Map<string, PyValue>();
  let Markup: ReturnType<Interpreter["makeClass"]> | null = null;
  const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  const markupsafe = (interp: Interpreter): PyModule => {
    Markup = interp.makeClass(
      "Markup",
      "markupsafe",
      {
        construct: (cls, args) => interp.newInstance(cls, { strValue: args.length ? interp.str(args[0]) : "" }),
        repr: (self) => `Markup(${interp.repr(self.strValue ?? "")})`,
        methods: { __html__: (args) => args[0] },
        binop(self, op, other, reflected) {
          if (op !== "+") return undefined;
          const o = strOf(other);
          if (o === undefined) return undefined;
          const safe = interp.getAttrOrUndefined(other, "__html__") !== undefined ? o : escapeText(o);
          return interp.newInstance(self.cls, { strValue: reflected ? safe + self.strValue : self.strValue + safe });
        },
      },
      interp.builtinClass("str"),
    );
    const escape = pyBuiltin("escape", (args) => {
      const v = args[0];
      if (interp.getAttrOrUndefined(v, "__html__") !== undefined) return v;
      return interp.newInstance(Markup!, { strValue: escapeText(interp.str(v)) });
    });
    return pyModule("markupsafe", { Markup: Markup!, escape });
  };
  const flask = (interp: Interpreter): PyModule => {
    const Flask = interp.makeClass("Flask", "flask.app", {
      construct: (cls, args, kwargs) => {
        const { import_name } = interp.bindArgs("Flask", args, kwargs, ["import_name"]);
        return interp.newInstance(cls, { data: { name: import_name } });
      },
      repr: (self) => `<Flask '${(self.data as { name: string }).name}'>`,
      methods: {
        route(args, kwargs) {
          const { rule } = interp.bindArgs("route", args.slice(1), new Map([...kwargs].filter(([k]) => k !== "methods")), ["rule"]);
          return pyBuiltin("decorator", (dargs) => {
            views.set(String(strOf(rule)), dargs[0]);
            return dargs[0];
          });
        },
      },
    });
    const args = interp.newDict([["s", "2.5"], ["bad", "x"]]);
    const Request = interp.makeClass("Request", "flask.wrappers", {
      getattr: (_self, name) => (name === "method" ? "GET" : undefined),
      methods: {
        get_arg(a, kwargs) {
          const { key, default: def, type } = interp.bindArgs("get_arg", a.slice(1), kwargs, ["key", "default", "type"], { default: null, type: null });
          const raw = dictGet(interp, args, key);
          if (raw === undefined) return def;
          if (type === null) return raw;
          try {
            return interp.call(type, [raw]);
          } catch (e) {
            if (isPyException(e) && interp.isinstance(e.exception, interp.builtinClass("ValueError"))) return def;
            throw e;
          }
        },
      },
    });
    return pyModule("flask", {
      Flask,
      request: interp.newInstance(Request),
      jsonify: pyBuiltin("jsonify", (a, kwargs) => jsonDumps(interp, interp.newDict([...kwargs]), { sortKeys: true })),
      abort: pyBuiltin("abort", (a) => {
        throw pyError("RuntimeError", `abort(${interp.repr(a[0])})`);
      }),
    });
  };
  return { views, modules: { flask, markupsafe } };
}

const APP = `import os
import time
from flask import Flask, jsonify, request, abort
from markupsafe import escape

app = Flask(__name__)
GREETING = os.environ.get("HELLO_GREETING", "Hello")

@app.route("/hello/<name>")
def hello(name):
    return f"{GREETING}, {escape(name)}!"

@app.route("/concat")
def concat():
    return escape("<b>") + "<i>" + escape("&")

@app.route("/slow")
def slow():
    seconds = request.get_arg("s", default=15, type=float)
    print("sleeping", seconds)
    time.sleep(seconds)
    return f"{seconds}초 동안 일했습니다 at {time.time()}"

@app.route("/fallback")
def fallback():
    return request.get_arg("bad", default=-1, type=int), request.method

@app.route("/json")
def js():
    return jsonify(b=[1, 2.5, None], a="é")

@app.route("/hang")
def hang():
    while True:
        pass

@app.route("/boom")
def boom():
    return {"k": 1}["missing"]

@app.route("/catch")
def catch():
    try:
        abort(404)
    except RuntimeError as e:
        return "caught " + str(e)
`;

function load() {
  const host = hostModules();
  const interp = createInterpreter({ environment: { HELLO_GREETING: "안녕하세요" }, epochMs: 1_700_000_000_000, stepBudget: 50_000, hostModules: host.modules });
  const res = interp.loadModule(APP, { filename: "/srv/hello_cju/app.py", path: "app.py", moduleName: "app" });
  if (!res.ok) throw new Error(res.traceback || res.error.message);
  return { interp, res, views: host.views };
}

describe("host API", () => {
  it("loads a Flask-style app and registers views through a native decorator", () => {
    const { res, views, interp } = load();
    expect([...views.keys()]).toEqual(["/hello/<name>", "/concat", "/slow", "/fallback", "/json", "/hang", "/boom", "/catch"]);
    expect(interp.repr(res.module.attrs.get("app")!)).toBe("<Flask 'app'>");
    expect((views.get("/hello/<name>") as PyFunction).name).toBe("hello");
  });

  it("calls a view with keyword arguments; Markup is a str subclass", () => {
    const { interp, views } = load();
    const out = interp.callFunction(views.get("/hello/<name>")!, [], new Map([["name", "<script>"]]));
    expect(out).toEqual({ kind: "ok", value: "안녕하세요, &lt;script&gt;!" });
    const c = interp.callFunction(views.get("/concat")!);
    expect(c.kind).toBe("ok");
    if (c.kind !== "ok") return;
    expect(interp.repr(c.value)).toBe("Markup('&lt;b&gt;&lt;i&gt;&amp;')");
    expect(interp.isinstance(c.value, interp.builtinClass("str"))).toBe(true);
  });

  it("moves virtual time on time.sleep and records print output with its virtual time", () => {
    const { interp, views } = load();
    interp.drainOutput();
    const before = interp.virtualMs;
    const out = interp.callFunction(views.get("/slow")!);
    expect(out).toEqual({ kind: "ok", value: `2.5초 동안 일했습니다 at ${(1_700_000_000_000 + before + 2500) / 1000}` });
    expect(interp.virtualMs - before).toBe(2500);
    expect(interp.drainOutput()).toEqual([{ at: before, stream: "stdout", text: "sleeping 2.5\n" }]);
  });

  it("lets native code call back into Python and catch its exceptions", () => {
    const { interp, views } = load();
    const out = interp.callFunction(views.get("/fallback")!);
    expect(out.kind === "ok" && interp.repr(out.value)).toBe("(-1, 'GET')");
  });

  it("native exceptions are catchable from Python", () => {
    const { interp, views } = load();
    expect(interp.callFunction(views.get("/catch")!)).toEqual({ kind: "ok", value: "caught abort(404)" });
  });

  it("jsonDumps reproduces json.dumps", () => {
    const { interp, views } = load();
    expect(interp.callFunction(views.get("/json")!)).toEqual({ kind: "ok", value: '{"a": "\\u00e9", "b": [1, 2.5, null]}' });
  });

  it("stops a hung view with a typed step-budget outcome, then serves the next call", () => {
    const { interp, views } = load();
    const out = interp.callFunction(views.get("/hang")!);
    expect(out.kind).toBe("step-budget");
    expect(interp.callFunction(views.get("/catch")!).kind).toBe("ok");
  });

  it("returns the exception and CPython's traceback for a failing view", () => {
    const { interp, views } = load();
    const out = interp.callFunction(views.get("/boom")!);
    expect(out.kind).toBe("exception");
    if (out.kind !== "exception") return;
    expect(out.traceback).toBe(
      [
        "Traceback (most recent call last):",
        '  File "/srv/hello_cju/app.py", line 39, in boom',
        '    return {"k": 1}["missing"]',
        "           ~~~~~~~~^^^^^^^^^^^",
        "KeyError: 'missing'",
        "",
      ].join("\n"),
    );
    const flaskFrames = [{ filename: "/usr/lib/python3/dist-packages/flask/app.py", line: 1820, name: "full_dispatch_request", source: "        rv = self.dispatch_request()" }];
    expect(interp.formatTraceback(out.exception, flaskFrames).split("\n").slice(0, 4)).toEqual([
      "Traceback (most recent call last):",
      '  File "/usr/lib/python3/dist-packages/flask/app.py", line 1820, in full_dispatch_request',
      "    rv = self.dispatch_request()",
      '  File "/srv/hello_cju/app.py", line 39, in boom',
    ]);
  });

  it("converts to and from plain JS values", () => {
    const interp = createInterpreter();
    const v = interp.fromPlain({ a: [1, 2.5, "x", null, true], b: { c: -0 } });
    expect(interp.repr(v)).toBe("{'a': [1, 2.5, 'x', None, True], 'b': {'c': -0.0}}");
    expect(interp.toPlain(v)).toEqual({ a: [1, 2.5, "x", null, true], b: { c: -0 } });
    expect(() => interp.toPlain({ kind: "set", items: new Map(), frozen: false })).toThrow();
  });

  it("bindArgs raises CPython's TypeErrors", () => {
    const interp = createInterpreter();
    const f = pyBuiltin("f", (a, kw) => interp.bindArgs("f", a, kw, ["x", "y"], { y: 0n }).x);
    const out = interp.callFunction(f, [1n, 2n, 3n]);
    expect(out.kind === "exception" && interp.formatExceptionOnly(out.exception)).toBe("TypeError: f() takes from 1 to 2 positional arguments but 3 were given");
    const out2 = interp.callFunction(f, [], new Map([["z", 1n]]));
    expect(out2.kind === "exception" && interp.formatExceptionOnly(out2.exception)).toBe("TypeError: f() got an unexpected keyword argument 'z'");
  });
});

describe("load-time rejection", () => {
  const load = (src: string) => createInterpreter().loadModule(src, { filename: "/srv/hello_cju/app.py", path: "app.py", moduleName: "app" });

  it("rejects multiple inheritance with the line and a Korean message", () => {
    const res = load("x = 1\n\nclass User(dict, Exception):\n    pass\n");
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.kind).toBe("unsupported");
    expect(res.error).toEqual({
      file: "/srv/hello_cju/app.py",
      path: "app.py",
      line: 3,
      message: "app.py:3: unsupported syntax: multiple inheritance",
      messageKo: "app.py:3: 지원하지 않는 문법입니다: 다중 상속 (부모 클래스가 둘 이상인 class)",
    });
  });

  it.each([
    ["import requests\n", 1, "import of module 'requests'"],
    ["x = 1\ny = eval('1')\n", 2, "eval()"],
    ["def g():\n    yield 1\n", 2, "yield (generators)"],
    ["with open('f') as f:\n    pass\n", 1, "open() (file I/O)"],
    ["x = 1\nwith app.app_context():\n    pass\n", 2, "with ….app_context() (Flask's context managers)"],
    ["import os\nos.makedirs('uploads', exist_ok=True)\n", 2, "os.makedirs() (file system access)"],
    ["from os import path\nok = path.exists('x')\n", 2, "path.exists() (file system access)"],
    ["class Meta(type):\n    pass\nclass A(metaclass=Meta):\n    pass\n", 3, "class keyword arguments (metaclass=…)"],
    ["async def f():\n    pass\n", 1, "async syntax"],
    ["from . import x\n", 1, "relative import"],
    ["x = 1\nmatch x:\n    case 1:\n        pass\n", 2, "match statement"],
  ])("rejects %j", (src, line, what) => {
    const res = load(src);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.kind).toBe("unsupported");
    expect(res.error.line).toBe(line);
    expect(res.error.message).toBe(`app.py:${line}: unsupported syntax: ${what}`);
    expect(res.error.messageKo).toMatch(new RegExp(`^app\\.py:${line}: 지원하지 않는 문법입니다: `));
  });

  it("reports syntax errors as CPython does", () => {
    const res = load("def f():\nreturn 1\n");
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.kind).toBe("syntax");
    expect(res.traceback).toBe(
      '  File "/srv/hello_cju/app.py", line 2\n    return 1\n    ^^^^^^\nIndentationError: expected an indented block after function definition on line 1\n',
    );
    expect(res.error.messageKo).toBe("app.py:2: 들여쓰기 오류(IndentationError): expected an indented block after function definition on line 1");
  });

  it("refuses sources over 256 KiB", () => {
    const res = load("x = 1\n".repeat(50_000));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.kind).toBe("unsupported");
  });

  it("reports an exception raised at import with its traceback", () => {
    const res = load("import json\nCONFIG = json.loads('{bad')\n");
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.kind).toBe("exception");
    expect(res.error.line).toBe(2);
    expect(res.traceback.split("\n").slice(-2)).toEqual([
      "json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
      "",
    ]);
  });
});

describe("recursion limit", () => {
  it("counts the host's frames below a view (baseDepth)", () => {
    const interp = createInterpreter();
    const res = interp.loadModule("def f(n):\n    return f(n + 1)\n", { filename: "/srv/app.py" });
    if (!res.ok) throw new Error(res.error.message);
    const repeated = (baseDepth: number) => {
      const out = interp.callFunction(res.module.attrs.get("f")!, [0n], new Map(), { baseDepth });
      if (out.kind !== "exception") throw new Error(out.kind);
      return /\[Previous line repeated (\d+) more times\]/.exec(out.traceback)?.[1];
    };
    // CPython: 1000 frames in all; three f frames are printed before the repeat line
    expect(repeated(0)).toBe(String(1000 - 3));
    expect(repeated(15)).toBe(String(1000 - 15 - 3));
  });
});

describe("print output", () => {
  it("records sep/end and bounds what is kept between drains", () => {
    const interp = createInterpreter();
    const res = interp.loadModule('print("a", 1, None, sep="|", end="!\\n")\nfor i in range(3000):\n    print("x" * 1000)\n', { filename: "/srv/app.py" });
    expect(res.ok).toBe(true);
    const out = interp.drainOutput();
    expect(out[0]).toEqual({ at: 0, stream: "stdout", text: "a|1|None!\n" });
    expect(out.reduce((n, o) => n + o.text.length, 0)).toBe(1 << 20);
    expect(interp.outputTruncated).toBe(true);
    interp.callFunction(interp.builtins.get("print")!, ["again"]);
    expect(interp.drainOutput()).toEqual([{ at: 0, stream: "stdout", text: "again\n" }]);
  });
});
