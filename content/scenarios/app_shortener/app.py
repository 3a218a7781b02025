# A URL shortener: short codes in a dict, a redirect for each, and a form to add new ones.
import string

from flask import Flask, abort, jsonify, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
LINKS = {
    "cju": "https://www.jejunu.ac.kr/",
    "flask": "https://flask.palletsprojects.com/en/2.2.x/",
    "nginx": "https://nginx.org/en/docs/",
}
HITS = {}


def encode(number):
    """Turn a counter into a short code (base 62)."""
    code = ""
    while True:
        number, rest = divmod(number, len(ALPHABET))
        code = ALPHABET[rest] + code
        if number == 0:
            return code


@app.route("/")
def index():
    rows = "".join(f"<li><a href=\"/{code}\">/{code}</a> → {escape(url)}</li>" for code, url in sorted(LINKS.items()))
    return (
        "<h1>짧은 주소</h1>\n"
        f"<ul>{rows}</ul>\n"
        '<form method="post" action="/shorten"><input name="url"><button>줄이기</button></form>\n'
    )


@app.route("/shorten", methods=["POST"])
def shorten():
    url = request.form.get("url", "").strip()
    if not url.startswith(("http://", "https://")):
        abort(400)
    code = encode(len(LINKS) + 1000)
    LINKS[code] = url
    return jsonify(code=code, short=url_for("follow", code=code, _external=True), url=url), 201


@app.route("/<code>")
def follow(code):
    if code not in LINKS:
        abort(404)
    HITS[code] = HITS.get(code, 0) + 1
    return redirect(LINKS[code])


@app.route("/<code>+")
def preview(code):
    url = LINKS.get(code) or abort(404)
    return f"/{escape(code)} → {escape(url)}\n"


@app.errorhandler(400)
def bad_url(error):
    return "http:// 또는 https://로 시작하는 주소를 넣어 주세요.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}
