# Log in and out under /auth/...
from flask import Blueprint, redirect, request, url_for

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        return redirect(url_for("blog.index"))
    return f'<form method="post" action="{url_for("auth.login")}"><button>로그인</button></form>\n'


@bp.route("/logout")
def logout():
    return redirect(url_for("index", bye=1))
