// Writes the corpora of the app_* scenarios (our own collection of student-style Flask apps, issue 16):
//   node conformance/corpus/make-apps.mjs            # every app_* corpus
//   node conformance/corpus/make-apps.mjs app_quiz   # one
// Each request runs on a fresh embedded chain, so no request may depend on what an earlier one changed in the app's
// memory (a created todo, a new short link): reads come first and at most one change comes last. Session cookies
// are signed by the real Flask (sign-session.py, fixed signing time); the apps that read them keep sessions valid
// for years (PERMANENT_SESSION_LIFETIME), so recording again later reads them the same way.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const BOTH = ["gunicorn", "uwsgi"];

const request = (method, target, headers = [], body = "") => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const head = [`${method} ${target} HTTP/1.1`, "Host: localhost", ...headers, "Connection: close"];
  if (bytes.length > 0 || method === "POST" || method === "PUT" || method === "PATCH") head.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n", "utf8"), bytes]);
};
const get = (target, headers = []) => request("GET", target, headers);
const form = (target, fields, headers = []) =>
  request("POST", target, ["Content-Type: application/x-www-form-urlencoded", ...headers], new URLSearchParams(fields).toString());
const json = (method, target, value, headers = []) =>
  request(method, target, ["Content-Type: application/json", ...headers], typeof value === "string" ? value : JSON.stringify(value));
const cookie = (...pairs) => `Cookie: ${pairs.join("; ")}`;

/** A multipart/form-data body as a browser builds it: parts = [{ name, value } | { name, filename, type, content }]. */
function multipart(target, parts, headers = []) {
  const boundary = "----WebKitFormBoundaryStudent7MA4YWxk";
  const chunks = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${part.name}"` + (part.filename !== undefined ? `; filename="${part.filename}"` : "");
    const head = [`--${boundary}`, disposition, ...(part.filename !== undefined ? [`Content-Type: ${part.type}`] : []), "", ""].join("\r\n");
    chunks.push(Buffer.from(head, "utf8"), Buffer.from(part.filename !== undefined ? part.content : part.value, "utf8"), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return request("POST", target, [`Content-Type: multipart/form-data; boundary=${boundary}`, ...headers], Buffer.concat(chunks));
}

/** Cookie values signed by the real Flask, in the order asked. */
function signSessions(cases) {
  const out = execFileSync("/usr/bin/python3", [path.join(here, "sign-session.py")], { input: JSON.stringify(cases), encoding: "utf8" });
  return out.trim().split("\n");
}

const [GB_WELCOME, GB_POSTS, QUIZ_TWO, QUIZ_ALL, COUNTER_9, MEMBERS_KIM, MEMBERS_LEE] = signSessions([
  { secret: "guestbook-dev-key", data: { _permanent: true, user: "하늘", _flashes: [["success", "하늘님, 반갑습니다!"]] } },
  { secret: "guestbook-dev-key", data: { _permanent: true, user: "하늘", posts: [{ author: "하늘", text: "<b>안녕</b> 하세요" }] } },
  { secret: "quiz-secret", data: { _permanent: true, answers: { 1: true, 2: false } } },
  { secret: "quiz-secret", data: { _permanent: true, answers: { 1: true, 2: true, 3: true } } },
  { secret: "counter-\u0001-secret", secretBytes: true, data: { _permanent: true, visits: 9 } },
  { secret: "members-secret", data: { _permanent: true, username: "kim" } },
  { secret: "members-secret", data: { _permanent: true, username: "lee" } },
]);
const tampered = (value) => value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");

/** scenario → [name, Korean description, raw request] */
const CORPORA = {
  app_homepage: [
    ["home", "첫 화면: index.html이 base.html을 물려받고, loop.cycle과 loop.first로 목록을 그립니다.", get("/")],
    ["about", "소개: block title 안의 super(), 딕셔너리 items()와 문자열 곱하기.", get("/about")],
    ["project", "프로젝트 화면: <script>는 자동 escape, 태그는 join과 upper.", get("/projects/flask-board")],
    ["project-empty", "설명도 태그도 없는 프로젝트: default(…, true)와 else.", get("/projects/typing-game")],
    ["project-missing", "없는 프로젝트: abort(404)를 앱의 오류 처리기가 404.html로 답합니다.", get("/projects/nope")],
    ["unknown-url", "URL 규칙에 없는 주소도 같은 404.html(request.path).", get("/no/such/page")],
    ["static-css", "static/style.css는 Nginx가 디스크에서 직접 보냅니다(expires 1h).", get("/static/style.css")],
    ["head", "HEAD /: 본문 없이 헤더만.", request("HEAD", "/")],
  ],
  app_guestbook: [
    ["home-anonymous", "쿠키 없이 /: 로그인 링크와 환영 글 하나, session을 읽었으니 Vary: Cookie.", get("/")],
    ["login-form", "GET /login: login.html(base.html을 물려받음).", get("/login")],
    ["login", "POST /login: session에 닉네임, flash, 302와 영구 session 쿠키.", form("/login", { nickname: "하늘" })],
    ["login-short", "한 글자 닉네임: flash 오류만 쿠키에 담고 /login으로 302.", form("/login", { nickname: "a" })],
    ["home-welcome", "로그인 직후의 쿠키로 /: 알림을 한 번 보여 주고 쿠키에서 지웁니다.", get("/", [cookie(`session=${GB_WELCOME}`)])],
    ["home-posts", "글이 든 쿠키로 /: 글은 escape되고 글쓰기 양식이 보입니다.", get("/", [cookie(`session=${GB_POSTS}`)])],
    ["write", "POST /write: 글을 session에 더하고 flash, 302(POST/redirect/GET).", form("/write", { text: "두 번째 글" }, [cookie(`session=${GB_POSTS}`)])],
    ["write-anonymous", "로그인 없이 POST /write: flash와 함께 /login으로 302.", form("/write", { text: "몰래 쓰기" })],
    ["tampered", "서명이 틀린 쿠키는 빈 session으로 읽힙니다.", get("/", [cookie(`session=${tampered(GB_POSTS)}`)])],
    ["logout", "GET /logout: 사용자와 글을 지우고 flash만 남깁니다.", get("/logout", [cookie(`session=${GB_POSTS}`)])],
    ["static-css", "static/guestbook.css는 Nginx가 직접 보냅니다.", get("/static/guestbook.css")],
  ],
  app_todo_api: [
    ["index", "GET /: 앱의 라우트가 JSON으로 안내합니다.", get("/")],
    ["list", "GET /api/v1/todos: Blueprint의 목록(키는 정렬, 한글은 \\u 이스케이프).", get("/api/v1/todos")],
    ["list-filter", "GET /api/v1/todos?done=false: 쿼리 문자열로 거르기.", get("/api/v1/todos?done=false")],
    ["get", "GET /api/v1/todos/2: 하나.", get("/api/v1/todos/2")],
    ["get-missing", "없는 항목: abort(404, description=…)를 Blueprint의 오류 처리기가 JSON으로.", get("/api/v1/todos/99")],
    ["unknown-url", "Blueprint 밖의 없는 주소는 Flask의 기본 HTML 404.", get("/api/v1/users")],
    ["wrong-method", "PUT은 등록되지 않은 메서드: 405와 Allow.", json("PUT", "/api/v1/todos/1", { done: true })],
    ["create-invalid", "제목이 빈 POST: abort(400)을 Blueprint의 처리기가 JSON으로.", json("POST", "/api/v1/todos", { title: "  " })],
    ["create-not-json", "JSON이 아닌 본문: get_json(silent=True)가 None이라 400.", json("POST", "/api/v1/todos", "{title:")],
    ["patch", "PATCH /api/v1/todos/2: done을 바꿔 돌려줍니다.", json("PATCH", "/api/v1/todos/2", { done: true })],
    ["delete-missing", "없는 항목 DELETE: 404 JSON.", request("DELETE", "/api/v1/todos/42")],
    ["create", "POST /api/v1/todos: 201과 새 항목(마지막: 앱의 메모리를 바꿉니다).", json("POST", "/api/v1/todos", { title: "로그 보기" })],
  ],
  app_signup: [
    ["form", "GET /signup: 빈 양식.", get("/signup")],
    ["ok", "올바른 가입: welcome.html과 201.", form("/signup", { username: "Haneul_2", email: "haneul@example.com", password: "deploy-2026" })],
    ["bad-username", "규칙에 맞지 않는 아이디: ValidationError를 except로 잡아 양식과 400.", form("/signup", { username: "하늘", email: "a@b.co", password: "longenough" })],
    ["taken", "이미 있는 아이디: 하위 클래스 UsernameTaken의 status_code 409.", form("/signup", { username: "Admin", email: "a@b.co", password: "longenough" })],
    ["bad-email", "이메일 형식(re): 양식에 입력값을 escape해서 다시 채웁니다.", form("/signup", { username: "jeju", email: "<jeju>", password: "longenough" })],
    ["weak-password", "숫자만인 비밀번호: WeakPassword(super().__init__).", form("/signup", { username: "jeju", email: "jeju@example.com", password: "12345678" })],
    ["api-ok", "JSON API 가입: 201.", json("POST", "/api/signup", { username: "jeju", email: "jeju@example.com", password: "deploy-2026" })],
    ["api-taken", "JSON API에서 UsernameTaken: errorhandler(ValidationError)가 JSON과 409.", json("POST", "/api/signup", { username: "root", email: "r@example.com", password: "x" })],
    ["api-short", "JSON API에서 짧은 비밀번호: 부모 클래스의 처리기가 하위 클래스도 받습니다.", json("POST", "/api/signup", { username: "jeju", email: "jeju@example.com", password: "short" })],
    ["api-not-json", "JSON이 아닌 본문: get_json(force=True)가 400 Bad Request.", json("POST", "/api/signup", "username=jeju")],
  ],
  app_shortener: [
    ["index", "첫 화면: 코드 목록과 양식.", get("/")],
    ["follow", "GET /cju: 딕셔너리에서 찾아 302 redirect.", get("/cju")],
    ["follow-missing", "없는 코드: abort(404).", get("/nothing")],
    ["preview", "GET /flask+: 이동하지 않고 어디로 가는지만.", get("/flask+")],
    ["preview-missing", "없는 코드 미리 보기: `or abort(404)`.", get("/zzz+")],
    ["shorten-bad", "http로 시작하지 않는 주소: abort(400)을 앱의 처리기가 text/plain으로.", form("/shorten", { url: "javascript:alert(1)" })],
    ["shorten-get", "GET /shorten: POST만 받는 /shorten 대신 /<code> 규칙이 맞아, 없는 코드라 404.", get("/shorten")],
    ["shorten", "POST /shorten: 새 코드와 _external=True 주소, 201(마지막: 앱의 메모리를 바꿉니다).", form("/shorten", { url: "https://example.com/a b?x=1" })],
  ],
  app_quiz: [
    ["index", "GET /: 첫 문제로 redirect.", get("/")],
    ["question-1", "문제 1: random.Random(시드)로 섞은 보기 순서.", get("/q/1")],
    ["question-3", "문제 3: 다른 시드, 다른 순서.", get("/q/3")],
    ["answer", "POST /q/2: 답을 session에 담고 다음 문제로 302.", form("/q/2", { choice: "Nginx" }, [cookie(`session=${QUIZ_TWO}`)])],
    ["result-partial", "결과: 쿠키 속 답 두 개 중 하나가 정답(dictsort).", get("/result", [cookie(`session=${QUIZ_TWO}`)])],
    ["result-full", "결과: 만점.", get("/result", [cookie(`session=${QUIZ_ALL}`)])],
    ["result-anonymous", "쿠키 없이 결과: 0점.", get("/result")],
    ["question-out", "없는 문제 번호: 결과로 redirect.", get("/q/9")],
    ["reset", "POST /reset: 답을 지우고 redirect.", request("POST", "/reset", [cookie(`session=${QUIZ_ALL}`)])],
  ],
  app_counter: [
    ["first", "쿠키 없이 /: 첫 방문, 영구 session 쿠키.", get("/")],
    ["tenth", "visits=9인 쿠키와 theme=dark: 10번째 방문 축하, 클래스 dark.", get("/", [cookie(`session=${COUNTER_9}`, "theme=dark")])],
    ["whoami", "GET /whoami: 딕셔너리를 돌려주면 JSON, 쿠키 이름 목록.", get("/whoami", [cookie("theme=light", `session=${COUNTER_9}`)])],
    ["theme", "GET /theme/dark: make_response와 set_cookie(max_age, samesite).", get("/theme/dark")],
    ["theme-bad", "없는 테마: 튜플로 400.", get("/theme/blue")],
    ["reset", "GET /reset: session에서 visits를 지우고 redirect.", get("/reset", [cookie(`session=${COUNTER_9}`)])],
    ["tampered", "서명이 틀린 쿠키: 처음 방문처럼.", get("/", [cookie(`session=${tampered(COUNTER_9)}`)])],
  ],
  app_notes: [
    ["index", "모든 메모: from … import로 가져온 매크로 note_card.", get("/")],
    ["note", "메모 1: re로 바꾼 마크다운(Markup), import … as ui.", get("/notes/1")],
    ["note-escaped", "메모 2: 본문의 <함수>는 escape, **굵게**는 <strong>.", get("/notes/2")],
    ["note-empty", "빈 메모: `html or …|safe`와 매크로의 for-else.", get("/notes/3")],
    ["raw", "GET /notes/1.txt: Response(mimetype=\"text/plain\")로 원문을.", get("/notes/1.txt")],
    ["tag", "GET /tags/nginx: 같은 index.html에 tag를 넘겨서.", get("/tags/nginx")],
    ["tag-empty", "메모가 없는 태그: for-else.", get("/tags/python")],
    ["missing", "없는 메모: abort(404).", get("/notes/7")],
  ],
  app_config: [
    ["index", "GET /: ProductionConfig의 ITEMS_PER_PAGE로 나눈 첫 쪽.", get("/")],
    ["page-2", "GET /?page=2: request.args.get(type=int)로 읽은 둘째 쪽.", get("/?page=2")],
    ["page-out", "없는 쪽: abort(404).", get("/?page=5")],
    ["page-bad", "숫자가 아닌 page는 기본값 1.", get("/?page=two")],
    ["settings", "GET /settings: from_mapping, from_object, 환경 변수와 Flask의 기본 설정값.", get("/settings")],
    ["setting", "GET /settings/app_name: 값을 !r(repr)로 보여 줍니다.", get("/settings/app_name")],
    ["setting-secret", "SECRET_KEY는 보여 주지 않습니다: abort(403).", get("/settings/secret_key")],
    ["setting-missing", "없는 설정: abort(404).", get("/settings/nope")],
  ],
  app_upload: [
    ["form", "GET /: 업로드 양식.", get("/")],
    ["upload", "multipart로 txt 파일과 메모: request.files와 request.form.", multipart("/upload", [
      { name: "note", value: "과제 1" },
      { name: "file", filename: "../../보고서 final.txt", type: "text/plain", content: "배포 보고서\nNginx → Gunicorn → Flask\n" },
    ])],
    ["upload-csv", "csv 파일: secure_filename이 다듬은 이름.", multipart("/upload", [
      { name: "file", filename: "My Scores (1).csv", type: "text/csv", content: "name,score\nkim,90\nlee,85\n" },
    ])],
    ["upload-exe", "허용하지 않는 확장자: 400.", multipart("/upload", [{ name: "file", filename: "setup.exe", type: "application/octet-stream", content: "MZ" }])],
    ["upload-empty-name", "파일을 고르지 않은 양식: 빈 filename, flash와 redirect.", multipart("/upload", [{ name: "file", filename: "", type: "application/octet-stream", content: "" }])],
    ["upload-no-file", "file 필드가 없는 multipart: flash와 redirect.", multipart("/upload", [{ name: "note", value: "파일 없음" }])],
    ["upload-urlencoded", "enctype 없이 보낸 양식: request.files가 비어 flash와 redirect.", form("/upload", { file: "report.txt" })],
  ],
  app_blueprints: [
    ["index", "GET /: url_for('blog.index')와 url_for('auth.logout', next=…)로 만든 주소들.", get("/")],
    ["blog", "GET /blog/: register_blueprint(url_prefix=\"/blog\")로 붙은 주소.", get("/blog/")],
    ["blog-no-slash", "GET /blog: 끝의 /가 없으면 308 redirect.", get("/blog")],
    ["post", "GET /blog/2: url_for('.index')와 url_for('index').", get("/blog/2")],
    ["post-missing", "없는 글: abort(404).", get("/blog/9")],
    ["login-form", "GET /auth/login: Blueprint(url_prefix=\"/auth\")의 로그인 양식.", get("/auth/login")],
    ["login", "POST /auth/login: 다른 Blueprint의 주소로 redirect.", request("POST", "/auth/login")],
    ["logout", "GET /auth/logout: 앱의 index로, 쿼리 문자열과 함께 redirect.", get("/auth/logout")],
    ["routes", "GET /routes: app.url_map의 규칙과 endpoint 이름.", get("/routes")],
  ],
  app_converters: [
    ["books", "GET /books/: defaults={\"page\": 1}인 규칙.", get("/books/")],
    ["books-page-1", "GET /books/page/1: defaults와 같은 값이면 짧은 주소로 308 redirect.", get("/books/page/1")],
    ["books-page-3", "GET /books/page/3: 마지막 쪽, next는 null.", get("/books/page/3")],
    ["user", "GET /users/5: int(min=1) 변환기.", get("/users/5")],
    ["user-zero", "GET /users/0: min에 못 미치면 규칙이 맞지 않아 404.", get("/users/0")],
    ["price", "GET /price/1200.5: float 변환기와 형식 지정.", get("/price/1200.5")],
    ["price-int", "GET /price/1200: float 변환기는 점 없는 수를 받지 않아 404.", get("/price/1200")],
    ["files", "GET /files/docs/2026/report.pdf: path 변환기는 /도 받습니다.", get("/files/docs/2026/report.pdf")],
    ["compare", "GET /compare/nginx+gunicorn+flask: BaseConverter를 물려받은 list 변환기, url_for도.", get("/compare/nginx+gunicorn+flask")],
    ["hello-default", "GET /hello/: defaults의 이름.", get("/hello/")],
    ["hello", "GET /hello/%ED%95%98%EB%8A%98: 퍼센트 인코딩된 한글.", get("/hello/%ED%95%98%EB%8A%98")],
  ],
  app_members: [
    ["home-anonymous", "쿠키 없이 /: before_request가 g.user를 None으로.", get("/")],
    ["mypage-anonymous", "로그인 없이 /mypage: login_required가 next를 붙여 redirect.", get("/mypage")],
    ["login", "POST /login?next=/mypage: session에 아이디, next로 302.", form("/login?next=/mypage", { username: "kim", password: "pw1234" })],
    ["login-wrong", "틀린 비밀번호: 401.", form("/login", { username: "kim", password: "nope" })],
    ["home", "kim의 쿠키로 /: g.user의 이름.", get("/", [cookie(`session=${MEMBERS_KIM}`)])],
    ["mypage", "kim의 쿠키로 /mypage: functools.wraps가 지킨 view 이름.", get("/mypage", [cookie(`session=${MEMBERS_KIM}`)])],
    ["admin-forbidden", "관리자가 아닌 kim의 /admin: abort(403)과 앱의 처리기.", get("/admin", [cookie(`session=${MEMBERS_KIM}`)])],
    ["admin", "관리자 lee의 /admin.", get("/admin", [cookie(`session=${MEMBERS_LEE}`)])],
    ["logout", "GET /logout: session.clear()로 쿠키를 지웁니다(만료된 Set-Cookie).", get("/logout", [cookie(`session=${MEMBERS_LEE}`)])],
  ],
};

const only = process.argv.slice(2);
for (const [scenario, entries] of Object.entries(CORPORA)) {
  if (only.length > 0 && !only.includes(scenario)) continue;
  const dir = path.join(here, scenario);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith(".http")) rmSync(path.join(dir, name));
  const index = entries.map(([name, description, raw], i) => {
    const id = `${String(i + 1).padStart(3, "0")}-${name}`;
    writeFileSync(path.join(dir, `${id}.http`), raw);
    return { id, file: `${id}.http`, description, gateways: BOTH };
  });
  writeFileSync(path.join(dir, "index.json"), JSON.stringify(index, null, 2) + "\n");
}
