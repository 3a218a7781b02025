import time

from flask import Flask, jsonify, request

app = Flask(__name__)


def what_arrived():
    # What Gunicorn handed to Flask: the path, and the headers nginx added or passed on.
    return jsonify(
        path=request.path,
        host=request.headers.get("Host"),
        x_forwarded_for=request.headers.get("X-Forwarded-For"),
        x_real_ip=request.headers.get("X-Real-IP"),
        remote_addr=request.remote_addr,
    )


@app.route("/")
def root():
    return what_arrived()


@app.route("/<path:anything>")
def anything(anything):
    return what_arrived()


@app.route("/slow/<int:seconds>")
def slow(seconds):
    time.sleep(seconds)
    return f"{seconds}초 걸렸습니다\n"
