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

/**
 * The wall-clock moment virtual time 0 corresponds to, for log timestamps and Date headers. Fixed per run so the
 * same request always gives the same trace; the API passes the real time in.
 */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
