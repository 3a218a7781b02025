/**
 * The directive table: every directive the course model knows, where nginx 1.22 allows it and how many arguments
 * it takes (the NGX_*_CONF and NGX_CONF_TAKE* flags of each module's command table), plus how its value is
 * checked. Directives that real nginx has but the course does not model are listed in unsupported.ts.
 */

/** Where a directive stands: nginx's configuration contexts. `sif`/`lif` are `if` in server/location. */
export type Context = "main" | "events" | "http" | "server" | "location" | "sif" | "lif" | "lmt" | "upstream";

/** Argument count rule, as ngx_conf_handler checks it. Numbers are the allowed counts. */
export type ArgRule = "any" | "flag" | "1more" | "2more" | readonly number[];

/** How the value is checked (the slot function's parsing and messages). */
export type ValueKind =
  | "flag" // on|off: `invalid value "x" in "y" directive, it must be "on" or "off"`
  | "size" // 1m, 10k: `"y" directive invalid value`
  | "msec" // 10s, 500ms
  | "sec" // 10s, no ms
  | "num" // integer
  | "str"
  | "custom"; // checked by a handler in handlers.ts

export interface DirectiveSpec {
  contexts: readonly Context[];
  args: ArgRule;
  block?: boolean;
  value?: ValueKind;
  /** A second occurrence in the same block is `"x" directive is duplicate` (single-value slots). */
  single?: boolean;
}

const H: Context[] = ["http"];
const HS: Context[] = ["http", "server"];
const HSL: Context[] = ["http", "server", "location"];
const HSLI: Context[] = ["http", "server", "location", "lif"];
const HSLIM: Context[] = ["http", "server", "location", "lif", "lmt"];
const SL: Context[] = ["server", "location"];
const REWRITE: Context[] = ["server", "sif", "location", "lif"];
const ANY: Context[] = ["main", "events", "http", "server", "location", "sif", "lif", "lmt"];

const flag = (contexts: Context[]): DirectiveSpec => ({ contexts, args: "flag", value: "flag", single: true });
const size = (contexts: Context[]): DirectiveSpec => ({ contexts, args: [1], value: "size", single: true });
const msec = (contexts: Context[]): DirectiveSpec => ({ contexts, args: [1], value: "msec", single: true });
const num = (contexts: Context[]): DirectiveSpec => ({ contexts, args: [1], value: "num", single: true });
const str = (contexts: Context[]): DirectiveSpec => ({ contexts, args: [1], value: "str", single: true });
const custom = (contexts: Context[], args: ArgRule, single = false): DirectiveSpec => ({
  contexts, args, value: "custom", single,
});
/** Accepted with its argument count checked; the model gives it no behaviour (it does not change a response). */
const harmless = (contexts: Context[], args: ArgRule): DirectiveSpec => ({ contexts, args });

export const DIRECTIVES: Readonly<Record<string, DirectiveSpec>> = {
  // --- core (main, events) ---
  include: { contexts: ANY, args: [1], value: "custom" },
  user: custom(["main"], [1, 2], true),
  worker_processes: custom(["main"], [1], true),
  pid: str(["main"]),
  error_log: custom(["main", "http", "server", "location"], "1more"),
  events: { contexts: ["main"], args: [0], block: true },
  worker_connections: num(["events"]),
  multi_accept: flag(["events"]),
  http: { contexts: ["main"], args: [0], block: true },

  // --- http core ---
  server: { contexts: H, args: [0], block: true },
  upstream: { contexts: H, args: [1], block: true, value: "custom" },
  listen: custom(["server"], "1more"),
  server_name: custom(["server"], "1more"),
  location: { contexts: SL, args: [1, 2], block: true, value: "custom" },
  types: { contexts: HSL, args: [0], block: true },
  default_type: str(HSL),
  root: custom(HSLI, [1]),
  alias: custom(["location"], [1]),
  index: custom(HSL, "1more"),
  try_files: custom(SL, "2more", true),
  internal: { contexts: ["location"], args: [0], value: "custom", single: true },
  error_page: custom(HSLI, "2more"),
  client_max_body_size: size(HSL),
  client_body_buffer_size: size(HSL),
  client_header_buffer_size: size(HS),
  client_body_timeout: msec(HSL),
  client_header_timeout: msec(HS),
  send_timeout: msec(HSL),
  keepalive_timeout: custom(HSL, [1, 2], true),
  keepalive_requests: num(HSL),
  keepalive_disable: custom(HSL, [1, 2]),
  // Connection handling the model has no use for: one request per connection, no client that hangs up early.
  keepalive_time: msec(HSL),
  lingering_close: custom(HSL, [1], true),
  lingering_time: msec(HSL),
  lingering_timeout: msec(HSL),
  reset_timedout_connection: flag(HSL),
  sendfile: flag(HSLI),
  tcp_nopush: flag(HSL),
  tcp_nodelay: flag(HSL),
  types_hash_max_size: num(HSL),
  types_hash_bucket_size: num(HSL),
  server_names_hash_bucket_size: num(H),
  server_names_hash_max_size: num(H),
  proxy_headers_hash_bucket_size: num(HSL),
  proxy_headers_hash_max_size: num(HSL),
  server_tokens: custom(HSL, [1], true),
  server_name_in_redirect: flag(HSL),
  port_in_redirect: flag(HSL),
  absolute_redirect: flag(HSL),
  log_not_found: flag(HSL),
  log_subrequest: flag(HSL),
  etag: flag(HSL),
  underscores_in_headers: flag(HS),
  ignore_invalid_headers: flag(HS),
  chunked_transfer_encoding: flag(HSL),
  merge_slashes: flag(HS),
  msie_padding: flag(HSL),
  msie_refresh: flag(HSL),
  limit_except: { contexts: ["location"], args: "1more", block: true, value: "custom", single: true },
  allow: custom(["http", "server", "location", "lmt"], [1]),
  deny: custom(["http", "server", "location", "lmt"], [1]),
  autoindex: flag(HSL),
  autoindex_exact_size: flag(HSL),
  autoindex_localtime: flag(HSL),
  autoindex_format: custom(HSL, [1], true),
  charset: custom(["http", "server", "location", "lif"], [1], true),
  source_charset: str(["http", "server", "location", "lif"]),
  charset_types: custom(HSL, "1more"),
  resolver: custom(HSL, "1more"),
  resolver_timeout: msec(HSL),

  // --- logs ---
  access_log: custom(HSLIM, "1more"),
  log_format: custom(H, "2more"),

  // --- headers, expires ---
  add_header: custom(HSLI, [2, 3]),
  expires: custom(HSLI, [1, 2], true),

  // --- rewrite module ---
  return: custom(REWRITE, [1, 2]),
  rewrite: custom(REWRITE, [2, 3]),
  set: custom(REWRITE, [2]),
  if: { contexts: ["server", "location"], args: "1more", block: true, value: "custom" },
  break: { contexts: REWRITE, args: [0] },
  rewrite_log: flag(["http", "server", "sif", "location", "lif"]),
  uninitialized_variable_warn: flag(["http", "server", "sif", "location", "lif"]),

  // --- gzip ---
  gzip: flag(HSLI),
  gzip_vary: flag(HSL),
  gzip_proxied: custom(HSL, "1more"),
  gzip_comp_level: custom(HSL, [1], true),
  gzip_buffers: custom(HSL, [2], true),
  gzip_http_version: custom(HSL, [1], true),
  gzip_types: custom(HSL, "1more"),
  gzip_min_length: size(HSL),
  gzip_window: custom(HSL, [1], true),
  gzip_hash: custom(HSL, [1], true),
  gzip_disable: custom(HSL, "1more"),

  // --- proxy ---
  proxy_pass: custom(["location", "lif", "lmt"], [1]),
  proxy_next_upstream: custom(HSL, "1more"),
  uwsgi_next_upstream: custom(HSL, "1more"),
  proxy_set_header: custom(HSL, [2]),
  proxy_read_timeout: msec(HSL),
  proxy_connect_timeout: msec(HSL),
  proxy_send_timeout: msec(HSL),
  proxy_http_version: custom(HSL, [1], true),
  proxy_redirect: custom(HSL, [1, 2]),
  proxy_buffering: flag(HSL),
  proxy_request_buffering: flag(HSL),
  proxy_intercept_errors: flag(HSL),
  proxy_buffer_size: size(HSL),
  proxy_buffers: custom(HSL, [2], true),
  proxy_hide_header: harmless(HSL, [1]),
  proxy_ignore_client_abort: flag(HSL),
  proxy_socket_keepalive: flag(HSL),
  // Only proxy_cache (unsupported) gives these an effect; tutorials add `proxy_cache_bypass $http_upgrade;` anyway.
  proxy_cache_bypass: harmless(HSL, "1more"),
  proxy_no_cache: harmless(HSL, "1more"),
  proxy_pass_header: harmless(HSL, [1]),
  proxy_pass_request_headers: flag(HSL),
  proxy_pass_request_body: flag(HSL),
  proxy_set_body: harmless(HSL, [1]),

  // --- uwsgi ---
  uwsgi_pass: custom(["location", "lif"], [1]),
  uwsgi_param: custom(HSL, [2, 3]),
  uwsgi_read_timeout: msec(HSL),
  uwsgi_connect_timeout: msec(HSL),
  uwsgi_send_timeout: msec(HSL),
  uwsgi_buffering: flag(HSL),
  uwsgi_request_buffering: flag(HSL),
  uwsgi_intercept_errors: flag(HSL),
  uwsgi_buffer_size: size(HSL),
  uwsgi_modifier1: custom(HSL, [1], true),
  uwsgi_modifier2: custom(HSL, [1], true),
  uwsgi_hide_header: harmless(HSL, [1]),
  uwsgi_ignore_client_abort: flag(HSL),
  uwsgi_socket_keepalive: flag(HSL),
  uwsgi_cache_bypass: harmless(HSL, "1more"),
  uwsgi_no_cache: harmless(HSL, "1more"),
  uwsgi_pass_header: harmless(HSL, [1]),

  // --- performance and storage (accepted: they never change a response in the model) ---
  aio: custom(HSL, [1], true),
  directio: custom(HSL, [1], true),
  open_file_cache: custom(HSL, [1, 2], true),
  output_buffers: { contexts: HSL, args: [2], single: true },
  postpone_output: size(HSL),
  sendfile_max_chunk: size(HSL),
  subrequest_output_buffer_size: size(HSL),
  client_body_temp_path: { contexts: HSL, args: [1, 2, 3, 4], single: true },
  proxy_temp_path: { contexts: HSL, args: [1, 2, 3, 4], single: true },
  uwsgi_temp_path: { contexts: HSL, args: [1, 2, 3, 4], single: true },

  // --- ssl (accepted: the course serves plain HTTP, these never change a response in the model) ---
  ssl_protocols: custom(HS, "1more"),
  ssl_prefer_server_ciphers: flag(HS),
  ssl_ciphers: harmless(HS, [1]),
  ssl_session_cache: custom(HS, [1, 2], true),
  ssl_session_timeout: { contexts: HS, args: [1], value: "sec", single: true },
};

/** Inside `upstream {}` the same names mean something else: `server ADDRESS [parameters];` is one peer. */
export const UPSTREAM_DIRECTIVES: Readonly<Record<string, DirectiveSpec>> = {
  server: { contexts: ["upstream"], args: "1more", value: "custom" },
  keepalive: { contexts: ["upstream"], args: [1], value: "num", single: true },
};
