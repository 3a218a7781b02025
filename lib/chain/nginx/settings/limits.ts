/**
 * What a request may be and who may make it: client_max_body_size, the client timeouts, merge_slashes
 * (ngx_http_core_module) and allow/deny (ngx_http_access_module).
 */
import { parseSize, parseTime } from "../config/values";
import type { OwnDirectives } from "./own";

const MB = 1024 * 1024;

export interface LimitSettings {
  /** client_max_body_size as written (for the trace) and in bytes (0: no limit). */
  maxBodySize: { shown: string; bytes: number };
  /** client_body_timeout in ms: how long nginx waits for a body that stops short of its Content-Length. */
  bodyTimeoutMs: number;
  /** client_header_timeout in ms (a server{} setting: the request is read before any location is known). */
  headerTimeoutMs: number;
  /** merge_slashes (server{}): `//` in the URI counts as `/` when choosing a location. */
  mergeSlashes: boolean;
  /** The allow/deny rules of the innermost level that has any, in config order. */
  access: ReadonlyArray<AccessRule>;
}

/** `allow 10.0.0.0/8;` / `deny all;` */
export interface AccessRule {
  allow: boolean;
  /** `all`, an address or a CIDR network, as written. */
  spec: string;
}

export const LIMIT_DEFAULTS: LimitSettings = {
  maxBodySize: { shown: "1m", bytes: MB },
  bodyTimeoutMs: 60_000,
  headerTimeoutMs: 60_000,
  mergeSlashes: true,
  access: [],
};

/** A time directive of this level in ms (60 s when its value does not parse), or undefined when absent. */
function timeMs(own: OwnDirectives, name: string): number | undefined {
  const d = own.last(name);
  return d ? (parseTime(d.args[0] ?? "", false) ?? 60_000) : undefined;
}

export function mergeLimits(prev: LimitSettings, own: OwnDirectives): LimitSettings {
  const maxBody = own.last("client_max_body_size");
  const mergeSlashes = own.last("merge_slashes");
  const access = own.directives.filter((d) => d.name === "allow" || d.name === "deny").map((d) => ({ allow: d.name === "allow", spec: d.args[0] ?? "" }));
  return {
    maxBodySize: maxBody ? { shown: maxBody.args[0] ?? "1m", bytes: parseSize(maxBody.args[0] ?? "") ?? MB } : prev.maxBodySize,
    bodyTimeoutMs: timeMs(own, "client_body_timeout") ?? prev.bodyTimeoutMs,
    headerTimeoutMs: timeMs(own, "client_header_timeout") ?? prev.headerTimeoutMs,
    mergeSlashes: mergeSlashes ? mergeSlashes.args[0] !== "off" : prev.mergeSlashes,
    access: access.length > 0 ? access : prev.access,
  };
}
