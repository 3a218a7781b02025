/**
 * The HTTPS site as deploy/README.md installs it: the file is the HTTP site moved to HTTPS by the rule in
 * https-site.ts; Debian's real nginx accepts both sites (`nginx -t`), the HTTPS one with a self-signed certificate
 * made here in place of Let's Encrypt's; and run, it moves plain HTTP to HTTPS and answers over TLS with HSTS.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainConfig, substituteDeployPaths } from "../local/stack";
import { EXAMPLE_DOMAIN, httpsSiteFrom } from "./https-site";

const nginxDir = import.meta.dirname;
const REPO = path.resolve(nginxDir, "..", "..");
const httpSite = readFileSync(path.join(nginxDir, "wsgi-journey.conf"), "utf8");
const httpsSite = readFileSync(path.join(nginxDir, "wsgi-journey-https.conf"), "utf8");

let dir: string;
let cert: string;
let key: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "course-https-"));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "tmp"));
  cert = path.join(dir, "fullchain.pem");
  key = path.join(dir, "privkey.pem");
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${EXAMPLE_DOMAIN}`, "-keyout", key, "-out", cert], { encoding: "utf8" });
  expect(made.status, made.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The HTTPS site with the test's paths, ports and certificate in place of the instructor's. */
function testHttpsSite(httpPort: number, httpsPort: number): string {
  return substituteDeployPaths(httpsSite, { repo: REPO, socket: path.join(dir, "node.sock"), port: httpPort })
    .replace("listen 443 ssl http2;", `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replaceAll(`/etc/letsencrypt/live/${EXAMPLE_DOMAIN}/fullchain.pem`, cert)
    .replaceAll(`/etc/letsencrypt/live/${EXAMPLE_DOMAIN}/privkey.pem`, key);
}

function nginxTest(site: string, name: string) {
  const sitePath = path.join(dir, `${name}.site.conf`);
  writeFileSync(sitePath, site);
  writeFileSync(path.join(dir, `${name}.nginx.conf`), mainConfig(dir, sitePath));
  return spawnSync("/usr/sbin/nginx", ["-t", "-c", path.join(dir, `${name}.nginx.conf`), "-p", dir], { encoding: "utf8" });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("the HTTPS site", () => {
  it("is the HTTP site moved to HTTPS, nothing else", () => {
    expect(httpsSite).toBe(httpsSiteFrom(httpSite));
    expect(httpsSite).toContain("listen 443 ssl http2;");
    expect(httpsSite).toContain(`ssl_certificate /etc/letsencrypt/live/${EXAMPLE_DOMAIN}/fullchain.pem;`);
    expect(httpsSite).toContain("return 301 https://$host$request_uri;");
    // Every location that sets headers of its own says HSTS again (add_header is not inherited there).
    const perLocation = httpsSite.match(/security-headers\.conf;\n\s*add_header Strict-Transport-Security/g) ?? [];
    expect(perLocation.length).toBe((httpSite.match(/security-headers\.conf;/g) ?? []).length);
  });

  it("passes the real nginx -t, as does the HTTP site", () => {
    const plain = nginxTest(substituteDeployPaths(httpSite, { repo: REPO, socket: path.join(dir, "node.sock"), port: 18080 }), "http");
    expect(plain.stderr).toContain("test is successful");
    const secure = nginxTest(testHttpsSite(18080, 18443), "https");
    expect(secure.stderr).toContain("syntax is ok");
    expect(secure.stderr).toContain("test is successful");
  });

  it("run, sends plain HTTP to HTTPS and answers over TLS with HSTS", async () => {
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const sitePath = path.join(dir, "live.site.conf");
    writeFileSync(sitePath, testHttpsSite(httpPort, httpsPort));
    writeFileSync(path.join(dir, "live.nginx.conf"), mainConfig(dir, sitePath));
    const nginx = spawn("/usr/sbin/nginx", ["-c", path.join(dir, "live.nginx.conf"), "-p", dir], { stdio: "ignore", detached: true });
    try {
      const get = (url: string, headers: Record<string, string> = {}) =>
        new Promise<{ statusCode?: number; headers: http.IncomingHttpHeaders; certificateName?: string }>((resolve, reject) => {
          const client = url.startsWith("https:") ? https : http;
          const request = client.get(url, { headers, rejectUnauthorized: false, servername: EXAMPLE_DOMAIN } as https.RequestOptions, (response) => {
            const socket = response.socket as import("node:tls").TLSSocket;
            const certificateName = typeof socket.getPeerCertificate === "function" ? String(socket.getPeerCertificate().subject?.CN) : undefined;
            response.resume();
            resolve({ statusCode: response.statusCode, headers: response.headers, certificateName });
          });
          request.on("error", reject);
        });
      let redirect: Awaited<ReturnType<typeof get>> | null = null;
      for (let i = 0; i < 50 && !redirect; i++) {
        redirect = await get(`http://127.0.0.1:${httpPort}/learn/x?y=1`).catch(() => null);
        if (!redirect) await new Promise((r) => setTimeout(r, 100));
      }
      expect(redirect?.statusCode).toBe(301);
      expect(redirect?.headers.location).toBe("https://127.0.0.1/learn/x?y=1");
      // No Node behind it here: a 502, but over TLS, with HSTS and the course's headers on nginx's own answer.
      const secure = await get(`https://127.0.0.1:${httpsPort}/api/health`);
      expect(secure.statusCode).toBe(502);
      expect(secure.headers["strict-transport-security"]).toBe("max-age=63072000");
      expect(secure.certificateName).toBe(EXAMPLE_DOMAIN);
    } finally {
      try {
        process.kill(-nginx.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    }
  });
});
