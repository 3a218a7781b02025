/**
 * Flask's default log handler under Gunicorn: `[%(asctime)s] %(levelname)s in %(module)s: %(message)s` written to
 * wsgi.errors, which Gunicorn sends to its error log. asctime is local time (UTC on the course's server) with
 * milliseconds after a comma.
 */

export type LogLevel = "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

export const LEVEL_NUMBERS: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 };

/** logging's default asctime: `2026-11-25 13:31:05,123`. */
export function logTimestamp(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())},${p(d.getUTCMilliseconds(), 3)}`
  );
}

/** One record as the handler writes it; `traceback` (ending in "\n") follows the message line. */
export function formatLogRecord(epochMs: number, level: LogLevel, module: string, message: string, traceback?: string): string {
  const head = `[${logTimestamp(epochMs)}] ${level} in ${module}: ${message}`;
  return traceback ? `${head}\n${traceback.replace(/\n$/, "")}\n` : `${head}\n`;
}
