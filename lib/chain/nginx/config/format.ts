/** What `nginx -t` prints for a load result, byte for byte as Debian 12's nginx 1.22.1 writes it to stderr. */
import { LATE, ORDER, PRINT_LEVEL } from "./diagnostics";
import type { LoadNginxConfigResult, NginxConfigError } from "./types";

export interface FormatOptions {
  /** Wall-clock time of the test run (ms since epoch, printed in UTC like the modelled server). Default 0. */
  epochMs?: number;
  /** Process id nginx prints as `<pid>#<pid>`. Default 1234. */
  pid?: number;
}

const MAIN = "/etc/nginx/nginx.conf";

function timestamp(epochMs: number): string {
  const d = new Date(Number.isFinite(epochMs) ? epochMs : 0);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * Debian builds nginx with `--error-log-path=stderr`, so `nginx -t` logs through its error log on stderr:
 * `2026/11/25 13:34:06 [emerg] 1234#1234: unknown directive "foo" in /etc/nginx/sites-enabled/x:3`.
 * nginx stops at its first [emerg]: only the warnings met before it and that error are printed. Errors marked
 * `unsupported` are the course model's, not nginx's, and are not printed.
 */
export function formatNginxTest(result: LoadNginxConfigResult, options: FormatOptions = {}): string {
  const ts = timestamp(options.epochMs ?? 0);
  const pid = options.pid ?? 1234;
  const line = (d: NginxConfigError) => `${ts} [${PRINT_LEVEL.get(d) ?? d.level}] ${pid}#${pid}: ${d.message}\n`;
  const errors = result.ok ? [] : result.errors;
  const first = errors.find((e) => e.first);
  const firstOrder = first ? (ORDER.get(first) ?? Infinity) : Infinity;
  const printed = result.warnings.filter((w) => !first || (ORDER.get(w) ?? 0) <= firstOrder);
  if (first) printed.push(first);
  const syntaxOk = `nginx: the configuration file ${MAIN} syntax is ok\n`;
  let out = "";
  let syntaxPrinted = false;
  for (const d of printed) {
    if (LATE.has(d) && !syntaxPrinted) {
      out += syntaxOk;
      syntaxPrinted = true;
    }
    out += line(d);
  }
  if (first) return out + `nginx: configuration file ${MAIN} test failed\n`;
  return out + (syntaxPrinted ? "" : syntaxOk) + `nginx: configuration file ${MAIN} test is successful\n`;
}
