# A visit counter: the count lives in the signed session cookie, the colour theme in a plain cookie.
from datetime import timedelta

from flask import Flask, make_response, redirect, request, session

app = Flask(__name__)
app.secret_key = b"counter-\x01-secret"
app.permanent_session_lifetime = timedelta(days=3650)

THEMES = ("light", "dark")


@app.route("/")
def index():
    session.permanent = True
    session["visits"] = session.get("visits", 0) + 1
    theme = request.cookies.get("theme", "light")
    visits = session["visits"]
    if visits == 1:
        text = "처음 오셨네요!"
    elif visits % 10 == 0:
        text = f"축하합니다! {visits}번째 방문입니다."
    else:
        text = f"{visits}번째 방문입니다."
    return f'<body class="{theme}"><p>{text}</p><a href="/reset">초기화</a></body>\n'


@app.route("/reset")
def reset():
    session.pop("visits", None)
    return redirect("/")


@app.route("/theme/<name>")
def set_theme(name):
    if name not in THEMES:
        return f"theme must be one of {', '.join(THEMES)}\n", 400
    response = make_response(redirect("/"))
    response.set_cookie("theme", name, max_age=60 * 60 * 24 * 30, samesite="Lax")
    return response


@app.route("/whoami")
def whoami():
    # What the server knows about this browser: only what the cookies say.
    return {"visits": session.get("visits", 0), "theme": request.cookies.get("theme"), "cookies": sorted(request.cookies)}
