"""Record how curl 7.88 (Debian 12) keeps cookies, for lib/cookies/.

    python3 conformance/capture/curl/cookies.py

Starts a small HTTP server on 127.0.0.1:28611 that sets the cookies of CASES, runs `curl -c` against it, then
`curl -b <file>` and `curl -b '<string>'` for several URLs, and writes lib/cookies/fixtures/curl-cookies.json:
the Set-Cookie headers, the cookie file curl wrote, and the Cookie header curl sent for each URL.
"""
import json
import os
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = 28611
OUT = os.path.join(os.path.dirname(__file__), "../../../lib/cookies/fixtures/curl-cookies.json")

SET_COOKIES = [
    "session=abc.def; HttpOnly; Path=/",
    "theme=dark; Expires=Tue, 25 Nov 2031 14:31:26 GMT; Path=/",
    "spot=x; Path=/board; Secure",
    "dom=1; Domain=localhost; Path=/",
    "board_session=eyJ0IjoxfQ.aSWyFA.nOlgNab3dJxCjoy_VjJqzFsHH1s; Secure; Path=/board; SameSite=Lax",
    "old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
    "q=\"a b\\073c\"; Path=/",
    "deep=1",
]
SET_URL = "http://localhost:%d/board/list" % PORT
SEND_URLS = ["/board/y", "/", "/board", "/boardroom", "/board/list/2"]
STRINGS = ["a=1; b=2", "a=1;b=2", "x=  spaced value "]

seen = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        seen.append(self.headers.get("Cookie"))
        self.send_response(200)
        if self.path == "/board/list":
            for c in SET_COOKIES:
                self.send_header("Set-Cookie", c)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def curl(*args):
    subprocess.run(["curl", "-s", "-o", "/dev/null", *args], check=True)


def main():
    server = HTTPServer(("127.0.0.1", PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            jar = os.path.join(tmp, "jar.txt")
            curl("-c", jar, SET_URL)
            with open(jar, encoding="utf-8") as f:
                file_text = f.read()
            sent = {}
            for path in SEND_URLS:
                seen.clear()
                curl("-b", jar, "http://localhost:%d%s" % (PORT, path))
                sent[path] = seen[0]
            seen.clear()
            curl("-b", jar, "http://127.0.0.1:%d/" % PORT)
            other_host = seen[0]
            strings = {}
            for s in STRINGS:
                seen.clear()
                curl("-b", s, "http://localhost:%d/" % PORT)
                strings[s] = seen[0]
    finally:
        server.shutdown()
    data = {
        "setUrl": SET_URL,
        "setCookies": SET_COOKIES,
        "file": file_text,
        "sent": sent,
        "otherHost": other_host,
        "strings": strings,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(OUT)


if __name__ == "__main__":
    main()
