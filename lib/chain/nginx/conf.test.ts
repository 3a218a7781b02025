/**
 * The compiled configuration and the lookups on it are computed once and shared by every request: they must equal
 * a fresh computation, and nothing a request does may change them.
 */
import { describe, expect, it } from "vitest";
import { loadNginxConfig } from "./config";
import type { Directive, NginxConfig } from "./config/types";
import { compileConfig, directive, directiveSet, levelsOf, perLevels, type HttpConf } from "./conf";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { req } from "./testing";

const site = `
server {
  listen 80;
  server_name localhost;
  root /srv/site;
  add_header X-Server s;
  location /a/ { expires 1h; add_header X-A a; add_header X-B b; }
  location ~ \\.css$ { default_type text/css; }
  location /if/ { if ($arg_x) { add_header X-If yes; } }
}`;

function load(): NginxConfig {
  const loaded = loadNginxConfig({ siteName: "t", siteText: site });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

/** Everything of the compiled form except the back references (parent, server, http), for comparing two builds. */
function shape(http: HttpConf): unknown {
  return JSON.parse(JSON.stringify(http, (key, value) => (key === "parent" || key === "server" || key === "http" || key === "regex" ? undefined : value instanceof Map ? [...value] : value)));
}

describe("compileConfig", () => {
  it("compiles a config object once and gives the same result as compiling an identical copy", () => {
    const config = load();
    const first = compileConfig(config);
    expect(compileConfig(config)).toBe(first);
    const copy = load();
    const fresh = compileConfig(copy);
    expect(fresh).not.toBe(first);
    expect(shape(fresh)).toEqual(shape(first));
  });

  it("is not changed by requests", () => {
    const config = load();
    const before = JSON.stringify(config);
    const compiled = shape(compileConfig(config));
    const fs = createVirtualFs([{ at: "/srv/site/", files: new Map([["a/x.css", new Uint8Array([0x61])]]), mtimeMs: 0 }]);
    for (const path of ["/a/x.css", "/if/?x=1", "/if/", "/nope", "/a/"]) {
      runNginx({ config, raw: req(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`), client: { address: "127.0.0.1", port: 1 }, fs, upstreams: [], epochMs: 0, trace: [] });
    }
    expect(JSON.stringify(config)).toBe(before);
    expect(shape(compileConfig(config))).toEqual(compiled);
  });
});

describe("levels and directive lookups", () => {
  const http = compileConfig(load());
  const server = http.servers[0]!;
  const a = server.locations.find((l) => l.name === "/a/")!;

  /** The lookups as they were before answers were kept: a plain search of the chain. */
  function search(levels: readonly Directive[][], name: string): Directive | undefined {
    for (const level of levels) {
      const found = level.filter((d) => d.name === name);
      if (found.length > 0) return found[found.length - 1];
    }
    return undefined;
  }

  it("gives each location (or server) one shared chain", () => {
    expect(levelsOf(server, a)).toBe(levelsOf(server, a));
    expect(levelsOf(server, null)).toBe(levelsOf(server, null));
    expect(levelsOf(server, a)).toEqual([a.directives, server.directives, http.directives]);
  });

  it("answers every lookup as a plain search does, asked once or twice", () => {
    for (const loc of [a, null, ...server.locations]) {
      const levels = levelsOf(server, loc);
      for (const name of ["expires", "add_header", "root", "default_type", "gzip", "nope", "types"]) {
        for (let round = 0; round < 2; round++) {
          expect(directive(levels, name)).toBe(search(levels, name));
          const set = directiveSet(levels, name);
          const level = levels.find((l) => l.some((d) => d.name === name));
          expect([...set]).toEqual(level ? level.filter((d) => d.name === name) : []);
        }
      }
    }
  });

  it("perLevels derives a value once per chain", () => {
    let calls = 0;
    const count = perLevels((levels) => {
      calls++;
      return levels.length;
    });
    expect(count(levelsOf(server, a))).toBe(3);
    expect(count(levelsOf(server, a))).toBe(3);
    expect(count(levelsOf(server, null))).toBe(2);
    expect(calls).toBe(2);
  });
});
