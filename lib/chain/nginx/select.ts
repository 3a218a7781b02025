/**
 * Which server{} and which location{} handle a request, in nginx's real order
 * (ngx_http_find_virtual_server, ngx_http_core_find_location / find_static_location).
 */
import type { DecisionTest } from "../trace";
import { compileRegex, type RegexCompileResult } from "../regex";
import { memo } from "../memo";
import { locationLabel, type HttpConf, type LocationConf, type ServerConf } from "./conf";
import { latin1ToUtf8 } from "../http/bytes";
import { findStatic, staticTree, type TreeVisit } from "./location-tree";
import { josa } from "../korean";

export interface ServerChoice {
  server: ServerConf | null;
  tests: DecisionTest[];
  byDefault: boolean;
}

/** Compiled `~` server names by pattern (bounded; compiled results never change). */
const serverNameRegexes = memo<RegexCompileResult>(64);

function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith("~")) {
    const r = serverNameRegexes.get(pattern, () => compileRegex(pattern.slice(1), { caseInsensitive: false }));
    return r.ok && r.regex.test(host);
  }
  if (p.startsWith("*.")) return host.endsWith(p.slice(1));
  if (p.startsWith(".")) return host === p.slice(1) || host.endsWith(p);
  if (p.endsWith(".*")) return host.startsWith(p.slice(0, -1));
  return p === host;
}

/** Name match priority as nginx: exact, leading wildcard, trailing wildcard, regex (config order). */
function namePriority(pattern: string): number {
  if (pattern.startsWith("~")) return 3;
  if (pattern.startsWith("*.") || pattern.startsWith(".")) return 1;
  if (pattern.endsWith(".*")) return 2;
  return 0;
}

/** The servers that can take a connection on one local address:port, and the default one among them. */
interface PortServers {
  address: string;
  port: number;
  candidates: ServerConf[];
  defaultServer: ServerConf | null;
  /** The server a request without a Host gets (`selectServer(http, null, local).server`). */
  withoutHost: ServerConf | null;
}

/** PortServers by config: a handful of local addresses per config (the oldest dropped past the bound). */
const portServers = new WeakMap<HttpConf, PortServers[]>();
const ADDRESSES_PER_CONFIG = 16;

function serversOn(http: HttpConf, local: { address: string; port: number }): PortServers {
  let known = portServers.get(http);
  if (!known) {
    known = [];
    portServers.set(http, known);
  }
  for (const entry of known) if (entry.address === local.address && entry.port === local.port) return entry;
  const entry = findServersOn(http, local);
  if (known.length >= ADDRESSES_PER_CONFIG) known.shift();
  known.push(entry);
  return entry;
}

function findServersOn(http: HttpConf, local: { address: string; port: number }): PortServers {
  const onPort = http.servers.filter((s) => s.listens.some((l) => l.port === local.port && (l.address === local.address || l.address === "*")));
  const specific = onPort.filter((s) => s.listens.some((l) => l.port === local.port && l.address === local.address));
  const candidates = specific.length > 0 ? specific : onPort;
  const { address, port } = local;
  if (candidates.length === 0) return { address, port, candidates, defaultServer: null, withoutHost: null };
  const defaultServer = candidates.find((s) => s.listens.some((l) => l.port === local.port && l.defaultServer)) ?? candidates[0]!;
  return { address, port, candidates, defaultServer, withoutHost: chooseServer(candidates, defaultServer, null).server };
}

export function selectServer(http: HttpConf, host: string | null, local: { address: string; port: number }): ServerChoice {
  const { candidates, defaultServer } = serversOn(http, local);
  return chooseServer(candidates, defaultServer, host);
}

/**
 * The server a request without a Host header would get (the fallback when a request cannot be parsed), or null when
 * no server listens on `local`. Depends on the configuration alone, so it is found once.
 */
export function serverWithoutHost(http: HttpConf, local: { address: string; port: number }): ServerConf | null {
  return serversOn(http, local).withoutHost;
}

function chooseServer(candidates: ServerConf[], defaultServer: ServerConf | null, host: string | null): ServerChoice {
  const tests: DecisionTest[] = [];
  if (!defaultServer) return { server: null, tests, byDefault: true };
  const wanted = host ?? "";
  let best: { server: ServerConf; priority: number } | null = null;
  for (const server of candidates) {
    const names = server.names.filter((n) => n !== "_");
    const hit = names.filter((n) => (n === "" ? wanted === "" : wanted !== "" && nameMatches(n, wanted)));
    const priority = hit.length ? Math.min(...hit.map(namePriority)) : Infinity;
    tests.push({
      subject: `server_name ${server.names.join(" ") || '""'}`,
      matched: hit.length > 0,
      note: hit.length > 0 ? `Host "${wanted}"${josa(wanted, "이/가")} 이름 ${hit[0]}${josa(hit[0], "과/와")} 맞습니다.` : `Host "${wanted}"${josa(wanted, "과/와")} 맞는 이름이 없습니다.`,
    });
    if (hit.length > 0 && (!best || priority < best.priority)) best = { server, priority };
  }
  if (best) return { server: best.server, tests, byDefault: false };
  return { server: defaultServer, tests, byDefault: true };
}

export interface LocationChoice {
  location: LocationConf | null;
  tests: DecisionTest[];
  /** Regex captures of the matching `~` location ($1…), or null. */
  captures: Array<string | undefined> | null;
  named: Record<string, string | undefined>;
  /** The URI is a proxied prefix location's name without its trailing slash: nginx answers 301 (auto_redirect). */
  autoRedirect: LocationConf | null;
}

function show(s: string): string {
  return latin1ToUtf8(s);
}

function fullName(loc: LocationConf | null): string {
  return loc ? show(locationLabel(loc)) : "";
}

function visitNote(v: TreeVisit): string {
  const loc = v.node.exact ?? v.node.inclusive;
  const which = `location ${fullName(loc)}`;
  switch (v.step) {
    case "left":
      return `${which}: 맞지 않습니다. 정렬된 이진 트리에서 왼쪽(사전순으로 앞)으로 갑니다.`;
    case "right":
      return `${which}: 맞지 않습니다. 이진 트리에서 오른쪽(사전순으로 뒤)으로 갑니다.`;
    case "exact-only-right":
      return `${which}: = location은 URI 전체가 같아야 해서 건너뜁니다.`;
    case "prefix":
      return `${which}: URI가 이 이름으로 시작합니다. 후보로 기억하고 더 긴 접두사를 찾아 아래로 내려갑니다.`;
    case "prefix-end":
      return `${which}: URI가 이 이름과 똑같습니다 (접두사 location).`;
    case "exact":
      return `${which}: 정확히 일치합니다(=). 더 찾지 않고 바로 이 location을 씁니다.`;
    case "redirect":
      return `${which}: URI에 "/"만 더하면 이 proxy/uwsgi location이 됩니다 (auto_redirect).`;
  }
}

/** ngx_http_core_find_location for one level, recursing into nested locations as nginx does. */
function findAtLevel(locs: LocationConf[], uri: string, out: LocationChoice, depth: number): { rc: "declined" | "again" | "ok" | "done"; location: LocationConf | null } {
  if (depth > 16) return { rc: "declined", location: null };
  const visits: TreeVisit[] = [];
  let r: { rc: "declined" | "again" | "ok" | "done"; location: LocationConf | null } = findStatic(staticTree(locs), uri, visits);
  for (const v of visits) out.tests.push({ subject: v.line, matched: v.matched, note: visitNote(v) });
  let noregex = false;
  if (r.rc === "again" && r.location) {
    noregex = r.location.modifier === "^~";
    const matched = r.location;
    const nested = findAtLevel(matched.children, uri, out, depth + 1);
    // A nested answer replaces the prefix match; DECLINED keeps it.
    r = nested.rc === "declined" ? { rc: "again", location: matched } : nested;
  }
  if (r.rc === "ok" || r.rc === "done") return r;
  if (noregex) return r;
  for (const loc of locs) {
    if (loc.modifier !== "~" && loc.modifier !== "~*") continue;
    const m = loc.regex ? loc.regex.exec(uri) : null;
    out.tests.push({
      // nginx prints "~" for both ~ and ~*.
      subject: `test location: ~ "${show(loc.name)}"`,
      matched: m !== null,
      note: loc.regex
        ? m
          ? `location ${fullName(loc)}: 정규식이 URI와 맞습니다${loc.modifier === "~*" ? " (대소문자 무시)" : ""}. 설정 파일 순서상 처음 맞은 정규식이 이깁니다.`
          : `location ${fullName(loc)}: 정규식이 URI와 맞지 않습니다${loc.modifier === "~*" ? " (대소문자 무시)" : ""}.`
        : `location ${fullName(loc)}: 이 정규식은 모형이 지원하지 않아 맞지 않는 것으로 봅니다: ${loc.regexError ?? ""}`,
    });
    if (m) {
      out.captures = m.groups;
      out.named = m.named;
      const nested = findAtLevel(loc.children, uri, out, depth + 1);
      return { rc: "ok", location: nested.rc === "declined" ? loc : nested.location };
    }
  }
  return r;
}

/** Find the location for `uri` (a latin-1 byte string) in `server`, with nginx's debug-log tests. */
export function selectLocation(server: ServerConf, uri: string): LocationChoice {
  const out: LocationChoice = { location: null, tests: [], captures: null, named: {}, autoRedirect: null };
  const r = findAtLevel(server.locations, uri, out, 0);
  out.location = r.location;
  if (r.rc === "done") out.autoRedirect = r.location;
  return out;
}

/** ngx_http_named_location: named locations are tested in name order until one is equal. */
export function namedLocationTests(server: ServerConf, name: string): DecisionTest[] {
  const names = [...server.named.keys()].sort();
  const tests: DecisionTest[] = [];
  for (const n of names) {
    const hit = n === name;
    tests.push({ subject: `test location: "${show(n)}"`, matched: hit, note: hit ? "이름이 같습니다." : "이름이 다릅니다." });
    if (hit) break;
  }
  return tests;
}

/** nginx's `using configuration "…"` text for a chosen location ("" = the server's own). */
export function usingConfiguration(loc: LocationConf | null): string {
  if (!loc) return 'using configuration ""';
  return `using configuration "${loc.modifier === "=" ? "=" : ""}${show(loc.name)}"`;
}

export { locationLabel };
