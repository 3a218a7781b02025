/**
 * What uWSGI writes back over the uwsgi socket: a plain HTTP response made of exactly the app's status and
 * headers (no Date, no Server, no Content-Length added, no header validation) and the body as given.
 */
import type { HeaderList } from "../../trace";
import { concatBytes, latin1Encode } from "../shared/bytes";

const REASONS: Record<number, string> = {
  100: "Continue", 101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
  206: "Partial Content", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
  403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 410: "Gone",
  413: "Request Entity Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Entity",
  429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
  503: "Service Unavailable", 504: "Gateway Timeout",
};

/** uWSGI's numeric status: the first three characters read as digits ('abc' gives 5451, as observed). */
export function uwsgiStatusCode(status: string): number {
  const c = (i: number) => (status.charCodeAt(i) || 48) - 48;
  return c(0) * 100 + c(1) * 10 + c(2);
}

export interface UwsgiResponse {
  raw: Uint8Array;
  headerCount: number;
  /** Size of the status line + headers + blank line ("N headers in SIZE bytes"). */
  headerBytes: number;
  statusCode: number;
}

export function buildUwsgiResponse(protocol: string, status: string, headers: HeaderList, body: Uint8Array): UwsgiResponse {
  // A bare three-character status gets uWSGI's reason phrase appended.
  const statusText = status.length === 3 ? `${status} ${REASONS[uwsgiStatusCode(status)] ?? "Unknown"}` : status;
  let head = `${protocol} ${statusText}\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  head += "\r\n";
  const headBytes = latin1Encode(head);
  return {
    raw: concatBytes([headBytes, body]),
    headerCount: headers.length,
    headerBytes: headBytes.length,
    statusCode: uwsgiStatusCode(status),
  };
}

/** The answer of a worker with no app ("full dynamic mode"). */
export function noAppResponse(protocol: string): UwsgiResponse {
  const head = `${protocol} 500 Internal Server Error\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n`;
  const headBytes = latin1Encode(head);
  return {
    raw: concatBytes([headBytes, latin1Encode("Internal Server Error")]),
    headerCount: 2,
    headerBytes: headBytes.length,
    statusCode: 500,
  };
}
