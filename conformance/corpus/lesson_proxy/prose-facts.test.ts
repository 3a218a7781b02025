/**
 * Facts the lessons state in prose tables, which `expect` on <RequestFlow> cannot check because they are about
 * response bodies, headers and log lines: each row here is a row of a lesson's table, run through the embedded
 * chain. (The same requests also run against the real programs in this folder's corpus.)
 *   content/03-web-server/01-static-files   404/403 log lines
 *   content/03-web-server/02-content-types  Content-Type table
 *   content/03-web-server/04-reverse-proxy   what Flask received, per proxy_pass form
 *   content/04-wsgi-gateways/04-compare      environ under Gunicorn vs uWSGI
 *   content/05-deployment/03-troubleshooting log lines for 502/504/413
 */
import { describe, expect, it } from "vitest";
import { runChain } from "@/lib/chain/run";
import { loadScenario } from "@/lib/scenarios/load.server";
import { buildRawRequest } from "@/lib/api/chain-request";

interface Sent {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  logs: string[];
}

async function send(scenario: string, target: string, options: { gateway?: "gunicorn" | "uwsgi"; headers?: Array<[string, string]>; method?: string; body?: string; down?: boolean } = {}): Promise<Sent> {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`no scenario ${scenario}`);
  const result = runChain({
    scenario,
    manifest: loaded.manifest,
    files: loaded.files,
    gateway: options.gateway,
    faults: options.down ? { gateway: "down" } : undefined,
    raw: buildRawRequest({ method: options.method ?? "GET", target, headers: options.headers ?? [["Host", "localhost"]], body: options.body }),
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return {
    status: result.response.status,
    headers: result.response.headers,
    body: new TextDecoder().decode(result.response.body),
    logs: result.trace.steps.flatMap((s) => (s.kind === "log" ? [s.line] : [])),
  };
}

const header = (sent: Sent, name: string) => sent.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe("lessons 03-web-server/01-static-files and 02-content-types", () => {
  it.each([
    ["/", "text/html"],
    ["/style.css", "text/css"],
    ["/notes.txt", "text/plain"],
    ["/logo.svg", "image/svg+xml"],
  ])("%s is sent by nginx as %s, without a charset", async (target, type) => {
    const sent = await send("lesson_static", target);
    expect(sent.status).toBe(200);
    expect(header(sent, "content-type")).toBe(type);
  });

  it("root keeps the location's prefix, alias replaces it", async () => {
    expect((await send("lesson_static", "/docs/guide.html")).body).toContain("docs/guide.html");
    expect((await send("lesson_static", "/files/notice.txt")).body).toContain("shared 폴더");
    const miss = await send("lesson_static", "/docs/api");
    expect(miss.logs.join("\n")).toContain('open() "/srv/lesson_static/site/docs/api" failed (2: No such file or directory)');
  });

  it("a directory without index.html is 403 with nginx's log line", async () => {
    const sent = await send("lesson_static", "/files/");
    expect(sent.status).toBe(403);
    expect(sent.logs.join("\n")).toContain('directory index of "/srv/lesson_static/shared/" is forbidden');
  });

  it("nginx's 404 and Flask's 404 look different", async () => {
    const nginx = await send("lesson_static", "/docs/api");
    const flask = await send("lesson_static", "/nope");
    expect(header(nginx, "content-type")).toBe("text/html");
    expect(nginx.body).toContain("nginx/1.22.1");
    expect(header(flask, "content-type")).toBe("text/html; charset=utf-8");
    expect(flask.body).toContain("The requested URL was not found on the server.");
  });
});

describe("lesson 03-web-server/03-locations", () => {
  it("the Cache-Control tells which location answered", async () => {
    expect(header(await send("lesson_static", "/images/logo.svg"), "cache-control")).toBe("max-age=86400");
    expect(header(await send("lesson_static", "/logo.svg"), "cache-control")).toBe("max-age=604800");
  });

  it("with ^~ /docs/ the regex is no longer tried: still 404, but without Cache-Control", async () => {
    const loaded = await loadScenario("lesson_static");
    const original = new TextDecoder().decode(loaded!.files.get("nginx.conf")!);
    const edited = original.replace("location /docs/ {", "location ^~ /docs/ {");
    expect(edited).not.toBe(original);
    const files = new Map(loaded!.files);
    files.set("nginx.conf", new TextEncoder().encode(edited));
    const result = runChain({
      scenario: "lesson_static",
      manifest: loaded!.manifest,
      files,
      raw: buildRawRequest({ method: "GET", target: "/docs/logo.svg", headers: [["Host", "localhost"]] }),
    });
    if (!result.ok) throw new Error("edited config refused");
    expect(result.response.status).toBe(404);
    expect(result.response.headers.some(([n]) => n === "Cache-Control")).toBe(false);
  });
});

describe("lesson 03-web-server/04-reverse-proxy: what Flask received", () => {
  it.each([
    ["/app/hello", [["Host", "localhost"]], { path: "/app/hello", host: "localhost", x_forwarded_for: "127.0.0.1" }],
    ["/api/hello", [["Host", "localhost"]], { path: "/hello", host: "localhost", x_forwarded_for: "127.0.0.1" }],
    ["/bare/hello", [["Host", "shop.example.com"]], { path: "/bare/hello", host: "localhost", x_forwarded_for: null }],
    ["/app/hello", [["Host", "shop.example.com"]], { path: "/app/hello", host: "shop.example.com", x_forwarded_for: "127.0.0.1" }],
    ["/api/hello", [["Host", "localhost"], ["X-Forwarded-For", "203.0.113.7"]], { path: "/hello", host: "localhost", x_forwarded_for: "203.0.113.7, 127.0.0.1" }],
  ] as const)("%s with %j", async (target, headers, fields) => {
    const sent = await send("lesson_proxy", target, { headers: headers.map(([n, v]) => [n, v]) });
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ ...fields, remote_addr: "" });
  });

  it("a view slower than proxy_read_timeout is nginx's 504 with its log line", async () => {
    const sent = await send("lesson_proxy", "/slow/5");
    expect(sent.status).toBe(504);
    expect(sent.logs.join("\n")).toContain("upstream timed out (110: Connection timed out) while reading response header from upstream");
  });
});

describe("lesson 04-wsgi-gateways/04-compare: the environ table", () => {
  it("Gunicorn and uWSGI give hello_cju's /environ the values the table lists", async () => {
    const gunicorn = JSON.parse((await send("hello_cju", "/environ", { gateway: "gunicorn" })).body);
    const uwsgi = JSON.parse((await send("hello_cju", "/environ", { gateway: "uwsgi" })).body);
    expect([gunicorn.SERVER_PROTOCOL, uwsgi.SERVER_PROTOCOL]).toEqual(["HTTP/1.0", "HTTP/1.1"]);
    expect([gunicorn.REMOTE_ADDR, uwsgi.REMOTE_ADDR]).toEqual(["", "127.0.0.1"]);
    expect([gunicorn.HTTP_X_FORWARDED_FOR, uwsgi.HTTP_X_FORWARDED_FOR]).toEqual(["127.0.0.1", null]);
    expect([gunicorn.HTTP_X_REAL_IP, uwsgi.HTTP_X_REAL_IP]).toEqual(["127.0.0.1", null]);
    expect([gunicorn.SCRIPT_NAME, uwsgi.SCRIPT_NAME]).toEqual(["", null]);
  });

  it("the gateways' timeout logs and nginx's upstream field differ as the table says", async () => {
    const gunicorn = (await send("lesson_timeouts", "/work?s=8", { gateway: "gunicorn" })).logs.join("\n");
    const uwsgi = (await send("lesson_timeouts", "/work?s=8", { gateway: "uwsgi" })).logs.join("\n");
    expect(gunicorn).toContain("[CRITICAL] WORKER TIMEOUT (pid:1001)");
    expect(gunicorn).toContain('upstream: "http://unix:/run/gunicorn.sock:/work?s=8"');
    expect(uwsgi).toContain("*** HARAKIRI ON WORKER 1 (pid: 1001, try: 1) ***");
    expect(uwsgi).toContain('upstream: "uwsgi://unix:/run/uwsgi.sock:"');
  });
});

describe("lesson 05-deployment/03-troubleshooting: log lines", () => {
  it("wrong socket path: errno 2 at [crit]", async () => {
    const sent = await send("wrong_socket", "/hello/cju");
    expect(sent.status).toBe(502);
    expect(sent.logs.join("\n")).toMatch(/\[crit\] .*connect\(\) to unix:\/run\/gunicorn\.sock failed \(2: No such file or directory\) while connecting to upstream/);
  });

  it("too large body: 413 before Flask, with nginx's log line", async () => {
    const sent = await send("body_limit", "/upload", { method: "POST", headers: [["Host", "localhost"], ["Content-Length", "20000"]], body: "x" });
    expect(sent.status).toBe(413);
    expect(sent.logs.join("\n")).toContain("client intended to send too large body: 20000 bytes");
    expect(sent.logs.some((l) => l.includes("POST /upload HTTP/1.0"))).toBe(false);
  });

  it("deployment checks: static files still work with Gunicorn down", async () => {
    expect((await send("lesson_deploy", "/static/style.css", { down: true })).status).toBe(200);
    expect((await send("lesson_deploy", "/hello/cju", { down: true })).status).toBe(502);
    expect((await send("lesson_deploy", "/hello/cju")).body).toBe("안녕하세요, cju!\n");
  });
});
