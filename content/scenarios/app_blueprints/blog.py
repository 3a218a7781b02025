# The blog part of the site: /blog/... (url_prefix is given when the app registers it).
from flask import Blueprint, abort, jsonify, url_for

bp = Blueprint("blog", __name__)

POSTS = {1: "Blueprint로 나누기", 2: "url_for에 점 붙이기"}


@bp.route("/")
def index():
    links = [{"title": title, "url": url_for("blog.post", post_id=post_id)} for post_id, title in POSTS.items()]
    return jsonify(posts=links)


@bp.route("/<int:post_id>")
def post(post_id):
    if post_id not in POSTS:
        abort(404)
    # ".index" is this blueprint's own index; "index" alone would be the app's.
    return f"<h1>{POSTS[post_id]}</h1><a href=\"{url_for('.index')}\">블로그 목록</a> <a href=\"{url_for('index')}\">홈</a>\n"
