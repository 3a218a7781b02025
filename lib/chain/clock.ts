import { fifoCache } from "./fifo-cache";

/**
 * Virtual time. Nothing in the chain really sleeps: `time.sleep(3)` in a view, a worker's timeout, nginx's
 * proxy_read_timeout all move this clock, so a lesson can show "504 after 60 s" in a millisecond of real time.
 */
export class VirtualClock {
  #now: number;

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  /** Current virtual time in ms. */
  now(): number {
    return this.#now;
  }

  /** Move time forward by `ms` (never backward) and return the new time. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.#now += ms;
    return this.#now;
  }

  /** Move time forward to `ms` if it lies in the future. */
  advanceTo(ms: number): number {
    if (ms > this.#now) this.#now = ms;
    return this.#now;
  }
}

/** How many formatted times each formatter keeps (requests of a class fall in a few distinct seconds). */
const TIME_TEXTS_KEPT = 64;

/**
 * A wall-clock formatter with its texts cached by epoch second. Every timestamp the modelled programs print shows
 * whole seconds (Date headers, nginx's and the gateways' logs), and Date's formatting is a large part of a request's
 * cost. Bounded: the oldest text goes first.
 */
export function perSecond(format: (date: Date) => string): (epochMs: number) => string {
  const texts = fifoCache<number, string>(TIME_TEXTS_KEPT);
  return (epochMs) => {
    const second = Math.floor(epochMs / 1000);
    return texts.get(second, () => format(new Date(second * 1000)));
  };
}

/** HTTP date (`Wed, 25 Nov 2026 13:34:01 GMT`) for Date, Last-Modified and Expires, truncated to the second. */
export const formatHttpDate = perSecond((date) => date.toUTCString());

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The Common Log Format time, `25/Nov/2026:13:33:47 +0000` (strftime `%d/%b/%Y:%H:%M:%S %z`, in UTC as the modelled
 * servers run): nginx's `$time_local` and Gunicorn's `%(t)s` (in brackets) both print it.
 */
export const formatCommonLogTime = perSecond(
  (d) => `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`,
);
