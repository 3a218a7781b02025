/** The REAL nginx 1.22 accepts every scenario's site file (`nginx -t` on the harness's Debian-like main config). */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioManifestSchema } from "../lib/scenarios/manifest";
import { substitutePaths } from "./substitute";

const ROOT = path.join(import.meta.dirname, "..", "content", "scenarios");
const scenarios = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("scenarios on the real nginx", () => {
  for (const name of scenarios) {
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
});
