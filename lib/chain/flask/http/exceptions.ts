/**
 * Werkzeug 2.2's HTTPException pages: the exact HTML every default error response carries, and the codes
 * abort() knows.
 */
import { utf8Length } from "../../http/bytes";
import { escapeHtml } from "../markup";
import type { HeaderList } from "../../trace";
import type { PyError } from "../routing/values";
import { reasonPhrase, statusFromCode } from "./status";
import { DEFAULT_EXCEPTIONS } from "./status-data";

/** A raised HTTPException as the model carries it. */
export interface HttpError {
  code: number;
  /** Class name, e.g. `NotFound` (for tracebacks and error handler lookup). */
  className: string;
  /** The description shown in the page (plain text: it is escaped when rendered). */
  description: string;
  /** Extra headers, e.g. `Allow` on 405. */
  extraHeaders: HeaderList;
}

export function httpError(code: number, description?: string | null, extraHeaders: HeaderList = []): HttpError | PyError {
  const known = Object.hasOwn(DEFAULT_EXCEPTIONS, code) ? DEFAULT_EXCEPTIONS[code] : undefined;
  if (!known) return { pyType: "LookupError", message: `no exception for ${code}` };
  return {
    code,
    className: known.className,
    description: description ?? known.description,
    extraHeaders,
  };
}

/** The 405 Werkzeug raises from routing: `Allow` lists the methods joined by ", ". */
export function methodNotAllowed(allowed: readonly string[]): HttpError {
  return {
    code: 405,
    className: "MethodNotAllowed",
    description: DEFAULT_EXCEPTIONS[405].description,
    extraHeaders: [["Allow", allowed.join(", ")]],
  };
}

/** `HTTPException.get_body()`: the HTML page. */
export function errorPageHtml(code: number, description: string): string {
  const name = escapeHtml(reasonPhrase(code));
  const body = description ? `<p>${escapeHtml(description).replace(/\n/g, "<br>")}</p>` : "";
  return `<!doctype html>\n<html lang=en>\n<title>${code} ${name}</title>\n<h1>${name}</h1>\n${body}\n`;
}

export interface PlainResponse {
  status: string;
  code: number;
  headers: HeaderList;
  body: string;
}

/** `HTTPException.get_response()`: Content-Type, the extra headers, then Content-Length. */
export function errorResponse(error: HttpError): PlainResponse {
  const body = errorPageHtml(error.code, error.description);
  const { status } = statusFromCode(error.code);
  return {
    status,
    code: error.code,
    headers: [
      ["Content-Type", "text/html; charset=utf-8"],
      ...error.extraHeaders,
      ["Content-Length", String(utf8Length(body))],
    ],
    body,
  };
}

/** The page of werkzeug.utils.redirect() (and of routing's 308 RequestRedirect). */
export function redirectPageHtml(location: string): string {
  const shown = escapeHtml(location);
  return (
    "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n" +
    `<p>You should be redirected automatically to the target URL: <a href="${shown}">${shown}</a>. If not, click the link.\n`
  );
}
