/** ngx_http_gzip_filter_module's settings (and output_buffers, which sets how much of a file one read takes). */
import { parseSize } from "../config/values";
import { compileRegex, type LinearRegex } from "../../regex";
import { utf8ToLatin1 } from "../../http/bytes";
import type { OwnDirectives } from "./own";

/** One gzip_disable value: `msie6` (nginx's own test of the User-Agent) or a case-insensitive regex. */
export interface GzipDisable {
  /** As written; a regex is shown in quotes by the trace. */
  arg: string;
  msie6: boolean;
  /** The compiled regex; null for msie6 or a pattern our regex engine refuses (never matches). */
  regex: LinearRegex | null;
}

export interface GzipSettings {
  on: boolean;
  vary: boolean;
  minLength: number;
  /** gzip_types besides text/html, lower case ("*" = any). */
  types: ReadonlySet<string>;
  /** gzip_http_version as major × 10 + minor. */
  minVersion: number;
  /** gzip_proxied values, lower case. */
  proxied: ReadonlySet<string>;
  level: number;
  /** gzip_window and gzip_hash in bytes; undefined: zlib's defaults as nginx sets them. */
  windowSize: number | undefined;
  hashSize: number | undefined;
  bufferCount: number;
  bufferSize: number;
  /** output_buffers' size: how much of a static file one read takes. */
  pieceSize: number;
  disable: ReadonlyArray<GzipDisable>;
}

export const GZIP_DEFAULTS: GzipSettings = {
  on: false,
  vary: false,
  minLength: 20,
  types: new Set(),
  minVersion: 11,
  proxied: new Set(["off"]),
  level: 1,
  windowSize: undefined,
  hashSize: undefined,
  bufferCount: 32,
  bufferSize: 4096,
  pieceSize: 32 * 1024,
  disable: [],
};

export function mergeGzip(prev: GzipSettings, own: OwnDirectives): GzipSettings {
  /** The size in argument `index` of this level's directive: null when the level does not set it. */
  const size = (name: string, index = 0): number | undefined | null => {
    const d = own.last(name);
    if (!d) return null;
    const arg = d.args[index];
    return arg === undefined ? undefined : (parseSize(arg) ?? undefined);
  };
  const minLength = size("gzip_min_length");
  const windowSize = size("gzip_window");
  const hashSize = size("gzip_hash");
  const buffers = own.last("gzip_buffers");
  const pieceSize = size("output_buffers", 1);
  const types = own.all("gzip_types");
  const httpVersion = own.last("gzip_http_version");
  const proxied = own.last("gzip_proxied");
  const level = own.last("gzip_comp_level");
  const disable = own.all("gzip_disable");
  return {
    on: own.flag("gzip") ?? prev.on,
    vary: own.flag("gzip_vary") ?? prev.vary,
    minLength: minLength === null ? prev.minLength : (minLength ?? 20),
    types: types.length > 0 ? new Set(types.flatMap((d) => d.args.map((a) => a.toLowerCase()))) : prev.types,
    minVersion: httpVersion ? (httpVersion.args[0] === "1.0" ? 10 : 11) : prev.minVersion,
    proxied: proxied ? new Set(proxied.args.map((a) => a.toLowerCase())) : prev.proxied,
    level: level ? Number(level.args[0] ?? 1) : prev.level,
    windowSize: windowSize === null ? prev.windowSize : windowSize,
    hashSize: hashSize === null ? prev.hashSize : hashSize,
    bufferCount: buffers ? Number(buffers.args[0] ?? 32) || 32 : prev.bufferCount,
    bufferSize: buffers ? (size("gzip_buffers", 1) ?? 4096) : prev.bufferSize,
    pieceSize: pieceSize === null ? prev.pieceSize : (pieceSize ?? 32 * 1024),
    disable: disable.length > 0 ? disable.flatMap((d) => d.args.map(disableValue)) : prev.disable,
  };
}

function disableValue(arg: string): GzipDisable {
  if (arg.toLowerCase() === "msie6") return { arg, msie6: true, regex: null };
  const compiled = compileRegex(utf8ToLatin1(arg), { caseInsensitive: true });
  return { arg, msie6: false, regex: compiled.ok ? compiled.regex : null };
}
