/** Shapes shared by the walker (loader.ts) and the directive handlers. */
import type { Context } from "./directives";
import type { Diagnostics } from "./diagnostics";

export type LocationKind = "exact" | "prefix" | "noregex" | "regex" | "regex-ci" | "named";

export interface LocationInfo {
  name: string;
  kind: LocationKind;
  file: string;
  line: number;
  children: LocationInfo[];
}

export interface ListenInfo {
  /** As nginx prints it: `0.0.0.0:80`, `127.0.0.1:8080`, `[::]:80`, `unix:/path`. */
  address: string;
  defaultServer: boolean;
  file: string;
  line: number;
}

export interface ServerInfo {
  file: string;
  line: number;
  locations: LocationInfo[];
  listens: ListenInfo[];
  names: string[];
  /** A `listen ... ssl` was seen. */
  ssl?: boolean;
  /** An `ssl_certificate` (not modelled) was seen in this server. */
  certificate?: boolean;
}

/**
 * One configuration level as nginx merges them (http, each server, each location, `if` and `limit_except`
 * block), in config order: what the after-http checks need to know about it.
 */
export interface ConfNode {
  kind: "http" | "server" | "location";
  file: string;
  line: number;
  /** Names set by proxy_set_header at this level; undefined when the level inherits them. */
  proxyHeaders?: string[];
  /** Hash sizing directives set at this level (`proxy_headers_hash_max_size 1024` → 1024). */
  hashSizes: Map<string, number>;
  children: ConfNode[];
}

/** One block being read: its context and what was already set in it (for "is duplicate"). */
export interface Scope {
  ctx: Context | "types";
  seen: Set<string>;
  rootKind?: "root" | "alias";
  /** The innermost location (also set inside `if` and `limit_except` within it). */
  location?: LocationInfo;
  server?: ServerInfo;
  /** Extensions declared in a `types {}` block, for nginx's duplicate-extension warning. */
  types?: Map<string, string>;
  /** The configuration level this block is (absent for `events`, `types` and the main level). */
  conf?: ConfNode;
  /** Values already set by bitmask directives (gzip_proxied, ssl_protocols), lowercased: nginx warns on repeats. */
  bitmasks?: Map<string, Set<string>>;
  /** MIME types listed by gzip_types/charset_types in this block (with the defaults), lowercased; "*" = any. */
  mimeLists?: Map<string, Set<string>>;
  /** proxy_pass in this block, and whether its URL has variables (for `proxy_redirect default`). */
  proxyPass?: { variables: boolean };
  /** `proxy_redirect off` was given / how many other proxy_redirect rules were given. */
  redirectOff?: boolean;
  redirects?: number;
}

/** A directive as read: words, where its first word and its terminator (`;` or `{`) were. */
export interface Statement {
  name: string;
  args: string[];
  quoted: boolean[];
  file: string;
  /** Line of the first word (Directive.line). */
  startLine: number;
  /** Line of `;` or `{`: the line nginx prints. */
  line: number;
  block: boolean;
}

/** What a handler may do besides reading its statement. */
export interface HandlerEnv {
  diag: Diagnostics;
  /** Reports at the statement's place: `<message> in file:line`. */
  error(message: string, messageKo: string, level?: "emerg" | "warn"): void;
  /** Scans a value that nginx compiles as a script; reports its syntax errors; records uses. */
  useVariables(value: string): boolean;
  defineVariable(name: string): void;
  logFormats: Set<string>;
  /** Log files nginx will open after parsing, in order (path as written, where it was named). */
  openFiles: Map<string, { file: string; line: number }>;
  defaultServers: Map<string, ListenInfo>;
  servers: ServerInfo[];
  /**
   * Names of `upstream` blocks anywhere in the site file (nginx resolves proxy_pass http://name after reading
   * everything, so a block below its proxy_pass counts), and the ones read so far (for "duplicate upstream").
   */
  upstreams: Set<string>;
  upstreamBlocks: Set<string>;
}
