# A tiny board: log in with a name (session), leave short notes, and see one-time messages (flash).
from datetime import timedelta

from flask import Flask, abort, flash, get_flashed_messages, redirect, request, session, url_for
from markupsafe import escape

app = Flask(__name__)
app.secret_key = "board-secret-change-me"
# "Remember me": a permanent session cookie stays valid this long.
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=3650)


def page(body):
    messages = "".join(
        f'<p class="{category}">{escape(message)}</p>' for category, message in get_flashed_messages(with_categories=True)
    )
    return f"<!doctype html>\n<title>게시판</title>\n{messages}\n{body}\n"


@app.route("/")
def index():
    user = session.get("user")
    if user is None:
        return page('<form method="post" action="/login"><input name="name"><button>로그인</button></form>')
    notes = "".join(f"<li>{escape(note)}</li>" for note in session.get("notes", []))
    return page(f"<p>{escape(user)}님의 메모</p>\n<ul>{notes}</ul>")


@app.route("/login", methods=["POST"])
def login():
    name = request.form.get("name", "").strip()
    if not name:
        flash("이름을 입력하세요.", "error")
        return redirect(url_for("index"))
    session["user"] = name
    session.permanent = True
    flash(f"{name}님, 환영합니다.")
    return redirect(url_for("index"))


@app.route("/notes", methods=["POST"])
def add_note():
    if "user" not in session:
        abort(401)
    note = request.form.get("note", "").strip()
    if note:
        session["notes"] = session.get("notes", []) + [note]
        flash("메모를 저장했습니다.")
    else:
        flash("빈 메모는 저장하지 않습니다.", "error")
    return redirect(url_for("index"))


@app.route("/logout")
def logout():
    session.clear()
    flash("로그아웃했습니다.")
    return redirect(url_for("index"))


@app.errorhandler(401)
def login_required(error):
    return page("<p>로그인이 필요합니다.</p>"), 401
