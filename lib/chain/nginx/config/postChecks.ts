/**
 * What nginx checks after it has read the whole http block (ngx_http_block): duplicate static locations per
 * server, every used variable being defined, and server names claimed twice on the same address.
 */
import type { ConfigLoader } from "./loader";
import type { LocationInfo } from "./scope";
import { isBuiltinVariable } from "./variables";

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
          `location "${loc.name}"이 같은 server 안에 이미 있습니다 (${same.line}번째 줄). 하나로 합치세요.`,
        );
      } else {
        seen.push(loc);
      }
    }
  }
  for (const loc of locations) duplicateLocations(loader, loc.children);
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
  const byAddress = new Map<string, Set<string>>();
  for (const server of loader.servers) {
    const addresses = server.listens.length > 0 ? server.listens.map((l) => l.address) : ["0.0.0.0:80"];
    for (const address of addresses) {
      const names = byAddress.get(address) ?? new Set<string>();
      byAddress.set(address, names);
      const mine = new Set<string>();
      for (const name of server.names.length > 0 ? server.names : [""]) {
        if (name.startsWith("~") || mine.has(name)) continue;
        mine.add(name);
        if (names.has(name)) {
          loader.diag.bare(
            server.file,
            server.line,
            `conflicting server name "${name}" on ${address}, ignored`,
            `서버 이름 "${name}"을 ${address}에서 쓰는 server 블록이 둘 이상입니다. 뒤의 것은 무시됩니다.`,
            "warn",
          );
        } else {
          names.add(name);
        }
      }
    }
  }
}
