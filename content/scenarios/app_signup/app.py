# Sign-up form with server-side validation. Each rule raises its own exception class;
# the HTML view catches them to show the form again, the JSON endpoint lets an error handler answer.
import re

from flask import Flask, jsonify, render_template, request

app = Flask(__name__)

TAKEN_USERNAMES = {"admin", "root", "kim"}
EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


class ValidationError(Exception):
    status_code = 400

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message

    def to_dict(self):
        return {"field": self.field, "message": self.message}


class UsernameTaken(ValidationError):
    status_code = 409

    def __init__(self, username):
        super().__init__("username", f"'{username}'은(는) 이미 쓰이는 아이디입니다.")


class WeakPassword(ValidationError):
    def __init__(self, reason):
        super().__init__("password", "비밀번호가 약합니다: " + reason)


def validate(form):
    username = form.get("username", "").strip().lower()
    email = form.get("email", "").strip()
    password = form.get("password", "")
    if not re.fullmatch(r"[a-z0-9_]{3,12}", username):
        raise ValidationError("username", "아이디는 영문 소문자, 숫자, _로 3~12자입니다.")
    if username in TAKEN_USERNAMES:
        raise UsernameTaken(username)
    if not EMAIL_RE.match(email):
        raise ValidationError("email", "이메일 형식이 아닙니다.")
    if len(password) < 8:
        raise WeakPassword("8자 이상이어야 합니다")
    if password.isdigit():
        raise WeakPassword("숫자만으로는 안 됩니다")
    return {"username": username, "email": email}


@app.route("/signup", methods=["GET", "POST"])
def signup():
    if request.method == "GET":
        return render_template("signup.html", error=None, form={})
    try:
        user = validate(request.form)
    except ValidationError as e:
        return render_template("signup.html", error=e, form=request.form), e.status_code
    return render_template("welcome.html", user=user), 201


@app.route("/api/signup", methods=["POST"])
def api_signup():
    user = validate(request.get_json(force=True))
    return jsonify(ok=True, user=user), 201


@app.errorhandler(ValidationError)
def handle_validation_error(error):
    body = error.to_dict()
    body["type"] = type(error).__name__
    return jsonify(body), error.status_code
