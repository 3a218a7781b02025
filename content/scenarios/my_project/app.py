from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "내 프로젝트 폴더를 고르면 이 앱 대신 그 앱이 답합니다.\n"
