/** Status lines as Werkzeug's Response writes them: `404 NOT FOUND` (upper-case reason), `299 UNKNOWN`. */
import type { PyError } from "../routing/values";
import { HTTP_STATUS_CODES } from "./status-data";

export interface Status {
  /** The full status as the WSGI app passes it to start_response, e.g. `308 PERMANENT REDIRECT`. */
  status: string;
  code: number;
}

/** Title-case reason phrase for a page title (`Not Found`); Werkzeug's fallback for unknown codes. */
export function reasonPhrase(code: number, fallback = "Unknown Error"): string {
  return Object.hasOwn(HTTP_STATUS_CODES, code) ? HTTP_STATUS_CODES[code] : fallback;
}

/** `Response.status_code = code`. */
export function statusFromCode(code: number): Status {
  const known = Object.hasOwn(HTTP_STATUS_CODES, code);
  return { status: `${code} ${known ? HTTP_STATUS_CODES[code].toUpperCase() : "UNKNOWN"}`, code };
}

/** `Response.status = text` (Werkzeug's _clean_status): "201" → "201 CREATED", "201 Made" kept, "abc" → "0 abc". */
export function statusFromString(text: string): Status | PyError {
  const trimmed = text.replace(/^\s+/, "");
  if (trimmed === "") return { pyType: "ValueError", message: "Empty status argument" };
  const split = trimmed.match(/^(\S+)(?:\s+([\s\S]*))?$/);
  const head = split?.[1] ?? trimmed;
  const rest = split?.[2];
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(head)) return { status: `0 ${text}`, code: 0 };
  const code = Number(head.replace(/_/g, ""));
  if (rest !== undefined && rest !== "") return { status: text, code };
  return statusFromCode(code);
}
