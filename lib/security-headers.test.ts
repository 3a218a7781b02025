import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("the deploy nginx snippet sends exactly the headers the Node server sends", () => {
    const snippet = readFileSync(path.join(import.meta.dirname, "..", "deploy", "nginx", "security-headers.conf"), "utf8");
    const fromNginx = [...snippet.matchAll(/^add_header (\S+) "(.*)" always;$/gm)].map(([, key, value]) => ({ key, value }));
    expect(fromNginx).toEqual(securityHeaders());
  });

  it("forbids framing and foreign scripts, allowing eval only in development", () => {
    const csp = (dev: boolean) => securityHeaders({ development: dev }).find((h) => h.key === "Content-Security-Policy")!.value;
    expect(csp(false)).toContain("frame-ancestors 'none'");
    expect(csp(false)).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
    expect(csp(false)).not.toContain("unsafe-eval");
    expect(csp(true)).toContain("'unsafe-eval'");
  });
});
