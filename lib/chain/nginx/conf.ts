/**
 * The request-time view of a loaded configuration, compiled once per config object: servers with their names and
 * listen addresses, location trees and regexes, and every level's settings merged as nginx's merge_loc_conf does
 * (settings/): http{} → server{} → location{} → nested location{} or `if {}` block.
 */
import { parsePeer, type UpstreamTarget } from "./upstream-target";
import { httpSettings, mergeSettings, type LocationSettings } from "./settings";
import type { Directive, NginxConfig } from "./config/types";
import { compileRegex, type LinearRegex } from "../regex";
import { utf8ToLatin1 } from "../http/bytes";

export type LocationModifier = "=" | "^~" | "~" | "~*" | "" | "@";

export interface LocationConf {
  modifier: LocationModifier;
  /** The location's name as written (`/static/`, `\.(png|jpg)$`, `@fallback`). */
  name: string;
  directives: Directive[];
  parent: LocationConf | null;
  server: ServerConf;
  /** Nested locations, in config order. */
  children: LocationConf[];
  /** Compiled pattern for `~`/`~*`; null when our regex engine rejected it (never matches). */
  regex: LinearRegex | null;
  regexError?: string;
  line: number;
  /** Its settings: its own directives merged over the level around it. */
  settings: LocationSettings;
  /**
   * Its `if {}` blocks that carry directives of other modules than rewrite: a true one becomes the request's
   * location configuration, as in nginx (ngx_http_rewrite_if). (nginx allows no `if` inside an `if`.)
   */
  ifBlocks: Map<Directive, LocationConf>;
}

export interface ListenConf {
  address: string;
  port: number;
  defaultServer: boolean;
}

export interface ServerConf {
  index: number;
  directives: Directive[];
  names: string[];
  listens: ListenConf[];
  locations: LocationConf[];
  named: Map<string, LocationConf>;
  http: HttpConf;
  /** The settings of a request no location takes (and the level every top-level location merges over). */
  settings: LocationSettings;
}

export interface HttpConf {
  directives: Directive[];
  /** Extension (lower case) → MIME type, from every `types {}` block of http{}. */
  types: Map<string, string>;
  servers: ServerConf[];
  /** `upstream {}` blocks by lower-case name. */
  upstreamGroups: Map<string, UpstreamGroup>;
  settings: LocationSettings;
}

/** An `upstream {}` block: the servers nginx tries, in order: `down` ones left out, `backup` ones last. */
export interface UpstreamGroup {
  peers: UpstreamTarget[];
}

function parseListen(d: Directive): ListenConf | null {
  const spec = d.args[0] ?? "";
  const defaultServer = d.args.includes("default_server") || d.args.includes("default");
  if (spec.startsWith("unix:")) return null;
  if (spec.startsWith("[")) {
    const m = /^\[([^\]]*)\](?::(\d+))?$/.exec(spec);
    return m ? { address: `[${m[1]}]`, port: Number(m[2] ?? 80), defaultServer } : null;
  }
  if (/^\d+$/.test(spec)) return { address: "*", port: Number(spec), defaultServer };
  const m = /^([^:]+)(?::(\d+))?$/.exec(spec);
  if (!m) return null;
  return { address: m[1] === "localhost" ? "127.0.0.1" : m[1]!, port: Number(m[2] ?? 80), defaultServer };
}

function buildLocation(d: Directive, parent: LocationConf | null, server: ServerConf): LocationConf {
  const directives = d.block ?? [];
  let modifier: LocationModifier = "";
  let name = d.args[0] ?? "";
  if (d.args.length >= 2) {
    modifier = d.args[0] as LocationModifier;
    name = d.args[1]!;
  } else if (name.startsWith("@")) {
    modifier = "@";
  } else if (name.startsWith("=") && name.length > 1) {
    modifier = "=";
    name = name.slice(1);
  } else if (name.startsWith("^~") && name.length > 2) {
    modifier = "^~";
    name = name.slice(2);
  } else if (name.startsWith("~*") && name.length > 2) {
    modifier = "~*";
    name = name.slice(2);
  } else if (name.startsWith("~") && name.length > 1) {
    modifier = "~";
    name = name.slice(1);
  }
  // Locations match the URI's bytes: a Korean name or pattern is compared as its UTF-8 bytes.
  name = utf8ToLatin1(name);
  const loc: LocationConf = {
    modifier,
    name,
    directives,
    parent,
    server,
    children: [],
    regex: null,
    line: d.line,
    settings: mergeSettings((parent ?? server).settings, directives, server.http.directives),
    ifBlocks: new Map(),
  };
  if (modifier === "~" || modifier === "~*") {
    const compiled = compileRegex(name, { caseInsensitive: modifier === "~*" });
    if (compiled.ok) loc.regex = compiled.regex;
    else loc.regexError = compiled.error.message;
  }
  for (const child of loc.directives) {
    if (child.name === "location") loc.children.push(buildLocation(child, loc, server));
  }
  addIfBlocks(loc);
  return loc;
}

const REWRITE_NAMES = ["rewrite", "return", "break", "set", "if"];

/**
 * A location's `if` blocks that have directives of other modules get their own location configuration, as nginx
 * compiles them: the location's name and kind, settings merged over the location's.
 */
function addIfBlocks(loc: LocationConf): void {
  for (const d of loc.directives) {
    if (d.name !== "if" || !d.block || d.block.every((x) => REWRITE_NAMES.includes(x.name))) continue;
    loc.ifBlocks.set(d, {
      ...loc,
      directives: d.block,
      parent: loc,
      children: [],
      settings: mergeSettings(loc.settings, d.block, loc.server.http.directives),
      ifBlocks: new Map(),
    });
  }
}

/**
 * The location configuration a true `if` makes current, found from the one the request is in: after an earlier
 * true `if` of the same location, through that one's parent (each `if` is merged over the location, not over an
 * earlier `if`: measured on nginx 1.22.1). Undefined for an `if` with rewrite directives only, and for server{}'s.
 */
export function ifLocation(location: LocationConf | null, d: Directive): LocationConf | undefined {
  for (let l = location; l; l = l.parent) {
    const found = l.ifBlocks.get(d);
    if (found) return found;
  }
  return undefined;
}

/**
 * Compiled configurations by loaded config object. A loaded NginxConfig is never changed after loading (run.ts
 * shares one per config text across requests), and nothing changes an HttpConf while a request runs, so compiling
 * (location trees, regexes) once per config object is safe; the entry goes with the config object.
 */
const compiledConfigs = new WeakMap<NginxConfig, HttpConf>();

/** Servers and location trees of the loaded config, compiled once per config object. Never throws. */
export function compileConfig(config: NginxConfig): HttpConf {
  let http = compiledConfigs.get(config);
  if (!http) {
    http = buildHttpConf(config);
    compiledConfigs.set(config, http);
  }
  return http;
}

/** Turn the loaded config into servers and location trees. */
function buildHttpConf(config: NginxConfig): HttpConf {
  const httpBlock = config.main.find((d) => d.name === "http")?.block ?? [];
  const types = new Map<string, string>();
  for (const d of httpBlock) {
    if (d.name !== "types" || !d.block) continue;
    for (const t of d.block) for (const ext of t.args) types.set(ext.toLowerCase(), t.name);
  }
  const http: HttpConf = { directives: httpBlock, types, servers: [], upstreamGroups: new Map(), settings: httpSettings(httpBlock, types) };
  for (const d of httpBlock) {
    if (d.name !== "upstream" || !d.block) continue;
    const primary: UpstreamTarget[] = [];
    const backup: UpstreamTarget[] = [];
    for (const s of d.block) {
      const target = s.name === "server" ? parsePeer(s.args[0] ?? "") : null;
      if (target && !s.args.includes("down")) (s.args.slice(1).includes("backup") ? backup : primary).push(target);
    }
    http.upstreamGroups.set(d.args[0]!.toLowerCase(), { peers: [...primary, ...backup] });
  }
  httpBlock
    .filter((d) => d.name === "server")
    .forEach((d, index) => {
      const directives = d.block ?? [];
      const settings = mergeSettings(http.settings, directives, httpBlock);
      const server: ServerConf = { index, directives, names: [], listens: [], locations: [], named: new Map(), http, settings };
      for (const sd of directives) {
        if (sd.name === "server_name") server.names.push(...sd.args);
        else if (sd.name === "listen") {
          const l = parseListen(sd);
          if (l) server.listens.push(l);
        } else if (sd.name === "location") {
          const loc = buildLocation(sd, null, server);
          if (loc.modifier === "@") server.named.set(loc.name, loc);
          else server.locations.push(loc);
        }
      }
      if (server.listens.length === 0) server.listens.push({ address: "*", port: 80, defaultServer: false });
      if (server.names.length === 0) server.names.push("");
      http.servers.push(server);
    });
  return http;
}

/** How a location is written in nginx's debug log and in `nginx -T`: `= /health`, `~* \.png$`, `/static/`. */
export function locationLabel(loc: LocationConf): string {
  return loc.modifier ? `${loc.modifier} ${loc.name}` : loc.name;
}
