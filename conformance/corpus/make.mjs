// Writes the request corpus: conformance/corpus/<scenario>/NNN-name.http (exact bytes, CRLF) and index.json.
// The .http files are the fixtures the tests read; edit the definitions here and run `node conformance/corpus/make.mjs`.
// It rewrites only the scenarios defined below; a corpus folder with its own make.mjs (lesson_*) is left alone.
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const CRLF = "\r\n";
/** Same fixed mtime as lib/chain/scenario.ts SCENARIO_FILES_MTIME_MS. */
const MTIME_S = Date.UTC(2026, 2, 2, 9, 0, 0) / 1000;
const httpDate = (s) => new Date(s * 1000).toUTCString();
const etag = (file) => `"${MTIME_S.toString(16)}-${statSync(path.join(here, "../../content/scenarios", file)).size.toString(16)}"`;

/** A request from its start line, headers and body; Connection: close is added so nginx closes after answering. */
function req(start, headers = [], body = "") {
  const bytes = Buffer.from(body, "utf8");
  const all = [...headers];
  if (!all.some(([n]) => /^connection$/i.test(n)) && !/HTTP\/1\.0$/.test(start)) all.push(["Connection", "close"]);
  return Buffer.concat([Buffer.from([start, ...all.map(([n, v]) => `${n}: ${v}`), "", ""].join(CRLF), "utf8"), bytes]);
}
const get = (target, extra = [], host = "localhost") => req(`GET ${target} HTTP/1.1`, [["Host", host], ...extra]);
const json = (target, body, method = "POST") =>
  req(`${method} ${target} HTTP/1.1`, [["Host", "localhost"], ["Content-Type", "application/json"], ["Content-Length", String(Buffer.byteLength(body))]], body);

const BOTH = ["gunicorn", "uwsgi"];
const e = (name, description, raw, options = {}) => ({ name, description, raw, gateways: BOTH, ...options });

const corpora = {
  hello_cju: [
    e("static-index", "정적 파일: /static/index.html은 Nginx가 디스크에서 바로 읽어 줍니다.", get("/static/index.html")),
    e("static-css", "정적 파일: CSS의 Content-Type은 mime.types에서 옵니다.", get("/static/style.css")),
    e("static-miss", "정적 파일이 없으면 Nginx가 404를 답하고 error.log에 open() 실패를 남깁니다.", get("/static/nope.css")),
    e("static-dir-redirect", "디렉터리를 슬래시 없이 요청하면 Nginx가 301로 슬래시를 붙입니다.", get("/static/docs")),
    e("static-dir-forbidden", "index.html이 없는 디렉터리는 autoindex가 꺼져 있어 403입니다.", get("/static/docs/")),
    e("static-nested", "하위 디렉터리의 파일도 alias로 찾아갑니다.", get("/static/docs/readme.txt")),
    e("static-head", "HEAD 요청에는 본문 없이 헤더만 옵니다.", req("HEAD /static/style.css HTTP/1.1", [["Host", "localhost"]])),
    e("static-if-modified-since", "If-Modified-Since가 파일의 Last-Modified와 같으면 304 Not Modified입니다.",
      get("/static/style.css", [["If-Modified-Since", httpDate(MTIME_S)]])),
    e("static-if-modified-since-old", "더 오래된 날짜의 If-Modified-Since에는 파일 전체를 다시 보냅니다.",
      get("/static/style.css", [["If-Modified-Since", httpDate(MTIME_S - 86400)]])),
    e("static-if-none-match", "If-None-Match가 ETag와 같으면 304입니다.", get("/static/style.css", [["If-None-Match", etag("hello_cju/static/style.css")]])),
    e("static-if-none-match-other", "다른 ETag를 보내면 200과 전체 본문입니다.", get("/static/style.css", [["If-None-Match", '"deadbeef-1"']])),
    e("static-gzip", "Accept-Encoding: gzip이면 text/html은 gzip으로 압축되어 chunked로 옵니다.",
      get("/static/index.html", [["Accept-Encoding", "gzip"]])),
    e("static-range", "Range 요청에는 206 Partial Content로 일부만 보냅니다.", get("/static/style.css", [["Range", "bytes=0-9"]])),
    e("svg-regex", "^~ /static/ 밖의 .svg는 정규식 location이 static/img에서 찾습니다(expires 7d).", get("/logo.svg")),
    e("svg-under-static", "/static/ 아래의 .svg는 ^~ 덕분에 정규식을 보지 않습니다(expires 1h).", get("/static/img/logo.svg")),
    e("svg-regex-case", "~*는 대소문자를 가리지 않지만 파일 이름은 가립니다: /LOGO.SVG는 404.", get("/LOGO.SVG")),
    e("health", "= /health는 Nginx가 return으로 직접 답합니다.", get("/health")),
    e("health-slash", "= 는 정확히 같을 때만: /health/는 Flask로 가서 404입니다.", get("/health/")),
    e("health-post", "return은 메서드를 가리지 않습니다: POST /health도 200입니다.",
      req("POST /health HTTP/1.1", [["Host", "localhost"], ["Content-Length", "0"]])),
    e("traversal-dotdot", "/static/../app.py는 Nginx가 /app.py로 정규화해서 Flask로 보냅니다(404).", get("/static/../app.py")),
    e("traversal-encoded-root", "/%2e%2e/app.py는 루트 위로 올라가려 하므로 Nginx가 400으로 막습니다.", get("/%2e%2e/app.py")),
    e("traversal-encoded-slash", "/static/..%2fapp.py: 인코딩된 슬래시도 디코딩한 뒤 정규화합니다.", get("/static/..%2fapp.py")),
    e("traversal-encoded-dots", "/static/%2e%2e/app.py도 /app.py로 정규화되어 Flask로 갑니다.", get("/static/%2e%2e/app.py")),
    e("traversal-alias-sibling", "/static../app.py는 ^~ /static/과 맞지 않아 Flask로 갑니다(alias 취약점 없음).", get("/static../app.py")),
    e("flask-index", "/는 Gunicorn/uWSGI를 거쳐 Flask가 답합니다.", get("/")),
    e("flask-hello", "경로 변수 name에 cju가 들어갑니다.", get("/hello/cju")),
    e("flask-hello-korean", "퍼센트 인코딩된 한글 경로는 Flask가 UTF-8로 디코딩합니다.", get("/hello/%ED%95%9C%EA%B8%80")),
    e("flask-hello-escape", "escape() 덕분에 <b>가 HTML로 해석되지 않습니다.", get("/hello/%3Cb%3E")),
    e("flask-users-7", "int 변환기가 7을 정수로 바꿉니다.", get("/users/7")),
    e("flask-users-abc", "int 변환기가 abc를 거절하므로 Flask가 404를 답합니다.", get("/users/abc")),
    e("flask-users-404-json", "뷰가 직접 (jsonify(...), 404)를 돌려줍니다.", get("/users/101")),
    e("flask-about-redirect", "/about/ 규칙에 슬래시 없이 오면 Werkzeug가 308로 보냅니다.", get("/about")),
    e("flask-about", "/about/은 한글 본문을 돌려줍니다.", get("/about/")),
    e("flask-echo-post", "POST /echo에 JSON을 보내면 그대로 되돌려 줍니다.", json("/echo", '{"name":"한글","n":1}')),
    e("flask-echo-bad-json", "깨진 JSON은 get_json(silent=True)가 None으로 바꿉니다.", json("/echo", '{"name":')),
    e("flask-echo-get", "GET /echo는 허용되지 않은 메서드라 Flask가 405를 답합니다.", get("/echo")),
    e("flask-echo-chunked", "chunked 본문은 Nginx가 모아서 Content-Length로 바꿔 보냅니다.",
      req("POST /echo HTTP/1.1", [["Host", "localhost"], ["Content-Type", "application/json"], ["Transfer-Encoding", "chunked"]], "9\r\n{\"a\":[1,2\r\n2\r\n]}\r\n0\r\n\r\n")),
    e("flask-head", "프록시된 HEAD 요청: Flask가 본문을 만들어도 본문은 오지 않습니다.", req("HEAD / HTTP/1.1", [["Host", "localhost"]])),
    e("environ", "게이트웨이가 만든 environ의 주요 키입니다.", get("/environ")),
    e("environ-query-korean", "한글 쿼리 문자열은 인코딩된 그대로 QUERY_STRING에 들어갑니다.", get("/environ?q=%ED%95%9C%EA%B8%80&page=2")),
    e("environ-xff", "이미 있는 X-Forwarded-For 뒤에 Nginx가 클라이언트 주소를 덧붙입니다.", get("/environ", [["X-Forwarded-For", "203.0.113.9"]])),
    e("environ-host-port", "Host에 포트가 있어도 $host는 포트를 뺍니다.", get("/environ", [], "LocalHost:8080")),
    e("environ-http10", "Host 없는 HTTP/1.0 요청: $host는 server_name의 첫 이름입니다.", req("GET /environ HTTP/1.0")),
    e("environ-post-body", "POST /environ: GET 전용 규칙이라 Flask가 405와 Allow 헤더로 답합니다.",
      req("POST /environ HTTP/1.1", [["Host", "localhost"], ["Content-Type", "text/plain"], ["Content-Length", "5"]], "hello")),
    e("slow-short", "0.2초 걸리는 뷰는 proxy_read_timeout(10초) 안에 끝납니다.", get("/slow?s=0.2")),
    e("bad-request-line", "요청 줄이 깨지면 Nginx가 400을 답합니다.", Buffer.from("GARBAGE\r\n\r\n")),
    e("missing-host", "HTTP/1.1인데 Host가 없으면 400입니다.", req("GET / HTTP/1.1")),
    e("bad-version", "HTTP/2.0 요청 줄은 505 HTTP Version Not Supported입니다.", req("GET / HTTP/2.0", [["Host", "localhost"]])),
    e("uri-too-long", "8KB보다 긴 요청 줄은 414입니다.", get(`/hello/${"a".repeat(9000)}`)),
    e("body-too-large", "Content-Length가 client_max_body_size(1m)를 넘으면 본문을 읽기 전에 413입니다.",
      req("POST /echo HTTP/1.1", [["Host", "localhost"], ["Content-Type", "application/json"], ["Content-Length", "2000000"]], "{}")),
    e("gateway-down", "게이트웨이가 꺼져 있으면 소켓이 없어 Nginx가 502를 답합니다.", get("/"), { fault: "gateway-down" }),
    e("gateway-down-static", "게이트웨이가 꺼져 있어도 정적 파일은 Nginx가 답합니다.", get("/static/style.css"), { fault: "gateway-down" }),
    e("gateway-down-health", "게이트웨이가 꺼져 있어도 /health는 200입니다.", get("/health"), { fault: "gateway-down" }),
    e("favicon-miss", "/favicon.ico는 정규식 location이 static/img에서 찾다가 404가 됩니다(브라우저가 늘 요청하는 파일).", get("/favicon.ico")),
    e("static-no-slash", "/static(슬래시 없음)은 ^~ /static/과 맞지 않아 Flask로 가서 404입니다.", get("/static")),
    e("static-query", "쿼리 문자열은 정적 파일을 찾을 때 무시됩니다.", get("/static/style.css?v=2")),
    e("absolute-uri", "절대 URI로 요청하면 $host는 Host 헤더가 아니라 요청 줄의 호스트입니다(Debian의 보안 조치).",
      req("GET http://hello-cju.example.com/environ HTTP/1.1", [["Host", "evil.example"]])),
    e("double-slash", "//hello//cju: Nginx는 슬래시를 합쳐 location을 고르지만 원래 URI를 넘기고, Werkzeug가 308로 보냅니다.", get("//hello//cju")),
    e("flask-gzip", "프록시된 text/html 응답도 Accept-Encoding: gzip이면 Nginx가 압축합니다(gzip_proxied는 Via 헤더가 있을 때만 따짐).",
      get("/", [["Accept-Encoding", "gzip, deflate"]])),
    e("flask-gzip-json", "application/json은 gzip_types(기본 text/html)에 없어서 압축하지 않습니다.", get("/users/7", [["Accept-Encoding", "gzip"]])),
    e("user-agent-referer", "User-Agent와 Referer는 access.log의 combined 형식 마지막 두 칸에 남습니다.",
      get("/hello/cju", [["User-Agent", "Mozilla/5.0 (한글)"], ["Referer", "http://localhost/"]])),
    e("flask-echo-chunked-capital", "Transfer-Encoding: Chunked(대문자 C)도 Nginx에는 chunked입니다. uWSGI 뒤의 Werkzeug는 값이 정확히 \"chunked\"일 때만 본문을 버리므로 이번에는 본문을 읽습니다.",
      req("POST /echo HTTP/1.1", [["Host", "localhost"], ["Content-Type", "application/json"], ["Transfer-Encoding", "Chunked"]], "9\r\n{\"a\":[1,2\r\n2\r\n]}\r\n0\r\n\r\n")),
    e("flask-echo-bad-chunk", "청크 크기 줄이 공백으로 시작하면 Nginx가 본문을 읽다가 400으로 끊고 error.log에 남깁니다. 앱까지 가지 않습니다.",
      req("POST /echo HTTP/1.1", [["Host", "localhost"], ["Content-Type", "application/json"], ["Transfer-Encoding", "chunked"]], " 9\r\n{\"a\":[1,2\r\n0\r\n\r\n")),
    e("host-trailing-dot", "Host: LOCALHOST. 은 Nginx가 소문자로 바꾸고 끝의 점을 떼어 $host = localhost로 넘깁니다.", get("/environ", [], "LOCALHOST.")),
    e("trace-405", "TRACE는 location을 고르기 전에 Nginx가 405로 거절하고 연결을 닫습니다.", req("TRACE /hello/cju HTTP/1.1", [["Host", "localhost"]])),
    e("duplicate-if-none-match", "If-None-Match가 두 번 오면 Nginx가 정적 파일이어도 400으로 거절합니다.",
      get("/static/style.css", [["If-None-Match", "\"a\""], ["If-None-Match", "\"b\""]])),
    e("version-505", "HTTP/11처럼 주 버전이 1보다 크면 Nginx가 505로 답합니다.", req("GET /hello/cju HTTP/11", [["Host", "localhost"]])),
  ],
  flask_shapes: [
    e("int", "int 변환기", get("/int/42")),
    e("int-negative", "int 변환기는 음수를 받지 않습니다(404).", get("/int/-1")),
    e("float", "float 변환기", get("/float/2.5")),
    e("float-int", "float 변환기는 점 없는 수를 받지 않습니다(404).", get("/float/2")),
    e("path", "path 변환기는 슬래시도 받습니다.", get("/path/a/b/c.txt")),
    e("uuid", "uuid 변환기는 UUID 객체를 넘깁니다.", get("/uuid/12345678-1234-5678-1234-567812345678")),
    e("uuid-bad", "UUID 모양이 아니면 404입니다.", get("/uuid/not-a-uuid")),
    e("str", "기본 변환기(string)", get("/str/hello")),
    e("str-slash", "string 변환기는 슬래시를 받지 않습니다(404).", get("/str/a/b")),
    e("shape-text", "문자열 반환", get("/shape/text")),
    e("shape-tuple", "(본문, 상태) 튜플", get("/shape/tuple")),
    e("shape-tuple-headers", "(본문, 상태, 헤더) 튜플", get("/shape/tuple-headers")),
    e("shape-tuple-list-headers", "(본문, 헤더 목록) 튜플", get("/shape/tuple-list-headers")),
    e("shape-dict", "dict는 JSON이 됩니다.", get("/shape/dict")),
    e("shape-list", "list도 JSON이 됩니다(Flask 2.2).", get("/shape/list")),
    e("shape-bytes", "bytes 반환", get("/shape/bytes")),
    e("shape-response", "make_response로 418과 쿠키", get("/shape/response")),
    e("shape-redirect", "redirect(url_for(...))는 302입니다.", get("/shape/redirect")),
    e("shape-none", "None을 돌려주면 TypeError: 500과 로그의 traceback", get("/shape/none")),
    e("shape-jsonify", "jsonify로 만든 JSON 응답", get("/shape/jsonify")),
    e("abort-403", "abort(403)은 Werkzeug의 403 Forbidden 페이지입니다.", get("/forbidden")),
    e("abort-410-handler", "errorhandler(410)이 만든 응답", get("/gone")),
    e("exception-500", "ZeroDivisionError는 500이고 traceback은 로그에 남습니다.", get("/boom")),
    e("exception-handler", "뷰의 KeyError를 errorhandler(KeyError)가 409 JSON으로 바꿉니다.", get("/stock")),
    e("not-found", "규칙이 없으면 404", get("/nothing/here")),
    e("json-ok", "get_json()이 dict를 돌려줍니다.", json("/json", '{"a":[1,2],"k":"한"}')),
    e("json-bad", "깨진 JSON에는 get_json()이 400 Bad Request를 일으킵니다.", json("/json", "{bad")),
    e("json-wrong-type", "Content-Type이 JSON이 아니면 415입니다(Flask 2.2).",
      req("POST /json HTTP/1.1", [["Host", "localhost"], ["Content-Type", "text/plain"], ["Content-Length", "2"]], "{}")),
    e("form", "폼 본문과 쿼리 문자열", req("POST /form?x=%ED%95%9C HTTP/1.1",
      [["Host", "localhost"], ["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "23"]], "name=cju&city=%EC%B2%AD")),
    e("method-put", "PUT도 허용된 메서드입니다.", req("PUT /method HTTP/1.1", [["Host", "localhost"], ["Content-Length", "0"]])),
    e("method-post-405", "POST는 허용되지 않아 405이고 Allow 헤더가 붙습니다.", req("POST /method HTTP/1.1", [["Host", "localhost"], ["Content-Length", "0"]])),
    e("options", "OPTIONS는 Flask가 자동으로 답합니다.", req("OPTIONS /method HTTP/1.1", [["Host", "localhost"]])),
    e("print", "뷰의 print()는 게이트웨이의 출력(로그)으로 갑니다.", get("/print")),
    e("environ-full", "게이트웨이가 만든 environ 전체(순서와 값의 repr)", get("/environ/full?q=%ED%95%9C&x=1",
      [["User-Agent", "conformance/1"], ["Accept", "*/*"], ["X-Custom-Header", "a"], ["X-Custom-Header", "b"], ["Cookie", "k=v"]])),
    e("environ-full-post", "본문이 있는 요청의 environ 전체", req("POST /environ/full HTTP/1.1",
      [["Host", "localhost"], ["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "7"]], "a=1&b=2")),
    e("environ-full-http10", "HTTP/1.0 요청의 environ 전체", req("GET /environ/full HTTP/1.0")),
  ],
  timeout_demo: [
    e("fast", "빠른 뷰는 바로 200입니다.", get("/")),
    e("slow-ok", "0.2초 뷰는 1초 제한 안에 끝납니다.", get("/slow?s=0.2")),
    e("slow-504", "5초 뷰: Nginx의 proxy_read_timeout(1초)이 먼저 끝나 504입니다. 게이트웨이는 2초쯤 뒤 작업자를 죽입니다.",
      // uWSGI's master notices the harakiri'd worker's death and respawns it up to a second or two after the kill,
      // later still on a busy machine: these waits keep those lines with the request that caused them.
      get("/slow?s=5"), { settleMs: 5000 }),
    e("work-502", "4초 작업: 게이트웨이의 timeout/harakiri(2초)가 작업자를 죽여 Nginx는 502를 답합니다.", get("/work?s=4"), { settleMs: 3500 }),
  ],
  wrong_socket: [
    e("proxied-502", "Nginx가 보는 소켓이 없어 502입니다. error.log에 connect() 실패가 남습니다.", get("/")),
    e("proxied-502-hello", "모든 동적 요청이 502입니다.", get("/hello/cju")),
  ],
  body_limit: [
    e("index", "업로드 안내", get("/")),
    e("upload-small", "5KB 업로드는 Flask까지 갑니다.", req("POST /upload HTTP/1.1",
      [["Host", "localhost"], ["Content-Type", "application/octet-stream"], ["Content-Length", "5000"]], "x".repeat(5000))),
    e("upload-limit-exact", "정확히 10KB(10240바이트)는 허용됩니다.", req("POST /upload HTTP/1.1",
      [["Host", "localhost"], ["Content-Type", "application/octet-stream"], ["Content-Length", "10240"]], "y".repeat(10240))),
    e("upload-too-large", "20KB 업로드는 Nginx가 413으로 거절하고 Flask는 요청을 보지 못합니다.", req("POST /upload HTTP/1.1",
      [["Host", "localhost"], ["Content-Type", "application/octet-stream"], ["Content-Length", "20000"]], "z".repeat(20000))),
  ],
};

for (const [scenario, entries] of Object.entries(corpora)) {
  const dir = path.join(here, scenario);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const index = entries.map((entry, i) => {
    const id = `${String(i + 1).padStart(3, "0")}-${entry.name}`;
    writeFileSync(path.join(dir, `${id}.http`), entry.raw);
    return { id, file: `${id}.http`, description: entry.description, gateways: entry.gateways,
      ...(entry.fault ? { fault: entry.fault } : {}), ...(entry.settleMs ? { settleMs: entry.settleMs } : {}) };
  });
  writeFileSync(path.join(dir, "index.json"), JSON.stringify(index, null, 2) + "\n");
}
console.log(Object.entries(corpora).map(([s, e]) => `${s}: ${e.length}`).join(", "));
