// Writes this folder's corpus (NNN-name.http + index.json) for the lesson_deploy scenario:
//   node conformance/corpus/lesson_deploy/make.mjs
// Each request is something the deployment lesson shows (its presets) or states; the conformance suite checks it
// against the real nginx + Gunicorn with the scenario's own files (Gunicorn's socket in /run/hello_cju/).
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const request = (method, target, headers = [], body = "") =>
  Buffer.from(
    [`${method} ${target} HTTP/1.1`, "Host: localhost", ...headers, "Connection: close", ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), "", body].join("\r\n"),
    "utf8",
  );
const get = (target, headers) => request("GET", target, headers);
const entries = [
  ["health", "= /health는 Nginx가 return으로 직접 답합니다(앱까지 가지 않음).", get("/health")],
  ["static", "/static/style.css는 alias로 디스크에서 바로, expires 1h가 붙습니다.", get("/static/style.css")],
  ["static-index", "/static/은 alias 디렉터리의 index.html입니다.", get("/static/")],
  ["static-dir-redirect", "슬래시 없는 /static/docs는 Nginx가 301로 /static/docs/로 보냅니다.", get("/static/docs")],
  ["static-miss", "없는 정적 파일은 Flask가 아니라 Nginx의 404입니다.", get("/static/nope.css")],
  ["app-hello", "/hello/cju는 /run/hello_cju/gunicorn.sock의 Gunicorn을 거쳐 Flask가 답합니다(HELLO_GREETING).", get("/hello/cju")],
  ["app-index", "/는 Flask의 index()입니다.", get("/")],
  ["app-404", "Flask에 없는 경로는 Flask의 404 NOT FOUND입니다.", get("/nope")],
  ["app-environ", "proxy_params가 보낸 X-Real-IP·X-Forwarded-For를 Flask가 environ에서 봅니다.", get("/environ")],
  ["app-head", "HEAD도 Gunicorn까지 가고 본문 없이 돌아옵니다.", request("HEAD", "/hello/cju")],
  ["body-limit", "client_max_body_size 1m을 넘는 본문은 Nginx가 413으로 막습니다.", request("POST", "/echo", ["Content-Type: text/plain"], "x".repeat(1024 * 1024 + 1))],
];
const down = [["down-502", "Gunicorn이 꺼져 있으면(소켓 없음) Nginx의 502 Bad Gateway입니다.", get("/hello/cju")]];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = [...entries.map((e) => [...e, undefined]), ...down.map((e) => [...e, "gateway-down"])].map(([name, description, raw, fault], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn"], ...(fault ? { fault } : {}) };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
