/**
 * POST /api/chain/load takes its tokens from the same per-browser limiter as POST /api/chain: a browser that used up
 * its burst on single requests gets a 429 (Retry-After, Korean message) for a crowd too, before anything runs.
 * Isolated file (lib/api/**): the limiter reads CHAIN_RATE_* once, when its module is first imported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiHandler, ApiRequest } from "./api-request";

let chain: ApiHandler;
let load: ApiHandler;
const saved = { limit: process.env.CHAIN_RATE_LIMIT, burst: process.env.CHAIN_RATE_BURST };
beforeAll(async () => {
  process.env.CHAIN_RATE_LIMIT = "1";
  process.env.CHAIN_RATE_BURST = "2";
  const { API_ROUTES } = await import("./routes.server");
  chain = API_ROUTES["/api/chain"].POST;
  load = API_ROUTES["/api/chain/load"].POST;
});
afterAll(() => {
  // The limiter already read them; the next file in this worker starts from the environment it was given.
  for (const [name, value] of [["CHAIN_RATE_LIMIT", saved.limit], ["CHAIN_RATE_BURST", saved.burst]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function post(handler: ApiHandler, target: string, body: unknown) {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers = new Headers({ "content-type": "application/json" });
  const request: ApiRequest = {
    method: "POST",
    target,
    headers,
    remoteAddress: "203.0.113.7",
    headerList: () => [...headers.entries()],
    body: async (limit) => (bytes.length > limit ? null : bytes),
  };
  return handler(request);
}

describe("the crowd endpoint's rate limit", () => {
  it("shares the chain API's per-browser tokens: after a burst on /api/chain, a crowd is refused with 429", async () => {
    // An unknown scenario: each call takes its token and stops at the 404, without running the chain.
    const single = { scenario: "no-such-scenario", request: { method: "GET", target: "/" } };
    const crowd = { scenario: "no-such-scenario", requests: [{ at: 0, request: { method: "GET", target: "/" } }] };
    expect((await post(chain, "/api/chain", single)).status).toBe(404);
    expect((await post(chain, "/api/chain", single)).status).toBe(404);
    const refused = await post(load, "/api/chain/load", crowd);
    expect(refused.status).toBe(429);
    expect(refused.headers).toContainEqual(["retry-after", expect.stringMatching(/^\d+$/)]);
    expect(JSON.parse(refused.body as string)).toMatchObject({ error: "rate-limited", scope: "client", messageKo: expect.stringContaining("초 뒤에 다시 보내 주세요") });
  });
});
