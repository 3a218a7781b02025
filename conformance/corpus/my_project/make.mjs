// Writes this folder's corpus (NNN-name.http + index.json) for the my_project scenario (the bring-your-own-project
// page's defaults): node conformance/corpus/my_project/make.mjs
// The page lays the student's folder over these files; the corpus checks the defaults themselves on the real
// nginx + Gunicorn / uWSGI (sockets in /run/my_project/).
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const request = (method, target) => Buffer.from([`${method} ${target} HTTP/1.1`, "Host: localhost", "Connection: close", "", ""].join("\r\n"), "utf8");
const get = (target) => request("GET", target);
const entries = [
  ["app-index", "/는 게이트웨이의 소켓을 거쳐 기본 app.py의 index()가 답합니다.", get("/")],
  ["app-404", "앱에 없는 경로는 Flask의 404 NOT FOUND입니다.", get("/nope")],
  ["app-head", "HEAD도 게이트웨이까지 가고 본문 없이 돌아옵니다.", request("HEAD", "/")],
  ["static-miss", "/static/은 Nginx가 프로젝트의 static/에서 찾습니다. 기본 구성에는 파일이 없어 Nginx의 404입니다.", get("/static/style.css")],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn", "uwsgi"] };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
