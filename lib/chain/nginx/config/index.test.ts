import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEBIAN_FILES, formatNginxTest, loadNginxConfig, MAX_SITE_BYTES, type Directive } from "./index";

const scenario = (f: string) => readFileSync(path.join(import.meta.dirname, "../../../../content/scenarios/hello_cju", f), "utf8");

function walk(ds: Directive[], visit: (d: Directive) => void): void {
  for (const d of ds) {
    visit(d);
    if (d.block) walk(d.block, visit);
  }
}
const find = (ds: Directive[] | undefined, name: string, arg0?: string) =>
  ds?.find((d) => d.name === name && (arg0 === undefined || d.args[0] === arg0));
/** 1-based line of the first line of `file` that starts with `prefix` (after blanks). */
const lineOf = (file: string, prefix: string) => DEBIAN_FILES[file].split("\n").findIndex((l) => l.trim().startsWith(prefix)) + 1;

describe("loadNginxConfig on the hello_cju site", () => {
  const r = loadNginxConfig({ siteName: "hello_cju", siteText: scenario("nginx.conf") });

  test("loads without errors or warnings", () => {
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  test("the main nginx.conf is Debian's, with includes expanded in place and no include left", () => {
    if (!r.ok) throw new Error("not ok");
    expect(r.config.main.map((d) => d.name)).toEqual(["user", "worker_processes", "pid", "error_log", "events", "http"]);
    const names: string[] = [];
    walk(r.config.main, (d) => names.push(d.name));
    expect(names).not.toContain("include");
    const http = find(r.config.main, "http");
    expect(http?.file).toBe("/etc/nginx/nginx.conf");
    expect(http?.line).toBe(lineOf("nginx.conf", "http {"));
  });

  test("mime.types' types block sits inside http and keeps its own file and lines", () => {
    if (!r.ok) throw new Error("not ok");
    const types = find(find(r.config.main, "http")?.block, "types");
    expect(types?.file).toBe("/etc/nginx/mime.types");
    const html = find(types?.block, "text/html");
    expect(html).toEqual({ name: "text/html", args: ["html", "htm", "shtml"], file: "/etc/nginx/mime.types", line: lineOf("mime.types", "text/html") });
  });

  test("the site's server block comes from sites-enabled with the site's lines, proxy_params expanded in location /", () => {
    if (!r.ok) throw new Error("not ok");
    const server = find(find(r.config.main, "http")?.block, "server");
    expect(server?.file).toBe("/etc/nginx/sites-enabled/hello_cju");
    expect(server?.line).toBe(2);
    const root = find(server?.block, "location", "/");
    expect(root?.block?.map((d) => [d.name, d.args[0], d.file])).toEqual([
      ["proxy_set_header", "Host", "/etc/nginx/proxy_params"],
      ["proxy_set_header", "X-Real-IP", "/etc/nginx/proxy_params"],
      ["proxy_set_header", "X-Forwarded-For", "/etc/nginx/proxy_params"],
      ["proxy_set_header", "X-Forwarded-Proto", "/etc/nginx/proxy_params"],
      ["proxy_pass", "http://unix:/run/gunicorn.sock", "/etc/nginx/sites-enabled/hello_cju"],
      ["proxy_read_timeout", "10s", "/etc/nginx/sites-enabled/hello_cju"],
    ]);
    expect(root?.block?.[0].line).toBe(lineOf("proxy_params", "proxy_set_header Host"));
    const health = find(server?.block, "location", "=");
    expect(find(health?.block, "return")?.args).toEqual(["200", "ok\n"]);
  });

  test("the uWSGI variant expands uwsgi_params", () => {
    const u = loadNginxConfig({ siteName: "hello_cju", siteText: scenario("nginx-uwsgi.conf") });
    if (!u.ok) throw new Error("not ok");
    const server = find(find(u.config.main, "http")?.block, "server");
    const params = find(server?.block, "location", "/")?.block?.filter((d) => d.name === "uwsgi_param") ?? [];
    expect(params.map((d) => d.args[0])).toContain("PATH_INFO");
    expect(find(params, "uwsgi_param", "HTTPS")?.args).toEqual(["HTTPS", "$https", "if_not_empty"]);
    expect(params.every((d) => d.file === "/etc/nginx/uwsgi_params")).toBe(true);
  });
});

describe("errors", () => {
  test("every error is collected, the one nginx prints is marked first, each has Korean", () => {
    const r = loadNginxConfig({
      siteName: "blog",
      siteText: "server {\n    listen 80x;\n    foo on;\n    location / {\n        sendfile maybe;\n        return 200 $nope;\n    }\n}\n",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'host not found in "80x" of the "listen" directive in /etc/nginx/sites-enabled/blog:2'],
      [3, 'unknown directive "foo" in /etc/nginx/sites-enabled/blog:3'],
      [5, 'invalid value "maybe" in "sendfile" directive, it must be "on" or "off" in /etc/nginx/sites-enabled/blog:5'],
      [6, 'unknown "nope" variable'],
    ]);
    expect(r.errors.filter((e) => e.first).map((e) => e.line)).toEqual([2]);
    for (const e of r.errors) {
      expect(e.file).toBe("/etc/nginx/sites-enabled/blog");
      expect(e.messageKo).toMatch(/[가-힣]/);
    }
  });

  test("a syntax error stops reading the file, as nginx does", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    foo;\n    listen 80 }\n    bar;\n}\n" });
    if (r.ok) throw new Error("expected errors");
    expect(r.errors.map((e) => e.message)).toEqual(['unknown directive "foo" in /etc/nginx/sites-enabled/s:2', 'unexpected "}" in /etc/nginx/sites-enabled/s:3']);
  });

  test("directives the model does not implement are unsupported, not unknown, and never nginx's first error", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    auth_basic on;\n    lisen 80;\n}\n" });
    if (r.ok) throw new Error("expected errors");
    expect(r.errors[0]).toMatchObject({ line: 2, unsupported: true });
    expect(r.errors[0].first).toBeUndefined();
    expect(r.errors[1]).toMatchObject({ line: 3, message: 'unknown directive "lisen" in /etc/nginx/sites-enabled/s:3', first: true });
    expect(formatNginxTest(r)).toContain('unknown directive "lisen"');
    expect(formatNginxTest(r)).not.toContain("auth_basic");
  });

  test("a lone unsupported directive fails the load but nginx -t would pass", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    auth_basic \"x\";\n}\n" });
    expect(r.ok).toBe(false);
    expect(formatNginxTest(r)).toContain("test is successful");
  });

  test("warnings keep a successful load", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    server_name example.com/app;\n}\n" });
    expect(r.ok).toBe(true);
    expect(r.warnings).toMatchObject([{ level: "warn", line: 2, message: 'server name "example.com/app" has suspicious symbols in /etc/nginx/sites-enabled/s:2' }]);
  });
});

describe("untrusted input", () => {
  test("oversized site text is refused without parsing", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "#".repeat(MAX_SITE_BYTES + 1) });
    expect(r.ok).toBe(false);
  });

  test("a site name that is not a plain file name is refused", () => {
    for (const siteName of ["../nginx.conf", "", "a/b", ".hidden", "x".repeat(65)]) {
      expect(loadNginxConfig({ siteName, siteText: "" }).ok).toBe(false);
    }
  });

  test("deep nesting stops at the depth limit", () => {
    const text = "server {\n" + "location / {\n".repeat(200) + "}\n".repeat(201);
    const r = loadNginxConfig({ siteName: "s", siteText: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.message.startsWith("too deeply nested blocks"))).toBe(true);
  });

  test("a site including itself is stopped", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "include sites-enabled/s;\n" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toMatch(/^include nested too deeply/);
  });

  test("wrong input types do not throw", () => {
    // @ts-expect-error deliberately wrong shapes from untrusted callers
    expect(loadNginxConfig(null).ok).toBe(false);
    // @ts-expect-error deliberately wrong shapes from untrusted callers
    expect(loadNginxConfig({ siteName: "s", siteText: 42 }).ok).toBe(true);
  });

  test("random config-like text never throws and always yields a well-formed result", () => {
    const alphabet = fc.constantFrom(..."server location listen root proxy_pass if ( ) { } ; \" ' \\ $ # ~ * = ^ / \n \t a 1 80 on".split(" "), " ", "{", "}", ";", "\n");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (parts) => {
        const r = loadNginxConfig({ siteName: "fuzz", siteText: parts.join(" ") });
        const out = formatNginxTest(r);
        expect(out.endsWith("\n")).toBe(true);
        if (r.ok) {
          expect(out).toContain("test is successful");
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          const real = r.errors.filter((e) => !e.unsupported);
          expect(r.errors.filter((e) => e.first).length).toBe(real.length > 0 ? 1 : 0);
          expect(out).toContain(real.length > 0 ? "test failed" : "test is successful");
        }
      }),
      { numRuns: 300 },
    );
  });
});
