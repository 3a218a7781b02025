/**
 * How the harness tells, by the content of the logs, that a request is over (real-chain.ts send()): nginx's
 * request-ids.log line for the client port says how many upstream connections the gateway accepted and answered, and
 * the gateway prints one end-of-request line per accepted connection. Pure (no I/O), so it is tested on recorded lines.
 */
import type { Gateway } from "./real-chain";

/** One upstream attempt as request-ids.log states it: did nginx connect to the gateway, did it get a header. */
export interface UpstreamAttempt {
  connected: boolean;
  answered: boolean;
}

/**
 * Parses a request-ids.log line (`<port> <connection> "<upstream_connect_time>" "<upstream_header_time>"`) into its
 * upstream attempts; nginx separates attempts with ", " (and a redirect to another upstream group with " : ") and
 * writes "-" for an attempt that did not connect or got no header. Not such a line: no attempts.
 */
export function parseRequestIds(line: string): UpstreamAttempt[] {
  const m = /^\d+ \d+ "([^"]*)" "([^"]*)"$/.exec(line);
  if (!m) return [];
  const connects = m[1]!.split(/, | : /);
  const headers = m[2]!.split(/, | : /);
  // Without an upstream both are a single "-", read as one attempt that did not connect: the gateway accepted nothing.
  return connects.map((c, i) => ({ connected: c !== "-", answered: (headers[i] ?? "-") !== "-" }));
}

/** Lines by which a gateway says it is done with one request: its access/request log line, or a killed worker's restart. */
export function isRequestEnd(gateway: Gateway, line: string): boolean {
  if (gateway === "gunicorn") {
    // Gunicorn's default access_log_format ('%(h)s %(l)s %(u)s %(t)s "%(r)s" …'; h is empty on a unix socket), and
    // the master's line for the worker it starts after a WORKER TIMEOUT kill.
    return /^\S* - \S+ \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/.test(line) || /\[INFO\] Booting worker with pid: \d+$/.test(line);
  }
  // uWSGI's request log line, and the master's respawn after a HARAKIRI kill.
  return /^\[pid: \d+\|app: -?\d+\|req: -?\d+\/\d+\] /.test(line) || /^Respawned uWSGI worker \d+ \(new pid: \d+\)$/.test(line);
}

export function countRequestEnds(gateway: Gateway, ...streams: string[][]): number {
  return streams.reduce((n, lines) => n + lines.filter((l) => isRequestEnd(gateway, l)).length, 0);
}
