/**
 * Which server{} and which location{} handle a request, in nginx's real order
 * (ngx_http_find_virtual_server, ngx_http_core_find_location / find_static_location).
 */
import type { DecisionTest } from "../trace";
import { compileRegex } from "../regex";
import { locationLabel, type HttpConf, type LocationConf, type ServerConf } from "./conf";
import { latin1ToUtf8 } from "../http/bytes";

export interface ServerChoice {
  server: ServerConf | null;
  tests: DecisionTest[];
  byDefault: boolean;
}

function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith("~")) {
    const r = compileRegex(pattern.slice(1), { caseInsensitive: false });
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

export function selectServer(http: HttpConf, host: string | null, local: { address: string; port: number }): ServerChoice {
  const onPort = http.servers.filter((s) => s.listens.some((l) => l.port === local.port && (l.address === local.address || l.address === "*")));
  const specific = onPort.filter((s) => s.listens.some((l) => l.port === local.port && l.address === local.address));
  const candidates = specific.length > 0 ? specific : onPort;
  const tests: DecisionTest[] = [];
  if (candidates.length === 0) return { server: null, tests, byDefault: true };
  const defaultServer = candidates.find((s) => s.listens.some((l) => l.port === local.port && l.defaultServer)) ?? candidates[0]!;
  const wanted = host ?? "";
  let best: { server: ServerConf; priority: number } | null = null;
  for (const server of candidates) {
    const names = server.names.filter((n) => n !== "_");
    const hit = names.filter((n) => (n === "" ? wanted === "" : wanted !== "" && nameMatches(n, wanted)));
    const priority = hit.length ? Math.min(...hit.map(namePriority)) : Infinity;
    tests.push({
      subject: `server_name ${server.names.join(" ") || '""'}`,
      matched: hit.length > 0,
      note: hit.length > 0 ? `Host "${wanted}"가 이름 ${hit[0]}와 맞습니다.` : `Host "${wanted}"와 맞는 이름이 없습니다.`,
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

const CONTENT_PASS = ["proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass", "memcached_pass"];

function isAutoRedirect(loc: LocationConf): boolean {
  return loc.name.endsWith("/") && loc.modifier !== "=" && loc.directives.some((d) => CONTENT_PASS.includes(d.name));
}

/** nginx sorts a level's plain locations by name (ngx_http_cmp_locations), exact before prefix on a tie. */
function sortedStatic(locs: LocationConf[]): LocationConf[] {
  return locs
    .filter((l) => l.modifier === "" || l.modifier === "=" || l.modifier === "^~")
    .slice()
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.modifier === "=" ? -1 : b.modifier === "=" ? 1 : 0));
}

function show(s: string): string {
  return latin1ToUtf8(s);
}

interface LevelResult {
  kind: "exact" | "regex" | "prefix" | "none" | "redirect";
  location: LocationConf | null;
  noregex: boolean;
}

function findAtLevel(
  locs: LocationConf[],
  uri: string,
  out: LocationChoice,
  depth: number,
): LevelResult {
  if (depth > 16) return { kind: "none", location: null, noregex: false };
  let best: LocationConf | null = null;
  for (const loc of sortedStatic(locs)) {
    const exact = loc.modifier === "=";
    const matched = exact ? uri === loc.name : uri.startsWith(loc.name);
    out.tests.push({
      subject: `test location: "${show(loc.name)}"${exact ? " (=)" : loc.modifier === "^~" ? " (^~)" : ""}`,
      matched,
      note: matched
        ? exact
          ? "정확히 일치(=)합니다. 더 찾지 않고 바로 이 location을 씁니다."
          : `URI가 "${show(loc.name)}"로 시작합니다 (접두사 길이 ${loc.name.length}).`
        : exact
          ? "= location은 URI 전체가 똑같아야 합니다."
          : `URI가 "${show(loc.name)}"로 시작하지 않습니다.`,
    });
    if (!matched) {
      if (!out.autoRedirect && !exact && uri + "/" === loc.name && isAutoRedirect(loc)) out.autoRedirect = loc;
      continue;
    }
    if (exact) return { kind: "exact", location: loc, noregex: true };
    if (!best || loc.name.length > best.name.length) best = loc;
  }
  // "/app" against `location /app/ { proxy_pass … }`: nginx stops here and answers 301 "/app/" (NGX_DONE).
  if (out.autoRedirect) {
    if (!best || best.name.length < out.autoRedirect.name.length) return { kind: "redirect", location: out.autoRedirect, noregex: true };
    out.autoRedirect = null;
  }
  let result: LevelResult = { kind: best ? "prefix" : "none", location: best, noregex: best?.modifier === "^~" };
  if (best) {
    if (best.children.length > 0) {
      const nested = findAtLevel(best.children, uri, out, depth + 1);
      if (nested.kind === "exact" || nested.kind === "regex" || nested.kind === "redirect") return nested;
      if (nested.location) result = { ...result, location: nested.location };
    }
    if (result.noregex) return result;
  }
  for (const loc of locs) {
    if (loc.modifier !== "~" && loc.modifier !== "~*") continue;
    const m = loc.regex ? loc.regex.exec(uri) : null;
    out.tests.push({
      subject: `test location: ${loc.modifier} "${show(loc.name)}"`,
      matched: m !== null,
      note: loc.regex
        ? m
          ? `정규식이 URI와 맞습니다${loc.modifier === "~*" ? " (대소문자 무시)" : ""}. 설정 파일 순서상 처음 맞은 정규식이 이깁니다.`
          : `정규식이 URI와 맞지 않습니다${loc.modifier === "~*" ? " (대소문자 무시)" : ""}.`
        : `이 정규식은 모형이 지원하지 않아 맞지 않는 것으로 봅니다: ${loc.regexError ?? ""}`,
    });
    if (m) {
      out.captures = m.groups;
      out.named = m.named;
      if (loc.children.length > 0) {
        const nested = findAtLevel(loc.children, uri, out, depth + 1);
        if (nested.location) return { kind: "regex", location: nested.location, noregex: true };
      }
      return { kind: "regex", location: loc, noregex: true };
    }
  }
  return result;
}

/** Find the location for `uri` (a latin-1 byte string) in `server`. */
export function selectLocation(server: ServerConf, uri: string): LocationChoice {
  const out: LocationChoice = { location: null, tests: [], captures: null, named: {}, autoRedirect: null };
  const r = findAtLevel(server.locations, uri, out, 0);
  out.location = r.location;
  if (r.kind !== "redirect") out.autoRedirect = null;
  return out;
}

export { locationLabel };
