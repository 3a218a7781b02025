/**
 * What nginx checks after it has read the whole http block (ngx_http_block): duplicate static locations per
 * server, every used variable being defined, and server names claimed twice on the same address.
 */
import { buildHash, proxyHeaderKeys } from "./hashes";
import { openLogFailure } from "./machine";
import type { ConfigLoader } from "./loader";
import type { ConfNode, LocationInfo, ServerInfo } from "./scope";
import { isBuiltinVariable } from "./variables";
import { josa } from "../../korean";

function duplicateLocations(loader: ConfigLoader, locations: LocationInfo[]): void {
  const seen: LocationInfo[] = [];
  for (const loc of locations) {
    const group = loc.kind === "exact" ? "exact" : loc.kind === "prefix" || loc.kind === "noregex" ? "inclusive" : null;
    if (group) {
      const same = seen.find((s) => s.name === loc.name && (s.kind === "exact" ? "exact" : "inclusive") === group);
      if (same) {
        loader.diag.bare(
          loc.file,
          loc.line,
          `duplicate location "${loc.name}" in ${loc.file}:${loc.line}`,
          `location "${loc.name}"${josa(loc.name, "이/가")} 같은 server 안에 이미 있습니다 (${same.line}번째 줄). 하나로 합치세요.`,
        );
      } else {
        seen.push(loc);
      }
    }
  }
  for (const loc of locations) duplicateLocations(loader, loc.children);
}

const CACHE_LINE = 64;
const alignBucket = (n: number) => Math.ceil(n / CACHE_LINE) * CACHE_LINE;

/** nginx's "could not build" messages for a hash called `name` (e.g. proxy_headers_hash). */
function hashMessages(name: string, max: number, bucket: number) {
  return {
    warn: `could not build optimal ${name}, you should increase either ${name}_max_size: ${max} or ${name}_bucket_size: ${bucket}; ignoring ${name}_bucket_size`,
    emerg: `could not build ${name}, you should increase ${name}_bucket_size: ${bucket}`,
  };
}
const PROXY_HASH_KO =
  "같은 헤더를 proxy_set_header로 두 번 설정했을 가능성이 큽니다 (예: include proxy_params 뒤에 X-Forwarded-Proto를 다시 설정). 중복된 줄을 지우세요.";

/**
 * The proxy module builds the hash of proxy_set_header names when it merges each level that has its own list
 * (server, location, if, limit_except) and once for http's list (or the defaults); levels without their own list
 * reuse their parent's table.
 */
function proxyHeaderHashes(loader: ConfigLoader): void {
  type Sizes = { max: number; bucket: number };
  const sizesAt = (node: ConfNode, parent: Sizes): Sizes => ({
    max: node.hashSizes.get("proxy_headers_hash_max_size") ?? parent.max,
    bucket: node.hashSizes.get("proxy_headers_hash_bucket_size") ?? parent.bucket,
  });
  const check = (node: ConfNode, names: string[], sizes: Sizes) => {
    const bucket = alignBucket(sizes.bucket);
    const r = buildHash(proxyHeaderKeys(names), sizes.max, bucket);
    const m = hashMessages("proxy_headers_hash", sizes.max, bucket);
    if (r === "not-optimal") loader.diag.bare(node.file, node.line, m.warn, PROXY_HASH_KO, "warn");
    if (r === "bucket-too-small") loader.diag.bare(node.file, node.line, m.emerg, "proxy_set_header의 헤더 이름이 너무 깁니다.");
  };
  const walk = (nodes: ConfNode[], sizes: Sizes) => {
    for (const n of nodes) {
      const mine = sizesAt(n, sizes);
      if (n.proxyHeaders) check(n, n.proxyHeaders, mine);
      walk(n.children, mine);
    }
  };
  for (const http of loader.confRoots) {
    const httpSizes = sizesAt(http, { max: 512, bucket: 64 });
    // The first server that inherits http's list builds its table and hands it back to http (prev->headers =
    // conf->headers), so later servers reuse it.
    let httpBuilt = false;
    for (const server of http.children) {
      const sizes = sizesAt(server, httpSizes);
      if (server.proxyHeaders) check(server, server.proxyHeaders, sizes);
      else if (!httpBuilt) {
        check(server, http.proxyHeaders ?? [], sizes);
        httpBuilt = true;
      }
      walk(server.children, sizes);
    }
  }
}

/** After "syntax is ok": nginx opens every log file named in the configuration, in the order first named. */
export function openFilesCheck(loader: ConfigLoader): void {
  for (const [path, at] of loader.openFiles) {
    const failure = openLogFailure(path);
    if (failure) {
      loader.diag.late(at.file, at.line, failure, `로그 파일 "${path}"${josa(path, "을/를")} 열 수 없습니다. 그 디렉터리가 서버에 없거나 경로가 디렉터리입니다. 보통은 /var/log/nginx/ 아래에 둡니다.`);
    }
  }
}

export function afterHttpChecks(loader: ConfigLoader): void {
  // Merging each server's configuration (ngx_http_ssl_merge_srv_conf).
  for (const server of loader.servers) {
    if (server.ssl && !server.certificate && !loader.httpCertificate) {
      loader.diag.bare(
        server.file,
        server.line,
        `no "ssl_certificate" is defined for the "listen ... ssl" directive in ${server.file}:${server.line}`,
        "listen에 ssl을 붙였지만 ssl_certificate(인증서)가 없습니다. 이 코스는 평문 HTTP만 다루므로 ssl을 빼세요.",
      );
    }
  }
  proxyHeaderHashes(loader);
  for (const server of loader.servers) duplicateLocations(loader, server.locations);

  const reported = new Set<string>();
  for (const use of loader.variableUses) {
    const key = use.name.toLowerCase();
    if (isBuiltinVariable(key) || loader.definedVariables.has(key) || reported.has(key)) continue;
    reported.add(key);
    loader.diag.bare(
      use.file,
      use.line,
      `unknown "${use.name}" variable`,
      `"$${use.name}"라는 변수는 없습니다. 철자를 확인하거나 set $${use.name} ...;으로 먼저 정의하세요.`,
    );
  }

  // A server with no listen listens on *:80 (nginx runs as root on the modelled machine).
  const byAddress = new Map<string, ServerInfo[]>();
  for (const server of loader.servers) {
    const addresses = server.listens.length > 0 ? server.listens.map((l) => l.address) : ["0.0.0.0:80"];
    for (const address of new Set(addresses)) byAddress.set(address, [...(byAddress.get(address) ?? []), server]);
  }
  // Names are hashed only for an address shared by several servers (ngx_http_optimize_servers): a name met
  // twice there, even twice in one server, is a conflict; then the exact names must fit the hash.
  const http = loader.confRoots[0];
  const max = http?.hashSizes.get("server_names_hash_max_size") ?? 512;
  const bucket = alignBucket(http?.hashSizes.get("server_names_hash_bucket_size") ?? CACHE_LINE);
  const m = hashMessages("server_names_hash", max, bucket);
  for (const [address, servers] of byAddress) {
    if (servers.length < 2) continue;
    const names = new Set<string>();
    const exact: string[] = [];
    for (const server of servers) {
      for (const name of server.names.length > 0 ? server.names : [""]) {
        if (name.startsWith("~")) continue;
        if (names.has(name)) {
          loader.diag.bare(server.file, server.line, `conflicting server name "${name}" on ${address}, ignored`,
            `서버 이름 "${name}"${josa(name, "을/를")} ${address}에서 쓰는 server 블록(또는 server_name)이 둘 이상입니다. 뒤의 것은 무시됩니다.`, "warn");
          continue;
        }
        names.add(name);
        if (!name.startsWith("*.") && !name.startsWith(".") && !name.endsWith(".*")) exact.push(name);
      }
    }
    const r = buildHash(exact, max, bucket);
    if (r === "bucket-too-small") {
      loader.diag.bare(servers[0].file, servers[0].line, m.emerg, "server_name이 너무 깁니다. 사이트 파일 맨 위(http 블록 수준)에 server_names_hash_bucket_size 128;을 두거나 이름을 줄이세요.");
    } else if (r === "not-optimal") {
      loader.diag.bare(servers[0].file, servers[0].line, m.warn, "server_name이 너무 많거나 깁니다. server_names_hash_max_size나 server_names_hash_bucket_size를 늘리세요.", "warn");
    }
  }
}
