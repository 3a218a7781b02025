/**
 * Parsers for nginx's argument values (ngx_parse.c, ngx_conf_file.c slots). Each returns null when nginx would
 * reject the value; callers word the error as nginx does.
 */

/** ngx_parse_size: `1024`, `10k`, `1m`, `1g` (either case). Returns bytes. */
export function parseSize(s: string): number | null {
  const m = /^(\d+)([kKmMgG]?)$/.exec(s);
  if (!m || m[1].length > 15) return null;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const scale = unit === "k" ? 1024 : unit === "m" ? 1024 * 1024 : unit === "g" ? 1024 * 1024 * 1024 : 1;
  return n * scale;
}

const TIME_UNITS_MS: Record<string, number> = {
  y: 365 * 24 * 3600 * 1000,
  M: 30 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};

/**
 * ngx_parse_time: one or more `<number><unit>` parts in decreasing order of unit (`1h30m`, `10s`, `500ms`), a
 * bare number meaning seconds. With `isSec`, `ms` is not allowed. Returns milliseconds.
 */
export function parseTime(s: string, isSec: boolean): number | null {
  if (s.length === 0 || s.length > 64) return null;
  const order = ["y", "M", "w", "d", "h", "m", "s", "ms"];
  let last = -1;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    const m = /^(\d+)(ms|[yMwdhms])?/.exec(s.slice(i));
    if (!m || m[0].length === 0) return null;
    const unit = m[2] ?? "s";
    if (unit === "ms" && isSec) return null;
    if (m[2] !== undefined) {
      const rank = order.indexOf(unit);
      if (rank <= last) return null;
      last = rank;
    }
    total += Number(m[1]) * TIME_UNITS_MS[unit];
    i += m[0].length;
    // A bare number is only allowed as the last part.
    if (m[2] === undefined && i < s.length) return null;
    // nginx allows blanks between parts; the course does not need them.
  }
  return total;
}

/** on/off, case-insensitively (ngx_conf_set_flag_slot). */
export function parseFlag(s: string): boolean | null {
  const l = s.toLowerCase();
  if (l === "on") return true;
  if (l === "off") return false;
  return null;
}

/** A non-negative decimal integer as ngx_atoi reads it. */
export function parseNumber(s: string): number | null {
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}
