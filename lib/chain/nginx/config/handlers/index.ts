/** The handler table: which function checks which directive (nginx 1.22 `set` functions, with nginx's messages).
 * A handler may return the Scope of the block it opens. */
import { resolveHost } from "../addresses";
import { accessLog, errorLog, logFormat } from "./logs";
import { addHeader, errorPage, expires, index, keepaliveTimeout, openFileCache, rootOrAlias, tryFiles } from "./files";
import { bitmask, enumValue, mimeTypes, numberInRange, powerOfTwoSize, regexOrError, type Handler } from "./common";
import { ifDirective, returnDirective, rewrite, setDirective } from "./rewrite";
import { allowDeny, limitExcept, listen, location, serverBlock, serverName } from "./server";
import { paramWithCondition, proxyPass, proxyRedirect, upstreamBlock, upstreamServer, uwsgiPass } from "./upstream";
import { parseNumber, parseSize } from "../values";
import { josa } from "../../../korean";

export { checkSimpleValue, type Handler } from "./common";

const SSL_PROTOCOLS = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
/** proxy_next_upstream / uwsgi_next_upstream (uwsgi has no http_502 or http_504). */
export const PROXY_NEXT_UPSTREAM = ["error", "timeout", "invalid_header", "http_500", "http_502", "http_503", "http_504", "http_403", "http_404", "http_429", "non_idempotent", "off"];
export const UWSGI_NEXT_UPSTREAM = PROXY_NEXT_UPSTREAM.filter((v) => v !== "http_502" && v !== "http_504");
const GZIP_PROXIED = ["off", "expired", "no-cache", "no-store", "private", "no_last_modified", "no_etag", "auth", "any"];

export const HANDLERS: Readonly<Record<string, Handler>> = {
  server: (s, scope, env) => (scope.ctx === "upstream" ? void upstreamServer(s, scope, env) : serverBlock(s, scope, env)),
  upstream: upstreamBlock,
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
  open_file_cache: openFileCache,
  keepalive_disable: (s, scope, env) => bitmask(s, scope, env, ["none", "msie6", "safari"]),
  proxy_pass: proxyPass,
  uwsgi_pass: uwsgiPass,
  proxy_set_header: (s, scope, env) => {
    if (scope.conf) (scope.conf.proxyHeaders ??= []).push(s.args[0]);
    env.useVariables(s.args[1]);
  },
  uwsgi_param: paramWithCondition,
  proxy_redirect: proxyRedirect,
  proxy_http_version: (s, _c, env) => void enumValue(s, env, ["1.0", "1.1"]),
  server_tokens: (s, _c, env) => void enumValue(s, env, ["on", "off", "build"]),
  lingering_close: (s, _c, env) => void enumValue(s, env, ["off", "on", "always"]),
  gzip_http_version: (s, _c, env) => void enumValue(s, env, ["1.0", "1.1"]),
  autoindex_format: (s, _c, env) => void enumValue(s, env, ["html", "xml", "json", "jsonp"]),
  gzip_proxied: (s, scope, env) => bitmask(s, scope, env, GZIP_PROXIED),
  proxy_next_upstream: (s, scope, env) => bitmask(s, scope, env, PROXY_NEXT_UPSTREAM),
  uwsgi_next_upstream: (s, scope, env) => bitmask(s, scope, env, UWSGI_NEXT_UPSTREAM),
  gzip_types: (s, scope, env) => mimeTypes(s, scope, env, ["text/html"]),
  charset_types: (s, scope, env) => mimeTypes(s, scope, env, ["text/html"]),

  gzip_comp_level: (s, _c, env) => numberInRange(s, env, 1, 9),
  // "msie6" is a keyword; anything else is a case-insensitive regex on User-Agent.
  gzip_disable: (s, _c, env) => {
    for (const a of s.args) if (a.toLowerCase() !== "msie6") regexOrError(a, true, s, env);
  },
  gzip_window: (s, _c, env) => powerOfTwoSize(s, env, ["512", "1k", "2k", "4k", "8k", "16k", "32k"]),
  gzip_hash: (s, _c, env) => powerOfTwoSize(s, env, ["512", "1k", "2k", "4k", "8k", "16k", "32k", "64k", "128k"]),
  uwsgi_modifier1: (s, _c, env) => numberInRange(s, env, 0, 255),
  uwsgi_modifier2: (s, _c, env) => numberInRange(s, env, 0, 255),
  ssl_protocols: (s, scope, env) => bitmask(s, scope, env, SSL_PROTOCOLS),

  ssl_session_cache: (s, _c, env) => {
    const bad = s.args.find((a) => !/^(off|none|builtin(:\d+)?|shared:[^:]+:\d+[kKmM]?)$/.test(a));
    if (bad !== undefined) env.error(`invalid session cache "${bad}"`, "ssl_session_cache 값이 잘못되었습니다. 예: shared:SSL:10m");
  },
  aio: (s, _c, env) => {
    const v = s.args[0];
    if (v === "on") env.error('"aio on" is unsupported on this platform', "이 서버의 nginx는 aio on을 지원하지 않습니다 (aio threads는 됩니다).");
    else if (v.startsWith("threads=") && v !== "threads=default") env.error(`unknown thread pool "${v.slice(8)}"`, `"${v.slice(8)}"라는 thread_pool이 없습니다.`);
    else if (v !== "off" && v !== "threads" && v !== "threads=default") env.error('"aio" directive invalid value', "aio 값은 off 또는 threads입니다.");
  },
  directio: (s, _c, env) => {
    if (s.args[0] !== "off" && parseSize(s.args[0]) === null) env.error('"directio" directive invalid value', "directio 값은 off 또는 크기(예: 4m)입니다.");
  },
  resolver: (s, _c, env) => {
    for (const a of s.args) {
      if (/^(valid|ipv4|ipv6|status_zone)=/.test(a)) continue;
      const host = a.startsWith("[") ? a : a.replace(/:\d+$/, "");
      if (!host.startsWith("[") && resolveHost(host) === null) {
        env.error(`host not found in resolver "${a}"`, `resolver에는 DNS 서버의 IP 주소를 씁니다 ("${a}"${josa(a, "을/를")} 찾을 수 없습니다).`);
        return;
      }
    }
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
