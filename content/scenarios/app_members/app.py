# Members-only pages: before_request loads the user into g, and a login_required decorator
# (written with functools.wraps) sends anonymous visitors to the login page.
import functools
from datetime import timedelta

from flask import Flask, abort, g, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "members-secret"
app.permanent_session_lifetime = timedelta(days=3650)

USERS = {
    "kim": {"password": "pw1234", "name": "김하늘", "admin": False},
    "lee": {"password": "secret!", "name": "이준", "admin": True},
}


@app.before_request
def load_user():
    username = session.get("username")
    g.user = USERS.get(username) if username else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def admin_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not g.user["admin"]:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


@app.route("/")
def index():
    if g.user:
        return f"<p>{g.user['name']}님, 안녕하세요. <a href=\"/logout\">로그아웃</a></p>\n"
    return '<p>손님입니다. <a href="/login">로그인</a></p>\n'


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        username = request.form.get("username", "")
        user = USERS.get(username)
        if user is None or user["password"] != request.form.get("password"):
            return "<p>아이디나 비밀번호가 틀렸습니다.</p>\n", 401
        session.clear()
        session.permanent = True
        session["username"] = username
        return redirect(request.args.get("next") or url_for("index"))
    return '<form method="post"><input name="username"><input name="password" type="password"><button>로그인</button></form>\n'


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("index"))


@app.route("/mypage")
@login_required
def mypage():
    return f"<h1>{g.user['name']}의 페이지</h1><p>view 이름: {mypage.__name__}</p>\n"


@app.route("/admin")
@admin_required
def admin():
    return "<h1>관리자 화면</h1><ul>" + "".join(f"<li>{name}</li>" for name in sorted(USERS)) + "</ul>\n"


@app.errorhandler(403)
def forbidden(error):
    return "<h1>403</h1><p>관리자만 볼 수 있습니다.</p>\n", 403
