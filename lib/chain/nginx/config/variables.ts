/**
 * Variables nginx 1.22 (Debian 12 build, no dynamic modules loaded) knows, and the `$name` / `${name}` scanner
 * nginx's script compiler applies to values that may contain variables.
 */

const BUILTIN = new Set(
  (
    "http_host http_user_agent http_referer http_via http_x_forwarded_for http_cookie content_length content_type " +
    "host binary_remote_addr remote_addr remote_port proxy_protocol_addr proxy_protocol_port " +
    "proxy_protocol_server_addr proxy_protocol_server_port server_addr server_port server_protocol scheme https " +
    "request_uri uri document_uri request document_root realpath_root query_string args is_args " +
    "request_filename server_name request_method remote_user bytes_sent body_bytes_sent pipe request_completion " +
    "request_body request_body_file request_length request_time request_id status limit_rate connection " +
    "connection_requests connection_time nginx_version hostname pid msec time_iso8601 time_local " +
    "tcpinfo_rtt tcpinfo_rttvar tcpinfo_snd_cwnd tcpinfo_rcv_space " +
    "proxy_host proxy_port proxy_add_x_forwarded_for proxy_internal_body_length proxy_internal_chunked " +
    "fastcgi_script_name fastcgi_path_info gzip_ratio realip_remote_addr realip_remote_port " +
    "upstream_addr upstream_status upstream_response_time upstream_connect_time upstream_header_time " +
    "upstream_response_length upstream_bytes_received upstream_bytes_sent upstream_cache_status " +
    "limit_conn_status limit_req_status invalid_referer secure_link secure_link_expires date_local date_gmt " +
    "uid_got uid_set uid_reset ancient_browser modern_browser msie slice_range http2 " +
    "ssl_protocol ssl_cipher ssl_ciphers ssl_curves ssl_session_id ssl_session_reused ssl_early_data " +
    "ssl_server_name ssl_alpn_protocol ssl_client_cert ssl_client_raw_cert ssl_client_escaped_cert " +
    "ssl_client_s_dn ssl_client_i_dn ssl_client_s_dn_legacy ssl_client_i_dn_legacy ssl_client_serial " +
    "ssl_client_fingerprint ssl_client_verify ssl_client_v_start ssl_client_v_end ssl_client_v_remain"
  ).split(" "),
);

const PREFIXES = [
  "http_", "sent_http_", "sent_trailer_", "cookie_", "arg_", "upstream_http_", "upstream_trailer_", "upstream_cookie_",
];

/** Whether nginx itself defines `$name` (user variables from `set` and regex groups are checked separately). */
export function isBuiltinVariable(name: string): boolean {
  const l = name.toLowerCase();
  if (/^\d+$/.test(l)) return true; // $1..$9 regex captures
  if (BUILTIN.has(l)) return true;
  return PREFIXES.some((p) => l.startsWith(p) && l.length > p.length);
}

export type VariableScan = { ok: true; names: string[] } | { ok: false; message: string; messageKo: string };

const NAME_CHAR = /[A-Za-z0-9_]/;

/** Finds the variables in a value as ngx_http_script_compile does, with its errors. */
export function scanVariables(value: string): VariableScan {
  const names: string[] = [];
  let i = 0;
  while (i < value.length && names.length < 1000) {
    if (value[i] !== "$") {
      i++;
      continue;
    }
    i++;
    if (i < value.length && value[i] >= "1" && value[i] <= "9") {
      i++;
      continue;
    }
    let name = "";
    if (value[i] === "{") {
      i++;
      while (i < value.length && value[i] !== "}" && NAME_CHAR.test(value[i])) name += value[i++];
      if (value[i] !== "}") {
        return {
          ok: false,
          message: `the closing bracket in "${name}" variable is missing`,
          messageKo: `변수 "\${${name}"의 닫는 중괄호 "}"가 없습니다.`,
        };
      }
      i++;
    } else {
      while (i < value.length && NAME_CHAR.test(value[i])) name += value[i++];
    }
    if (name.length === 0) {
      return {
        ok: false,
        message: "invalid variable name",
        messageKo: '"$" 뒤에 변수 이름이 없습니다. 문자 "$" 자체를 쓰려면 변수를 거쳐야 합니다.',
      };
    }
    names.push(name);
  }
  return { ok: true, names };
}
