/**
 * The per-client rate limit as a class meets it: the production server's direct API path over HTTP, behind a
 * proxy that names each student (TRUST_PROXY=1, X-Real-IP), tuned by the instructor's environment variables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenDirect, type DirectTestServer } from "./testing";

let server: DirectTestServer;
beforeAll(async () => {
  // Read when the handlers' module loads, as the server reads them once at start.
  Object.assign(process.env, { CHAIN_RATE_LIMIT: "60", CHAIN_RATE_BURST: "3", TRUST_PROXY: "1" });
  const { createDirectApi } = await import("./direct.server");
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(async () => {
  for (const name of ["CHAIN_RATE_LIMIT", "CHAIN_RATE_BURST", "TRUST_PROXY"]) delete process.env[name];
  await server.close();
});

const ask = (student: string) =>
  fetch(`${server.origin}/api/chain`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-real-ip": student },
    body: JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } }),
  });

describe("the chain API's rate limit", () => {
  it("answers a student past the burst with 429, Retry-After and a Korean message, and leaves the others alone", async () => {
    for (let i = 0; i < 3; i++) expect((await ask("10.0.0.1")).status).toBe(200);
    const refused = await ask("10.0.0.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await refused.json();
    expect(body).toMatchObject({ error: "rate-limited" });
    expect(body.messageKo).toMatch(/초 뒤에 다시/);
    expect((await ask("10.0.0.2")).status).toBe(200);
  });
});
