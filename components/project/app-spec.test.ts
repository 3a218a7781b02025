import { describe, expect, it } from "vitest";
import { appSpecOf, isAppSpec, withAppSpec } from "./app-spec";

const GUNICORN = '# settings\nwsgi_app = "app:app"\nbind = "unix:/run/my_project/gunicorn.sock"\n';
const UWSGI = "[uwsgi]\nplugins = python3\nmodule = app:app\nsocket = /run/my_project/uwsgi.sock\n";

describe("the module:callable written into the gateway's config", () => {
  it("replaces Gunicorn's wsgi_app, or adds it", () => {
    expect(withAppSpec(GUNICORN, "gunicorn", "main:application")).toEqual({ text: GUNICORN.replace('"app:app"', '"main:application"'), line: 'wsgi_app = "main:application"' });
    expect(withAppSpec('bind = "x"\n', "gunicorn", "main:app").text).toBe('bind = "x"\nwsgi_app = "main:app"\n');
  });

  it("replaces uWSGI's module (and drops a wsgi-file that would win), or adds it under [uwsgi]", () => {
    expect(withAppSpec(UWSGI, "uwsgi", "main:app").text).toBe(UWSGI.replace("module = app:app", "module = main:app"));
    expect(withAppSpec("[uwsgi]\nwsgi-file = app.py\nsocket = s\n", "uwsgi", "main:app").text).toBe("[uwsgi]\nmodule = main:app\nsocket = s\n");
  });

  it("reads the spec a config names and accepts only module:callable names", () => {
    expect(appSpecOf(GUNICORN, "gunicorn")).toBe("app:app");
    expect(appSpecOf(UWSGI, "uwsgi")).toBe("app:app");
    expect(isAppSpec("pkg.main:create")).toBe(true);
    expect(isAppSpec("app:app; rm -rf /")).toBe(false);
  });
});
