"""Sign Flask session cookies for the app_* corpora with the real Flask 2.2 + itsdangerous (run by make-apps.mjs).

stdin: a JSON list of {"secret": str, "secretBytes": bool?, "data": {...}}; "_flashes" entries are [category, message]
pairs and become the tuples flash() stores. stdout: one cookie value per line. The signing time is fixed (SIGNED_AT) so
that running make-apps.mjs again writes the same bytes; the apps' PERMANENT_SESSION_LIFETIME keeps the cookies valid.
"""
import json
import sys
import time

SIGNED_AT = 1796601600  # 2026-12-07 00:00:00 UTC
time.time = lambda: SIGNED_AT

from flask import Flask  # noqa: E402  (after time is fixed)

for case in json.load(sys.stdin):
    app = Flask("sign")
    secret = case["secret"]
    app.secret_key = secret.encode("latin-1") if case.get("secretBytes") else secret
    data = dict(case["data"])
    if "_flashes" in data:
        data["_flashes"] = [tuple(pair) for pair in data["_flashes"]]
    with app.app_context():  # sorted keys, as Flask writes a session inside a request
        print(app.session_interface.get_signing_serializer(app).dumps(data))
