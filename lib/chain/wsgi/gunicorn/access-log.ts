/** Gunicorn's access log line: `access_log_format` filled from its atoms (glogging.Logger.atoms). */
import type { Environ, HeaderList } from "../../trace";
import { fromBase64, latin1Decode } from "../shared/bytes";
import { pyNamedFormat } from "../shared/python-text";
import { gunicornAccessTime } from "../shared/time-format";
import { getAllHeaders } from "../../http/headers";

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
  // SafeAtoms escapes double quotes in every str atom.
  return pyNamedFormat(input.format, (name) => atom(input, name)?.replace(/"/g, '\\"'));
}

/**
 * One atom of glogging.Logger.atoms, computed only when the format asks for it. `{name}i`, `{name}o` and `{name}e`
 * are matched without regard to case; when several headers share a name, the last one wins, as in Gunicorn's dict.
 */
function atom(input: AccessLogInput, name: string): string | undefined {
  const { environ } = input;
  const seconds = Math.floor(input.durationMs / 1000);
  const micros = Math.round((input.durationMs % 1000) * 1000);
  switch (name) {
    case "h":
      return envValue(environ, "REMOTE_ADDR") ?? "-";
    case "l":
      return "-";
    case "u":
      return basicUser(environ) ?? "-";
    case "t":
      return gunicornAccessTime(input.epochMs);
    case "r":
      return `${envValue(environ, "REQUEST_METHOD")} ${envValue(environ, "RAW_URI")} ${envValue(environ, "SERVER_PROTOCOL")}`;
    case "s":
      return input.statusToken;
    case "m":
      return envValue(environ, "REQUEST_METHOD") ?? "None";
    case "U":
      return envValue(environ, "PATH_INFO") ?? "None";
    case "q":
      return envValue(environ, "QUERY_STRING") ?? "None";
    case "H":
      return envValue(environ, "SERVER_PROTOCOL") ?? "None";
    case "b":
    case "B":
      return String(input.sent);
    case "f":
      return envValue(environ, "HTTP_REFERER") ?? "-";
    case "a":
      return envValue(environ, "HTTP_USER_AGENT") ?? "-";
    case "T":
      return String(seconds);
    case "D":
      return String(seconds * 1_000_000 + micros);
    case "M":
      return String(Math.floor(input.durationMs));
    case "L":
      return `${seconds}.${String(micros).padStart(6, "0")}`;
    case "p":
      return `<${input.workerPid}>`;
  }
  const braced = /^\{(.*)\}([ioe])$/s.exec(name.toLowerCase());
  if (!braced) return undefined;
  const wanted = braced[1];
  if (braced[2] === "i") return getAllHeaders(input.requestHeaders, wanted).at(-1);
  if (braced[2] === "o") return getAllHeaders(input.responseHeaders, wanted).at(-1);
  let found: string | undefined;
  for (const [key] of environ) if (key.toLowerCase() === wanted) found = envValue(environ, key) ?? found;
  return found;
}
