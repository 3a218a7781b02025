"""Capture what the real Jinja2 3.1.2 renders, inside Flask 2.2.2, for each case of a fixture folder.

Run with Debian's interpreter (Flask 2.2.2 / Jinja2 3.1.2 / MarkupSafe 2.1.2):

    /usr/bin/python3 conformance/capture/jinja/capture.py lib/chain/jinja/fixtures/<name> [...]

Each folder holds `templates/` and `cases.json`: a list of {"id", "template" | "source", "context"}. A case with
"template" is rendered by render_template (autoescape from the file name, as Flask chooses), one with "source" by
render_template_string, both inside a request context for "/". Context values are JSON, with {"$markup": text}
for a Markup and {"$tuple": [...]} for a tuple. `expected.json` gets, per case, the exact output text, or the
error: exception type, message and the template frames of its traceback (file relative to the folder, line,
Jinja's location name).
"""
import json
import os
import sys
import traceback

from flask import Flask, render_template, render_template_string
from markupsafe import Markup


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"$markup"}:
            return Markup(value["$markup"])
        if set(value) == {"$tuple"}:
            return tuple(decode(v) for v in value["$tuple"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def template_frames(exc, folder):
    frames = []
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename
        if name.startswith(folder + os.sep):
            frames.append([os.path.relpath(name, folder), frame.lineno, frame.name])
        elif name in ("<template>", "<unknown>"):
            frames.append([name, frame.lineno, frame.name])
    return frames


def capture(folder):
    folder = os.path.abspath(folder)
    with open(os.path.join(folder, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    app = Flask("fixture", root_path=folder)
    app.add_url_rule("/", "index", lambda: "")
    results = []
    for case in cases:
        context = decode(case.get("context", {}))
        entry = {"id": case["id"]}
        with app.test_request_context("/"):
            try:
                if "template" in case:
                    entry["output"] = render_template(case["template"], **context)
                else:
                    entry["output"] = render_template_string(case["source"], **context)
            except Exception as exc:  # the case records what the student would see
                entry["error"] = {
                    "type": type(exc).__name__,
                    "message": str(exc),
                    "frames": template_frames(exc, folder),
                }
        results.append(entry)
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{folder}: {len(results)} cases")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        capture(path)
