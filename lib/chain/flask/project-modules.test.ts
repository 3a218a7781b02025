import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "./index";

const encode = (text: string) => new TextEncoder().encode(text);
const load = (files: Record<string, string>) =>
  createFlaskAppLoader({ appDir: "/srv/pm/", reuse: false }).load(new Map(Object.entries(files).map(([p, t]) => [p, encode(t)])), "app", "app", {});

describe("the project's own modules", () => {
  it("are imported from the app's folder: import x, from x import name, classes named after their module", () => {
    const result = load({
      "app.py": "from flask import Flask\nimport settings\nfrom helpers import shout\n\napp = Flask(__name__)\nprint(shout(settings.NAME), settings.Config, settings.__name__)\n",
      "settings.py": "NAME = 'cju'\n\n\nclass Config:\n    DEBUG = False\n",
      "helpers.py": "def shout(text):\n    return text.upper() + '!'\n",
    });
    expect(result.ok, result.ok ? "" : result.traceback).toBe(true);
    expect(result.output.map((o) => o.text).join("")).toBe("CJU! <class 'settings.Config'> settings\n");
  });

  it("raise through the import line: app.py's frame, then the module's, as CPython 3.11 trims importlib's", () => {
    const result = load({
      "app.py": "from flask import Flask\nimport helpers\n\napp = Flask(__name__)\n",
      "helpers.py": "RATE = 3\n\n\ndef ratio():\n    return RATE / 0\n\n\nVALUE = ratio()\n",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The tail of what the real Python printed for these two files (importlib.import_module, as Gunicorn imports).
    expect(result.traceback).toContain(
      [
        '  File "/srv/pm/app.py", line 2, in <module>',
        "    import helpers",
        '  File "/srv/pm/helpers.py", line 8, in <module>',
        "    VALUE = ratio()",
        "            ^^^^^^^",
        '  File "/srv/pm/helpers.py", line 5, in ratio',
        "    return RATE / 0",
        "           ~~~~~^~~",
        "ZeroDivisionError: division by zero",
      ].join("\n"),
    );
  });

  it("that the model cannot run are named with their own file and line, not passed off as app.py's error", () => {
    const result = load({
      "app.py": "from flask import Flask\nimport helpers\n\napp = Flask(__name__)\n",
      "helpers.py": "import requests\n",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.path).toBe("helpers.py");
    expect(result.error.line).toBe(1);
  });
});
