from flask import Flask, abort, jsonify, make_response, redirect, request, url_for

app = Flask(__name__)


# --- URL converters -------------------------------------------------------
@app.route("/int/<int:n>")
def as_int(n):
    return f"int {n} {type(n).__name__}\n"


@app.route("/float/<float:x>")
def as_float(x):
    return f"float {x} {type(x).__name__}\n"


@app.route("/path/<path:p>")
def as_path(p):
    return f"path {p}\n"


@app.route("/uuid/<uuid:u>")
def as_uuid(u):
    return f"uuid {u} {type(u).__name__}\n"


@app.route("/str/<s>")
def as_str(s):
    return f"str {s}\n"


# --- return-value shapes --------------------------------------------------
@app.route("/shape/text")
def shape_text():
    return "just text"


@app.route("/shape/tuple")
def shape_tuple():
    return "created", 201


@app.route("/shape/tuple-headers")
def shape_tuple_headers():
    return "accepted", 202, {"X-Demo": "yes"}


@app.route("/shape/tuple-list-headers")
def shape_tuple_list_headers():
    return "listed", [("X-One", "1"), ("X-Two", "2")]


@app.route("/shape/dict")
def shape_dict():
    return {"b": 2, "a": 1, "korean": "한글"}


@app.route("/shape/list")
def shape_list():
    return [3, 1, 2]


@app.route("/shape/bytes")
def shape_bytes():
    return b"raw bytes\n"


@app.route("/shape/response")
def shape_response():
    response = make_response("I'm a teapot\n", 418)
    response.headers["X-Made-By"] = "make_response"
    response.set_cookie("seen", "1")
    return response


@app.route("/shape/redirect")
def shape_redirect():
    return redirect(url_for("as_int", n=1))


@app.route("/shape/none")
def shape_none():
    return None


@app.route("/shape/jsonify")
def shape_jsonify():
    return jsonify(ok=True, items=[1, 2])


# --- errors -----------------------------------------------------------------
@app.route("/forbidden")
def forbidden():
    abort(403)


@app.route("/gone")
def gone():
    abort(410)


@app.route("/boom")
def boom():
    return str(1 / 0)


@app.route("/stock")
def stock():
    items = {"apple": 3}
    return f"{items['pear']}\n"


@app.errorhandler(KeyError)
def missing_key(error):
    return jsonify(error="재고 없음", key=str(error)), 409


@app.errorhandler(410)
def handle_gone(error):
    return "이 페이지는 사라졌습니다\n", 410


# --- JSON -------------------------------------------------------------------
@app.route("/json", methods=["POST"])
def json_body():
    data = request.get_json()
    return jsonify(type=type(data).__name__, data=data)


@app.route("/form", methods=["POST"])
def form_body():
    return jsonify(form=request.form.to_dict(), args=request.args.to_dict())


@app.route("/method", methods=["GET", "PUT", "DELETE"])
def method():
    return f"{request.method}\n"


@app.route("/print")
def printer():
    print("hello from the view")
    return "printed\n"


@app.route("/environ/full", methods=["GET", "POST"])
def environ_full():
    # Every environ key in the order the gateway built it. Plain values are shown with repr(); objects (streams,
    # sockets, the request) only by their class, so nothing run-specific (addresses, socket paths) is printed.
    # Feeds the gateway models' environ comparison.
    lines = []
    for key, value in request.environ.items():
        if isinstance(value, (str, bytes, bool, int, float, tuple)):
            shown = f"{type(value).__name__} {value!r}"
        else:
            kind = value if isinstance(value, type) else type(value)
            shown = f"object {kind.__module__}.{kind.__qualname__}"
        lines.append(f"{key}: {shown}")
    return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
