# My personal homepage: every page extends templates/base.html, the stylesheet comes from static/.
from flask import Flask, abort, render_template

app = Flask(__name__)

PROJECTS = [
    {"slug": "weather-bot", "name": "날씨 알림 봇", "year": 2025, "tags": ["python", "telegram"],
     "summary": "아침마다 제주의 날씨를 메신저로 보내 주는 작은 봇입니다."},
    {"slug": "flask-board", "name": "동아리 게시판", "year": 2026, "tags": ["flask", "jinja2", "nginx"],
     "summary": "Flask로 만든 동아리 게시판을 Nginx와 Gunicorn 뒤에 배포했습니다. <script>는 글자로 보여야 합니다."},
    {"slug": "typing-game", "name": "타자 연습 게임", "year": 2024, "tags": [], "summary": ""},
]


def find_project(slug):
    for project in PROJECTS:
        if project["slug"] == slug:
            return project
    return None


@app.route("/")
def index():
    recent = sorted(PROJECTS, key=lambda p: p["year"], reverse=True)
    return render_template("index.html", projects=recent)


@app.route("/about")
def about():
    skills = {"Python": 4, "HTML/CSS": 3, "Linux": 2}
    return render_template("about.html", skills=skills)


@app.route("/projects/<slug>")
def project(slug):
    found = find_project(slug)
    if found is None:
        abort(404)
    return render_template("project.html", project=found)


@app.errorhandler(404)
def not_found(error):
    return render_template("404.html"), 404
