import { describe, expect, it } from "vitest";
import { ChainLimiter, chainLimitsFromEnv, clientKey, RateLimiter, rateLimitFromEnv } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows a burst, then answers with how long to wait, then refills", () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 3, maxClients: 10 });
    expect([0, 0, 0].map(() => limiter.take("a", 0).allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a", 0);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("a", 1000).allowed).toBe(true);
  });
  it("is off when the rate is 0", () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 0, maxClients: 1 });
    expect(limiter.take("a", 0).allowed).toBe(true);
  });
  it("forgets the oldest clients beyond maxClients", () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1, maxClients: 2 });
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0);
    expect(limiter.take("a", 0).allowed).toBe(true); // "a" was forgotten, so it has a fresh bucket
  });
});

describe("ChainLimiter", () => {
  const limiter = () =>
    new ChainLimiter({ perClient: { perMinute: 60, burst: 5, maxClients: 1000 }, perAddress: { perMinute: 600, burst: 50, maxClients: 1000 } });

  it("counts each identity on its own, behind one address", () => {
    const chain = limiter();
    for (const student of ["a", "b", "c"]) {
      expect(Array.from({ length: 5 }, () => chain.take(student, "10.0.0.9", 0).allowed)).toEqual([true, true, true, true, true]);
      expect(chain.take(student, "10.0.0.9", 0)).toMatchObject({ allowed: false, scope: "client" });
    }
  });

  it("counts requests without an identity per address, at the per-browser rate", () => {
    const chain = limiter();
    expect(Array.from({ length: 6 }, () => chain.take(null, "10.0.0.9", 0).allowed)).toEqual([true, true, true, true, true, false]);
    expect(chain.take(null, "10.0.0.10", 0).allowed).toBe(true);
  });

  it("does not let new identities escape the per-address ceiling", () => {
    const chain = limiter();
    let allowed = 0;
    for (let i = 0; i < 100; i++) for (let j = 0; j < 5; j++) if (chain.take(`minted-${i}`, "10.0.0.9", 0).allowed) allowed++;
    expect(allowed).toBe(50);
    const refused = chain.take("minted-new", "10.0.0.9", 0);
    expect(refused).toMatchObject({ allowed: false, scope: "address" });
    // A refusal by the address does not cost the identity its own token.
    expect(chain.take("fresh", "10.0.0.10", 0).allowed).toBe(true);
  });
});

describe("configuration", () => {
  it("reads the instructor's settings and falls back on nonsense", () => {
    expect(rateLimitFromEnv({ CHAIN_RATE_LIMIT: "120", CHAIN_RATE_BURST: "10" })).toMatchObject({ perMinute: 120, burst: 10 });
    expect(rateLimitFromEnv({ CHAIN_RATE_LIMIT: "lots" })).toMatchObject({ perMinute: 600, burst: 60 });
    expect(chainLimitsFromEnv({}).perAddress).toMatchObject({ perMinute: 20_000, burst: 3000 });
    expect(chainLimitsFromEnv({ CHAIN_ADDRESS_LIMIT: "5000", CHAIN_ADDRESS_BURST: "800" }).perAddress).toMatchObject({ perMinute: 5000, burst: 800 });
  });
  it("trusts X-Real-IP only behind the course's proxy", () => {
    const headers = new Headers({ "x-real-ip": "10.1.2.3" });
    expect(clientKey(headers, true)).toBe("10.1.2.3");
    expect(clientKey(headers, false)).toBe("direct");
    expect(clientKey(headers, false, "192.0.2.7")).toBe("192.0.2.7");
  });
});
