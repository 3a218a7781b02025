/**
 * What each directive's handler checks in nginx 1.22 (the `set` functions of the http core, rewrite, proxy,
 * uwsgi, headers, log, access and gzip modules), with nginx's messages. A handler may return the Scope of the
 * block it opens.
 */
import { parseListenAddress, parseUpstream } from "./addresses";
import type { ValueKind } from "./directives";
import { parseLocation } from "./location";
import { checkRegex } from "./regexCheck";
import type { HandlerEnv, Scope, ServerInfo, Statement } from "./scope";
import { parseFlag, parseNumber, parseSize, parseTime } from "./values";

export type Handler = (stmt: Statement, scope: Scope, env: HandlerEnv) => Scope | void;

const koInvalid = (name: string, example: string) => `"${name}" 지시어의 값이 잘못되었습니다. 예: ${example}`;

/** Single-value slots (flag/size/msec/sec/num/str) as ngx_conf_set_*_slot check them. */
export function checkSimpleValue(kind: ValueKind, stmt: Statement, env: HandlerEnv): void {
  const v = stmt.args[0] ?? "";
  const name = stmt.name;
  switch (kind) {
    case "flag":
      if (parseFlag(v) === null) {
        env.error(
          `invalid value "${v}" in "${name}" directive, it must be "on" or "off"`,
          `"${name}" 지시어의 값은 on 또는 off만 쓸 수 있습니다 ("${v}"는 안 됩니다).`,
        );
      }
      return;
    case "size":
      if (parseSize(v) === null) env.error(`"${name}" directive invalid value`, koInvalid(name, "1m, 512k, 1024 (단위는 k, m, g)"));
      return;
    case "msec":
    case "sec":
      if (parseTime(v, kind === "sec") === null) {
        env.error(`"${name}" directive invalid value`, koInvalid(name, kind === "sec" ? "30s, 5m, 1h" : "10s, 500ms, 1m"));
      }
      return;
    case "num":
      if (parseNumber(v) === null) env.error(`"${name}" directive invalid number`, `"${name}" 지시어의 값은 정수여야 합니다.`);
      return;
    default:
      return;
  }
}

function enumValue(stmt: Statement, env: HandlerEnv, allowed: string[]): boolean {
  const v = stmt.args[0];
  if (allowed.includes(v.toLowerCase())) return true;
  env.error(`invalid value "${v}"`, `"${stmt.name}" 지시어에 쓸 수 있는 값은 ${allowed.join(", ")}입니다 ("${v}"는 안 됩니다).`);
  return false;
}

function invalidParameter(env: HandlerEnv, stmt: Statement, p: string, allowed: string): void {
  env.error(`invalid parameter "${p}"`, `"${stmt.name}" 지시어에 알 수 없는 옵션 "${p}"가 있습니다. 쓸 수 있는 것: ${allowed}.`);
}

function regexOrError(pattern: string, caseInsensitive: boolean, stmt: Statement, env: HandlerEnv): boolean {
  const r = checkRegex(pattern, caseInsensitive);
  if (!r.ok) {
    if (r.unsupported) env.diag.unsupportedMessage(stmt.file, stmt.line, r.message, r.messageKo);
    else env.error(r.message, r.messageKo);
    return false;
  }
  for (const n of r.names) env.defineVariable(n);
  return true;
}

const LISTEN_FLAGS = new Set(["default_server", "default", "reuseport", "deferred", "bind"]);
const LISTEN_KEYS = /^(backlog|rcvbuf|sndbuf|ipv6only|so_keepalive|fastopen|setfib|accept_filter)=/;

function listen(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  const server = scope.server;
  const arg = stmt.args[0];
  const a = parseListenAddress(arg);
  if (!a.ok) {
    const ko: Record<string, string> = {
      "invalid port": `포트 "${arg}"가 잘못되었습니다. 포트는 1~65535 사이의 숫자입니다.`,
      "host not found": `"${arg}"를 주소로 해석할 수 없습니다. listen에는 80, 127.0.0.1:8080처럼 포트나 IP:포트를 씁니다.`,
      "no host": `"${arg}"에 주소가 없습니다. 모든 주소라면 포트만 쓰세요 (예: listen 80;).`,
      "invalid host": `"${arg}"의 주소 부분이 잘못되었습니다.`,
    };
    env.error(`${a.reason} in "${arg}" of the "listen" directive`, ko[a.reason]);
    return;
  }
  let isDefault = false;
  for (const p of stmt.args.slice(1)) {
    if (p === "default_server" || p === "default") isDefault = true;
    else if (p === "ssl" || p === "http2" || p === "proxy_protocol" || p === "quic") {
      if (p === "ssl" && server) server.ssl = true;
      env.diag.unsupported(stmt.file, stmt.line, `listen ... ${p}`, `listen의 "${p}" 옵션은 이 코스 모델이 지원하지 않습니다. 코스는 평문 HTTP만 다룹니다.`);
    } else if (!LISTEN_FLAGS.has(p) && !LISTEN_KEYS.test(p)) {
      invalidParameter(env, stmt, p, "default_server, reuseport, backlog=…");
      return;
    }
  }
  if (!server) return;
  const address = a.address;
  const info = { address, defaultServer: isDefault, file: stmt.file, line: stmt.line };
  if (server.listens.some((l) => l.address === address)) {
    env.error(`a duplicate listen ${address}`, `같은 server 블록에 ${address}를 듣는 listen이 두 번 있습니다.`);
    return;
  }
  if (isDefault) {
    if (env.defaultServers.has(address)) {
      env.error(`a duplicate default server for ${address}`, `${address}의 default_server가 이미 다른 server 블록에 지정되어 있습니다. 주소마다 기본 서버는 하나뿐입니다.`);
      return;
    }
    env.defaultServers.set(address, info);
  }
  server.listens.push(info);
}

function serverName(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  for (const name of stmt.args) {
    if (name.startsWith("~")) {
      regexOrError(name.slice(1), true, stmt, env);
    } else if (/[/\\]/.test(name) || /[\s]/.test(name)) {
      env.error(`server name "${name}" has suspicious symbols`, `서버 이름 "${name}"에 이상한 문자("/" 등)가 있습니다. 서버 이름에는 호스트 이름만 씁니다 (URL이나 경로가 아님).`, "warn");
    }
    scope.server?.names.push(name.toLowerCase());
  }
}

function rootOrAlias(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  const name = stmt.name as "root" | "alias";
  if (scope.rootKind) {
    if (scope.rootKind === name) {
      env.error(`"${name}" directive is duplicate`, `"${name}" 지시어가 같은 블록에 이미 있습니다.`);
    } else {
      env.error(
        `"${name}" directive is duplicate, "${scope.rootKind}" directive was specified earlier`,
        `한 location에는 root와 alias 중 하나만 쓸 수 있습니다. 이미 "${scope.rootKind}"가 있습니다.`,
      );
    }
    return;
  }
  if (name === "alias" && scope.location?.kind === "named") {
    env.error('the "alias" directive cannot be used inside the named location', "이름 있는 location(@...)에는 alias를 쓸 수 없습니다.");
    return;
  }
  const v = stmt.args[0];
  for (const bad of ["$document_root", "$realpath_root"]) {
    if (v.includes(bad)) {
      env.error(`the ${bad} variable cannot be used in the "${name}" directive`, `${bad}는 ${name} 값으로부터 만들어지는 변수라서 ${name} 안에 쓸 수 없습니다.`);
      return;
    }
  }
  scope.rootKind = name;
  if (v.includes("$")) env.useVariables(v);
}

function index(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  stmt.args.forEach((v, i) => {
    if (v === "") {
      env.error(`index "" in "index" directive is invalid`, "index에 빈 문자열을 쓸 수 없습니다.");
      return;
    }
    if (v.startsWith("/") && i !== stmt.args.length - 1) {
      env.error('only the last index in "index" directive should be absolute', "index 목록에서 /로 시작하는 절대 경로는 마지막에만 둘 수 있습니다.", "warn");
    }
    env.useVariables(v);
  });
}

function tryFiles(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const last = stmt.args[stmt.args.length - 1];
  if (last.startsWith("=")) {
    const code = parseNumber(last.slice(1));
    if (code === null || code > 999) {
      env.error(`invalid code "${last}"`, `try_files 마지막의 "=코드"가 잘못되었습니다. 예: =404`);
      return;
    }
  }
  for (const v of stmt.args) env.useVariables(v);
}

function returnDirective(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [first, second] = stmt.args;
  const code = parseNumber(first);
  if (code === null) {
    if (stmt.args.length === 1 && /^(https?:\/\/|\$scheme)/.test(first)) {
      env.useVariables(first);
      return;
    }
    env.error(`invalid return code "${first}"`, `return 뒤에는 상태 코드(예: 200, 301, 404)나 http://로 시작하는 URL이 와야 합니다.`);
    return;
  }
  if (code > 999) {
    env.error(`invalid return code "${first}"`, `상태 코드 "${first}"는 너무 큽니다 (0~999).`);
    return;
  }
  if (second !== undefined) env.useVariables(second);
}

const REWRITE_FLAGS = ["last", "break", "redirect", "permanent"];

function rewrite(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [regex, replacement, flag] = stmt.args;
  if (!regexOrError(regex, false, stmt, env)) return;
  if (flag !== undefined && !REWRITE_FLAGS.includes(flag)) {
    invalidParameter(env, stmt, flag, REWRITE_FLAGS.join(", "));
    return;
  }
  env.useVariables(replacement);
}

function errorPage(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const args = stmt.args;
  const uri = args[args.length - 1];
  let codes = args.slice(0, -1);
  const eq = codes[codes.length - 1];
  if (eq.startsWith("=")) {
    codes = codes.slice(0, -1);
    if (eq.length > 1 && parseNumber(eq.slice(1)) === null) {
      env.error(`invalid value "${eq}"`, `"=" 뒤에는 응답 상태 코드가 와야 합니다. 예: =200`);
      return;
    }
    if (codes.length === 0) {
      env.error(`invalid number of arguments in "error_page" directive`, "error_page에 오류 코드가 없습니다.");
      return;
    }
  }
  for (const c of codes) {
    const n = parseNumber(c);
    if (n === null) {
      env.error(`invalid value "${c}"`, `error_page의 "${c}"는 상태 코드가 아닙니다.`);
      return;
    }
    if (n < 300 || n > 599) {
      env.error(`value "${c}" must be between 300 and 599`, `error_page로 바꿀 수 있는 코드는 300~599 사이입니다 ("${c}"는 안 됩니다).`);
      return;
    }
  }
  env.useVariables(uri);
}

function addHeader(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (stmt.args[2] !== undefined && stmt.args[2] !== "always") {
    invalidParameter(env, stmt, stmt.args[2], "always");
    return;
  }
  env.useVariables(stmt.args[1]);
}

function expires(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  let args = stmt.args;
  const bad = () => env.error('"expires" directive invalid value', koInvalid("expires", "1h, 7d, 30d, max, off, epoch, -1"));
  let modified = false;
  if (args.length === 2) {
    if (args[0] !== "modified") return bad();
    modified = true;
    args = args.slice(1);
  }
  let v = args[0];
  if (!modified && ["epoch", "max", "off"].includes(v)) return;
  if (v.includes("$")) {
    env.useVariables(v);
    return;
  }
  if (v.startsWith("@")) {
    if (modified) {
      env.error("daily time cannot be used with \"modified\" parameter", "modified와 @시각을 함께 쓸 수 없습니다.");
      return;
    }
    if (parseTime(v.slice(1), true) === null) bad();
    return;
  }
  if (v.startsWith("+") || v.startsWith("-")) v = v.slice(1);
  if (parseTime(v, true) === null) bad();
}

function keepaliveTimeout(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (parseTime(stmt.args[0], false) === null || (stmt.args[1] !== undefined && parseTime(stmt.args[1], true) === null)) {
    env.error('"keepalive_timeout" directive invalid value', koInvalid("keepalive_timeout", "65, 75s"));
  }
}

const URI_PART_FORBIDDEN =
  '"proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block';

function proxyPass(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  if (scope.seen.has("proxy_pass")) {
    env.error('"proxy_pass" directive is duplicate', "proxy_pass가 같은 location에 이미 있습니다.");
    return;
  }
  scope.seen.add("proxy_pass");
  const url = stmt.args[0];
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

function uwsgiPass(stmt: Statement, scope: Scope, env: HandlerEnv): void {
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

function paramWithCondition(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (stmt.args[2] !== undefined && stmt.args[2] !== "if_not_empty") {
    invalidParameter(env, stmt, stmt.args[2], "if_not_empty");
    return;
  }
  env.useVariables(stmt.args[1]);
}

function proxyRedirect(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (stmt.args.length === 1) {
    if (stmt.args[0] !== "off" && stmt.args[0] !== "default") invalidParameter(env, stmt, stmt.args[0], "off, default");
    return;
  }
  for (const v of stmt.args) env.useVariables(v);
}

function setDirective(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const name = stmt.args[0];
  if (!name.startsWith("$") || name.length < 2) {
    env.error(`invalid variable name "${name}"`, `set의 첫 인자는 "$이름" 형식의 변수여야 합니다.`);
    return;
  }
  env.defineVariable(name.slice(1));
  env.useVariables(stmt.args[1]);
}

function ifDirective(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  const child: Scope = {
    ctx: scope.ctx === "server" ? "sif" : "lif",
    seen: new Set(),
    location: scope.location,
    server: scope.server,
  };
  const args = [...stmt.args];
  const invalid = (v: string) => env.error(`invalid condition "${v}"`, `if 조건 "${v}"를 해석할 수 없습니다. 예: if ($request_method = POST) { ... }`);
  if (!args[0].startsWith("(")) {
    invalid(args[0]);
    return child;
  }
  args[0] = args[0].slice(1);
  if (args[0] === "") args.shift();
  const lastRaw = args[args.length - 1] ?? "";
  if (!lastRaw.endsWith(")")) {
    invalid(lastRaw);
    return child;
  }
  args[args.length - 1] = lastRaw.slice(0, -1);
  if (args[args.length - 1] === "") args.pop();
  if (args.length === 0) {
    invalid("");
    return child;
  }
  const first = args[0];
  if (first.length > 1 && first.startsWith("$")) {
    if (args.length !== 1 && args.length !== 3) {
      invalid(first);
      return child;
    }
    env.useVariables(first);
    if (args.length === 1) return child;
    const op = args[1];
    if (op === "=" || op === "!=") {
      env.useVariables(args[2]);
    } else if (["~", "~*", "!~", "!~*"].includes(op)) {
      regexOrError(args[2], op.endsWith("*"), stmt, env);
    } else {
      env.error(`unexpected "${op}" in condition`, `if 조건의 연산자 "${op}"는 쓸 수 없습니다. =, !=, ~, ~*, !~, !~* 중 하나를 쓰세요.`);
    }
    return child;
  }
  if (/^!?-[a-z]$/.test(first)) {
    if (args.length !== 2 || !/^!?-[fdex]$/.test(first)) {
      invalid(first);
      return child;
    }
    env.useVariables(args[1]);
    return child;
  }
  invalid(first);
  return child;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "MKCOL", "COPY", "MOVE", "OPTIONS", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK", "PATCH"];

function limitExcept(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  for (const m of stmt.args) {
    if (!METHODS.includes(m.toUpperCase())) {
      env.error(`invalid method "${m}"`, `limit_except에 "${m}"라는 HTTP 메서드는 없습니다. 예: GET, POST`);
      break;
    }
  }
  return { ctx: "lmt", seen: new Set(), location: scope.location, server: scope.server };
}

function allowDeny(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const v = stmt.args[0];
  if (v === "all" || v === "unix:") return;
  const m = /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d{1,2}))?$/.exec(v);
  const octets = m ? m[1].split(".").map(Number) : [];
  if (!m || octets.some((o) => o > 255) || (m[2] !== undefined && Number(m[2]) > 32)) {
    if (/^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(v) && v.includes(":")) return; // IPv6
    invalidParameter(env, stmt, v, "all, IP 주소, IP/비트수");
    return;
  }
  if (m[2] !== undefined) {
    const bits = Number(m[2]);
    const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((addr & ~mask) >>> 0 !== 0) {
      env.error(`low address bits of ${v} are meaningless`, `${v}에서 /${bits} 뒤의 주소 비트는 무시됩니다. 네트워크 주소로 쓰세요.`, "warn");
    }
  }
}

const LOG_LEVELS = ["debug", "info", "notice", "warn", "error", "crit", "alert", "emerg"];

function errorLog(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  for (const lvl of stmt.args.slice(1)) {
    if (!LOG_LEVELS.includes(lvl)) {
      env.error(`invalid log level "${lvl}"`, `로그 수준 "${lvl}"는 없습니다. ${LOG_LEVELS.join(", ")} 중 하나를 쓰세요.`);
      return;
    }
  }
}

function accessLog(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [path, format] = stmt.args;
  if (path === "off") return;
  if (path.includes("$")) env.useVariables(path);
  if (format !== undefined && !format.includes("=") && !env.logFormats.has(format)) {
    env.error(`unknown log format "${format}"`, `"${format}"라는 log_format이 없습니다. log_format으로 먼저 정의하거나 combined를 쓰세요.`);
  }
}

function logFormat(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [name, ...rest] = stmt.args;
  const parts = rest[0]?.startsWith("escape=") ? rest.slice(1) : rest;
  if (env.logFormats.has(name)) {
    env.error(`duplicate "log_format" name "${name}"`, `"${name}"라는 log_format이 이미 있습니다.`);
    return;
  }
  env.logFormats.add(name);
  for (const p of parts) env.useVariables(p);
}

function serverBlock(stmt: Statement, _scope: Scope, env: HandlerEnv): Scope {
  const server: ServerInfo = { file: stmt.file, line: stmt.line, locations: [], listens: [], names: [] };
  env.servers.push(server);
  return { ctx: "server", seen: new Set(), server };
}

function location(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  const parsed = parseLocation(stmt, scope, env);
  const child: Scope = { ctx: "location", seen: new Set(), location: parsed ?? scope.location, server: scope.server };
  if (parsed) {
    if (parsed.kind === "regex" || parsed.kind === "regex-ci") regexOrError(parsed.name, parsed.kind === "regex-ci", stmt, env);
    (scope.location ? scope.location.children : (scope.server?.locations ?? [])).push(parsed);
  }
  return child;
}

export const HANDLERS: Readonly<Record<string, Handler>> = {
  server: serverBlock,
  location,
  if: ifDirective,
  limit_except: limitExcept,
  listen,
  server_name: serverName,
  root: rootOrAlias,
  alias: rootOrAlias,
  index,
  try_files: tryFiles,
  return: returnDirective,
  rewrite,
  error_page: errorPage,
  add_header: addHeader,
  expires,
  keepalive_timeout: keepaliveTimeout,
  proxy_pass: proxyPass,
  uwsgi_pass: uwsgiPass,
  proxy_set_header: (s, _c, env) => void env.useVariables(s.args[1]),
  uwsgi_param: paramWithCondition,
  proxy_redirect: proxyRedirect,
  proxy_http_version: (s, _c, env) => void enumValue(s, env, ["1.0", "1.1"]),
  server_tokens: (s, _c, env) => void enumValue(s, env, ["on", "off", "build"]),
  gzip_http_version: (s, _c, env) => void enumValue(s, env, ["1.0", "1.1"]),
  autoindex_format: (s, _c, env) => void enumValue(s, env, ["html", "xml", "json", "jsonp"]),
  gzip_proxied: (s, _c, env) => {
    const ok = ["off", "expired", "no-cache", "no-store", "private", "no_last_modified", "no_etag", "auth", "any"];
    const bad = s.args.find((a) => !ok.includes(a));
    if (bad !== undefined) env.error(`invalid value "${bad}"`, `gzip_proxied에 쓸 수 있는 값: ${ok.join(", ")}.`);
  },
  gzip_comp_level: (s, _c, env) => {
    const n = parseNumber(s.args[0]);
    if (n === null) env.error('"gzip_comp_level" directive invalid number', "gzip_comp_level은 1~9 사이의 정수입니다.");
    else if (n < 1 || n > 9) env.error("value must be between 1 and 9", "gzip_comp_level은 1~9 사이의 정수입니다.");
  },
  set: setDirective,
  allow: allowDeny,
  deny: allowDeny,
  error_log: errorLog,
  access_log: accessLog,
  log_format: logFormat,
  charset: (s, _c, env) => void env.useVariables(s.args[0]),
  worker_processes: (s, _c, env) => {
    if (s.args[0] !== "auto" && parseNumber(s.args[0]) === null) env.error(`invalid value "${s.args[0]}"`, "worker_processes는 auto 또는 숫자입니다.");
  },
};
