/**
 * What a Gunicorn 20.1 sync worker writes back: its default headers, the app's headers after validation,
 * the body cut at Content-Length, chunked only for HTTP/1.1 peers; and its own error pages (util.write_error).
 */
import type { HeaderList } from "../../trace";
import { concatBytes, latin1Encode } from "../shared/bytes";
import { htmlEscape, pyRepr } from "../shared/python-text";
import { formatHttpDate } from "../../clock";
import type { ParsedRequest } from "./http-request";

const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9a-zA-Z]+$/;
const HEADER_VALUE_RE = /^[ \t\x21-\x7e\x80-\xff]*$/;
const HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/** The exact bytes of Gunicorn's error page (HTTP/1.1 whatever the request said, no Server/Date). */
export function gunicornErrorPage(status: number, reason: string, mesg: string): Uint8Array {
  const html =
    `<html>\n  <head>\n    <title>${reason}</title>\n  </head>\n  <body>\n` +
    `    <h1><p>${reason}</p></h1>\n    ${htmlEscape(mesg)}\n  </body>\n</html>\n`;
  const head = `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: ${html.length}\r\n\r\n`;
  return latin1Encode(head + html);
}

export type GunicornResponse =
  | {
      kind: "ok";
      raw: Uint8Array;
      /** First token of the status, as the access log's %(s)s shows it. */
      statusToken: string;
      /** Body bytes actually sent (after the Content-Length cut): %(b)s. */
      sent: number;
      /** The headers the app set that Gunicorn kept (for %({name}o)s). */
      headers: HeaderList;
    }
  /** start_response raised one of the parser's header errors: a 400 page. */
  | { kind: "bad-request"; mesg: string }
  /** Anything else raised while writing: a 500 page and an `Error handling request` traceback. */
  | { kind: "exception"; exception: string };

export function buildGunicornResponse(
  request: ParsedRequest,
  status: string,
  appHeaders: HeaderList,
  body: Uint8Array,
  sentAtEpochMs: number,
): GunicornResponse {
  let responseLength: number | undefined;
  const kept: HeaderList = [];
  for (const [name, rawValue] of appHeaders) {
    if (!TOKEN_RE.test(name)) return { kind: "bad-request", mesg: `Invalid HTTP header name: ${pyRepr(pyRepr(name))}` };
    if (!HEADER_VALUE_RE.test(rawValue)) return { kind: "bad-request", mesg: `Invalid HTTP Header: ${pyRepr(pyRepr(rawValue))}` };
    const value = rawValue.replace(/^[ \t]+|[ \t]+$/g, "");
    const lname = name.toLowerCase();
    if (lname === "content-length") {
      const m = /^\s*[+-]?\d+\s*$/.exec(value);
      if (!m) return { kind: "exception", exception: `ValueError: invalid literal for int() with base 10: ${pyRepr(value)}` };
      responseLength = Number(value);
    } else if (HOP_HEADERS.has(lname.trim())) {
      if (lname === "upgrade" && value.toLowerCase() === "websocket") kept.push([name, value]);
      continue;
    }
    kept.push([name, value]);
  }

  const firstToken = status.trim().split(/\s+/)[0] ?? "";
  const statusCode = /^[+-]?\d+$/.test(firstToken) ? Number(firstToken) : undefined;
  const [major, minor] = request.version;
  const http11 = major > 1 || (major === 1 && minor >= 1);
  const chunked =
    responseLength === undefined && http11 && request.method !== "HEAD" && statusCode !== 204 && statusCode !== 304;

  let head = `HTTP/${major}.${minor} ${status}\r\nServer: gunicorn\r\nDate: ${formatHttpDate(sentAtEpochMs)}\r\nConnection: close\r\n`;
  if (chunked) head += "Transfer-Encoding: chunked\r\n";
  for (const [name, value] of kept) head += `${name}: ${value}\r\n`;
  head += "\r\n";

  let payload = body;
  if (responseLength !== undefined && payload.length > responseLength) payload = payload.subarray(0, Math.max(0, responseLength));
  const parts = [latin1Encode(head)];
  if (chunked) {
    if (payload.length > 0) parts.push(latin1Encode(`${payload.length.toString(16).toUpperCase()}\r\n`), payload, latin1Encode("\r\n"));
    parts.push(latin1Encode("0\r\n\r\n"));
  } else {
    parts.push(payload);
  }
  return { kind: "ok", raw: concatBytes(parts), statusToken: firstToken, sent: payload.length, headers: kept };
}
