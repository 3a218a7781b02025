/**
 * Compare one request's answer from the real chain with the embedded chain's, after normalize.ts.
 *
 * Headers are compared as ORDERED lists, because nginx writes them in a fixed order and the course shows the raw
 * response: first per header name (all values of that name, in order; a missing header is an empty list), then,
 * if every name agrees, the whole list once more, so a different order or spelling of names is `header-order`.
 */
import type { NormalizedResponse } from "./normalize";

export type DifferenceField =
  | "chain-error"
  | "status-line"
  | `header:${string}`
  | "header-order"
  | "body"
  | "log:nginx-access"
  | "log:nginx-error"
  | "log:gateway"
  /** What the programs print while starting (request id `_startup`): nginx's stderr/error log, the gateway's banner. */
  | "startup:nginx"
  | "startup:gateway";

export interface Difference {
  field: DifferenceField;
  real: string;
  embedded: string;
}

function show(values: string[]): string {
  return values.length ? values.join(" | ") : "(absent)";
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = "";
  for (let i = Math.max(0, from); i < Math.min(bytes.length, to); i++) out += String.fromCharCode(bytes[i]!);
  return JSON.stringify(out);
}

export function compareResponses(real: NormalizedResponse, embedded: NormalizedResponse): Difference[] {
  const diffs: Difference[] = [];
  if (real.statusLine !== embedded.statusLine) diffs.push({ field: "status-line", real: real.statusLine, embedded: embedded.statusLine });

  const names = new Set([...real.headers, ...embedded.headers].map(([n]) => n.toLowerCase()));
  let perName = false;
  for (const name of names) {
    const a = real.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    const b = embedded.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) {
      perName = true;
      diffs.push({ field: `header:${name}`, real: show(a), embedded: show(b) });
    }
  }
  if (!perName) {
    const a = real.headers.map(([n, v]) => `${n}: ${v}`);
    const b = embedded.headers.map(([n, v]) => `${n}: ${v}`);
    if (a.some((v, i) => v !== b[i])) diffs.push({ field: "header-order", real: a.join(" / "), embedded: b.join(" / ") });
  }

  const x = real.body;
  const y = embedded.body;
  let at = 0;
  while (at < x.length && at < y.length && x[at] === y[at]) at++;
  if (at < x.length || at < y.length) {
    diffs.push({
      field: "body",
      real: `${x.length} bytes, from byte ${at}: ${latin1(x, at - 10, at + 60)}`,
      embedded: `${y.length} bytes, from byte ${at}: ${latin1(y, at - 10, at + 60)}`,
    });
  }
  return diffs;
}

/**
 * Compare log lines after normalizeLogLine. nginx's access and error logs are files written in order: compared as
 * ordered lists. The gateway's lines come from two pipes (stdout, stderr) whose interleaving is not observable, so
 * they are compared as sorted lists.
 */
export function compareLogs(
  real: { nginxAccess: string[]; nginxError: string[]; gateway: string[] },
  embedded: { nginxAccess: string[]; nginxError: string[]; gateway: string[] },
  normalize: (line: string) => string,
): Difference[] {
  const diffs: Difference[] = [];
  const check = (field: DifferenceField, a: string[], b: string[], sorted: boolean) => {
    let x = a.map(normalize);
    let y = b.map(normalize);
    if (sorted) {
      x = [...x].sort();
      y = [...y].sort();
    }
    if (x.length !== y.length || x.some((v, i) => v !== y[i])) diffs.push({ field, real: x.join("\n      ") || "(none)", embedded: y.join("\n      ") || "(none)" });
  };
  check("log:nginx-access", real.nginxAccess, embedded.nginxAccess, false);
  check("log:nginx-error", real.nginxError, embedded.nginxError, false);
  check("log:gateway", real.gateway, embedded.gateway, true);
  return diffs;
}

export interface KnownDifference {
  scenario: string;
  /** A gateway, or "*" for a difference that occurs under every gateway the request runs under. */
  gateway: "gunicorn" | "uwsgi" | "*";
  request: string;
  field: DifferenceField;
  reason: string;
}

export interface ObservedDifference extends Difference {
  scenario: string;
  gateway: "gunicorn" | "uwsgi";
  request: string;
}

/**
 * Match observed differences against the list. `ran` is every scenario/gateway/request that was compared.
 * unlisted: observed but not explained. stale: listed but not observed (for "*": not observed under every gateway
 * the request ran under) — both fail the suite, so the list stays honest.
 */
export function checkKnown(
  observed: ObservedDifference[],
  known: KnownDifference[],
  ran: Array<{ scenario: string; gateway: "gunicorn" | "uwsgi"; request: string }>,
): { unlisted: ObservedDifference[]; stale: KnownDifference[] } {
  const covers = (k: KnownDifference, o: { scenario: string; gateway: string; request: string; field?: string }) =>
    k.scenario === o.scenario && k.request === o.request && (k.gateway === "*" || k.gateway === o.gateway) && (o.field === undefined || k.field === o.field);
  const unlisted = observed.filter((o) => !known.some((k) => covers(k, o)));
  const stale = known.filter((k) => {
    const runs = ran.filter((r) => covers(k, r));
    if (runs.length === 0) return false; // not run in this selection: cannot tell
    return !runs.every((r) => observed.some((o) => o.scenario === r.scenario && o.gateway === r.gateway && o.request === r.request && o.field === k.field));
  });
  return { unlisted, stale };
}
