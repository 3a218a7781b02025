"""Capture what the real Flask 2.2.2 answers for each fixture.

Run with Debian's interpreter (Flask 2.2.2 / Werkzeug 2.2.2 / MarkupSafe 2.1.2):

    /usr/bin/python3 conformance/capture/flask/capture.py lib/chain/flask/fixtures/<name> [...]

For every fixture folder it imports `app.py`, calls the WSGI app once per entry of `requests.json` with an environ
built the way Gunicorn 20.1 builds it behind nginx (see build_environ), and writes `expected.json` beside it:
status line, header list in order, body (text or base64) and what the app wrote to wsgi.errors (Flask's log).
Timestamps in log records are replaced by `[TIMESTAMP]` and the fixture path by `{APP_DIR}`.

Two optional request fields serve the session fixtures: `"epoch": <seconds>` fixes the wall clock for that call
(time.time for itsdangerous' timestamp, datetime.now for Flask's and Werkzeug's Expires), and `"jar": true` sends
the cookies earlier responses set, as a browser would (the Cookie header sent is written as `"sentCookie"`).
"""
import base64
import importlib.util
import io
import json
import os
import re
import sys
import time
from datetime import datetime, timezone
from unittest import mock
from wsgiref.util import FileWrapper


def fixed_clock(epoch):
    """Patches that make time.time() and datetime.now(...) return `epoch` inside Flask, Werkzeug, itsdangerous."""
    class SameClass(type):
        # werkzeug.http.http_date asks isinstance(x, datetime): real datetimes must still pass.
        def __instancecheck__(cls, obj):
            return isinstance(obj, datetime)

    class FixedDatetime(datetime, metaclass=SameClass):
        @classmethod
        def now(cls, tz=None):
            return datetime.fromtimestamp(epoch, tz)

    return [
        mock.patch.object(time, "time", lambda: float(epoch)),
        mock.patch("flask.sessions.datetime", FixedDatetime),
        mock.patch("werkzeug.http.datetime", FixedDatetime),
    ]


class Jar:
    """The cookies a browser keeps for localhost: name -> value, expired or Max-Age=0 ones removed."""

    def __init__(self):
        self.cookies = {}

    def header(self, now):
        self.cookies = {k: (v, exp) for k, (v, exp) in self.cookies.items() if exp is None or exp > now}
        return "; ".join(f"{k}={v}" for k, (v, _) in self.cookies.items())

    def store(self, headers, now):
        from werkzeug.http import parse_date
        for name, value in headers:
            if name.lower() != "set-cookie":
                continue
            first, *attrs = value.split(";")
            key, _, val = first.partition("=")
            expires = None
            for attr in attrs:
                a, _, v = attr.strip().partition("=")
                if a.lower() == "max-age":
                    expires = now + int(v)
                if a.lower() == "expires" and expires is None:
                    expires = parse_date(v).timestamp()
            if expires is not None and expires <= now:
                self.cookies.pop(key.strip(), None)
            else:
                self.cookies[key.strip()] = (val, expires)


def build_environ(req, errors):
    body = req.get("body", "").encode("utf-8")
    environ = {
        "wsgi.errors": errors,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        # Gunicorn passes its FileWrapper; wsgiref's behaves the same for send_file.
        "wsgi.file_wrapper": FileWrapper,
        "wsgi.input_terminated": True,
        "SERVER_SOFTWARE": "gunicorn/20.1.0",
        "wsgi.input": io.BytesIO(body),
        "gunicorn.socket": None,
        "REQUEST_METHOD": req.get("method", "GET"),
        "QUERY_STRING": req.get("query", ""),
        "RAW_URI": req["path"] + ("?" + req["query"] if req.get("query") else ""),
        "SERVER_PROTOCOL": "HTTP/1.0",
    }
    for name, value in req.get("headers", [["Host", "localhost"]]):
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
            continue
        if key == "CONTENT_LENGTH":
            environ["CONTENT_LENGTH"] = value
            continue
        environ["HTTP_" + key] = value
    if body and "CONTENT_LENGTH" not in environ:
        environ["CONTENT_LENGTH"] = str(len(body))
    environ.update({
        "wsgi.url_scheme": "http",
        "REMOTE_ADDR": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        # Gunicorn passes PATH_INFO as latin-1 decoded bytes of the unquoted path.
        "PATH_INFO": req["path_info"] if "path_info" in req else req["path"],
        "SCRIPT_NAME": "",
    })
    return environ


def capture(folder):
    folder = os.path.abspath(folder)
    with open(os.path.join(folder, "requests.json"), encoding="utf-8") as f:
        requests = json.load(f)
    sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location("app", os.path.join(folder, "app.py"))
    module = importlib.util.module_from_spec(spec)
    # As Gunicorn's import does: the module is in sys.modules while it runs (config.from_object(__name__)).
    sys.modules["app"] = module
    spec.loader.exec_module(module)
    sys.path.remove(folder)
    app = module.app
    results = []
    jar = Jar()
    for req in requests:
        errors = io.StringIO()
        if req.get("jar") and jar.header(req.get("epoch", time.time())):
            cookie = jar.header(req.get("epoch", time.time()))
            req = dict(req, headers=req.get("headers", [["Host", "localhost"]]) + [["Cookie", cookie]])
        environ = build_environ(req, errors)
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = [list(h) for h in headers]

        patches = fixed_clock(req["epoch"]) if "epoch" in req else []
        for p in patches:
            p.start()
        try:
            body = b"".join(app(environ, start_response))
        finally:
            for p in patches:
                p.stop()
        jar.store(captured["headers"], req.get("epoch", time.time()))
        log = errors.getvalue()
        log = re.sub(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]", "[TIMESTAMP]", log, flags=re.M)
        log = log.replace(folder, "{APP_DIR}")
        entry = {"status": captured["status"], "headers": captured["headers"]}
        if req.get("jar"):
            entry["sentCookie"] = dict(req.get("headers", [])).get("Cookie")
        try:
            entry["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            entry["bodyBase64"] = base64.b64encode(body).decode("ascii")
        entry["log"] = log
        results.append(entry)
    # The fixture's modules (app, config...) must not stand in for the next fixture's.
    for name, mod in list(sys.modules.items()):
        if (getattr(mod, "__file__", None) or "").startswith(folder + os.sep):
            del sys.modules[name]
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{folder}: {len(results)} responses")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        capture(path)
