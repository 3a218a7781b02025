/**
 * Directives real nginx 1.22 (Debian build) knows but the course model does not implement. nginx's own checks
 * (context, argument count) still apply, with nginx's messages; past them the directive is reported with
 * `unsupported: true` (a course limitation, not an nginx error) and `ko`, a Korean hint. Contexts and argument
 * counts were read off the real nginx (see tools/probe-directives.sh).
 */
import type { ArgRule, Context } from "./directives";

export interface UnsupportedSpec {
  contexts: readonly Context[];
  args: ArgRule;
  block?: boolean;
  ko: string;
}

const HTTP_ONLY = "이 코스는 평문 HTTP만 다룹니다.";
const GATEWAYS = "코스는 Gunicorn(proxy_pass)과 uWSGI(uwsgi_pass)만 다룹니다.";

export const UNSUPPORTED: Readonly<Record<string, UnsupportedSpec>> = {
  least_conn: { contexts: ["upstream"], args: [0], ko: "모형의 upstream은 server를 적힌 순서(round robin)로만 고릅니다." },
  ip_hash: { contexts: ["upstream"], args: [0], ko: "모형의 upstream은 server를 적힌 순서(round robin)로만 고릅니다." },
  hash: { contexts: ["upstream"], args: [1, 2], ko: "모형의 upstream은 server를 적힌 순서(round robin)로만 고릅니다." },
  random: { contexts: ["upstream"], args: [0, 1, 2], ko: "모형의 upstream은 server를 적힌 순서(round robin)로만 고릅니다." },
  zone: { contexts: ["upstream"], args: [1, 2], ko: "" },
  map: { contexts: ["http"], args: [2], block: true, ko: "" },
  geo: { contexts: ["http"], args: [1, 2], block: true, ko: "" },
  split_clients: { contexts: ["http"], args: [2], block: true, ko: "" },
  ssl_certificate: { contexts: ["http", "server"], args: [1], ko: HTTP_ONLY },
  ssl_certificate_key: { contexts: ["http", "server"], args: [1], ko: HTTP_ONLY },
  ssl_dhparam: { contexts: ["http", "server"], args: [1], ko: HTTP_ONLY },
  ssl_stapling: { contexts: ["http", "server"], args: [1], ko: HTTP_ONLY },
  auth_basic: { contexts: ["http", "server", "location", "lmt"], args: [1], ko: "" },
  auth_basic_user_file: { contexts: ["http", "server", "location", "lmt"], args: [1], ko: "" },
  auth_request: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  limit_req: { contexts: ["http", "server", "location"], args: [1, 2, 3], ko: "" },
  limit_req_zone: { contexts: ["http"], args: [3], ko: "" },
  limit_conn: { contexts: ["http", "server", "location"], args: [2], ko: "" },
  limit_conn_zone: { contexts: ["http"], args: [2], ko: "" },
  limit_rate: { contexts: ["http", "server", "location", "lif"], args: [1], ko: "" },
  sub_filter: { contexts: ["http", "server", "location"], args: [2], ko: "" },
  sub_filter_once: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  ssi: { contexts: ["http", "server", "location", "lif"], args: [1], ko: "" },
  proxy_cache: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  proxy_cache_path: { contexts: ["http"], args: "2more", ko: "" },
  proxy_cache_valid: { contexts: ["http", "server", "location"], args: "1more", ko: "" },
  proxy_cache_key: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  uwsgi_cache: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  uwsgi_cache_path: { contexts: ["http"], args: "2more", ko: "" },
  fastcgi_pass: { contexts: ["location", "lif"], args: [1], ko: GATEWAYS },
  fastcgi_param: { contexts: ["http", "server", "location"], args: [2, 3], ko: GATEWAYS },
  fastcgi_index: { contexts: ["http", "server", "location"], args: [1], ko: GATEWAYS },
  fastcgi_split_path_info: { contexts: ["http", "server", "location"], args: [1], ko: GATEWAYS },
  scgi_pass: { contexts: ["location", "lif"], args: [1], ko: GATEWAYS },
  scgi_param: { contexts: ["http", "server", "location"], args: [2, 3], ko: GATEWAYS },
  grpc_pass: { contexts: ["location", "lif"], args: [1], ko: "" },
  memcached_pass: { contexts: ["location", "lif"], args: [1], ko: "" },
  real_ip_header: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  set_real_ip_from: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  valid_referers: { contexts: ["server", "location"], args: "1more", ko: "" },
  secure_link: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  stub_status: { contexts: ["server", "location"], args: [0, 1], ko: "" },
  mirror: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  slice: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  dav_methods: { contexts: ["http", "server", "location"], args: "1more", ko: "" },
  random_index: { contexts: ["location"], args: [1], ko: "" },
  mp4: { contexts: ["location"], args: [0], ko: "" },
  flv: { contexts: ["location"], args: [0], ko: "" },
  gzip_static: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  gunzip: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  addition_types: { contexts: ["http", "server", "location"], args: "1more", ko: "" },
  add_before_body: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  add_after_body: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  userid: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  empty_gif: { contexts: ["location"], args: [0], ko: "" },
  recursive_error_pages: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  satisfy: { contexts: ["http", "server", "location"], args: [1], ko: "" },
  worker_rlimit_nofile: { contexts: ["main"], args: "any", ko: "" },
  worker_cpu_affinity: { contexts: ["main"], args: "any", ko: "" },
  daemon: { contexts: ["main"], args: "any", ko: "" },
  master_process: { contexts: ["main"], args: "any", ko: "" },
  load_module: { contexts: ["main"], args: "any", ko: "" },
  env: { contexts: ["main"], args: "any", ko: "" },
  thread_pool: { contexts: ["main"], args: "any", ko: "" },
  use: { contexts: ["main"], args: "any", ko: "" },
  accept_mutex: { contexts: ["main"], args: "any", ko: "" },
};
