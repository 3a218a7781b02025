import time

from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    return "timeout_demo\n"


@app.route("/slow")
def slow():
    seconds = request.args.get("s", default=3, type=float)
    time.sleep(seconds)
    return f"slept {seconds}\n"


@app.route("/work")
def work():
    seconds = request.args.get("s", default=4, type=float)
    time.sleep(seconds)
    return f"worked {seconds}\n"
