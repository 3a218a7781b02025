/**
 * Where a location's files come from and what they are (ngx_http_core_module's root/alias, types, default_type,
 * etag, log_not_found, try_files; ngx_http_index_module; ngx_http_autoindex_module).
 */
import { compileTemplate, DEFAULT_ROOT, type Template } from "../variables";
import type { OwnDirectives } from "./own";

/** `root` or `alias`: the one of the innermost level that has either (the last one there). */
export interface RootSetting {
  via: "root" | "alias" | "default";
  /** The argument as written; `value` is it split into literals and variables. */
  arg: string;
  value: Template;
}

export interface StaticSettings {
  root: RootSetting;
  /** `index` file names (templates), "index.html" unless set. */
  index: ReadonlyArray<Template>;
  autoindex: boolean;
  /** `try_files` arguments (files…, then the fallback), null when not set. */
  tryFiles: ReadonlyArray<string> | null;
  /** Extension (lower case) → MIME type: the innermost `types {}` blocks, else http{}'s (mime.types). */
  types: ReadonlyMap<string, string>;
  defaultType: string;
  etag: boolean;
  logNotFound: boolean;
}

/** http{}'s own values with nginx's defaults; `httpTypes` are its `types {}` blocks (a later mapping wins). */
export function httpStaticDefaults(httpTypes: ReadonlyMap<string, string>): StaticSettings {
  return {
    root: { via: "default", arg: DEFAULT_ROOT, value: compileTemplate(DEFAULT_ROOT) },
    index: [compileTemplate("index.html")],
    autoindex: false,
    tryFiles: null,
    types: httpTypes,
    defaultType: "text/plain",
    etag: true,
    logNotFound: true,
  };
}

export function mergeStatic(prev: StaticSettings, own: OwnDirectives, isHttp: boolean): StaticSettings {
  let root: RootSetting = prev.root;
  for (const d of own.directives) {
    if (d.name === "root" || d.name === "alias") {
      const arg = d.args[0] ?? "";
      root = { via: d.name, arg, value: compileTemplate(arg) };
    }
  }
  const index = own.last("index");
  const tryFiles = own.last("try_files");
  const defaultType = own.last("default_type");
  return {
    root,
    index: index ? index.args.map(compileTemplate) : prev.index,
    autoindex: own.flag("autoindex") ?? prev.autoindex,
    tryFiles: tryFiles ? (tryFiles.args.length >= 2 ? tryFiles.args : null) : prev.tryFiles,
    // http{}'s types are the mime.types map already given; below it a level's own blocks replace them entirely.
    types: (!isHttp && ownTypes(own)) || prev.types,
    defaultType: defaultType ? (defaultType.args[0] ?? "text/plain") : prev.defaultType,
    etag: own.flag("etag") ?? prev.etag,
    logNotFound: own.flag("log_not_found") ?? prev.logNotFound,
  };
}

/** A server's or location's `types {}` blocks as one map, the first mapping of an extension winning; null: none. */
function ownTypes(own: OwnDirectives): ReadonlyMap<string, string> | null {
  const blocks = own.all("types").filter((d) => d.block);
  if (blocks.length === 0) return null;
  const types = new Map<string, string>();
  for (const b of blocks) for (const t of b.block!) for (const a of t.args) if (!types.has(a.toLowerCase())) types.set(a.toLowerCase(), t.name);
  return types;
}
