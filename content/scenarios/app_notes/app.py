# Notes written in a tiny markdown-like syntax: "# " headings, "- " list items and **bold**.
import re

from flask import Flask, Response, abort, render_template
from markupsafe import Markup, escape

app = Flask(__name__)

NOTES = [
    {"id": 1, "title": "배포 체크리스트", "tags": ["deploy", "nginx"],
     "body": "# 서버에서\n- **nginx -t**로 설정 검사\n- systemctl reload nginx\n\n# 앱\n- gunicorn 로그 확인"},
    {"id": 2, "title": "Jinja 메모", "tags": ["jinja"],
     "body": "block은 **자식**이 채우고\nmacro는 <함수>처럼 부릅니다."},
    {"id": 3, "title": "빈 메모", "tags": [], "body": ""},
]


def render_markdown(text):
    html = []
    in_list = False
    for line in text.splitlines():
        line = str(escape(line))
        line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
        if line.startswith("- "):
            if not in_list:
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{line[2:]}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        if line.startswith("# "):
            html.append(f"<h2>{line[2:]}</h2>")
        elif line:
            html.append(f"<p>{line}</p>")
    if in_list:
        html.append("</ul>")
    return Markup("\n".join(html))


def get_note(note_id):
    for note in NOTES:
        if note["id"] == note_id:
            return note
    abort(404)


@app.route("/")
def index():
    return render_template("index.html", notes=NOTES)


@app.route("/notes/<int:note_id>")
def show(note_id):
    note = get_note(note_id)
    return render_template("note.html", note=note, html=render_markdown(note["body"]))


@app.route("/notes/<int:note_id>.txt")
def raw(note_id):
    note = get_note(note_id)
    return Response(note["title"] + "\n\n" + note["body"] + "\n", mimetype="text/plain")


@app.route("/tags/<tag>")
def by_tag(tag):
    tagged = [note for note in NOTES if tag in note["tags"]]
    return render_template("index.html", notes=tagged, tag=tag)
