import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "../index";

/** Load `source` as app.py; the messages below were checked against the real Flask 2.2.2. */
function load(source: string) {
  return createFlaskAppLoader({ reuse: false }).load(new Map([["app.py", new TextEncoder().encode(source)]]), "app", "app", {});
}

const HEAD = "from flask import Flask, Blueprint\napp = Flask(__name__)\n";

describe("Blueprint errors as Flask 2.2.2 raises them", () => {
  const cases: Array<[string, string]> = [
    ["a = Blueprint('a', __name__)\napp.register_blueprint(a)\napp.register_blueprint(a)\n", "ValueError: The name 'a' is already registered for this blueprint. Use 'name=' to provide a unique name."],
    ["a = Blueprint('a', __name__)\nb = Blueprint('a', __name__)\napp.register_blueprint(a)\napp.register_blueprint(b)\n", "ValueError: The name 'a' is already registered for a different blueprint. Use 'name=' to provide a unique name."],
    ["Blueprint('x.y', __name__)\n", "ValueError: 'name' may not contain a dot '.' character."],
    ["a = Blueprint('a', __name__)\n@a.route('/', endpoint='p.q')\ndef v():\n    return ''\n", "ValueError: 'endpoint' may not contain a dot '.' character."],
    ["Blueprint('x')\n", "TypeError: Blueprint.__init__() missing 1 required positional argument: 'import_name'"],
  ];
  for (const [body, last] of cases) {
    it(last, () => {
      const r = load(HEAD + body);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.traceback.trimEnd().split("\n").pop()).toBe(last);
    });
  }
});

describe("what the model does not run is an honest limit with file and line", () => {
  it("nested blueprints", () => {
    const r = load(HEAD + "a = Blueprint('a', __name__)\nb = Blueprint('b', __name__)\na.register_blueprint(b)\n");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.traceback).toContain(
        "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: Blueprint.register_blueprint() (app.py:5). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.",
      );
    }
  });

  it("route(..., redirect_to=...)", () => {
    const r = load(HEAD + "@app.route('/old', redirect_to='/new')\ndef old():\n    return ''\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.traceback).toContain("기능입니다: route(..., redirect_to=...) (app.py:3).");
  });
});
