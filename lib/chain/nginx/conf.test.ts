/**
 * The compiled configuration, with every level's merged settings, is computed once and shared by every request: it
 * must equal a fresh computation, answer as nginx's inheritance does, and nothing a request does may change it.
 */
import { describe, expect, it } from "vitest";
import { loadNginxConfig } from "./config";
import type { Directive, NginxConfig } from "./config/types";
import { compileConfig, ifLocation, type HttpConf, type LocationConf } from "./conf";
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
  location /if/ {
    if ($arg_x) { add_header X-If yes; expires 1m; }
    if ($arg_y) { root /srv/two; }
    if ($arg_z) { set $z 1; }
  }
  location /rw/ { rewrite ^/rw/(.*)$ /a/$1 last; if ($uri ~* \\.PNG$) { return 404; } }
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
    for (const path of ["/a/x.css", "/if/?x=1", "/if/", "/nope", "/a/", "/rw/x.css", "/rw/b.png"]) {
      runNginx({ config, raw: req(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`), client: { address: "127.0.0.1", port: 1 }, fs, upstreams: [], epochMs: 0, trace: [] });
    }
    expect(JSON.stringify(config)).toBe(before);
    expect(shape(compileConfig(config))).toEqual(compiled);
  });
});

describe("settings merged once per level (merge_loc_conf)", () => {
  const config = load();
  const http = compileConfig(config);
  const server = http.servers[0]!;
  const byName = (name: string) => server.locations.find((l) => l.name === name)!;

  /** The directive lists from a location out to http{}, innermost first: what the request path used to search. */
  function levels(loc: LocationConf | null): Directive[][] {
    const list: Directive[][] = [];
    for (let l = loc; l; l = l.parent) list.push(l.directives);
    return [...list, server.directives, http.directives];
  }
  /** A plain search: the last occurrence in the innermost level that has the directive. */
  function search(loc: LocationConf | null, name: string): Directive | undefined {
    for (const level of levels(loc)) {
      const found = level.filter((d) => d.name === name);
      if (found.length > 0) return found[found.length - 1];
    }
    return undefined;
  }
  /** Every occurrence in the innermost level that has any. */
  function searchSet(loc: LocationConf | null, name: string): Directive[] {
    return levels(loc).find((level) => level.some((d) => d.name === name))?.filter((d) => d.name === name) ?? [];
  }

  it("answers as a plain search of the levels does, for every location and for the server", () => {
    for (const loc of [null, ...server.locations]) {
      const settings = (loc ?? server).settings;
      expect(settings.static.defaultType).toBe(search(loc, "default_type")?.args[0] ?? "text/plain");
      expect(settings.headers.add.map((h) => [h.name, h.always])).toEqual(searchSet(loc, "add_header").map((d) => [d.args[0], d.args[2] === "always"]));
      expect(settings.headers.expires !== null).toBe(search(loc, "expires") !== undefined);
      expect(settings.gzip.on).toBe(search(loc, "gzip")?.args[0] === "on");
      expect(settings.output.serverTokens).toBe((search(loc, "server_tokens")?.args[0] ?? "on") === "on");
      expect(settings.proxy.setHeaders).toEqual(searchSet(loc, "proxy_set_header").map((d) => [d.args[0], d.args[1]]));
      expect(settings.errorPages.map((p) => p.args)).toEqual(searchSet(loc, "error_page").map((d) => d.args));
      expect(settings.log.accessLog).toEqual(searchSet(loc, "access_log"));
      const root = search(loc, "root");
      expect(settings.static.root.arg).toBe(root ? root.args[0] : "/usr/share/nginx/html");
    }
  });

  it("lets a level's own array directive replace the outer ones, and a level without any inherit them", () => {
    expect(server.settings.headers.add.map((h) => h.name)).toEqual(["X-Server"]);
    expect(byName("/a/").settings.headers.add.map((h) => h.name)).toEqual(["X-A", "X-B"]);
    expect(byName("\\.css$").settings.headers.add.map((h) => h.name)).toEqual(["X-Server"]);
    expect(byName("\\.css$").settings.static.defaultType).toBe("text/css");
    expect(byName("/a/").settings.headers.expires).toEqual({ kind: "time", seconds: 3600, modified: false });
  });

  it("gives an `if` block with other directives its own settings over the location's, compiled with the config", () => {
    const loc = byName("/if/");
    const [first, second] = loc.directives.filter((d) => d.name === "if");
    const one = ifLocation(loc, first!)!;
    const two = ifLocation(loc, second!)!;
    expect(one.settings.headers.add.map((h) => h.name)).toEqual(["X-If"]);
    expect(one.settings.headers.expires).toEqual({ kind: "time", seconds: 60, modified: false });
    // A later `if` of the location is merged over the location, not over an earlier true `if` (nginx's loc_conf).
    expect(ifLocation(one, second!)).toBe(two);
    expect(two.settings.headers.add.map((h) => h.name)).toEqual(["X-Server"]);
    expect(two.settings.static.root.arg).toBe("/srv/two");
    expect(one.settings.static.root.arg).toBe("/srv/site");
    expect(two.settings.headers.expires).toBeNull();
    // Only rewrite directives: no configuration of its own.
    expect(loc.directives.filter((d) => d.name === "if").length).toBe(3);
    expect(ifLocation(loc, loc.directives.filter((d) => d.name === "if")[2]!)).toBeUndefined();
  });

  it("compiles a level's rewrite and `if` regexes with the config, and keeps rewrite directives to their level", () => {
    const script = byName("/rw/").settings.own.rewrite!;
    expect(script.directives).toBe(byName("/rw/").directives);
    const [rewrite, condition] = [...script.regexes.values()];
    expect(rewrite?.ok && rewrite.regex.exec("/rw/x.css")?.groups[1]).toBe("x.css");
    expect(condition?.ok && condition.regex.exec("/A.png") !== null).toBe(true);
    expect(byName("/a/").settings.own.rewrite).toBeNull();
    expect(server.settings.own.rewrite).toBeNull();
  });
});
