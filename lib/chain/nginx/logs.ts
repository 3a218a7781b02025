/**
 * nginx's log lines: the access log in Debian's default `combined` format and error log lines, with nginx's
 * timestamp formats. The worker pid is fixed (a virtual process), the connection number counts from 1.
 */
import type { RequestContext } from "./context";
import { latin1ToUtf8 } from "../http/bytes";
import { formatCommonLogTime, perSecond } from "../clock";

/** The pid our virtual nginx worker runs as, in `1234#1234: *1`. */
export const WORKER_PID = 1234;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `$time_local`: `25/Nov/2026:13:33:47 +0000` (the server runs in UTC). */
export const formatTimeLocal = formatCommonLogTime;

/** Error log timestamp: `2026/11/25 13:31:05`. */
export const formatErrorTime = perSecond(
  (d) => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
);

/** The access log's default escaping: `"`, `\` and bytes outside 0x20..0x7e become `\xHH`. */
export function escapeLogValue(value: string): string {
  // Copy runs of plain chars in one slice; most values need no escape at all.
  let out = "";
  let plainFrom = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c < 0x20 || c > 0x7e) {
      out += value.slice(plainFrom, i) + "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
      plainFrom = i + 1;
    }
  }
  return plainFrom === 0 ? value : out + value.slice(plainFrom);
}

function field(value: string | undefined): string {
  return value === undefined || value === "" ? "-" : escapeLogValue(value);
}

export interface AccessLogFields {
  remoteAddr: string;
  timeMs: number;
  request: string;
  status: number;
  bodyBytesSent: number;
  referer?: string;
  userAgent?: string;
  /** $remote_user: the user of Basic credentials ("-" without). */
  remoteUser?: string;
}

/** `combined`: `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"`. */
export function accessLogLine(f: AccessLogFields): string {
  return `${f.remoteAddr} - ${field(f.remoteUser)} [${formatTimeLocal(f.timeMs)}] "${field(f.request)}" ${String(f.status).padStart(3, "0")} ${f.bodyBytesSent} "${field(f.referer)}" "${field(f.userAgent)}"`;
}

export type ErrorLevel = "alert" | "crit" | "error" | "warn" | "notice" | "info";

export interface ErrorContext {
  client: string;
  server?: string;
  request?: string;
  upstream?: string;
  host?: string;
  referrer?: string;
}

/** `2026/11/25 13:31:05 [error] 1234#1234: *1 <message>, client: …, server: …, request: "…", upstream: "…", host: "…"`. */
export function errorLogLine(timeMs: number, level: ErrorLevel, connection: number, message: string, c: ErrorContext): string {
  let line = `${formatErrorTime(timeMs)} [${level}] ${WORKER_PID}#${WORKER_PID}: *${connection} ${message}, client: ${c.client}`;
  if (c.server !== undefined) line += `, server: ${c.server}`;
  if (c.request !== undefined) line += `, request: "${c.request}"`;
  if (c.upstream !== undefined) line += `, upstream: "${c.upstream}"`;
  if (c.host !== undefined) line += `, host: "${c.host}"`;
  if (c.referrer !== undefined) line += `, referrer: "${c.referrer}"`;
  return line;
}

/** Write an error log line into the trace, with the request's context filled in. */
export function logError(ctx: RequestContext, level: ErrorLevel, message: string, upstream?: string): void {
  const host = ctx.req.headers.find(([n]) => n.toLowerCase() === "host")?.[1];
  const referrer = ctx.req.headers.find(([n]) => n.toLowerCase() === "referer")?.[1];
  const line = errorLogLine(ctx.epochMs + ctx.now, level, ctx.connection, message, {
    client: ctx.client.address,
    server: ctx.server.names[0] ?? "",
    request: ctx.req.requestLine,
    upstream,
    host,
    referrer,
  });
  // nginx writes the bytes as they are; the trace carries text, so UTF-8 paths read as Korean again.
  ctx.trace.push({ at: ctx.now, component: "nginx", kind: "log", stream: "nginx-error", line: latin1ToUtf8(line) });
}
