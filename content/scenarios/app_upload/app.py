# Upload a text file (multipart/form-data) and get a preview of it back.
# The file is read in memory only; secure_filename cleans the name the browser sent.
from flask import Flask, flash, get_flashed_messages, redirect, request, url_for
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = "upload-secret"
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
ALLOWED_EXTENSIONS = {"txt", "csv", "md"}


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.route("/", methods=["GET"])
def form():
    notices = "".join(f"<p class=\"notice\">{escape(m)}</p>" for m in get_flashed_messages())
    return (
        "<!doctype html>\n<title>파일 올리기</title>\n" + notices +
        '<form method="post" action="/upload" enctype="multipart/form-data">\n'
        '  <input type="file" name="file"> <input name="note"> <button>올리기</button>\n</form>\n'
    )


@app.route("/upload", methods=["POST"])
def upload():
    if "file" not in request.files:
        flash("file 필드가 없습니다. form에 enctype=\"multipart/form-data\"를 썼나요?")
        return redirect(url_for("form"))
    file = request.files["file"]
    if file.filename == "":
        flash("파일을 고르지 않았습니다.")
        return redirect(url_for("form"))
    if not allowed_file(file.filename):
        return f"{escape(file.filename)}: txt, csv, md 파일만 올릴 수 있습니다.\n", 400
    filename = secure_filename(file.filename)
    data = file.read()
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines()
    return {
        "filename": filename,
        "original": file.filename,
        "content_type": file.content_type,
        "size": len(data),
        "lines": len(lines),
        "first_line": lines[0] if lines else "",
        "note": request.form.get("note", ""),
    }
