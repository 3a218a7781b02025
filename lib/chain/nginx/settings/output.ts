/**
 * How the answer goes out: the header filter and connection (ngx_http_core_module: server_tokens, msie_padding,
 * msie_refresh, keepalive_timeout, keepalive_disable, chunked_transfer_encoding, absolute_redirect,
 * server_name_in_redirect, port_in_redirect), the charset filter, and the headers filter (expires, add_header).
 */
import { parseTime } from "../config/values";
import { compileTemplate, type Template } from "../variables";
import type { OwnDirectives } from "./own";

export interface OutputSettings {
  serverTokens: boolean;
  msiePadding: boolean;
  msieRefresh: boolean;
  /** keepalive_timeout 0: every answer closes the connection. */
  keepaliveOff: boolean;
  /** keepalive_disable (default msie6): the browsers a kept-alive connection is refused to. */
  keepaliveDisable: { msie6: boolean; safari: boolean };
  chunkedTransferEncoding: boolean;
  absoluteRedirect: boolean;
  serverNameInRedirect: boolean;
  portInRedirect: boolean;
  /** charset: the value added to Content-Type, null for none or `off`. */
  charset: string | null;
  /** charset_types, lower case. */
  charsetTypes: ReadonlySet<string>;
}

export const OUTPUT_DEFAULTS: OutputSettings = {
  serverTokens: true,
  msiePadding: true,
  msieRefresh: false,
  keepaliveOff: false,
  keepaliveDisable: { msie6: true, safari: false },
  chunkedTransferEncoding: true,
  absoluteRedirect: true,
  serverNameInRedirect: false,
  portInRedirect: true,
  charset: null,
  charsetTypes: new Set(["text/html", "text/xml", "text/plain", "text/vnd.wap.wml", "application/javascript", "application/rss+xml"]),
};

export function mergeOutput(prev: OutputSettings, own: OwnDirectives): OutputSettings {
  const keepaliveTimeout = own.last("keepalive_timeout");
  const keepaliveDisable = own.last("keepalive_disable");
  const disabled = keepaliveDisable?.args.map((v) => v.toLowerCase());
  const charset = own.last("charset");
  const charsetTypes = own.last("charset_types");
  return {
    serverTokens: own.flag("server_tokens") ?? prev.serverTokens,
    msiePadding: own.flag("msie_padding") ?? prev.msiePadding,
    msieRefresh: own.flag("msie_refresh") ?? prev.msieRefresh,
    keepaliveOff: keepaliveTimeout ? keepaliveTimeout.args[0] === "0" || keepaliveTimeout.args[0] === "0s" : prev.keepaliveOff,
    keepaliveDisable: disabled ? { msie6: disabled.includes("msie6"), safari: disabled.includes("safari") } : prev.keepaliveDisable,
    chunkedTransferEncoding: own.flag("chunked_transfer_encoding") ?? prev.chunkedTransferEncoding,
    absoluteRedirect: own.flag("absolute_redirect") ?? prev.absoluteRedirect,
    serverNameInRedirect: own.flag("server_name_in_redirect") ?? prev.serverNameInRedirect,
    portInRedirect: own.flag("port_in_redirect") ?? prev.portInRedirect,
    charset: charset ? (charset.args[0] && charset.args[0] !== "off" ? charset.args[0] : null) : prev.charset,
    charsetTypes: charsetTypes ? new Set(charsetTypes.args.map((a) => a.toLowerCase())) : prev.charsetTypes,
  };
}

/** The `expires` directive as a rule; null when it sets nothing (`off`, a bad time). */
export type ExpiresRule = { kind: "epoch" } | { kind: "max" } | { kind: "time"; seconds: number; modified: boolean };

/** One `add_header name value [always];`. */
export interface AddHeader {
  name: string;
  value: Template;
  always: boolean;
}

/** ngx_http_headers_filter_module's settings. */
export interface HeadersSettings {
  expires: ExpiresRule | null;
  /** add_header lines of the innermost level that has any. */
  add: ReadonlyArray<AddHeader>;
}

export const HEADERS_DEFAULTS: HeadersSettings = { expires: null, add: [] };

export function mergeHeaders(prev: HeadersSettings, own: OwnDirectives): HeadersSettings {
  const expires = own.last("expires");
  const add = own.all("add_header");
  return {
    expires: expires ? expiresRule(expires.args) : prev.expires,
    add: add.length > 0 ? add.map((d) => ({ name: d.args[0] ?? "", value: compileTemplate(d.args[1] ?? ""), always: d.args[2] === "always" })) : prev.add,
  };
}

function expiresRule(args: readonly string[]): ExpiresRule | null {
  if (args.length === 0) return null;
  let arg = args[0]!;
  let modified = false;
  if (arg === "modified" && args[1]) {
    modified = true;
    arg = args[1];
  }
  if (arg === "off") return null;
  if (arg === "epoch") return { kind: "epoch" };
  if (arg === "max") return { kind: "max" };
  const negative = arg.startsWith("-");
  const ms = parseTime(arg.replace(/^[+-]/, ""), true);
  if (ms === null) return null;
  return { kind: "time", seconds: Math.floor(ms / 1000) * (negative ? -1 : 1), modified };
}
