// Writes this folder's corpus (NNN-name.http + index.json) for the lesson_static scenario:
//   node conformance/corpus/lesson_static/make.mjs
// Each request is a fact a lesson states; the conformance suite checks it against the real nginx + Gunicorn.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const get = (target) => Buffer.from(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, "utf8");
const getGzip = (target) => Buffer.from(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n`, "utf8");
const entries = [
  ["index", "/는 index 지시어가 고른 site/index.html입니다.", get("/")],
  ["root-file", "location /의 파일은 server의 root 아래에서 찾습니다.", get("/notes.txt")],
  ["exact", "= /ping은 Nginx가 return으로 직접 답합니다.", get("/ping")],
  ["exact-slash", "/ping/은 = /ping과 맞지 않아 try_files를 거쳐 Flask의 404입니다.", get("/ping/")],
  ["root-docs", "root는 URI 전체를 붙입니다: /docs/guide.html → site/docs/guide.html.", get("/docs/guide.html")],
  ["root-docs-miss", "location /docs/에는 try_files가 없어 Nginx의 404입니다(Flask의 /docs/api도 가려짐).", get("/docs/api")],
  ["alias", "alias는 /files/를 shared/로 바꿉니다.", get("/files/notice.txt")],
  ["alias-dir", "index.html이 없는 alias 디렉터리는 403입니다.", get("/files/")],
  ["prefix-stop", "^~ /images/가 가장 긴 접두사라 정규식을 보지 않습니다(expires 1d).", get("/images/logo.svg")],
  ["regex", "/logo.svg는 정규식 location이 고릅니다(expires 7d).", get("/logo.svg")],
  ["regex-beats-prefix", "/docs/logo.svg는 접두사 /docs/보다 정규식이 이깁니다: 파일이 없어 404.", get("/docs/logo.svg")],
  ["try-files-app", "파일이 없는 /hello는 try_files가 @app으로 넘겨 Flask가 답합니다.", get("/hello")],
  ["try-files-404", "Flask에도 없는 /nope은 Flask의 404 NOT FOUND입니다.", get("/nope")],
  ["dir-no-index", "try_files의 $uri/가 index.html 없는 디렉터리를 고르면 403입니다.", get("/empty/")],
  ["gzip-html", "Accept-Encoding: gzip이면 text/html은 gzip으로 압축되어 chunked로 옵니다(ETag는 W/).", getGzip("/")],
  ["gzip-css", "기본 gzip_types에는 text/html만 있어서 style.css는 압축되지 않습니다.", getGzip("/style.css")],
  ["gzip-app", "Flask가 만든 HTML도 Nginx가 압축합니다.", getGzip("/hello")],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn"] };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
