# A quiz about the deployment chain. The order of the choices is shuffled with a seed per question,
# so the same question always shows the same order; the score is kept in the session.
import random
from datetime import timedelta

from flask import Flask, redirect, render_template, request, session, url_for

app = Flask(__name__)
app.config["SECRET_KEY"] = "quiz-secret"
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=3650)

QUESTIONS = [
    {"q": "정적 파일을 디스크에서 바로 보내는 것은?", "answer": "Nginx", "wrong": ["Gunicorn", "Flask", "systemd"]},
    {"q": "WSGI 서버가 아닌 것은?", "answer": "Nginx", "wrong": ["Gunicorn", "uWSGI", "Waitress"]},
    {"q": "Gunicorn 워커가 timeout을 넘기면?", "answer": "마스터가 워커를 죽이고 새로 띄운다",
     "wrong": ["요청을 처음부터 다시 처리한다", "Nginx가 재시작된다"]},
]


def choices_for(number):
    question = QUESTIONS[number]
    choices = [question["answer"]] + question["wrong"]
    random.Random(number * 7 + 1).shuffle(choices)
    return choices


@app.route("/")
def index():
    return redirect(url_for("question", number=1))


@app.route("/q/<int:number>", methods=["GET", "POST"])
def question(number):
    if not 1 <= number <= len(QUESTIONS):
        return redirect(url_for("result"))
    item = QUESTIONS[number - 1]
    if request.method == "POST":
        picked = request.form.get("choice")
        answers = session.get("answers", {})
        answers[str(number)] = picked == item["answer"]
        session["answers"] = answers
        session.permanent = True
        return redirect(url_for("question", number=number + 1))
    return render_template("question.html", number=number, total=len(QUESTIONS),
                           question=item["q"], choices=choices_for(number - 1))


@app.route("/result")
def result():
    answers = session.get("answers", {})
    score = sum(1 for ok in answers.values() if ok)
    return render_template("result.html", score=score, total=len(QUESTIONS), answers=answers)


@app.route("/reset", methods=["POST"])
def reset():
    session.pop("answers", None)
    return redirect(url_for("index"))
