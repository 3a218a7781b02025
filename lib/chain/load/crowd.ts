/**
 * A class's worth of requests: `count` students asking for the same path, all at once or spread evenly over
 * `spreadMs` (student i sends at round(i × spreadMs / count)). Each uses its own connection, as browsers do.
 */
import type { LoadRequest } from "./run-load";

export interface CrowdSpec {
  count: number;
  /** 0: everyone at the same millisecond. */
  spreadMs: number;
  target: string;
  method?: string;
}

const encoder = new TextEncoder();

export function crowdTimes(count: number, spreadMs: number): number[] {
  const n = Math.max(0, Math.floor(count));
  return Array.from({ length: n }, (_, i) => (spreadMs > 0 ? Math.round((i * spreadMs) / n) : 0));
}

export function crowdRequests(spec: CrowdSpec): LoadRequest[] {
  const raw = encoder.encode(`${spec.method ?? "GET"} ${spec.target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: student\r\n\r\n`);
  return crowdTimes(spec.count, spec.spreadMs).map((at) => ({ at, raw }));
}
