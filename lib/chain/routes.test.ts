import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { appRoutes } from "./routes";

const encoder = new TextEncoder();
let project: LoadedScenario;
beforeAll(async () => {
  project = (await loadScenario("my_project"))!;
});

const withFiles = (edits: Record<string, string>) => {
  const files = new Map(project.files);
  for (const [path, text] of Object.entries(edits)) files.set(path, encoder.encode(text));
  return files;
};

const STUDENT_APP = `from flask import Flask, jsonify

application = Flask(__name__)


@application.route("/users/<int:user_id>")
def user(user_id):
    return jsonify(id=user_id)


@application.post("/notes")
def add_note():
    return "ok"
`;

describe("appRoutes", () => {
  it("lists the default app's rules as the gateway loads it (Flask 2.2 adds its static rule even without a static/ folder)", () => {
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: project.files });
    expect(result).toMatchObject({ ok: true, gateway: "gunicorn", module: "app", callable: "app", flask: true });
    if (!("rules" in result)) throw new Error("no rules");
    expect(result.rules).toEqual([
      { rule: "/static/<path:filename>", endpoint: "static", methods: ["GET", "HEAD", "OPTIONS"] },
      { rule: "/", endpoint: "index", methods: ["GET", "HEAD", "OPTIONS"] },
    ]);
  });

  it.each([
    ["gunicorn", "gunicorn.conf.py", 'wsgi_app = "app:app"', 'wsgi_app = "main:application"'],
    ["uwsgi", "uwsgi.ini", "module = app:app", "module = main:application"],
  ] as const)("follows the module:callable in %s's config", (gateway, config, from, to) => {
    const text = new TextDecoder().decode(project.files.get(config)!).replace(from, to);
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: withFiles({ [config]: text, "main.py": STUDENT_APP, "static/style.css": "body {}\n" }), gateway });
    expect(result).toMatchObject({ ok: true, module: "main", callable: "application" });
    if (!("rules" in result)) throw new Error("no rules");
    expect(result.rules.map((r) => `${r.rule} ${r.endpoint} ${r.methods.join(",")}`)).toEqual([
      "/static/<path:filename> static GET,HEAD,OPTIONS",
      "/users/<int:user_id> user GET,HEAD,OPTIONS",
      "/notes add_note OPTIONS,POST",
    ]);
  });

  it("gives the import error with CPython's traceback, as the gateway would log it", () => {
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: withFiles({ "app.py": "from flask import Flask\napp = Flask(__name__)\nprint(nope)\n" }) });
    expect(result).toMatchObject({ ok: false, module: "app", error: { path: "app.py", line: 3 } });
    if (!("traceback" in result)) throw new Error("no traceback");
    expect(result.traceback).toContain(`File "/srv/my_project/app.py", line 3, in <module>`);
    expect(result.traceback).toContain("NameError: name 'nope' is not defined");
  });

  it("reports a module-level app.run() with its line", () => {
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: withFiles({ "app.py": "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n" }) });
    expect(result).toMatchObject({ ok: false, devServer: { line: 3, debug: true, port: 5000 } });
  });

  it("names what the model does not run (an unknown module) as unsupported, with its line", () => {
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: withFiles({ "app.py": "from flask import Flask\nimport requests\napp = Flask(__name__)\n" }) });
    expect(result).toMatchObject({ ok: false, error: { path: "app.py", line: 2, message: expect.stringContaining("unsupported") } });
  });

  it("refuses a config the gateway would refuse", () => {
    const result = appRoutes({ scenario: "my_project", manifest: project.manifest, files: withFiles({ "uwsgi.ini": "[uwsgi]\nmodule = app:app\n" }), gateway: "uwsgi" });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "uwsgi.ini" }] });
  });
});
