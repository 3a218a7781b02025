// Writes this folder's corpus (NNN-name.http + index.json) for the lesson_proxy scenario:
//   node conformance/corpus/lesson_proxy/make.mjs
// Each request is a fact a lesson states; the conformance suite checks it against the real nginx + Gunicorn.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const get = (target, extra = [], host = "localhost") =>
  Buffer.from([`GET ${target} HTTP/1.1`, `Host: ${host}`, ...extra.map(([n, v]) => `${n}: ${v}`), "Connection: close", "", ""].join("\r\n"), "utf8");
const entries = [
  ["no-uri", "URI 없는 proxy_pass: Flask는 /app/hello를 그대로 받습니다.", get("/app/hello")],
  ["with-uri", "URI가 있는 proxy_pass: /api/가 /로 바뀌어 Flask는 /hello를 받습니다.", get("/api/hello")],
  ["bare", "proxy_params가 없으면 X-Forwarded-For와 X-Real-IP가 없습니다.", get("/bare/hello")],
  ["xff-append", "클라이언트가 보낸 X-Forwarded-For 뒤에 Nginx가 $remote_addr를 덧붙입니다.", get("/api/hello", [["X-Forwarded-For", "203.0.113.7"]])],
  ["bare-host", "proxy_params가 없으면 Host가 $proxy_host(localhost)로 바뀝니다.", get("/bare/hello", [], "shop.example.com")],
  ["params-host", "proxy_params는 Host를 $host로 보냅니다.", get("/app/hello", [], "shop.example.com")],
  ["slow-ok", "1초 걸리는 뷰는 proxy_read_timeout 3s 안이라 200입니다.", get("/slow/1")],
  ["slow-504", "5초 걸리는 뷰는 3초 뒤 Nginx의 504입니다.", get("/slow/5")],
  ["no-location", "어느 location에도 맞지 않으면 기본 root에서 찾다가 404입니다.", get("/nothing")],
  ["prefix-redirect", "/api는 location /api/의 자동 301로 /api/가 됩니다.", get("/api")],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return {
    id,
    file: `${id}.http`,
    description,
    gateways: ["gunicorn"],
    ...(name === "slow-504" ? { settleMs: 4000 } : {}),
  };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
