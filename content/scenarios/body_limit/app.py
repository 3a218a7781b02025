from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    return "body_limit: POST /upload\n"


@app.route("/upload", methods=["POST"])
def upload():
    data = request.get_data()
    return f"received {len(data)} bytes\n"
