// Writes this folder's corpus (NNN-name.http + index.json) for the lesson_timeouts scenario:
//   node conformance/corpus/lesson_timeouts/make.mjs
// Each request is a fact a lesson states; the conformance suite checks it against the real programs.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const get = (target) => Buffer.from(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, "utf8");
const entries = [
  ["quick", "1초 걸리는 뷰는 200입니다.", get("/work?s=1")],
  ["killed", "8초 걸리는 뷰는 게이트웨이가 5초 제한으로 워커를 끝내 Nginx가 502를 답합니다.", get("/work?s=8"), { settleMs: 1500 }],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw, extra], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn", "uwsgi"], ...extra };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
