// Writes this folder's corpus (NNN-name.http + index.json) for the lesson_templates scenario:
//   node conformance/corpus/lesson_templates/make.mjs
// Each request renders (or fails to render) one of the scenario's Jinja2 templates on the real nginx + Gunicorn +
// Flask 2.2.2, so the template engine of the embedded chain is compared byte for byte, tracebacks included.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const request = (method, target, headers = []) =>
  Buffer.from([`${method} ${target} HTTP/1.1`, "Host: localhost", ...headers, "Connection: close", "", ""].join("\r\n"), "utf8");
const get = (target, headers) => request("GET", target, headers);
const entries = [
  ["index", "/는 index.html이 base.html을 물려받아 그린 글 목록입니다(for, loop.index, url_for).", get("/")],
  ["post", "/posts/1은 post.html: 본문의 <b>는 자동 이스케이프로 &lt;b&gt;가 됩니다.", get("/posts/1")],
  ["post-empty-body", "/posts/3은 본문이 비어 default(…, true)가 대신 씁니다.", get("/posts/3")],
  ["post-missing", "/posts/9는 abort(404): Flask의 404 페이지입니다.", get("/posts/9")],
  ["about", "/about은 request.path를 템플릿에서 씁니다.", get("/about?from=menu")],
  ["undefined-error", "/profile/kim: 템플릿이 없는 user.name을 읽어 UndefinedError, 500과 오류 로그의 traceback.", get("/profile/kim")],
  ["static", "/static/style.css는 Nginx가 디스크에서 바로 보냅니다.", get("/static/style.css")],
  ["head", "HEAD /는 템플릿을 그리지만 본문 없이 돌아옵니다.", request("HEAD", "/")],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn"] };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
