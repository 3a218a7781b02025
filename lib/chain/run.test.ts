/**
 * The whole chain joined: what a student sees for the classic requests of the hello_cju scenario, under both
 * gateways, and the faults a lesson can switch on. The parts have their own detailed tests; these check the seams.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runChain, type ChainInput } from "./run";
import type { TraceStep } from "./trace";

let hello: LoadedScenario;
beforeAll(async () => {
  hello = (await loadScenario("hello_cju"))!;
});

const encoder = new TextEncoder();
const text = (data: Uint8Array) => new TextDecoder().decode(data);

function send(target: string, extra: Partial<ChainInput> = {}, method = "GET") {
  const result = runChain({
    scenario: "hello_cju",
    manifest: hello.manifest,
    files: hello.files,
    raw: encoder.encode(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`),
    ...extra,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result;
}

/** hello_cju's files with one of them replaced, as a student's edit would. */
const withFile = (path: string, content: string) => new Map(hello.files).set(path, encoder.encode(content));

const header = (headers: Array<[string, string]>, name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
const kinds = (steps: TraceStep[]) => steps.map((s) => `${s.component}:${s.kind}`);

describe.each(["gunicorn", "uwsgi"] as const)("hello_cju behind %s", (gateway) => {
  it("a proxied route reaches the Flask view and comes back through nginx", () => {
    const { response, trace } = send("/hello/cju", { gateway });
    expect(response.status).toBe(200);
    expect(text(response.body)).toBe("안녕하세요, cju!\n");
    expect(header(response.headers, "server")).toBe("nginx/1.22.1");
    expect(header(response.headers, "content-type")).toBe("text/html; charset=utf-8");
    expect(kinds(trace.steps)).toContain("gateway:wsgi-call");
    expect(kinds(trace.steps)).toContain("app:wsgi-return");
    expect(trace.steps.some((s) => s.kind === "log" && s.stream === "nginx-access" && s.line.includes('"GET /hello/cju HTTP/1.1" 200'))).toBe(true);
  });

  it("Flask's routing decision follows the WSGI call in the trace", () => {
    const { trace } = send("/hello/cju", { gateway });
    const call = trace.steps.findIndex((s) => s.kind === "wsgi-call");
    const route = trace.steps[call + 1];
    expect(route).toMatchObject({ component: "app", kind: "decision", topic: "route" });
    if (route.kind === "decision") {
      expect(route.outcome).toBe("view hello(name=cju)");
      expect(route.tests.find((t) => t.matched)?.subject).toBe("rule /hello/<name>");
      expect(route.explain).toMatch(/[가-힣]/);
    }
  });

  it("a static file never reaches the gateway", () => {
    const { response, trace } = send("/static/style.css", { gateway });
    expect(response.status).toBe(200);
    expect(header(response.headers, "content-type")).toBe("text/css");
    expect(header(response.headers, "cache-control")).toBe("max-age=3600");
    expect(trace.steps.some((s) => s.component === "gateway")).toBe(false);
  });

  it("with the gateway down nginx answers 502 and logs why", () => {
    const { response, trace } = send("/hello/cju", { gateway, faults: { gateway: "down" } });
    expect(response.status).toBe(502);
    const socket = gateway === "gunicorn" ? "unix:/run/gunicorn.sock" : "unix:/run/uwsgi.sock";
    expect(trace.steps.some((s) => s.kind === "log" && s.stream === "nginx-error" && s.line.includes(`connect() to ${socket} failed (2: No such file or directory)`))).toBe(true);
  });

  it("a view slower than the read timeout is a 504 at exactly 10 virtual seconds", () => {
    const { response, trace } = send("/slow?s=15", { gateway });
    expect(response.status).toBe(504);
    expect(trace.totalMs).toBe(10_000);
    const times = trace.steps.map((s) => s.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe("configuration the programs would refuse", () => {
  it("an nginx error is reported with the student's file and line, in nginx's words", () => {
    const files = withFile("nginx.conf", "server {\n    listen 80;\n    bogus on;\n}\n");
    const result = runChain({ scenario: "hello_cju", manifest: hello.manifest, files, raw: encoder.encode("GET / HTTP/1.0\r\n\r\n") });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatchObject({ path: "nginx.conf", line: 3, message: 'unknown directive "bogus" in /etc/nginx/sites-enabled/hello_cju:3' });
      expect(result.errors[0].messageKo).toMatch(/[가-힣]/);
    }
  });

  it("a setting Gunicorn refuses is reported in Gunicorn's words, at the line that set it", () => {
    const files = withFile("gunicorn.conf.py", 'bind = "unix:/run/gunicorn.sock"\n\nworkers = 2\nworkers = "two"\ntimeout = 30\n');
    const result = runChain({ scenario: "hello_cju", manifest: hello.manifest, files, raw: encoder.encode("GET / HTTP/1.0\r\n\r\n") });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatchObject({ path: "gunicorn.conf.py", line: 4, message: "Invalid value for workers: two\n\n\nError: invalid literal for int() with base 0: 'two'" });
    }
  });

  it("a socket path nginx.conf and the gateway disagree on is a 502, as in reality", () => {
    const result = send("/hello/cju", { files: withFile("gunicorn.conf.py", 'bind = "unix:/run/other.sock"\nworkers = 2\n') });
    expect(result.response.status).toBe(502);
  });

  it("a student's app.py edit changes the answer", () => {
    const result = send("/hello/cju", { files: withFile("app.py", 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/hello/<name>")\ndef hello(name):\n    return {"name": name}\n') });
    expect(text(result.response.body)).toBe('{"name":"cju"}\n');
  });
});

describe("a gateway whose app fails to load", () => {
  const broken = (gateway: "gunicorn" | "uwsgi") => ({ files: withFile("app.py", "from flask import Flask\napp = Flask(__name__)\nraise RuntimeError('boom')\n"), gateway });
  for (const gateway of ["gunicorn", "uwsgi"] as const) {
    it(`does not change what nginx serves itself, and its boot log still tells (${gateway})`, () => {
      const css = send("/static/style.css", broken(gateway));
      expect(css.response.status).toBe(200);
      expect(css.startup.gateway.join("\n")).toContain("RuntimeError: boom");
      expect(JSON.parse(JSON.stringify(css.startup)).gateway).toEqual(css.startup.gateway);
      const proxied = send("/hello/cju", broken(gateway));
      expect(proxied.response.status).toBe(gateway === "gunicorn" ? 502 : 500);
    });
  }
});
