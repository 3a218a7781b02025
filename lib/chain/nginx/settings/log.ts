/** ngx_http_log_module's settings: the access_log lines a request writes, each with its log_format resolved. */
import type { Directive } from "../config/types";
import type { OwnDirectives } from "./own";

/** A `log_format name [escape=…] text…;` of http{}. */
export interface LogFormat {
  escape: "default" | "json" | "none";
  /** The format's strings joined, variables not yet expanded. */
  template: string;
}

export interface LogSettings {
  /** access_log lines of the innermost level that has any, as written. */
  accessLog: ReadonlyArray<Directive>;
  /** `access_log off` at that level: nothing is written. */
  off: boolean;
  /** One line per access_log (one when none is set anywhere): its format, null for `combined`. */
  lines: ReadonlyArray<LogFormat | null>;
}

export const LOG_DEFAULTS: LogSettings = { accessLog: [], off: false, lines: [null] };

/** The log_format directives of http{}: the first of a name counts. */
export type LogFormats = ReadonlyArray<Directive>;

export function mergeLog(prev: LogSettings, own: OwnDirectives, formats: LogFormats): LogSettings {
  const accessLog = own.all("access_log");
  if (accessLog.length === 0) return prev;
  return {
    accessLog,
    off: accessLog.some((d) => d.args[0] === "off"),
    lines: accessLog.map((d) => logFormat(d.args[1] ?? "combined", formats)),
  };
}

/** The format an access_log names; null for `combined` or a name no log_format defines (nginx refuses that). */
function logFormat(name: string, formats: LogFormats): LogFormat | null {
  if (name === "combined") return null;
  const format = formats.find((x) => x.name === "log_format" && x.args[0] === name);
  if (!format) return null;
  const parts = format.args.slice(1);
  const escape = parts[0]?.startsWith("escape=") ? parts.shift()!.slice(7) : "default";
  return { escape: escape === "none" || escape === "json" ? escape : "default", template: parts.join("") };
}
