/** Gunicorn's access log line: `access_log_format` filled from its atoms (glogging.Logger.atoms). */
import type { Environ, HeaderList } from "../../trace";
import { fromBase64, latin1Decode } from "../shared/bytes";
import { pyNamedFormat } from "../shared/python-text";
import { gunicornAccessTime } from "../shared/time-format";

export const DEFAULT_ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"';

export interface AccessLogInput {
  format: string;
  environ: Environ;
  /** Request headers as Gunicorn keeps them (upper-case names). */
  requestHeaders: HeaderList;
  responseHeaders: HeaderList;
  statusToken: string;
  sent: number;
  durationMs: number;
  /** Wall-clock ms of the moment the line is written. */
  epochMs: number;
  workerPid: number;
}

function envValue(environ: Environ, key: string): string | undefined {
  for (const [k, v] of environ) {
    if (k !== key) continue;
    if (v.type === "str") return v.value;
    if (v.type === "bool") return v.value ? "True" : "False";
    if (v.type === "int") return String(v.value);
    if (v.type === "tuple") return `(${v.value.join(", ")})`;
    return v.repr;
  }
  return undefined;
}

/** The user name from a Basic Authorization header, as Gunicorn's _get_user finds it. */
function basicUser(environ: Environ): string | undefined {
  const auth = envValue(environ, "HTTP_AUTHORIZATION");
  if (!auth) return undefined;
  const [kind, token] = auth.split(" ", 2);
  if (kind.toLowerCase() !== "basic" || !token) return undefined;
  const decoded = fromBase64(token);
  if (!decoded) return undefined;
  return latin1Decode(decoded).split(":")[0];
}

export function formatAccessLine(input: AccessLogInput): string {
  const { environ } = input;
  const seconds = Math.floor(input.durationMs / 1000);
  const micros = Math.round((input.durationMs % 1000) * 1000);
  const atoms: Record<string, string> = {
    h: envValue(environ, "REMOTE_ADDR") ?? "-",
    l: "-",
    u: basicUser(environ) ?? "-",
    t: gunicornAccessTime(input.epochMs),
    r: `${envValue(environ, "REQUEST_METHOD")} ${envValue(environ, "RAW_URI")} ${envValue(environ, "SERVER_PROTOCOL")}`,
    s: input.statusToken,
    m: envValue(environ, "REQUEST_METHOD") ?? "None",
    U: envValue(environ, "PATH_INFO") ?? "None",
    q: envValue(environ, "QUERY_STRING") ?? "None",
    H: envValue(environ, "SERVER_PROTOCOL") ?? "None",
    b: String(input.sent),
    B: String(input.sent),
    f: envValue(environ, "HTTP_REFERER") ?? "-",
    a: envValue(environ, "HTTP_USER_AGENT") ?? "-",
    T: String(seconds),
    D: String(seconds * 1_000_000 + micros),
    M: String(Math.floor(input.durationMs)),
    L: `${seconds}.${String(micros).padStart(6, "0")}`,
    p: `<${input.workerPid}>`,
  };
  for (const [name, value] of input.requestHeaders) atoms[`{${name.toLowerCase()}}i`] = value;
  for (const [name, value] of input.responseHeaders) atoms[`{${name.toLowerCase()}}o`] = value;
  for (const [key] of environ) {
    const value = envValue(environ, key);
    if (value !== undefined) atoms[`{${key.toLowerCase()}}e`] = value;
  }
  // SafeAtoms escapes double quotes in every str atom.
  return pyNamedFormat(input.format, (name) => {
    const key = name.startsWith("{") ? name.toLowerCase() : name;
    const value = Object.prototype.hasOwnProperty.call(atoms, key) ? atoms[key] : undefined;
    return value === undefined ? undefined : value.replace(/"/g, '\\"');
  });
}
