from flask import Flask

app = Flask(__name__)


@app.route("/hello")
def hello():
    return "Flask가 답했습니다.\n"


@app.route("/docs/api")
def docs_api():
    return "Flask의 /docs/api입니다.\n"
