/** Timestamps as the gateways print them. All in UTC: the modelled servers run with TZ=UTC (as Debian's default). */
import { formatCommonLogTime, perSecond } from "../../clock";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Gunicorn's error log: `[2026-11-25 13:33:35 +0000]`. */
export const gunicornErrorTime = perSecond((d) => `[${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000]`);

/** Gunicorn's access log %(t)s: `[25/Nov/2026:13:33:36 +0000]`. */
export const gunicornAccessTime = (epochMs: number): string => `[${formatCommonLogTime(epochMs)}]`;

/** C's ctime()/asctime() without the newline, as uWSGI prints: `Wed Nov  5 13:34:52 2026` (day padded by a space). */
export const ctime = perSecond(
  (d) =>
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`,
);

