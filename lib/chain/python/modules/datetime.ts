/**
 * `datetime` on the virtual clock: `datetime`, `date` and `timedelta` as a board app uses them (now/today,
 * strftime, isoformat, str/repr, arithmetic, comparison, sorting). The server's local time is UTC, as on a Debian
 * server with no TZ set; time zones (`tzinfo`), `time` objects and `strptime` are not modelled.
 */
import { makeClass, objectClass, pyError } from "../classes";
import type { Kwargs, NativeClass, PyClass, PyInstance, PyModule, PyValue, Runtime } from "../values";
import { isInstance, pyBuiltin, pyModule } from "../values";

const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400n * US_PER_SECOND;
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const pad = (n: number | bigint, w = 2) => String(n).padStart(w, "0");
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

function fieldsOf(us: bigint): Fields {
  const days = floorDiv(us, US_PER_DAY);
  const rest = us - days * US_PER_DAY;
  const secs = Number(rest / US_PER_SECOND);
  return {
    ...civilFromDays(Number(days)),
    hour: Math.floor(secs / 3600),
    minute: Math.floor(secs / 60) % 60,
    second: secs % 60,
    microsecond: Number(rest % US_PER_SECOND),
  };
}

function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3)
}

/** strftime for a naive datetime in the C locale, as glibc formats it. */
function strftime(f: Fields, days: number, fmt: string): string {
  const wd = weekday(days);
  const yday = days - daysFromCivil(f.year, 1, 1) + 1;
  return fmt.replace(/%(.)/gs, (all, c: string) => {
    switch (c) {
      case "Y": return String(f.year);
      case "y": return pad(f.year % 100);
      case "m": return pad(f.month);
      case "d": return pad(f.day);
      case "e": return String(f.day).padStart(2, " ");
      case "H": return pad(f.hour);
      case "I": return pad(f.hour % 12 || 12);
      case "M": return pad(f.minute);
      case "S": return pad(f.second);
      case "f": return pad(f.microsecond, 6);
      case "p": return f.hour < 12 ? "AM" : "PM";
      case "a": return DAYS[wd].slice(0, 3);
      case "A": return DAYS[wd];
      case "b": case "h": return MONTHS[f.month - 1].slice(0, 3);
      case "B": return MONTHS[f.month - 1];
      case "j": return pad(yday, 3);
      case "w": return String((wd + 1) % 7);
      case "u": return String(wd + 1);
      case "D": return `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`;
      case "F": return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
      case "T": return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
      case "R": return `${pad(f.hour)}:${pad(f.minute)}`;
      case "c": return `${DAYS[wd].slice(0, 3)} ${MONTHS[f.month - 1].slice(0, 3)} ${String(f.day).padStart(2, " ")} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} ${f.year}`;
      case "Z": case "z": return "";
      case "%": return "%";
      default: return all;
    }
  });
}

function intArg(interp: Runtime, v: PyValue): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError("TypeError", `'${interp.typeName(v)}' object cannot be interpreted as an integer`);
}

function numberArg(interp: Runtime, v: PyValue): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError("TypeError", `unsupported type for timedelta component: ${interp.typeName(v)}`);
}

export function datetimeModule(interp: Runtime): PyModule {
  const mod = (name: string, native: NativeClass): PyClass => makeClass(name, "datetime", native, objectClass);
  const data = <T>(v: PyInstance) => v.data as T;
  const isOf = (v: PyValue, cls: PyClass): v is PyInstance => isInstance(v) && v.cls === cls;

  // ---- timedelta
  const timedelta = mod("timedelta", {
    construct(cls, args, kwargs) {
      const a = interp.bindArgs("timedelta", args, kwargs, ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"], {
        days: 0n, seconds: 0n, microseconds: 0n, milliseconds: 0n, minutes: 0n, hours: 0n, weeks: 0n,
      });
      const total =
        numberArg(interp, a.days) * 86400e6 + numberArg(interp, a.seconds) * 1e6 + numberArg(interp, a.microseconds) +
        numberArg(interp, a.milliseconds) * 1e3 + numberArg(interp, a.minutes) * 60e6 + numberArg(interp, a.hours) * 3600e6 +
        numberArg(interp, a.weeks) * 7 * 86400e6;
      return td(BigInt(Math.round(total)), cls);
    },
    getattr(self, name) {
      const us = data<{ us: bigint }>(self).us;
      const days = floorDiv(us, US_PER_DAY);
      const rest = us - days * US_PER_DAY;
      if (name === "days") return days;
      if (name === "seconds") return rest / US_PER_SECOND;
      if (name === "microseconds") return rest % US_PER_SECOND;
      return undefined;
    },
    methods: {
      total_seconds: (args) => Number(data<{ us: bigint }>(args[0] as PyInstance).us) / 1e6,
    },
    repr(self) {
      const us = data<{ us: bigint }>(self).us;
      const days = floorDiv(us, US_PER_DAY);
      const rest = us - days * US_PER_DAY;
      const parts: string[] = [];
      if (days) parts.push(`days=${days}`);
      if (rest / US_PER_SECOND) parts.push(`seconds=${rest / US_PER_SECOND}`);
      if (rest % US_PER_SECOND) parts.push(`microseconds=${rest % US_PER_SECOND}`);
      return `datetime.timedelta(${parts.length ? parts.join(", ") : "0"})`;
    },
    str(self) {
      const us = data<{ us: bigint }>(self).us;
      const days = floorDiv(us, US_PER_DAY);
      const rest = us - days * US_PER_DAY;
      const secs = Number(rest / US_PER_SECOND);
      let s = `${Math.floor(secs / 3600)}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
      if (rest % US_PER_SECOND) s += `.${pad(rest % US_PER_SECOND, 6)}`;
      return days ? `${days} day${days === 1n || days === -1n ? "" : "s"}, ${s}` : s;
    },
    bool: (self) => data<{ us: bigint }>(self).us !== 0n,
    eq: (self, other) => (isOf(other, timedelta) ? data<{ us: bigint }>(self).us === data<{ us: bigint }>(other).us : undefined),
    hashKey: (self) => `td:${data<{ us: bigint }>(self).us}`,
    compare: (self, other) => (isOf(other, timedelta) ? Number(data<{ us: bigint }>(self).us - data<{ us: bigint }>(other).us) : undefined),
    binop(self, op, other, reflected) {
      const us = data<{ us: bigint }>(self).us;
      if (isOf(other, timedelta)) {
        const o = data<{ us: bigint }>(other).us;
        const [x, y] = reflected ? [o, us] : [us, o];
        if (op === "+") return td(x + y);
        if (op === "-") return td(x - y);
        if (op === "/") return Number(x) / Number(y);
        if (op === "//") return floorDiv(x, y);
        return undefined;
      }
      if ((typeof other === "bigint" || typeof other === "number") && (op === "*" || (!reflected && (op === "/" || op === "//")))) {
        if (op === "*") return td(typeof other === "bigint" ? us * other : BigInt(Math.round(Number(us) * other)));
        if (op === "//" && typeof other === "bigint") return td(floorDiv(us, other));
        if (op === "/") return td(BigInt(Math.round(Number(us) / Number(other))));
      }
      return undefined;
    },
  });
  const td = (us: bigint, cls: PyClass = timedelta) => interp.newInstance(cls, { data: { us } });

  // ---- date
  const date = mod("date", {
    construct(cls, args, kwargs) {
      const a = interp.bindArgs("date", args, kwargs, ["year", "month", "day"]);
      return makeDate(checkDate(intArg(interp, a.year), intArg(interp, a.month), intArg(interp, a.day)), cls);
    },
    getattr(self, name) {
      const f = civilFromDays(data<{ days: number }>(self).days);
      if (name === "year" || name === "month" || name === "day") return BigInt(f[name]);
      return undefined;
    },
    methods: {
      strftime: (args) => {
        const days = data<{ days: number }>(args[0] as PyInstance).days;
        return strftime({ ...civilFromDays(days), hour: 0, minute: 0, second: 0, microsecond: 0 }, days, strArg(args[1]));
      },
      isoformat: (args) => dateText(data<{ days: number }>(args[0] as PyInstance).days),
      weekday: (args) => BigInt(weekday(data<{ days: number }>(args[0] as PyInstance).days)),
      isoweekday: (args) => BigInt(weekday(data<{ days: number }>(args[0] as PyInstance).days) + 1),
    },
    repr(self) {
      const f = civilFromDays(data<{ days: number }>(self).days);
      return `datetime.date(${f.year}, ${f.month}, ${f.day})`;
    },
    str: (self) => dateText(data<{ days: number }>(self).days),
    eq: (self, other) => (isOf(other, date) ? data<{ days: number }>(self).days === data<{ days: number }>(other).days : undefined),
    hashKey: (self) => `date:${data<{ days: number }>(self).days}`,
    compare: (self, other) => (isOf(other, date) ? data<{ days: number }>(self).days - data<{ days: number }>(other).days : undefined),
    binop(self, op, other, reflected) {
      const days = data<{ days: number }>(self).days;
      if (isOf(other, timedelta) && (op === "+" || (op === "-" && !reflected))) {
        const delta = Number(floorDiv(data<{ us: bigint }>(other).us, US_PER_DAY));
        return makeDate(op === "+" ? days + delta : days - delta);
      }
      if (isOf(other, date) && op === "-") {
        const o = data<{ days: number }>(other).days;
        return td(BigInt(reflected ? o - days : days - o) * US_PER_DAY);
      }
      return undefined;
    },
  });
  const makeDate = (days: number, cls: PyClass = date) => interp.newInstance(cls, { data: { days } });
  const dateText = (days: number) => {
    const f = civilFromDays(days);
    return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  };
  const checkDate = (y: number, m: number, d: number): number => {
    if (y < 1 || y > 9999) throw pyError("ValueError", `year ${y} is out of range`);
    if (m < 1 || m > 12) throw pyError("ValueError", "month must be in 1..12");
    if (d < 1 || d > monthDays(y, m)) throw pyError("ValueError", "day is out of range for month");
    return daysFromCivil(y, m, d);
  };
  const strArg = (v: PyValue | undefined): string => {
    if (typeof v === "string") return v;
    throw pyError("TypeError", `strftime() argument 1 must be str, not ${interp.typeName(v ?? null)}`);
  };

  // ---- datetime, a subclass of date as in CPython (its own hooks and methods come first)
  const datetime = makeClass("datetime", "datetime", {
    construct(cls, args, kwargs) {
      const a = interp.bindArgs("datetime", args, kwargs, ["year", "month", "day", "hour", "minute", "second", "microsecond"], {
        hour: 0n, minute: 0n, second: 0n, microsecond: 0n,
      });
      const days = checkDate(intArg(interp, a.year), intArg(interp, a.month), intArg(interp, a.day));
      const [h, mi, s, us] = [a.hour, a.minute, a.second, a.microsecond].map((v) => intArg(interp, v));
      if (h < 0 || h > 23) throw pyError("ValueError", "hour must be in 0..23");
      if (mi < 0 || mi > 59) throw pyError("ValueError", "minute must be in 0..59");
      if (s < 0 || s > 59) throw pyError("ValueError", "second must be in 0..59");
      if (us < 0 || us > 999999) throw pyError("ValueError", "microsecond must be in 0..999999");
      return dt(BigInt(days) * US_PER_DAY + BigInt(((h * 60 + mi) * 60 + s)) * US_PER_SECOND + BigInt(us), cls);
    },
    getattr(self, name) {
      const f = fieldsOf(data<{ us: bigint }>(self).us);
      if (name in f) return BigInt(f[name as keyof Fields]);
      return undefined;
    },
    methods: {
      strftime: (args) => {
        const us = data<{ us: bigint }>(args[0] as PyInstance).us;
        return strftime(fieldsOf(us), Number(floorDiv(us, US_PER_DAY)), strArg(args[1]));
      },
      isoformat: (args, kwargs) => {
        const a = interp.bindArgs("isoformat", args.slice(1), kwargs, ["sep", "timespec"], { sep: "T", timespec: "auto" });
        return dtText(data<{ us: bigint }>(args[0] as PyInstance).us, typeof a.sep === "string" ? a.sep : "T");
      },
      date: (args) => makeDate(Number(floorDiv(data<{ us: bigint }>(args[0] as PyInstance).us, US_PER_DAY))),
      timestamp: (args) => Number(data<{ us: bigint }>(args[0] as PyInstance).us) / 1e6,
      weekday: (args) => BigInt(weekday(Number(floorDiv(data<{ us: bigint }>(args[0] as PyInstance).us, US_PER_DAY)))),
      isoweekday: (args) => BigInt(weekday(Number(floorDiv(data<{ us: bigint }>(args[0] as PyInstance).us, US_PER_DAY))) + 1),
      replace: (args, kwargs) => {
        const self = args[0] as PyInstance;
        const f = fieldsOf(data<{ us: bigint }>(self).us);
        const k: Kwargs = new Map(Object.entries(f).map(([n, v]) => [n, BigInt(v)] as [string, PyValue]));
        for (const [n, v] of kwargs) {
          if (!k.has(n)) throw pyError("TypeError", `'${n}' is an invalid keyword argument for replace()`);
          k.set(n, v);
        }
        return interp.call(datetime, [], k);
      },
    },
    repr(self) {
      const f = fieldsOf(data<{ us: bigint }>(self).us);
      const parts = [f.year, f.month, f.day, f.hour, f.minute];
      if (f.second || f.microsecond) parts.push(f.second);
      if (f.microsecond) parts.push(f.microsecond);
      return `datetime.datetime(${parts.join(", ")})`;
    },
    str: (self) => dtText(data<{ us: bigint }>(self).us, " "),
    eq: (self, other) => (isOf(other, datetime) ? data<{ us: bigint }>(self).us === data<{ us: bigint }>(other).us : undefined),
    hashKey: (self) => `dt:${data<{ us: bigint }>(self).us}`,
    compare: (self, other) => {
      if (isOf(other, date)) throw pyError("TypeError", "can't compare datetime.datetime to datetime.date");
      if (!isOf(other, datetime)) return undefined;
      const d = data<{ us: bigint }>(self).us - data<{ us: bigint }>(other).us;
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    },
    binop(self, op, other, reflected) {
      const us = data<{ us: bigint }>(self).us;
      if (isOf(other, timedelta) && (op === "+" || (op === "-" && !reflected))) {
        const delta = data<{ us: bigint }>(other).us;
        return dt(op === "+" ? us + delta : us - delta);
      }
      if (isOf(other, datetime) && op === "-") {
        const o = data<{ us: bigint }>(other).us;
        return td(reflected ? o - us : us - o);
      }
      return undefined;
    },
  }, date);
  const dt = (us: bigint, cls: PyClass = datetime) => interp.newInstance(cls, { data: { us } });
  const dtText = (us: bigint, sep: string) => {
    const f = fieldsOf(us);
    let s = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}${sep}${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
    if (f.microsecond) s += `.${pad(f.microsecond, 6)}`;
    return s;
  };
  const nowUs = () => BigInt(Math.round(interp.wallClockMs() * 1000));

  // Class-level constructors (classmethods in CPython).
  datetime.attrs.set("now", pyBuiltin("now", () => dt(nowUs())));
  datetime.attrs.set("utcnow", pyBuiltin("utcnow", () => dt(nowUs())));
  datetime.attrs.set("today", pyBuiltin("today", () => dt(nowUs())));
  datetime.attrs.set("fromtimestamp", pyBuiltin("fromtimestamp", (args) => dt(BigInt(Math.round(numberArg(interp, args[0] ?? null) * 1e6)))));
  datetime.attrs.set("fromisoformat", pyBuiltin("fromisoformat", (args) => {
    const s = strArg(args[0]);
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{6}))?)?)?$/.exec(s);
    if (!m) throw pyError("ValueError", `Invalid isoformat string: ${interp.repr(s)}`);
    const n = m.slice(1).map((x) => BigInt(x ?? "0"));
    return interp.call(datetime, n);
  }));
  date.attrs.set("today", pyBuiltin("today", () => makeDate(Number(floorDiv(nowUs(), US_PER_DAY)))));
  date.attrs.set("fromisoformat", pyBuiltin("fromisoformat", (args) => {
    const s = strArg(args[0]);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) throw pyError("ValueError", `Invalid isoformat string: ${interp.repr(s)}`);
    return makeDate(checkDate(Number(m[1]), Number(m[2]), Number(m[3])));
  }));

  return pyModule("datetime", { datetime, date, timedelta, MINYEAR: 1n, MAXYEAR: 9999n });
}
