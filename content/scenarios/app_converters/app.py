# URL rules with converters and defaults: a paged list, typed ids, file paths, and a custom converter.
from flask import Flask, jsonify, url_for
from werkzeug.routing import BaseConverter

app = Flask(__name__)


class ListConverter(BaseConverter):
    """/compare/python+flask+nginx -> ["python", "flask", "nginx"]"""

    def to_python(self, value):
        return value.split("+")

    def to_url(self, values):
        return "+".join(super(ListConverter, self).to_url(v) for v in values)


app.url_map.converters["list"] = ListConverter

BOOKS = [f"책 {n}" for n in range(1, 24)]


@app.route("/books/", defaults={"page": 1})
@app.route("/books/page/<int:page>")
def books(page):
    per_page = 10
    items = BOOKS[(page - 1) * per_page:page * per_page]
    return jsonify(page=page, items=items, next=url_for("books", page=page + 1) if len(items) == per_page else None)


@app.route("/users/<int(min=1):user_id>")
def user(user_id):
    return f"user #{user_id}\n"


@app.route("/price/<float:amount>")
def price(amount):
    return f"{amount:.2f}원의 부가세는 {amount * 0.1:.2f}원\n"


@app.route("/files/<path:subpath>")
def files(subpath):
    parts = subpath.split("/")
    return jsonify(path=subpath, depth=len(parts), name=parts[-1])


@app.route("/compare/<list:names>")
def compare(names):
    return jsonify(names=names, count=len(names), back=url_for("compare", names=names[::-1]))


@app.route("/hello/", defaults={"name": "손님"})
@app.route("/hello/<name>")
def hello(name):
    return f"안녕하세요, {name}님!\n"
