/**
 * The install scripts stop first, with a Korean message naming both versions, when the `node` on PATH is older
 * than Next needs (Debian 12's apt gives Node 18). A fake `node` on PATH plays each version; fake `npm` and
 * `apt-get` record whether the scripts went on past the check.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");

function fakeBin(version: string | null): { dir: string; ran: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-node-"));
  const ran = path.join(dir, "ran");
  if (version !== null) writeFileSync(path.join(dir, "node"), `#!/bin/sh\necho ${version}\n`);
  for (const tool of ["npm", "apt-get"]) writeFileSync(path.join(dir, tool), `#!/bin/sh\necho ${tool} >> ${ran}\nexit 1\n`);
  for (const tool of ["node", "npm", "apt-get"]) if (existsSync(path.join(dir, tool))) chmodSync(path.join(dir, tool), 0o755);
  // The one other program the scripts run before and during the check.
  symlinkSync("/usr/bin/dirname", path.join(dir, "dirname"));
  return { dir, ran };
}

function runScript(script: string, version: string | null) {
  const { dir, ran } = fakeBin(version);
  // Only the fake folder is on PATH: this machine's own node (in /usr/bin) stays out of sight.
  const result = spawnSync("/bin/bash", [path.join(REPO, script)], { env: { PATH: dir, HOME: dir, NODE_ENV: "test" }, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr, wentOn: existsSync(ran) ? readFileSync(ran, "utf8") : "" };
}

describe("Node version check", () => {
  for (const script of ["scripts/serve.sh", "scripts/test-all.sh"]) {
    it(`${script} stops before installing anything on Debian 12's Node 18`, () => {
      const { status, stderr, wentOn } = runScript(script, "v18.19.0");
      expect(status).not.toBe(0);
      expect(stderr).toContain("v18.19.0");
      expect(stderr).toContain("20.9.0 이상이 필요");
      expect(stderr).toContain("deploy/README.md");
      expect(wentOn).toBe("");
    });
  }
  it("says so when there is no node at all", () => {
    const { status, stderr, wentOn } = runScript("scripts/serve.sh", null);
    expect(status).not.toBe(0);
    expect(stderr).toContain("Node.js를 찾지 못했습니다");
    expect(wentOn).toBe("");
  });
  it("accepts 20.9 and later, refuses 20.8", () => {
    const verdict = (version: string) => runScript("scripts/check-node.sh", version).status;
    expect(["v20.8.1", "v19.9.0", "v8.0.0"].map(verdict)).toEqual([1, 1, 1]);
    expect(["v20.9.0", "v20.20.2", "v22.1.0", "v100.0.0"].map(verdict)).toEqual([0, 0, 0, 0]);
  });
  it("goes on past the check with a recent node (serve.sh then runs npm ci)", () => {
    const { wentOn } = runScript("scripts/serve.sh", "v20.9.0");
    expect(wentOn).toBe("npm\n");
  });
  it("asks for the version package.json's engines names", () => {
    const engines = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).engines.node as string;
    const required = /REQUIRED_NODE="([\d.]+)"/.exec(readFileSync(path.join(REPO, "scripts/check-node.sh"), "utf8"))![1];
    expect(engines).toBe(`>=${required}`);
  });
});
