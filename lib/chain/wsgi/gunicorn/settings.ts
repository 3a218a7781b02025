/**
 * Gunicorn 20.1 settings from the values gunicorn.conf.py assigned (the Python side evaluates the file and hands
 * over plain values). Validation and messages follow gunicorn/config.py's validators and app/base.py's
 * "Invalid value for …" print, as observed with the real program (see README).
 */
import type { ConfigError, SocketAddress } from "../../contracts";
import { pyRepr } from "../shared/python-text";
import { DEFAULT_ACCESS_LOG_FORMAT } from "./access-log";

export interface GunicornSettings {
  /** The `bind` strings as written, and their parsed addresses (Gunicorn listens on all; nginx uses one). */
  bind: string[];
  addresses: SocketAddress[];
  workers: number;
  threads: number;
  /** "sync" or "gthread" (sync with threads > 1 becomes gthread, as in Gunicorn). */
  workerClass: "sync" | "gthread";
  /** Seconds; 0 disables the worker timeout. */
  timeout: number;
  gracefulTimeout: number;
  keepalive: number;
  maxRequests: number;
  /** listen() backlog of the socket (Gunicorn's default 2048). */
  backlog: number;
  /** "-" for stdout, a path, or null (no access log: Gunicorn's default). */
  accesslog: string | null;
  errorlog: string;
  loglevel: "debug" | "info" | "warning" | "error" | "critical";
  accessLogFormat: string;
  /** raw_env as KEY → value (os.environ of the workers). */
  rawEnv: Record<string, string>;
  procName: string | null;
  limitRequestLine: number;
  limitRequestFields: number;
  limitRequestFieldSize: number;
  forwardedAllowIps: string[];
  secureSchemeHeaders: Record<string, string>;
  captureOutput: boolean;
  /** `wsgi_app` if the file sets it (otherwise the command line's app:app). */
  wsgiApp: string | null;
}

export const DEFAULT_GUNICORN_SETTINGS: GunicornSettings = {
  bind: ["127.0.0.1:8000"],
  addresses: [{ kind: "tcp", host: "127.0.0.1", port: 8000 }],
  workers: 1,
  threads: 1,
  workerClass: "sync",
  timeout: 30,
  gracefulTimeout: 30,
  keepalive: 2,
  maxRequests: 0,
  backlog: 2048,
  accesslog: null,
  errorlog: "-",
  loglevel: "info",
  accessLogFormat: DEFAULT_ACCESS_LOG_FORMAT,
  rawEnv: {},
  procName: null,
  limitRequestLine: 4094,
  limitRequestFields: 100,
  limitRequestFieldSize: 8190,
  forwardedAllowIps: ["127.0.0.1"],
  secureSchemeHeaders: { "X-FORWARDED-PROTOCOL": "ssl", "X-FORWARDED-PROTO": "https", "X-FORWARDED-SSL": "on" },
  captureOutput: false,
  wsgiApp: null,
};

/** Python's str() of a plain value from the config file. */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  return pyValueRepr(value);
}

function pyValueRepr(value: unknown, depth = 0): string {
  if (depth > 8) return "...";
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return pyRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    if (Number.isNaN(value)) return "nan";
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.slice(0, 50).map((v) => pyValueRepr(v, depth + 1)).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).slice(0, 50);
    return `{${entries.map(([k, v]) => `${pyRepr(k)}: ${pyValueRepr(v, depth + 1)}`).join(", ")}}`;
  }
  return String(value);
}

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  return "dict";
}

class SettingError extends Error {}

/** validate_pos_int: int(val, 0) for strings, bools are ints, negatives refused. */
function posInt(value: unknown): number {
  let n: number;
  if (typeof value === "boolean") n = value ? 1 : 0;
  else if (typeof value === "number" && Number.isInteger(value)) n = value;
  else if (typeof value === "string") {
    const text = value.trim().replace(/_/g, "");
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[1-9]\d*|0+)$/.exec(text);
    if (!m || /__|^_|_$/.test(value.trim())) throw new SettingError(`invalid literal for int() with base 0: ${pyRepr(value)}`);
    const body = m[2];
    const parsed = /^0[xX]/.test(body)
      ? parseInt(body.slice(2), 16)
      : /^0[oO]/.test(body)
        ? parseInt(body.slice(2), 8)
        : /^0[bB]/.test(body)
          ? parseInt(body.slice(2), 2)
          : Number(body);
    n = m[1] === "-" ? -parsed : parsed;
  } else throw new SettingError("int() can't convert non-string with explicit base");
  if (n < 0) throw new SettingError(`Value must be positive: ${n}`);
  return n;
}

function stringOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw new SettingError(`Not a string: ${pyStr(value)}`);
  return value.trim();
}

function listOfStrings(value: unknown): string[] {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return [];
  if (Array.isArray(value) && value.length === 0) return [];
  if (typeof value === "string") return [value.trim()];
  if (Array.isArray(value)) {
    return value.map((v) => {
      const s = stringOrNull(v);
      if (s === null) throw new SettingError(`Not a string: None`);
      return s;
    });
  }
  if (typeof value === "object") return Object.keys(value as object).map((k) => k.trim());
  throw new SettingError(`'${pyTypeName(value)}' object is not iterable`);
}

function pyBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") throw new SettingError(`Invalid type for casting: ${pyStr(value)}`);
  const v = value.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new SettingError(`Invalid boolean: ${value}`);
}

/** Gunicorn's parse_address for one bind string. */
export function parseBind(bind: string): SocketAddress | null {
  if (bind.startsWith("unix://")) return { kind: "unix", path: bind.slice(7) };
  if (bind.startsWith("unix:")) return { kind: "unix", path: bind.slice(5) };
  if (bind.startsWith("fd://") || bind.startsWith("tcp://") === false && bind.includes("/")) return null;
  const rest = bind.startsWith("tcp://") ? bind.slice(6) : bind;
  let host = rest;
  let port = 8000;
  const v6 = /^\[(.*)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    host = v6[1];
    if (v6[2]) port = Number(v6[2]);
  } else if (rest.includes(":")) {
    const [h, p] = [rest.slice(0, rest.lastIndexOf(":")), rest.slice(rest.lastIndexOf(":") + 1)];
    if (!/^\d+$/.test(p)) return null;
    host = h;
    port = Number(p);
  }
  if (host === "") host = "0.0.0.0";
  if (port > 65535) return null;
  return { kind: "tcp", host, port };
}

const LOG_LEVELS = ["debug", "info", "warning", "error", "critical"] as const;

type Applier = (settings: GunicornSettings, value: unknown) => void;

const APPLIERS: Record<string, Applier> = {
  bind: (s, v) => {
    s.bind = listOfStrings(v);
  },
  workers: (s, v) => void (s.workers = posInt(v)),
  threads: (s, v) => void (s.threads = posInt(v)),
  timeout: (s, v) => void (s.timeout = posInt(v)),
  graceful_timeout: (s, v) => void (s.gracefulTimeout = posInt(v)),
  keepalive: (s, v) => void (s.keepalive = posInt(v)),
  max_requests: (s, v) => void (s.maxRequests = posInt(v)),
  limit_request_line: (s, v) => void (s.limitRequestLine = posInt(v)),
  limit_request_fields: (s, v) => void (s.limitRequestFields = posInt(v)),
  limit_request_field_size: (s, v) => void (s.limitRequestFieldSize = posInt(v)),
  backlog: (s, v) => void (s.backlog = posInt(v)),
  accesslog: (s, v) => void (s.accesslog = stringOrNull(v)),
  errorlog: (s, v) => void (s.errorlog = stringOrNull(v) ?? "-"),
  loglevel: (s, v) => {
    const level = (stringOrNull(v) ?? "info").toLowerCase();
    // Gunicorn falls back to INFO for names it does not know.
    s.loglevel = (LOG_LEVELS as readonly string[]).includes(level) ? (level as GunicornSettings["loglevel"]) : "info";
  },
  access_log_format: (s, v) => void (s.accessLogFormat = stringOrNull(v) ?? DEFAULT_ACCESS_LOG_FORMAT),
  proc_name: (s, v) => void (s.procName = stringOrNull(v)),
  wsgi_app: (s, v) => void (s.wsgiApp = stringOrNull(v)),
  raw_env: (s, v) => {
    const entries = listOfStrings(v);
    const env: Record<string, string> = {};
    for (const entry of entries) {
      const eq = entry.indexOf("=");
      if (eq < 0) throw new SettingError(`\x00Error: environment setting ${pyRepr(entry)} invalid`);
      env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    s.rawEnv = env;
  },
  worker_class: (s, v) => {
    const cls = stringOrNull(v) ?? "sync";
    if (cls === "sync" || cls === "gunicorn.workers.sync.SyncWorker") s.workerClass = "sync";
    else if (cls === "gthread" || cls === "gunicorn.workers.gthread.ThreadWorker") s.workerClass = "gthread";
    else throw new SettingError(`\x00Error: class uri ${pyRepr(cls)} invalid or not found`);
  },
  capture_output: (s, v) => void (s.captureOutput = pyBool(v)),
  preload_app: (_s, v) => void pyBool(v),
  reload: (_s, v) => void pyBool(v),
  daemon: (_s, v) => void pyBool(v),
  forwarded_allow_ips: (s, v) => {
    const text = stringOrNull(v) ?? "";
    s.forwardedAllowIps = text.split(",").filter((x) => x).map((x) => x.trim());
  },
  secure_scheme_headers: (s, v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw new SettingError(`Value is not a dictionary: ${pyStr(v)} `);
    }
    const headers: Record<string, string> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) headers[k.toUpperCase()] = String(val);
    s.secureSchemeHeaders = headers;
  },
};

const MAX_KEYS = 500;

/**
 * Turn gunicorn.conf.py's module-level values into settings. Unknown names are ignored (as Gunicorn does).
 * `lines` optionally maps a name to the line that assigned it, for the error's line number.
 */
export function gunicornSettingsFrom(
  values: Record<string, unknown>,
  file: string,
  lines?: Record<string, number>,
): { ok: true; settings: GunicornSettings } | { ok: false; error: ConfigError } {
  const settings: GunicornSettings = {
    ...DEFAULT_GUNICORN_SETTINGS,
    rawEnv: {},
    secureSchemeHeaders: { ...DEFAULT_GUNICORN_SETTINGS.secureSchemeHeaders },
  };
  const fail = (key: string, message: string, messageKo: string) => ({
    ok: false as const,
    error: { file, path: file.split("/").pop() ?? file, line: lines?.[key] ?? 0, message, messageKo },
  });
  let keys: string[];
  try {
    keys = Object.keys(values ?? {});
  } catch {
    keys = [];
  }
  if (keys.length > MAX_KEYS) return fail("", "Error: too many settings", `설정 이름이 너무 많습니다 (최대 ${MAX_KEYS}개).`);
  for (const key of keys) {
    const apply = APPLIERS[key];
    if (!apply) continue;
    const value = values[key];
    try {
      apply(settings, value);
    } catch (e) {
      const detail = e instanceof SettingError ? e.message : "invalid value";
      if (detail.startsWith("\x00")) {
        return fail(key, detail.slice(1), `${key} 설정 값이 올바르지 않아 Gunicorn이 시작하지 않습니다.`);
      }
      return fail(
        key,
        `Invalid value for ${key}: ${pyStr(value)}\n\n\nError: ${detail}`,
        `${key} 설정 값 ${pyStr(value)}을(를) Gunicorn이 받아들이지 못해 시작하지 않습니다: ${detail}`,
      );
    }
  }
  if (settings.bind.length === 0) settings.bind = [...DEFAULT_GUNICORN_SETTINGS.bind];
  const addresses: SocketAddress[] = [];
  for (const bind of settings.bind) {
    const address = parseBind(bind);
    if (!address) {
      return fail("bind", `Error: invalid bind address ${pyRepr(bind)}`, `bind 주소 ${bind}를 이해할 수 없습니다.`);
    }
    addresses.push(address);
  }
  settings.addresses = addresses;
  if (settings.workerClass === "sync" && settings.threads > 1) settings.workerClass = "gthread";
  return { ok: true, settings };
}
