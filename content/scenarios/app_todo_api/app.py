# A small JSON API for a todo list, kept in a Blueprint under /api/v1.
# The list lives in memory: every worker has its own copy (fine for a demo, not for real data).
from flask import Blueprint, Flask, abort, jsonify, request

api = Blueprint("api", __name__, url_prefix="/api/v1")

TODOS = {
    1: {"id": 1, "title": "Nginx 설정 읽기", "done": True},
    2: {"id": 2, "title": "Gunicorn으로 띄우기", "done": False},
    3: {"id": 3, "title": "소켓 권한 확인", "done": False},
}


def get_todo_or_404(todo_id):
    todo = TODOS.get(todo_id)
    if todo is None:
        abort(404, description=f"todo {todo_id} not found")
    return todo


@api.route("/todos", methods=["GET"])
def list_todos():
    items = list(TODOS.values())
    if request.args.get("done") == "false":
        items = [t for t in items if not t["done"]]
    return jsonify(todos=items, count=len(items))


@api.route("/todos/<int:todo_id>", methods=["GET"])
def get_todo(todo_id):
    return jsonify(get_todo_or_404(todo_id))


@api.route("/todos", methods=["POST"])
def create_todo():
    data = request.get_json(silent=True)
    if not data or not isinstance(data.get("title"), str) or not data["title"].strip():
        abort(400, description="title is required")
    new_id = max(TODOS) + 1
    todo = {"id": new_id, "title": data["title"].strip(), "done": bool(data.get("done", False))}
    TODOS[new_id] = todo
    return jsonify(todo), 201


@api.route("/todos/<int:todo_id>", methods=["PATCH"])
def update_todo(todo_id):
    todo = get_todo_or_404(todo_id)
    data = request.get_json(silent=True) or {}
    if "done" in data:
        todo["done"] = bool(data["done"])
    return jsonify(todo)


@api.route("/todos/<int:todo_id>", methods=["DELETE"])
def delete_todo(todo_id):
    get_todo_or_404(todo_id)
    del TODOS[todo_id]
    return "", 204


@api.errorhandler(404)
def api_not_found(error):
    return jsonify(error="not found", message=error.description), 404


@api.errorhandler(400)
def api_bad_request(error):
    return jsonify(error="bad request", message=error.description), 400


app = Flask(__name__)
app.register_blueprint(api)


@app.route("/")
def index():
    return jsonify(name="todo-api", version=1, endpoints=["/api/v1/todos"])
