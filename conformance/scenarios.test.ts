/**
 * The scenario folders (content/scenarios/**) are deployable: their manifests are valid, the files they name exist,
 * and the REAL nginx accepts every site file (`nginx -t` on the harness's Debian-like main config).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioManifestSchema } from "../lib/scenarios/manifest";
import { substitutePaths } from "./substitute";

const ROOT = path.join(import.meta.dirname, "..", "content", "scenarios");
const scenarios = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("scenarios", () => {
  it("include the test-only and troubleshooting scenarios", () => {
    expect(scenarios).toEqual(expect.arrayContaining(["hello_cju", "flask_shapes", "timeout_demo", "wrong_socket", "body_limit"]));
  });

  for (const name of scenarios) {
    it(`${name}: manifest is valid and every gateway variant's files exist`, () => {
      const manifest = scenarioManifestSchema.parse(JSON.parse(readFileSync(path.join(ROOT, name, "scenario.json"), "utf8")));
      expect(manifest.gateways[manifest.defaultGateway]).toBeDefined();
      for (const files of Object.values(manifest.gateways)) {
        expect(existsSync(path.join(ROOT, name, files.nginx))).toBe(true);
        expect(existsSync(path.join(ROOT, name, files.config))).toBe(true);
      }
      expect(existsSync(path.join(ROOT, name, "app.py"))).toBe(true);
    });

    it(`${name}: the real nginx 1.22 accepts each site file (nginx -t)`, () => {
      const manifest = scenarioManifestSchema.parse(JSON.parse(readFileSync(path.join(ROOT, name, "scenario.json"), "utf8")));
      const dir = mkdtempSync(path.join(os.tmpdir(), "conf-t-"));
      try {
        for (const f of ["mime.types", "proxy_params", "uwsgi_params"]) copyFileSync(path.join("/etc/nginx", f), path.join(dir, f));
        mkdirSync(path.join(dir, "tmp"));
        for (const files of Object.values(manifest.gateways)) {
          const site = path.join(dir, "site.conf");
          const map = { scenario: name, port: 18080, srvDir: path.join(dir, "srv"), runDir: path.join(dir, "run") };
          writeFileSync(site, substitutePaths(readFileSync(path.join(ROOT, name, files.nginx), "utf8"), map));
          writeFileSync(
            path.join(dir, "nginx.conf"),
            `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\ninclude ${dir}/mime.types;\nclient_body_temp_path ${dir}/tmp;\nproxy_temp_path ${dir}/tmp;\nfastcgi_temp_path ${dir}/tmp;\nuwsgi_temp_path ${dir}/tmp;\nscgi_temp_path ${dir}/tmp;\naccess_log off;\ninclude ${site};\n}\n`,
          );
          const result = spawnSync("/usr/sbin/nginx", ["-t", "-q", "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")], { encoding: "utf8", timeout: 10_000 });
          expect(result.status, `${files.nginx}: ${result.stderr}`).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("test-only scenarios say so; broken ones really are broken the way their title says", () => {
    const manifest = (n: string) => JSON.parse(readFileSync(path.join(ROOT, n, "scenario.json"), "utf8")) as { testOnly?: boolean };
    expect(manifest("flask_shapes").testOnly).toBe(true);
    expect(manifest("timeout_demo").testOnly).toBe(true);
    expect(readFileSync(path.join(ROOT, "wrong_socket", "nginx.conf"), "utf8")).toContain("unix:/run/gunicorn.sock");
    expect(readFileSync(path.join(ROOT, "wrong_socket", "gunicorn.conf.py"), "utf8")).toContain("unix:/run/hello.sock");
    expect(readFileSync(path.join(ROOT, "body_limit", "nginx.conf"), "utf8")).toMatch(/client_max_body_size 10k;/);
  });
});
