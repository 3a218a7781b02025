import { describe, expect, it } from "vitest";
import { compileConfig, locationLabel } from "./conf";
import { selectLocation, selectServer, serverWithoutHost } from "./select";
import { loadNginxConfig } from "./config";

function load(siteText: string) {
  const loaded = loadNginxConfig({ siteName: "t", siteText });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return compileConfig(loaded.config);
}

const site = `
server {
  listen 80;
  server_name hello-cju.example.com localhost;
  location = /health { return 200; }
  location = / { return 200; }
  location / { }
  location /static/ { }
  location ^~ /static/img/ { }
  location /app/ { proxy_pass http://unix:/run/gunicorn.sock; }
  location /docs/ {
    location ~ \\.pdf$ { }
    location /docs/old/ { }
  }
  location ~ \\.(png|jpg)$ { }
  location ~* \\.(PNG|GIF)$ { }
  location ~ ^/user/(\\d+)$ { }
  location @fallback { }
}
server { listen 80 default_server; server_name _; }
server { listen 8080; server_name *.example.org; }
`;
const http = load(site);
const server = http.servers[0]!;

describe("location selection in nginx's order", () => {
  const table: Array<[string, string | null]> = [
    ["/health", "= /health"],
    ["/", "= /"],
    ["/healthz", "/"],
    ["/static/style.css", "/static/"],
    ["/static/logo.png", "~ \\.(png|jpg)$"], // plain prefix: regexes still win
    ["/static/img/logo.png", "^~ /static/img/"], // ^~ stops the regex search
    ["/a/b.GIF", "~* \\.(PNG|GIF)$"],
    ["/a/b.gif", "~* \\.(PNG|GIF)$"], // ~* is case-insensitive
    ["/a/b.PNG", "~* \\.(PNG|GIF)$"], // ~ \.(png|jpg)$ is case-sensitive, so the next regex matches
    ["/docs/a.pdf", "~ \\.pdf$"], // nested regex
    ["/docs/old/x", "/docs/old/"], // nested prefix
    ["/docs/old/x.png", "~ \\.(png|jpg)$"], // nested prefix without regex falls back to outer regexes
    ["/user/42", "~ ^/user/(\\d+)$"],
    ["/app/x", "/app/"],
  ];
  for (const [uri, expected] of table) {
    it(`${uri} → ${expected}`, () => {
      const r = selectLocation(server, uri);
      expect(r.location ? locationLabel(r.location) : null).toBe(expected);
    });
  }
  it("walks nginx's static location tree (names relative to the parent node), then regexes in config order", () => {
    // Sorted: "/" (= and prefix joined), "/app/", "/docs/", "/health", "/static/" ⊃ "/static/img/".
    // Everything starts with "/", so the tree under "/" has "health" in the middle, "docs/" ← and "static/" →.
    const r = selectLocation(server, "/static/logo.png");
    expect(r.tests.map((t) => t.subject)).toEqual([
      'test location: "/"',
      'test location: "health"',
      'test location: "static/"',
      'test location: "img/"',
      'test location: ~ "\\.(png|jpg)$"',
    ]);
    expect(r.tests.filter((t) => t.matched).map((t) => t.subject)).toEqual(['test location: "/"', 'test location: "static/"', 'test location: ~ "\\.(png|jpg)$"']);
    expect(r.tests[1]!.note).toContain("location = /health");
  });
  it("prints ~* regexes as `~` like nginx's debug log", () => {
    expect(selectLocation(server, "/a/b.GIF").tests.at(-1)!.subject).toBe('test location: ~ "\\.(PNG|GIF)$"');
  });
  it("captures regex groups for $1", () => {
    expect(selectLocation(server, "/user/42").captures).toEqual(["/user/42", "42"]);
  });
  it("auto-redirects /app to /app/ for a proxied prefix location", () => {
    const r = selectLocation(server, "/app");
    expect(r.autoRedirect && locationLabel(r.autoRedirect)).toBe("/app/");
  });
  it("never selects a named location by URI", () => {
    expect(locationLabel(selectLocation(server, "/@fallback").location!)).toBe("/");
    expect(selectLocation(server, "@fallback").location).toBeNull();
  });
});

describe("server selection", () => {
  const local = { address: "127.0.0.1", port: 80 };
  it("matches server_name, else the default_server of the port", () => {
    expect(selectServer(http, "localhost", local).server?.names[0]).toBe("hello-cju.example.com");
    const other = selectServer(http, "nobody.example", local);
    expect(other.byDefault).toBe(true);
    expect(other.server?.names[0]).toBe("_");
  });
  it("only considers servers listening on the port; wildcards match", () => {
    expect(selectServer(http, "a.example.org", { address: "127.0.0.1", port: 8080 }).server?.names[0]).toBe("*.example.org");
    expect(selectServer(http, "a.example.org", local).byDefault).toBe(true);
  });
  it("uses the first server on the port when none is marked default", () => {
    const h = load("server { listen 80; server_name a; } server { listen 80; server_name b; }");
    expect(selectServer(h, "zzz", local).server?.names[0]).toBe("a");
  });
});

describe("servers by local address, found once per config", () => {
  it("serverWithoutHost is the server selectServer picks without a Host", () => {
    for (const local of [{ address: "127.0.0.1", port: 80 }, { address: "127.0.0.1", port: 8080 }, { address: "10.0.0.1", port: 80 }, { address: "127.0.0.1", port: 81 }]) {
      expect(serverWithoutHost(http, local)).toBe(selectServer(http, null, local).server);
      expect(serverWithoutHost(http, local)).toBe(serverWithoutHost(http, local));
    }
  });

  it("answers each call with its own tests", () => {
    const a = selectServer(http, "localhost", { address: "127.0.0.1", port: 80 });
    a.tests.push({ subject: "x", matched: true, note: "" });
    const b = selectServer(http, "localhost", { address: "127.0.0.1", port: 80 });
    expect(b.tests.some((t) => t.subject === "x")).toBe(false);
  });
});
