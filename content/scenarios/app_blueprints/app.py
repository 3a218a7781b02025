# The site is split into blueprints, one module each; app.py only puts them together.
from flask import Flask, jsonify, url_for

import auth
import blog

app = Flask(__name__)
app.register_blueprint(blog.bp, url_prefix="/blog")
app.register_blueprint(auth.bp)


@app.route("/")
def index():
    return jsonify(
        home=url_for("index"),
        blog=url_for("blog.index"),
        first_post=url_for("blog.post", post_id=1),
        login=url_for("auth.login"),
        logout=url_for("auth.logout", next="/blog/"),
    )


@app.route("/routes")
def routes():
    rules = sorted(f"{rule.endpoint} {rule.rule}" for rule in app.url_map.iter_rules())
    return "\n".join(rules) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
