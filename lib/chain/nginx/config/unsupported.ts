/**
 * Directives real nginx 1.22 (Debian build) knows but the course model does not implement. nginx's own checks
 * (context, argument count) still apply, with nginx's messages; past them the directive is reported with
 * `unsupported: true` (a course limitation, not an nginx error) and `ko`, a Korean hint. Contexts and argument
 * counts are the real nginx's, read off /usr/sbin/nginx by conformance/capture/nginx-config/probe-real-directives.mjs into real-directives.json,
 * so no directive nginx accepts is ever called unknown.
 */
import realDirectives from "./real-directives.json";
import type { ArgRule, Context } from "./directives";

export interface UnsupportedSpec {
  contexts: readonly Context[];
  args: ArgRule;
  block?: boolean;
  ko: string;
}

interface RealDirective {
  contexts: Context[];
  args: ArgRule;
  block?: boolean;
}

const HTTP_ONLY = "이 코스는 평문 HTTP/1.x만 다룹니다.";
const GATEWAYS = "코스는 Gunicorn(proxy_pass)과 uWSGI(uwsgi_pass)만 다룹니다.";
const ROUND_ROBIN = "모형의 upstream은 server를 적힌 순서(round robin)로만 고릅니다.";
const NO_CACHE = "모형의 nginx에는 응답 캐시가 없습니다. 요청마다 upstream에 갑니다.";

/** The Korean hint for a directive the model leaves out: why, in course terms (empty when nothing useful to add). */
function hint(name: string): string {
  if (["least_conn", "ip_hash", "hash", "random"].includes(name)) return ROUND_ROBIN;
  if (/^(ssl_|http2_|(proxy|uwsgi|grpc)_ssl_)/.test(name)) return HTTP_ONLY;
  if (/^(fastcgi|scgi|grpc|memcached)_/.test(name)) return GATEWAYS;
  if (/^(proxy|uwsgi)_(cache|no_cache)/.test(name)) return NO_CACHE;
  return "";
}

const REAL = realDirectives.directives as Record<string, RealDirective>;

/**
 * How nginx checks `name` where the model does not implement it: nginx's contexts, block and argument count, and a
 * Korean hint; undefined for a name nginx does not know either.
 */
export function unsupportedSpec(name: string): UnsupportedSpec | undefined {
  if (!Object.hasOwn(REAL, name)) return undefined;
  let spec = SPECS.get(name);
  if (!spec) SPECS.set(name, (spec = Object.freeze({ ...REAL[name], ko: hint(name) })));
  return spec;
}

/** Built once per name nginx knows (a fixed set), as every configuration asks again. */
const SPECS = new Map<string, UnsupportedSpec>();
