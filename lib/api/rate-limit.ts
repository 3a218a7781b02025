/**
 * The chain API's rate limit, so one browser tab in a loop cannot starve a classroom. Two token buckets answer
 * each request (ChainLimiter below):
 *  - per browser (the signed identity cookie, identity.server.ts): CHAIN_RATE_LIMIT requests per minute,
 *    CHAIN_RATE_BURST at once; a request without a valid identity counts in one bucket per address;
 *  - per address, a much higher ceiling (CHAIN_ADDRESS_LIMIT per minute, CHAIN_ADDRESS_BURST at once), so a class
 *    behind one campus NAT fits under it, but minting new identities in a loop does not escape the limit.
 */
import type { HeaderReader } from "./api-request";
import { requestIdentity } from "./identity.server";
export interface RateLimitConfig {
  /** Sustained requests per minute per client; 0 disables the limit. */
  perMinute: number;
  /** Requests a client may send at once before the rate applies. */
  burst: number;
  /** Clients remembered at most (oldest forgotten first), so the table cannot grow without bound. */
  maxClients: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  readonly #config: RateLimitConfig;
  readonly #buckets = new Map<string, Bucket>();

  constructor(config: RateLimitConfig) {
    this.#config = config;
  }

  take(client: string, now: number): RateDecision {
    const { perMinute, burst, maxClients } = this.#config;
    if (perMinute <= 0) return { allowed: true };
    const ratePerMs = perMinute / 60_000;
    const bucket = this.#buckets.get(client) ?? { tokens: burst, updated: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    // Re-insert to keep the map ordered by last use.
    this.#buckets.delete(client);
    this.#buckets.set(client, bucket);
    if (this.#buckets.size > maxClients) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
  }

  /** Gives back a token taken by `take` (the other bucket refused the request). */
  refund(client: string): void {
    const bucket = this.#buckets.get(client);
    if (bucket) bucket.tokens = Math.min(this.#config.burst, bucket.tokens + 1);
  }
}

export interface ChainLimitConfig {
  /** Per browser identity (and per address for requests without one). */
  perClient: RateLimitConfig;
  /** Per address, whatever identities its requests carry. */
  perAddress: RateLimitConfig;
}

/** Which bucket refused: the student's own, or the whole address's. */
export type ChainDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: "client" | "address" };

export class ChainLimiter {
  readonly #clients: RateLimiter;
  readonly #addresses: RateLimiter;

  constructor(config: ChainLimitConfig) {
    this.#clients = new RateLimiter(config.perClient);
    this.#addresses = new RateLimiter(config.perAddress);
  }

  /** `identity` is the verified cookie's id, or null; `address` the client's address. */
  take(identity: string | null, address: string, now: number): ChainDecision {
    const client = identity ? `id:${identity}` : `addr:${address}`;
    const own = this.#clients.take(client, now);
    if (!own.allowed) return { ...own, scope: "client" };
    const shared = this.#addresses.take(address, now);
    if (shared.allowed) return shared;
    this.#clients.refund(client);
    return { ...shared, scope: "address" };
  }
}

const envNumber = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The per-browser limit: CHAIN_RATE_LIMIT per minute (default 600, 0 = off), CHAIN_RATE_BURST at once (60). */
export function rateLimitFromEnv(env: Record<string, string | undefined>): RateLimitConfig {
  return { perMinute: envNumber(env.CHAIN_RATE_LIMIT, 600), burst: envNumber(env.CHAIN_RATE_BURST, 60), maxClients: 20_000 };
}

/**
 * Both limits. The per-address ceiling: CHAIN_ADDRESS_LIMIT per minute (default 20000, 0 = off) and
 * CHAIN_ADDRESS_BURST at once (default 3000: a class of 100 opening a lesson together stays far below it).
 */
export function chainLimitsFromEnv(env: Record<string, string | undefined>): ChainLimitConfig {
  return {
    perClient: rateLimitFromEnv(env),
    perAddress: { perMinute: envNumber(env.CHAIN_ADDRESS_LIMIT, 20_000), burst: envNumber(env.CHAIN_ADDRESS_BURST, 3000), maxClients: 20_000 },
  };
}

/**
 * The client's address. Behind the course's own nginx (TRUST_PROXY=1) that is X-Real-IP; otherwise the socket's
 * address when the server knows it (the production server), else one shared key (Next's Request does not expose
 * the socket).
 */
export function clientKey(headers: HeaderReader, trustProxy: boolean, remoteAddress?: string): string {
  if (trustProxy) {
    const real = headers.get("x-real-ip") ?? headers.get("x-forwarded-for")?.split(",").pop()?.trim();
    if (real) return real.slice(0, 64);
  }
  return remoteAddress ? remoteAddress.slice(0, 64) : "direct";
}

/** The decision for one request: its identity cookie and its address. */
export function takeChainToken(limiter: ChainLimiter, headers: HeaderReader, trustProxy: boolean, remoteAddress: string | undefined, now: number): ChainDecision {
  return limiter.take(requestIdentity(headers), clientKey(headers, trustProxy, remoteAddress), now);
}
