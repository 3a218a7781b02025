/**
 * Volatile values that may differ between the real chain and the embedded chain for reasons that say nothing about
 * faithfulness. Each rule has its reason; anything not normalised here must match exactly or be listed in
 * known-differences.json.
 *
 * NOT normalised (on purpose):
 *  - Last-Modified / ETag of static files: the real chain's temp copy gets the fixed mtime
 *    SCENARIO_FILES_MTIME_MS, the embedded chain's virtual disk uses the same constant.
 *  - Location: the real chain's listen port is mapped back to 80 when recording (substitute.ts mapBack), so nginx's
 *    `http://localhost/static/docs/` must match byte for byte.
 */
import type { ParsedResponse } from "./http-response";

export interface NormalizedResponse {
  statusLine: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const NORMALIZATION_RULES: ReadonlyArray<{ header: string; reason: string }> = [
  { header: "date", reason: "wall-clock time of the answer; the two chains answer at different moments (second boundaries)" },
  { header: "expires", reason: "nginx's `expires` is Date + the configured time: compared as the offset from Date, not as a moment" },
  {
    header: "allow",
    reason:
      "Werkzeug joins the methods of a Python set; the set's order follows the per-process str hash seed (PYTHONHASHSEED), so the real chain's order changes every run: compared as a sorted list",
  },
  {
    header: "set-cookie",
    reason:
      "a Flask session cookie carries the moment it was signed (itsdangerous' timestamp and the HMAC over it) and a permanent one an Expires of now + lifetime: the timestamp and signature are hidden, Expires is compared as the offset from Date; the signed payload is compared exactly (signing itself is checked byte for byte by lib/chain/flask/session/signer.test.ts)",
  },
];

/** A signed session value `payload.timestamp.signature` (itsdangerous, SHA-1: 27 base64 characters). */
const SIGNED = /^([^=;\s]+=\.?[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{1,11}\.[A-Za-z0-9_-]{27}(?=;|$)/;

/**
 * Expires as an offset from the Date header. The app computes a cookie's Expires (now + lifetime) a moment before
 * nginx or the gateway stamps Date, so a second boundary between the two makes the offset one second short. A
 * lifetime of a minute or more is a whole number of minutes in every scenario, so such an offset within 2 s of a
 * whole minute is read as that minute.
 */
function expiresOffset(expires: string, dateMs: number): string {
  let offset = Math.round((Date.parse(expires) - dateMs) / 1000);
  const minute = Math.round(offset / 60) * 60;
  if (Math.abs(offset) >= 60 && Math.abs(offset - minute) <= 2) offset = minute;
  return `<date${offset >= 0 ? "+" : ""}${offset}s>`;
}

function normalizeSetCookie(value: string, dateMs: number): string {
  return value
    .replace(SIGNED, "$1.<timestamp>.<signature>")
    .replace(/(; Expires=)([^;]+)/, (whole, prefix: string, date: string) => {
      if (!HTTP_DATE.test(date) || !Number.isFinite(dateMs) || Date.parse(date) < 86_400_000) return whole;
      return prefix + expiresOffset(date, dateMs);
    });
}

export function normalizeResponse(response: ParsedResponse): NormalizedResponse {
  const date = response.headers.find(([n]) => n.toLowerCase() === "date")?.[1];
  const dateMs = date && HTTP_DATE.test(date) ? Date.parse(date) : NaN;
  const headers = response.headers.map(([name, value]): [string, string] => {
    const lower = name.toLowerCase();
    if (lower === "date" && HTTP_DATE.test(value)) return [name, "<date>"];
    if (lower === "set-cookie") return [name, normalizeSetCookie(value, dateMs)];
    if (lower === "allow") return [name, value.split(",").map((m) => m.trim()).sort().join(", ")];
    if (lower === "expires" && HTTP_DATE.test(value) && Number.isFinite(dateMs)) {
      return [name, expiresOffset(value, dateMs)];
    }
    return [name, value];
  });
  return { statusLine: response.statusLine, headers, body: response.body };
}

/**
 * Log lines: what varies from run to run of the same request on the real programs, and nothing else.
 *  - timestamps in every format the three programs write;
 *  - pids (`[1234]`, `1234#1234`, `pid: 1234`, `pid:1234`) and nginx's connection number `*N`;
 *  - uWSGI's request counters `req: 3/7` (they count every request the worker/process served before) and the
 *    request time `in N msecs`; its `HARAKIRI … since <epoch>`;
 *  - uWSGI's `{N vars in M bytes}` keeps N but not M, because M counts SERVER_PORT, which is the test listen port in
 *    the real chain (5 digits) and 80 in the embedded one;
 *  - uWSGI's `(N switches on core C)`: the same request shows 1 or 2 switches from run to run, and with
 *    `threads = 2` the core is whichever thread took the request;
 *  - uWSGI's worker number (`worker 1`, `WORKER 2`): whichever of the processes accept()ed the connection first;
 *  - at startup: Gunicorn's master pid after `Listening at: …`, the interpreter's memory address `0x…` and
 *    uWSGI's `ready in N seconds` (how long the import took);
 *  - in uWSGI's banner, what describes the machine rather than the program: the kernel (`os:`), the host name
 *    (`nodename:`), the CPU count and the two resource limits (processes, file descriptors). The embedded chain
 *    prints a fixed Debian 12 server for them (lib/chain/wsgi/uwsgi/server.ts, UWSGI_HOST).
 */
export function normalizeLogLine(line: string): string {
  return line
    .replace(/\{(\d+) vars in \d+ bytes\}/, "{$1 vars in <n> bytes}")
    .replace(/\[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]/g, "[<time>]")
    .replace(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \[(\w+)\] \d+#\d+: (\*\d+ )?/, (_m, level: string, conn?: string) => `<time> [${level}] <pid>#<tid>: ${conn ? "*<conn> " : ""}`)
    .replace(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(,\d{3})? [+-]\d{4}\] \[\d+\]/, "[<time>] [<pid>]")
    .replace(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}\]/, "[<time>]")
    .replace(/\[pid: \d+\|app: (\d+)\|req: \d+\/\d+\]/, "[pid: <pid>|app: $1|req: <n>/<n>]")
    .replace(/\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}\]/g, "[<time>]")
    .replace(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4} - /, "<time> - ")
    .replace(/ in \d+ msecs /, " in <n> msecs ")
    .replace(/\(\d+ switches on core \d+\)/, "(<n> switches on core <n>)")
    .replace(/\b(worker|WORKER) \d+\b/g, "$1 <n>")
    .replace(/ since \d+$/, " since <time>")
    .replace(/^(\[<time>\] \[<pid>\] \[INFO\] Listening at: .*) \(\d+\)$/, "$1 (<pid>)")
    .replace(/\b0x[0-9a-f]+\b/g, "0x<addr>")
    .replace(/ ready in \d+ seconds /, " ready in <n> seconds ")
    .replace(/^(os|nodename): .*$/, "$1: <host>")
    .replace(/^(detected number of CPU cores: |your processes number limit is |detected max file descriptor number: )\d+$/, "$1<n>")
    .replace(/pid: ?\d+/g, "pid: <pid>");
}
