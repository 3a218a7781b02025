import time

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "출석 확인 완료\n"


@app.route("/report")
def report():
    # The report waits on something slow (a database, another service): the worker sits idle for a second.
    time.sleep(1)
    return "성적표 준비 완료\n"


@app.route("/busy")
def busy():
    # The worker's CPU does the work itself: a plain Python loop.
    total = 0
    for i in range(100000):
        total = total + i * i
    return f"계산 결과 {total}\n"
