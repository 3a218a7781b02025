/**
 * ngx_http_proxy_module's and ngx_http_uwsgi_module's settings. Both share what ngx_http_upstream_conf_t holds
 * (read timeout, next_upstream, hide/pass headers, intercept_errors); each adds how its request is built, compiled
 * here once: the proxy's header list (proxy_set_header, then the defaults it does not override) and uwsgi's params.
 */
import { parseTime } from "../config/values";
import { compileTemplate, type Template } from "../variables";
import type { OwnDirectives } from "./own";

/** What ngx_http_upstream_conf_t holds, the same for both modules. */
export interface UpstreamSettings {
  /** *_read_timeout in ms. */
  readTimeoutMs: number;
  /** *_next_upstream values, lower case (empty for `off`). */
  nextUpstream: ReadonlySet<string>;
  /** *_hide_header and *_pass_header names, lower case. */
  hide: ReadonlySet<string>;
  pass: ReadonlySet<string>;
  interceptErrors: boolean;
}

/** One header of the request nginx sends upstream: name and value template. */
export interface ProxyHeader {
  name: string;
  /** The value as written: `$proxy_internal_body_length` and `$proxy_internal_chunked` are computed by proxy.ts. */
  template: string;
  value: Template;
}

export interface ProxySettings extends UpstreamSettings {
  version: "1.0" | "1.1";
  passBody: boolean;
  passHeaders: boolean;
  /** proxy_set_header lines of the innermost level that has any, as written (name, value). */
  setHeaders: ReadonlyArray<readonly [string, string]>;
  /** proxy_set_header lines in config order, then the defaults they do not override. */
  headers: ReadonlyArray<ProxyHeader>;
  /** The lower-case names in `headers`: the client's headers of these names are not passed on. */
  skip: ReadonlySet<string>;
}

/** One uwsgi_param line, its value template split once. */
export interface UwsgiParam {
  key: string;
  value: Template;
  ifNotEmpty: boolean;
}

export interface UwsgiSettings extends UpstreamSettings {
  params: ReadonlyArray<UwsgiParam>;
  /** The upper-case keys uwsgi_param sets: the HTTP_* variable of a client header with such a key is not added. */
  names: ReadonlySet<string>;
  passHeaders: boolean;
  /** uwsgi_modifier1 (0..255). */
  modifier1: number;
}

/** Headers nginx's proxy module sets unless proxy_set_header overrides them; "" means "not sent". */
const DEFAULT_PROXY_HEADERS: Array<[string, string]> = [
  ["Host", "$proxy_host"],
  ["Connection", "close"],
  ["Content-Length", "$proxy_internal_body_length"],
  ["Transfer-Encoding", "$proxy_internal_chunked"],
  ["TE", ""],
  ["Keep-Alive", ""],
  ["Expect", ""],
  ["Upgrade", ""],
];

const UPSTREAM_DEFAULTS: UpstreamSettings = {
  readTimeoutMs: 60_000,
  nextUpstream: new Set(["error", "timeout"]),
  hide: new Set(),
  pass: new Set(),
  interceptErrors: false,
};

export const PROXY_DEFAULTS: ProxySettings = {
  ...UPSTREAM_DEFAULTS,
  version: "1.0",
  passBody: true,
  passHeaders: true,
  setHeaders: [],
  ...proxyHeaders("1.0", []),
};

export const UWSGI_DEFAULTS: UwsgiSettings = {
  ...UPSTREAM_DEFAULTS,
  params: [],
  names: new Set(),
  passHeaders: true,
  modifier1: 0,
};

/** The shared part for directives named `${prefix}_…` (proxy or uwsgi). */
function mergeUpstream(prev: UpstreamSettings, own: OwnDirectives, prefix: "proxy" | "uwsgi"): UpstreamSettings {
  const readTimeout = own.last(`${prefix}_read_timeout`);
  const next = own.all(`${prefix}_next_upstream`);
  const names = (name: string, fallback: ReadonlySet<string>) => {
    const list = own.all(name);
    return list.length > 0 ? new Set(list.map((d) => (d.args[0] ?? "").toLowerCase())) : fallback;
  };
  let nextUpstream = prev.nextUpstream;
  if (next.length > 0) {
    const values = new Set(next.flatMap((d) => d.args.map((a) => a.toLowerCase())));
    nextUpstream = values.has("off") ? new Set<string>() : values;
  }
  return {
    readTimeoutMs: readTimeout ? (parseTime(readTimeout.args[0] ?? "", false) ?? 60_000) : prev.readTimeoutMs,
    nextUpstream,
    hide: names(`${prefix}_hide_header`, prev.hide),
    pass: names(`${prefix}_pass_header`, prev.pass),
    interceptErrors: own.flag(`${prefix}_intercept_errors`) ?? prev.interceptErrors,
  };
}

export function mergeProxy(prev: ProxySettings, own: OwnDirectives): ProxySettings {
  const version = own.first("proxy_http_version");
  const set = own.all("proxy_set_header");
  const passBody = own.first("proxy_pass_request_body");
  const passHeaders = own.first("proxy_pass_request_headers");
  const merged = {
    ...mergeUpstream(prev, own, "proxy"),
    version: version ? (version.args[0] === "1.1" ? "1.1" : "1.0") : prev.version,
    passBody: passBody ? passBody.args[0] !== "off" : prev.passBody,
    passHeaders: passHeaders ? passHeaders.args[0] !== "off" : prev.passHeaders,
    setHeaders: set.length > 0 ? set.map((d) => [d.args[0] ?? "", d.args[1] ?? ""] as const) : prev.setHeaders,
  } as const;
  // The header list depends on both the version and the set lines, which may come from different levels.
  const same = merged.version === prev.version && merged.setHeaders === prev.setHeaders;
  return { ...merged, ...(same ? { headers: prev.headers, skip: prev.skip } : proxyHeaders(merged.version, merged.setHeaders)) };
}

/** proxy_set_header lines first, then the defaults not overridden (HTTP/1.1 keeps a Connection it was given). */
function proxyHeaders(version: "1.0" | "1.1", setHeaders: ReadonlyArray<readonly [string, string]>): Pick<ProxySettings, "headers" | "skip"> {
  const spec: Array<readonly [string, string]> = [...setHeaders];
  const setNames = new Set(spec.map(([n]) => n.toLowerCase()));
  for (const [n, v] of DEFAULT_PROXY_HEADERS) {
    if (version === "1.1" && n === "Connection" && setNames.has("connection")) continue;
    if (!setNames.has(n.toLowerCase())) spec.push([n, v]);
  }
  return {
    headers: spec.map(([name, template]) => ({ name, template, value: compileTemplate(template) })),
    skip: new Set(spec.map(([n]) => n.toLowerCase())),
  };
}

export function mergeUwsgi(prev: UwsgiSettings, own: OwnDirectives): UwsgiSettings {
  const params = own.all("uwsgi_param");
  const passHeaders = own.first("uwsgi_pass_request_headers");
  const modifier1 = own.last("uwsgi_modifier1");
  const list = params.length > 0
    ? params.map((d) => ({ key: d.args[0] ?? "", value: compileTemplate(d.args[1] ?? ""), ifNotEmpty: d.args[2] === "if_not_empty" }))
    : prev.params;
  return {
    ...mergeUpstream(prev, own, "uwsgi"),
    params: list,
    names: list === prev.params ? prev.names : new Set(list.map((p) => p.key.toUpperCase())),
    passHeaders: passHeaders ? passHeaders.args[0] !== "off" : prev.passHeaders,
    modifier1: modifier1 ? modifierValue(modifier1.args[0]) : prev.modifier1,
  };
}

function modifierValue(arg: string | undefined): number {
  const n = Number(arg ?? 0);
  return Number.isInteger(n) && n >= 0 && n < 256 ? n : 0;
}
