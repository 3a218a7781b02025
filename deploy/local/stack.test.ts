import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { substituteDeployPaths } from "./stack";

describe("substituteDeployPaths", () => {
  it("changes only the repo path, the socket and the listen port", () => {
    const original = readFileSync(path.join(import.meta.dirname, "..", "nginx", "wsgi-journey.conf"), "utf8");
    const moved = substituteDeployPaths(original, { repo: "/tmp/repo", socket: "/tmp/x/node.sock", port: 18080 });
    expect(moved).toContain("server unix:/tmp/x/node.sock;");
    expect(moved).toContain("listen 127.0.0.1:18080;");
    expect(moved).toContain("alias /tmp/repo/.next/static/;");
    expect(moved).not.toContain("/srv/wsgi-journey");
    // Every other line is untouched.
    const strip = (t: string) => t.split("\n").filter((l) => !/wsgi-journey\/|\/srv\/|\/tmp\/|listen /.test(l));
    expect(moved).toContain("include /tmp/repo/deploy/nginx/security-headers.conf;");
    expect(strip(moved)).toEqual(strip(original));
  });
});
