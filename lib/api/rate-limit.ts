/**
 * A per-client token bucket for the chain API, so one browser tab in a loop cannot starve a classroom.
 * An instructor tunes it with CHAIN_RATE_LIMIT (requests per minute per client, 0 = off) and CHAIN_RATE_BURST.
 */
import type { HeaderReader } from "./api-request";
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
}

export function rateLimitFromEnv(env: Record<string, string | undefined>): RateLimitConfig {
  const number = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return { perMinute: number(env.CHAIN_RATE_LIMIT, 600), burst: number(env.CHAIN_RATE_BURST, 60), maxClients: 10_000 };
}

/**
 * Who is asking. Behind the course's own nginx (TRUST_PROXY=1) that is X-Real-IP; otherwise all requests share
 * one key per forwarded-for-free connection, since Next's Request does not expose the socket address.
 */
export function clientKey(headers: HeaderReader, trustProxy: boolean): string {
  if (trustProxy) {
    const real = headers.get("x-real-ip") ?? headers.get("x-forwarded-for")?.split(",").pop()?.trim();
    if (real) return real.slice(0, 64);
  }
  return "direct";
}
