/**
 * A location's settings, compiled once when the configuration is loaded (nginx's merge_loc_conf): http{}'s own
 * directives over nginx's defaults, each server{}'s over http{}'s, each location{} (and each `if {}` block) over
 * the level around it. The request path only reads these fields; it never looks a directive up by name.
 *
 * The merge rule is nginx's: a directive set at a level replaces what the level around it says; an array
 * directive (add_header, proxy_set_header, uwsgi_param, error_page, allow/deny, access_log…) is inherited only
 * by a level that has none of its own. What a level does not inherit at all (its content handler, `internal`,
 * its rewrite directives) is in `own`.
 */
import type { Directive } from "../config/types";
import { compileTemplate, type Template } from "../variables";
import { OwnDirectives } from "./own";
import { httpStaticDefaults, mergeStatic, type StaticSettings } from "./static";
import { LIMIT_DEFAULTS, mergeLimits, type LimitSettings } from "./limits";
import { HEADERS_DEFAULTS, mergeHeaders, mergeOutput, OUTPUT_DEFAULTS, type HeadersSettings, type OutputSettings } from "./output";
import { GZIP_DEFAULTS, mergeGzip, type GzipSettings } from "./gzip";
import { mergeProxy, mergeUwsgi, PROXY_DEFAULTS, UWSGI_DEFAULTS, type ProxySettings, type UwsgiSettings } from "./upstream";
import { LOG_DEFAULTS, mergeLog, type LogFormats, type LogSettings } from "./log";
import { rewriteScript, type RewriteScript } from "./rewrite";

/** What only this level says: nginx does not merge these into nested levels. */
export interface OwnSettings {
  /** proxy_pass / uwsgi_pass of this location (its content handler), as written. */
  proxyPass: string | null;
  uwsgiPass: string | null;
  internal: boolean;
  /** This level's rewrite directives with their regexes compiled; null when it has none. */
  rewrite: RewriteScript | null;
}

/** One `error_page code… [=[response]] uri;`. */
export interface ErrorPage {
  args: ReadonlyArray<string>;
  /** The three-digit arguments. */
  codes: ReadonlyArray<number>;
  /** The `=` or `=code` argument, if any. */
  override: string | undefined;
  /** The last argument: a URI, a `@name` or a URL. */
  target: Template;
}

export interface LocationSettings {
  own: OwnSettings;
  static: StaticSettings;
  limits: LimitSettings;
  /** error_page lines of the innermost level that has any. */
  errorPages: ReadonlyArray<ErrorPage>;
  headers: HeadersSettings;
  output: OutputSettings;
  gzip: GzipSettings;
  proxy: ProxySettings;
  uwsgi: UwsgiSettings;
  log: LogSettings;
}

/** http{}'s settings: its own directives over nginx's defaults. `types` are its `types {}` blocks as one map. */
export function httpSettings(directives: ReadonlyArray<Directive>, types: ReadonlyMap<string, string>): LocationSettings {
  const defaults: LocationSettings = {
    own: { proxyPass: null, uwsgiPass: null, internal: false, rewrite: null },
    static: httpStaticDefaults(types),
    limits: LIMIT_DEFAULTS,
    errorPages: [],
    headers: HEADERS_DEFAULTS,
    output: OUTPUT_DEFAULTS,
    gzip: GZIP_DEFAULTS,
    proxy: PROXY_DEFAULTS,
    uwsgi: UWSGI_DEFAULTS,
    log: LOG_DEFAULTS,
  };
  return merge(defaults, new OwnDirectives(directives), directives, true);
}

/** A server{}'s, location{}'s or `if {}` block's settings over those of the level around it. */
export function mergeSettings(prev: LocationSettings, directives: ReadonlyArray<Directive>, logFormats: LogFormats): LocationSettings {
  return merge(prev, new OwnDirectives(directives), logFormats, false);
}

function merge(prev: LocationSettings, own: OwnDirectives, logFormats: LogFormats, isHttp: boolean): LocationSettings {
  const errorPages = own.all("error_page");
  return {
    own: {
      proxyPass: own.first("proxy_pass") ? (own.first("proxy_pass")!.args[0] ?? "") : null,
      uwsgiPass: own.first("uwsgi_pass") ? (own.first("uwsgi_pass")!.args[0] ?? "") : null,
      internal: own.has("internal"),
      rewrite: rewriteScript(own.directives),
    },
    static: mergeStatic(prev.static, own, isHttp),
    limits: mergeLimits(prev.limits, own),
    errorPages: errorPages.length > 0 ? errorPages.map(errorPage) : prev.errorPages,
    headers: mergeHeaders(prev.headers, own),
    output: mergeOutput(prev.output, own),
    gzip: mergeGzip(prev.gzip, own),
    proxy: mergeProxy(prev.proxy, own),
    uwsgi: mergeUwsgi(prev.uwsgi, own),
    log: mergeLog(prev.log, own, logFormats),
  };
}

function errorPage(d: Directive): ErrorPage {
  const args = d.args;
  return {
    args,
    codes: args.filter((a) => /^\d{3}$/.test(a)).map(Number),
    override: args.find((a) => a.startsWith("=")),
    target: compileTemplate(args[args.length - 1] ?? ""),
  };
}
