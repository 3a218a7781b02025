# A guestbook: log in with a nickname, leave messages, see one-time notices.
# Every POST answers with a redirect (POST/redirect/GET), so reloading the page never posts twice.
from datetime import timedelta

from flask import Flask, flash, redirect, render_template, request, session, url_for

app = Flask(__name__)
app.secret_key = "guestbook-dev-key"
# Stay logged in for a long time (the cookie keeps the login).
app.permanent_session_lifetime = timedelta(days=3650)

WELCOME_POSTS = [
    {"author": "관리자", "text": "방명록에 오신 것을 환영합니다!"},
]


@app.route("/")
def index():
    posts = WELCOME_POSTS + session.get("posts", [])
    return render_template("index.html", posts=posts, user=session.get("user"))


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        nickname = request.form.get("nickname", "").strip()
        if len(nickname) < 2:
            flash("닉네임은 두 글자 이상이어야 합니다.", "error")
            return redirect(url_for("login"))
        session.permanent = True
        session["user"] = nickname
        flash(f"{nickname}님, 반갑습니다!", "success")
        return redirect(url_for("index"))
    return render_template("login.html")


@app.route("/write", methods=["POST"])
def write():
    if "user" not in session:
        flash("먼저 로그인하세요.", "error")
        return redirect(url_for("login"))
    text = request.form.get("text", "").strip()
    if not text:
        flash("내용이 비어 있습니다.", "error")
    else:
        session["posts"] = session.get("posts", []) + [{"author": session["user"], "text": text}]
        flash("글을 남겼습니다.", "success")
    return redirect(url_for("index"))


@app.route("/logout")
def logout():
    session.pop("user", None)
    session.pop("posts", None)
    flash("로그아웃했습니다.", "info")
    return redirect(url_for("index"))
