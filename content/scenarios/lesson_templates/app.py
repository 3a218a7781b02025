from flask import Flask, abort, render_template

app = Flask(__name__)
app.config["BOARD_NAME"] = "CJU 게시판"

POSTS = [
    {"id": 1, "title": "배포 첫날", "author": "kim", "body": "Nginx 뒤에 Gunicorn을 두었습니다. <b>굵게</b>는 글자 그대로 보여야 합니다."},
    {"id": 2, "title": "템플릿 상속", "author": "lee", "body": "base.html 하나에 공통 틀을 두고 자식 템플릿은 block만 채웁니다."},
    {"id": 3, "title": "질문 있어요", "author": "park", "body": ""},
]


@app.route("/")
def index():
    return render_template("index.html", posts=POSTS)


@app.route("/posts/<int:post_id>")
def post(post_id):
    found = [p for p in POSTS if p["id"] == post_id]
    if not found:
        abort(404)
    return render_template("post.html", post=found[0])


@app.route("/about")
def about():
    return render_template("about.html")


@app.route("/profile/<name>")
def profile(name):
    # A classic mistake: the template expects `user`, the view passes `name`.
    return render_template("profile.html", name=name)
