/**
 * The scenario folders (content/scenarios/**) are deployable: their manifests are valid and the files they name
 * exist. (That the REAL nginx accepts every site file is scenarios.live.test.ts, in npm run test:live.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioManifestSchema } from "../lib/scenarios/manifest";

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
