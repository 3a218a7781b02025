// Writes this folder's corpus (NNN-name.http + index.json) for the board_session scenario:
//   node conformance/corpus/board_session/make.mjs
// The signed cookies below were made by the real Flask 2.2.2 + itsdangerous 2.1.2 with the scenario's secret key
// at 2025-11-25 13:31:06 UTC (time.time() fixed); the scenario's PERMANENT_SESSION_LIFETIME (3650 days) keeps
// them valid when the corpus is recorded again later.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const request = (method, target, headers = [], body = "") =>
  Buffer.from(
    [`${method} ${target} HTTP/1.1`, "Host: localhost", ...headers, "Connection: close", ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), "", body].join("\r\n"),
    "utf8",
  );
const form = (target, body, headers = []) => request("POST", target, ["Content-Type: application/x-www-form-urlencoded", ...headers], body);
// {"_permanent": true, "user": "김철수", "_flashes": [("message", "김철수님, 환영합니다.")]}: compressed (leading ".")
const WELCOME =
  "session=.eJxtjEsKg0AQRK8itR6Cig7Gq2REOmOZLKKEaXsl3j1j1m7qw4O3Y5w_om8q-seOYsuFharyIhyCCZsyWIxyZl11wZ711Lki2OTb_KIvq7xbfz9J_HM2NwzH4DB-mRZZuWbtlowOpkzoL7w4fkdELOg.aSWvmg.pWkAMRGIlQfp3gyPvDiZx8bXNF8";
// {"_permanent": true, "user": "김철수", "notes": ["<b>첫 메모</b>"]}
const WITH_NOTE =
  "session=eyJfcGVybWFuZW50Ijp0cnVlLCJub3RlcyI6WyI8Yj5cdWNjYWIgXHViYTU0XHViYWE4PC9iPiJdLCJ1c2VyIjoiXHVhZTQwXHVjY2EwXHVjMjE4In0.aSWvmg.WH7PEpqM1Loz6K78VOiX81HdNZc";
const TAMPERED = WITH_NOTE.replace("eyJfcGVy", "eyJfcGVz");
const entries = [
  ["home-anonymous", "쿠키 없이 /: 로그인 양식, session을 읽었으니 Vary: Cookie.", request("GET", "/")],
  ["login", "POST /login: session에 이름을 담고 flash, 302와 서명된 Set-Cookie(영구 세션이라 Expires).", form("/login", "name=%EA%B9%80%EC%B2%A0%EC%88%98")],
  ["login-empty", "빈 이름: flash 오류 메시지만 쿠키에 담겨 302.", form("/login", "name=+")],
  ["home-welcome", "로그인 직후의 쿠키로 /: flash 메시지를 한 번 보여 주고 쿠키에서 지웁니다.", request("GET", "/", [`Cookie: ${WELCOME}`])],
  ["home-notes", "메모가 든 쿠키로 /: 메모를 escape해서 보여 주고, 영구 세션이라 쿠키를 새로 줍니다.", request("GET", "/", [`Cookie: ${WITH_NOTE}`])],
  ["notes-add", "POST /notes: 메모를 session에 더하고 flash, 302.", form("/notes", "note=%EB%91%90+%EB%B2%88%EC%A7%B8", [`Cookie: ${WITH_NOTE}`])],
  ["notes-anonymous", "로그인 없이 POST /notes: abort(401)을 앱의 오류 처리기가 답합니다.", form("/notes", "note=x")],
  ["tampered", "서명이 맞지 않는 쿠키는 빈 session으로 읽힙니다(로그인 양식).", request("GET", "/", [`Cookie: ${TAMPERED}`])],
  ["logout", "GET /logout: session.clear() 뒤 flash, 쿠키에는 flash만 남습니다.", request("GET", "/logout", [`Cookie: ${WITH_NOTE}`])],
];
for (const name of readdirSync(here)) if (name.endsWith(".http")) rmSync(path.join(here, name));
const index = entries.map(([name, description, raw], i) => {
  const id = `${String(i + 1).padStart(3, "0")}-${name}`;
  writeFileSync(path.join(here, `${id}.http`), raw);
  return { id, file: `${id}.http`, description, gateways: ["gunicorn", "uwsgi"] };
});
writeFileSync(path.join(here, "index.json"), JSON.stringify(index, null, 2) + "\n");
