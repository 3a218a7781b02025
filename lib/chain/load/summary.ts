/** The numbers a crowd is judged by: latency percentiles, throughput, answers by status. */

export interface LoadSummary {
  requests: number;
  /** Latency = doneAt − sentAt, in virtual ms (nearest-rank percentiles over every request). */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** 2xx/3xx answers per second, from the first send to the last answer. */
  throughputPerSecond: number;
  /** Answers by status ("0" = no answer at all). */
  byStatus: Record<string, number>;
  /** Answers with a 5xx status or none. */
  errors: number;
  /** From the first send to the last answer. */
  spanMs: number;
}

export function summarize(results: ReadonlyArray<{ status: number; sentAt: number; doneAt: number }>): LoadSummary {
  const latencies = results.map((r) => round(r.doneAt - r.sentAt, 3)).sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  for (const r of results) {
    byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
    if (r.status >= 200 && r.status < 400) ok++;
    if (r.status >= 500 || r.status === 0) errors++;
  }
  const first = Math.min(...results.map((r) => r.sentAt));
  const last = Math.max(...results.map((r) => r.doneAt));
  const spanMs = results.length > 0 ? round(last - first, 3) : 0;
  return {
    requests: results.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies.length > 0 ? latencies[latencies.length - 1] : 0,
    throughputPerSecond: spanMs > 0 ? round((ok * 1000) / spanMs, 2) : ok,
    byStatus,
    errors,
    spanMs,
  };
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
