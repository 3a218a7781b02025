import os
import time

from flask import Flask, jsonify, request
from markupsafe import escape

app = Flask(__name__)

GREETING = os.environ.get("HELLO_GREETING", "Hello")


@app.route("/")
def index():
    return f"<h1>{GREETING}, hello_cju!</h1>\n"


@app.route("/hello/<name>")
def hello(name):
    return f"{GREETING}, {escape(name)}!\n"


@app.route("/users/<int:user_id>")
def user(user_id):
    if user_id > 100:
        return jsonify(error="no such user", id=user_id), 404
    return jsonify(id=user_id, name=f"student{user_id}")


@app.route("/about/")
def about():
    return "hello_cju는 Nginx 뒤에서 돌아가는 Flask 앱입니다.\n"


@app.route("/echo", methods=["POST"])
def echo():
    data = request.get_json(silent=True)
    return jsonify(received=data, length=len(request.get_data()))


@app.route("/environ")
def show_environ():
    keys = ["REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "SERVER_PROTOCOL",
            "REMOTE_ADDR", "HTTP_HOST", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "wsgi.url_scheme"]
    return jsonify({key: request.environ.get(key) for key in keys})


@app.route("/slow")
def slow():
    seconds = request.args.get("s", default=15, type=float)
    time.sleep(seconds)
    return f"{seconds}초 동안 일했습니다\n"
