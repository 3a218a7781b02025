import { describe, expect, it } from "vitest";
import { clientKey, RateLimiter, rateLimitFromEnv } from "./rate-limit";

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

describe("configuration", () => {
  it("reads the instructor's settings and falls back on nonsense", () => {
    expect(rateLimitFromEnv({ CHAIN_RATE_LIMIT: "120", CHAIN_RATE_BURST: "10" })).toMatchObject({ perMinute: 120, burst: 10 });
    expect(rateLimitFromEnv({ CHAIN_RATE_LIMIT: "lots" })).toMatchObject({ perMinute: 600, burst: 60 });
  });
  it("trusts X-Real-IP only behind the course's proxy", () => {
    const headers = new Headers({ "x-real-ip": "10.1.2.3" });
    expect(clientKey(headers, true)).toBe("10.1.2.3");
    expect(clientKey(headers, false)).toBe("direct");
  });
});
