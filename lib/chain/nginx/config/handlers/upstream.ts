/** Handlers of the proxy and uwsgi modules: `proxy_pass`, `uwsgi_pass`, their params and `proxy_redirect`. */
import { parseUpstream } from "../addresses";
import type { HandlerEnv, Scope, Statement } from "../scope";
import { invalidParameter } from "./common";
import { parseTime } from "../values";
import { josa } from "../../../korean";

const URI_PART_FORBIDDEN =
  '"proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block';

export function proxyPass(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  if (scope.seen.has("proxy_pass")) {
    env.error('"proxy_pass" directive is duplicate', "proxy_pass가 같은 location에 이미 있습니다.");
    return;
  }
  scope.seen.add("proxy_pass");
  const url = stmt.args[0];
  scope.proxyPass = { variables: url.includes("$") };
  if (url.includes("$")) {
    env.useVariables(url);
    return;
  }
  const lower = url.toLowerCase();
  if (lower.startsWith("https://")) {
    env.diag.unsupported(stmt.file, stmt.line, "proxy_pass https://", "HTTPS로 백엔드에 연결하는 proxy_pass는 이 코스 모델이 지원하지 않습니다.");
    return;
  }
  if (!lower.startsWith("http://")) {
    env.error("invalid URL prefix", `proxy_pass 주소는 http://로 시작해야 합니다. 예: http://127.0.0.1:8000 또는 http://unix:/run/gunicorn.sock`);
    return;
  }
  const hostOnly = url.slice(7).split("/")[0].toLowerCase();
  if (env.upstreams.has(hostOnly)) return;
  const u = parseUpstream(url.slice(7), 80);
  if (!u.ok) {
    env.error(u.message, u.messageKo);
    return;
  }
  const kind = scope.location?.kind;
  const restricted = scope.ctx === "lif" || scope.ctx === "lmt" || kind === "regex" || kind === "regex-ci" || kind === "named";
  if (u.uri !== "" && restricted) {
    env.error(URI_PART_FORBIDDEN, "정규식 location, 이름 있는 location(@), if, limit_except 안의 proxy_pass에는 주소 뒤에 경로(URI)를 붙일 수 없습니다. 경로 부분(예: 끝의 /)을 지우세요.");
  }
}

export function uwsgiPass(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  if (scope.seen.has("uwsgi_pass")) {
    env.error('"uwsgi_pass" directive is duplicate', "uwsgi_pass가 같은 location에 이미 있습니다.");
    return;
  }
  scope.seen.add("uwsgi_pass");
  let url = stmt.args[0];
  if (url.includes("$")) {
    env.useVariables(url);
    return;
  }
  const lower = url.toLowerCase();
  if (lower.startsWith("suwsgi://")) {
    env.diag.unsupported(stmt.file, stmt.line, "uwsgi_pass suwsgi://", "SSL로 uWSGI에 연결하는 suwsgi://는 이 코스 모델이 지원하지 않습니다.");
    return;
  }
  if (lower.startsWith("uwsgi://")) url = url.slice(8);
  else if (url.includes("://")) {
    env.error(`invalid host in upstream "${url}"`, `uwsgi_pass에는 http://를 쓰지 않습니다. 예: uwsgi_pass unix:/run/uwsgi.sock; 또는 uwsgi_pass 127.0.0.1:3031;`);
    return;
  }
  if (env.upstreams.has(url.toLowerCase())) return;
  const u = parseUpstream(url, null);
  if (!u.ok) env.error(u.message, u.messageKo);
}

export function paramWithCondition(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (stmt.args[2] !== undefined && stmt.args[2] !== "if_not_empty") {
    invalidParameter(env, stmt, stmt.args[2], "if_not_empty");
    return;
  }
  env.useVariables(stmt.args[1]);
}

/** ngx_http_proxy_redirect: `off` excludes every other rule; `default` needs this block's proxy_pass first. */
export function proxyRedirect(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  const dup = () => env.error('"proxy_redirect" directive is duplicate', "proxy_redirect off와 다른 proxy_redirect를 같은 블록에 함께 쓸 수 없습니다.");
  if (scope.redirectOff) return dup();
  if (stmt.args.length === 1) {
    const v = stmt.args[0];
    if (v === "off") {
      if (scope.redirects) return dup();
      scope.redirectOff = true;
      return;
    }
    if (v !== "default") return invalidParameter(env, stmt, v, "off, default");
    if (!scope.proxyPass) {
      env.error('"proxy_redirect default" should be placed after the "proxy_pass" directive', "proxy_redirect default는 같은 블록의 proxy_pass 뒤에 써야 합니다.");
      return;
    }
    if (scope.proxyPass.variables) {
      env.error('"proxy_redirect default" cannot be used with "proxy_pass" directive with variables', "변수가 들어간 proxy_pass와는 proxy_redirect default를 함께 쓸 수 없습니다.");
      return;
    }
  } else {
    for (const v of stmt.args) env.useVariables(v);
  }
  scope.redirects = (scope.redirects ?? 0) + 1;
}

/** `upstream name { … }`: a group of peers proxy_pass/uwsgi_pass can name. A second one of that name is nginx's error. */
export function upstreamBlock(stmt: Statement, _scope: Scope, env: HandlerEnv): Scope {
  const name = stmt.args[0]!.toLowerCase();
  if (env.upstreamBlocks.has(name)) {
    env.error(`duplicate upstream "${stmt.args[0]}"`, `upstream ${stmt.args[0]}${josa(stmt.args[0], "이/가")} 이미 정의되어 있습니다. 이름을 하나로 합치거나 바꾸세요.`);
  }
  env.upstreams.add(name);
  env.upstreamBlocks.add(name);
  return { ctx: "upstream", seen: new Set() };
}

const count = (v: string | null) => v !== null && /^\d+$/.test(v);

/** The parameters of an upstream `server` and what each takes (null: a bare word, no `=`). */
const SERVER_PARAMETERS = new Map<string, (value: string | null) => boolean>([
  ["weight", (v) => count(v) && Number(v) > 0],
  ["max_fails", count],
  ["max_conns", count],
  ["fail_timeout", (v) => v !== null && parseTime(v, true) !== null],
  ["backup", (v) => v === null],
  ["down", (v) => v === null],
]);

/** `server ADDRESS [weight=N] [max_fails=N] [fail_timeout=T] [max_conns=N] [backup] [down];` inside upstream. */
export function upstreamServer(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const address = stmt.args[0]!;
  const u = parseUpstream(address, 80);
  if (!u.ok) {
    env.error(u.message, u.messageKo);
    return;
  }
  if (u.uri !== "") {
    env.error(`invalid URI in upstream "${address}"`, "upstream의 server 주소에는 경로(URI)를 붙일 수 없습니다.");
    return;
  }
  for (const p of stmt.args.slice(1)) {
    const eq = p.indexOf("=");
    const check = SERVER_PARAMETERS.get(eq < 0 ? p : p.slice(0, eq));
    if (!check || !check(eq < 0 ? null : p.slice(eq + 1))) {
      env.error(`invalid parameter "${p}"`, `upstream의 server에 쓸 수 없는 값입니다: ${p} (weight=, max_fails=, fail_timeout=, max_conns=, backup, down).`);
      return;
    }
  }
}
