/** Handlers of server-level directives: `server`, `listen`, `server_name`, `location`, `limit_except`, `allow`/`deny`. */
import { parseListenAddress } from "../addresses";
import { parseLocation } from "../location";
import type { HandlerEnv, Scope, ServerInfo, Statement } from "../scope";
import { invalidParameter, regexOrError } from "./common";
import { josa } from "../../../korean";

const LISTEN_FLAGS = new Set(["default_server", "default", "reuseport", "deferred", "bind"]);

const LISTEN_KEYS = /^(backlog|rcvbuf|sndbuf|ipv6only|so_keepalive|fastopen|setfib|accept_filter)=/;

export function listen(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  const server = scope.server;
  const arg = stmt.args[0];
  const a = parseListenAddress(arg);
  if (!a.ok) {
    const ko: Record<string, string> = {
      "invalid port": `포트 "${arg}"${josa(arg, "이/가")} 잘못되었습니다. 포트는 1~65535 사이의 숫자입니다.`,
      "host not found": `"${arg}"${josa(arg, "을/를")} 주소로 해석할 수 없습니다. listen에는 80, 127.0.0.1:8080처럼 포트나 IP:포트를 씁니다.`,
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
    env.error(`a duplicate listen ${address}`, `같은 server 블록에 ${address}${josa(address, "을/를")} 듣는 listen이 두 번 있습니다.`);
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

export function serverName(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  for (const name of stmt.args) {
    if (name.startsWith("~")) {
      regexOrError(name.slice(1), true, stmt, env);
    } else if (/[/\\]/.test(name) || /[\s]/.test(name)) {
      env.error(`server name "${name}" has suspicious symbols`, `서버 이름 "${name}"에 이상한 문자("/" 등)가 있습니다. 서버 이름에는 호스트 이름만 씁니다 (URL이나 경로가 아님).`, "warn");
    }
    scope.server?.names.push(name.toLowerCase());
  }
}

export function serverBlock(stmt: Statement, _scope: Scope, env: HandlerEnv): Scope {
  const server: ServerInfo = { file: stmt.file, line: stmt.line, locations: [], listens: [], names: [] };
  env.servers.push(server);
  return { ctx: "server", seen: new Set(), server };
}

export function location(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  const parsed = parseLocation(stmt, scope, env);
  const child: Scope = { ctx: "location", seen: new Set(), location: parsed ?? scope.location, server: scope.server };
  if (parsed) {
    if (parsed.kind === "regex" || parsed.kind === "regex-ci") regexOrError(parsed.name, parsed.kind === "regex-ci", stmt, env);
    (scope.location ? scope.location.children : (scope.server?.locations ?? [])).push(parsed);
  }
  return child;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "MKCOL", "COPY", "MOVE", "OPTIONS", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK", "PATCH"];

export function limitExcept(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  for (const m of stmt.args) {
    if (!METHODS.includes(m.toUpperCase())) {
      env.error(`invalid method "${m}"`, `limit_except에 "${m}"라는 HTTP 메서드는 없습니다. 예: GET, POST`);
      break;
    }
  }
  return { ctx: "lmt", seen: new Set(), location: scope.location, server: scope.server };
}

export function allowDeny(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
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
