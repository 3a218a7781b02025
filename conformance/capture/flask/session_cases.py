"""Record itsdangerous 2.1.2 signing as Flask 2.2.2's session interface uses it, for lib/chain/flask/session/.

    /usr/bin/python3 conformance/capture/flask/session_cases.py

Writes lib/chain/flask/session/fixtures/signer-cases.json: for several keys, JSON payloads (short, long enough to
be compressed, non-ASCII) and timestamps, the cookie value the real serializer makes.
"""
import json
import os
import time
from unittest import mock

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

OUT = os.path.join(os.path.dirname(__file__), "../../../lib/chain/flask/session/fixtures/signer-cases.json")

KEYS = ["dev", "dev-secret-for-the-course", "한글 키", "k" * 100]
SESSIONS = [
    {},
    {"user": "kim"},
    {"n": 1, "user": "김"},
    {"notes": ["메모 " * 20, "note " * 30]},
    {"_flashes": [("message", "저장했습니다"), ("error", "잘못된 입력")]},
    {"data": "".join(chr(33 + (i * 7919) % 90) for i in range(400))},
    {"big": "a" * 3000},
]
TIMES = [0, 255, 1764077466, 4102444800]


def main():
    app = Flask(__name__)
    interface = SecureCookieSessionInterface()
    cases = []
    with app.app_context():
        for key in KEYS:
            app.secret_key = key
            serializer = interface.get_signing_serializer(app)
            for session in SESSIONS:
                payload = interface.serializer.dumps(session)
                for now in TIMES:
                    with mock.patch.object(time, "time", lambda: float(now)):
                        cookie = serializer.dumps(session)
                    cases.append({"key": key, "json": payload, "time": now, "cookie": cookie})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
