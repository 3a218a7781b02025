# Configuration the way tutorials set it up: defaults from a mapping, then a class picked by an
# environment variable (APP_ENV), then one value straight into app.config.
import os

from flask import Flask, abort, current_app, jsonify, request

import config

app = Flask(__name__)
app.config.from_mapping(
    SECRET_KEY="dev",
    MEMBERS=["강민", "김하늘", "박소연", "이준", "최유리", "한결", "홍지우"],
)
env = os.environ.get("APP_ENV", "development")
app.config.from_object(config.ProductionConfig if env == "production" else config.DevelopmentConfig)
app.config["ENV_NAME"] = env


@app.route("/")
def index():
    page = request.args.get("page", 1, type=int)
    per_page = app.config["ITEMS_PER_PAGE"]
    members = app.config["MEMBERS"]
    start = (page - 1) * per_page
    shown = members[start:start + per_page]
    if page < 1 or not shown:
        abort(404)
    return jsonify(app=app.config["APP_NAME"], page=page, per_page=per_page, members=shown,
                   pages=(len(members) + per_page - 1) // per_page)


@app.route("/settings")
def settings():
    keys = ["APP_NAME", "DEBUG", "ENV_NAME", "ITEMS_PER_PAGE", "ADMIN_EMAIL", "JSON_SORT_KEYS", "SESSION_COOKIE_NAME"]
    return jsonify({key: current_app.config.get(key) for key in keys})


@app.route("/settings/<key>")
def setting(key):
    if key.upper() == "SECRET_KEY":
        abort(403)
    if key.upper() not in app.config:
        abort(404)
    return f"{key.upper()} = {app.config[key.upper()]!r}\n"
