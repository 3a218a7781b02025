import time

from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    return "lesson_timeouts: /work?s=초\n"


@app.route("/work")
def work():
    seconds = request.args.get("s", default=1, type=float)
    time.sleep(seconds)
    return f"{seconds}초 동안 일했습니다\n"
