/**
 * nginx's ngx_parse_http_time: the three date forms of HTTP (RFC 1123 `Mon, 02 Mar 2026 09:00:00 GMT`,
 * RFC 850 `Monday, 02-Mar-26 09:00:00 GMT`, asctime `Mon Mar  2 09:00:00 2026`) to epoch seconds; null when
 * nginx would return NGX_ERROR. Like nginx it ignores the weekday and what follows the time (the zone).
 */
const MDAY = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseHttpTime(value: string): number | null {
  const end = value.length;
  const at = (i: number): number => (i < end ? value.charCodeAt(i) : 0);
  const digit = (i: number): number => {
    const c = at(i);
    return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
  };
  const two = (i: number): number => (digit(i) < 0 || digit(i + 1) < 0 ? -1 : digit(i) * 10 + digit(i + 1));
  let fmt: "no" | "rfc822" | "rfc850" | "isoc" = "no";
  let p = 0;
  for (; p < end; p++) {
    if (value[p] === ",") break;
    if (value[p] === " ") {
      fmt = "isoc";
      break;
    }
  }
  for (p++; p < end; p++) if (value[p] !== " ") break;
  if (end - p < 18) return null;
  let day = 0;
  if (fmt !== "isoc") {
    day = two(p);
    if (day < 0) return null;
    p += 2;
    if (value[p] === " ") {
      if (end - p < 18) return null;
      fmt = "rfc822";
    } else if (value[p] === "-") fmt = "rfc850";
    else return null;
    p++;
  }
  let month: number;
  switch (value[p]) {
    case "J":
      month = value[p + 1] === "a" ? 0 : value[p + 2] === "n" ? 5 : 6;
      break;
    case "F":
      month = 1;
      break;
    case "M":
      month = value[p + 2] === "r" ? 2 : 4;
      break;
    case "A":
      month = value[p + 1] === "p" ? 3 : 7;
      break;
    case "S":
      month = 8;
      break;
    case "O":
      month = 9;
      break;
    case "N":
      month = 10;
      break;
    case "D":
      month = 11;
      break;
    default:
      return null;
  }
  p += 3;
  if ((fmt === "rfc822" && value[p] !== " ") || (fmt === "rfc850" && value[p] !== "-")) return null;
  p++;
  let year = 0;
  if (fmt === "rfc822") {
    const hi = two(p);
    const lo = two(p + 2);
    if (hi < 0 || lo < 0) return null;
    year = hi * 100 + lo;
    p += 4;
  } else if (fmt === "rfc850") {
    year = two(p);
    if (year < 0) return null;
    year += year < 70 ? 2000 : 1900;
    p += 2;
  }
  if (fmt === "isoc") {
    if (value[p] === " ") p++;
    if (digit(p) < 0) return null;
    day = digit(p++);
    if (value[p] !== " ") {
      if (digit(p) < 0) return null;
      day = day * 10 + digit(p++);
    }
    if (end - p < 14) return null;
  }
  if (value[p++] !== " ") return null;
  const hour = two(p);
  if (hour < 0) return null;
  p += 2;
  if (value[p++] !== ":") return null;
  const min = two(p);
  if (min < 0) return null;
  p += 2;
  if (value[p++] !== ":") return null;
  const sec = two(p);
  if (sec < 0) return null;
  p += 2;
  if (fmt === "isoc") {
    if (value[p++] !== " ") return null;
    const hi = two(p);
    const lo = two(p + 2);
    if (hi < 0 || lo < 0) return null;
    year = hi * 100 + lo;
  }
  if (hour > 23 || min > 59 || sec > 59) return null;
  if (day === 29 && month === 1) {
    if (year & 3 || (year % 100 === 0 && year % 400 !== 0)) return null;
  } else if (day > MDAY[month]!) return null;
  return Date.UTC(year, month, day, hour, min, sec) / 1000;
}
