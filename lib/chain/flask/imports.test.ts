import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "./index";
import { createInterpreter } from "../python";
import data from "../python/modules/real-names.json";

/** Load `source` as app.py, which must fail, and give the lines of its traceback. */
function tracebackLines(source: string): string[] {
  const r = createFlaskAppLoader({ reuse: false }).load(new Map([["app.py", new TextEncoder().encode(source)]]), "app", "app", {});
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.traceback.trimEnd().split("\n");
}

/** The last line of the traceback `source` fails with. */
function lastLine(source: string): string {
  return tracebackLines(source).pop() ?? "";
}

const real = (data as { modules: Record<string, { location: string; names: string[] }> }).modules;

describe("from <host module> import <name>", () => {
  it("a name real Flask has but the model lacks is an honest limit with file and line", () => {
    expect(lastLine("from flask import Flask\nfrom flask import stream_with_context\napp = Flask(__name__)\n")).toBe(
      "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: from flask import stream_with_context (app.py:2). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.",
    );
  });

  it("a name real Flask does not have keeps CPython's ImportError with Flask's real file", () => {
    expect(lastLine("from flask import Flask, render_templates\n")).toBe(
      "ImportError: cannot import name 'render_templates' from 'flask' (/usr/lib/python3/dist-packages/flask/__init__.py)",
    );
  });

  it("the standard library: a real name the model lacks names the Python, not Flask", () => {
    expect(lastLine("import json\nfrom json import JSONDecoder\n")).toBe(
      "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: from json import JSONDecoder (app.py:2). 실제 Gunicorn/uWSGI의 파이썬에서는 그대로 동작합니다.",
    );
  });

  it("module.name: a real name the model lacks is the honest limit, another name CPython's AttributeError", () => {
    expect(lastLine("import flask\napp = flask.Flask(__name__)\nx = flask.stream_with_context\n")).toBe(
      "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: flask.stream_with_context (app.py:3). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.",
    );
    // Flask 2.2's module __getattr__ raises AttributeError(name), from its own frame (captured in real-names.json).
    expect(tracebackLines("import flask\nx = flask.nosuch\n").slice(-3).join("\n")).toBe(
      '  File "/usr/lib/python3/dist-packages/flask/__init__.py", line 71, in __getattr__\n    raise AttributeError(name)\nAttributeError: nosuch',
    );
    expect(lastLine("import json\nx = json.nosuch\n")).toBe("AttributeError: module 'json' has no attribute 'nosuch'");
  });

  // Every module the model offers: each real name it lacks is a limit, each made-up name an ImportError.
  const interp = createInterpreter({});
  for (const name of ["json", "os", "os.path", "time", "re", "datetime", "functools", "random", "uuid", "string", "multiprocessing"]) {
    it(name, () => {
      const mod = interp.importModule(name);
      const names = real[mod.name].names.filter((n) => !n.startsWith("_"));
      const missing = names.find((n) => !mod.attrs.has(n));
      if (missing) expect(lastLine(`from ${name} import ${missing}\n`)).toMatch(/^NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: from /);
      expect(lastLine(`from ${name} import not_a_real_name\n`)).toBe(
        `ImportError: cannot import name 'not_a_real_name' from '${mod.name}' (${real[mod.name].location})`,
      );
    });
  }
});
