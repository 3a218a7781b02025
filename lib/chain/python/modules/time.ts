/** `time`: virtual clock. sleep() advances interp.virtualMs; time() = (epochMs + virtualMs) / 1000. */
import { pyError } from "../classes";
import { typeName } from "../objects";
import type { PyModule, PyValue, Runtime } from "../values";
import { pyBuiltin, pyModule } from "../values";

function seconds(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
}

export function timeModule(interp: Runtime): PyModule {
  const now = () => interp.wallClockMs() / 1000;
  const mono = () => 1000 + interp.virtualMs / 1000;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return pyModule("time", {
    sleep: pyBuiltin("sleep", (args) => {
      if (args.length !== 1) throw pyError("TypeError", `time.sleep() takes exactly one argument (${args.length} given)`);
      const s = seconds(args[0]);
      if (Number.isNaN(s)) throw pyError("ValueError", "Invalid value NaN (not a number)");
      if (s < 0) throw pyError("ValueError", "sleep length must be non-negative");
      if (!Number.isFinite(s)) throw pyError("OverflowError", "timestamp too large to convert to C _PyTime_t");
      interp.sleep(s);
      return null;
    }),
    time: pyBuiltin("time", () => now()),
    time_ns: pyBuiltin("time_ns", () => BigInt(Math.round(now() * 1e6)) * 1000n),
    monotonic: pyBuiltin("monotonic", () => mono()),
    monotonic_ns: pyBuiltin("monotonic_ns", () => BigInt(Math.round(mono() * 1e6)) * 1000n),
    perf_counter: pyBuiltin("perf_counter", () => mono()),
    perf_counter_ns: pyBuiltin("perf_counter_ns", () => BigInt(Math.round(mono() * 1e6)) * 1000n),
    strftime: pyBuiltin("strftime", (args) => {
      const fmt = args[0];
      if (typeof fmt !== "string") throw pyError("TypeError", `strftime() argument 1 must be str, not ${typeName(fmt)}`);
      const d = new Date(interp.wallClockMs());
      const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
      const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
      return fmt.replace(/%([YmdHMSaby%])/g, (_m, c: string) => {
        switch (c) {
          case "Y":
            return String(d.getUTCFullYear());
          case "m":
            return pad(d.getUTCMonth() + 1);
          case "d":
            return pad(d.getUTCDate());
          case "H":
            return pad(d.getUTCHours());
          case "M":
            return pad(d.getUTCMinutes());
          case "S":
            return pad(d.getUTCSeconds());
          case "a":
            return days[(d.getUTCDay() + 6) % 7];
          case "b":
            return months[d.getUTCMonth()];
          case "y":
            return pad(d.getUTCFullYear() % 100);
          default:
            return "%";
        }
      });
    }),
  });
}
