/**
 * The Response the model builds, with Werkzeug 2.2's rules for its headers: given headers first, then
 * Content-Type if none was given, then Content-Length (set whenever the body is set). `toWsgi` gives what the
 * app hands start_response, with an empty body for HEAD.
 */
import type { HeaderList } from "../trace";
import { Headers } from "./headers";
import type { Status } from "./http/status";
import { statusFromCode, statusFromString } from "./http/status";
import type { PyError } from "./routing/values";
import { encodeUtf8 } from "./urls";

/** Werkzeug's get_content_type: text/* and a few XML/JS types get `; charset=utf-8`. */
export function contentTypeFor(mimetype: string): string {
  if (mimetype.includes("charset")) return mimetype;
  const withCharset =
    mimetype.startsWith("text/") ||
    mimetype.endsWith("+xml") ||
    [
      "application/ecmascript",
      "application/javascript",
      "application/sql",
      "application/xml",
      "application/xml-dtd",
      "application/xml-external-parsed-entity",
    ].includes(mimetype);
  return withCharset ? `${mimetype}; charset=utf-8` : mimetype;
}

export interface ResponseInit {
  status?: number | string | null;
  headers?: HeaderList;
  mimetype?: string;
  contentType?: string;
}

export class FlaskResponse {
  status: Status;
  readonly headers: Headers;
  body: Uint8Array;

  private constructor(status: Status, headers: Headers, body: Uint8Array) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** `Response(body, status=..., headers=..., mimetype=...)`. */
  static create(body: string | Uint8Array, init: ResponseInit = {}): FlaskResponse | PyError {
    const headers = new Headers(init.headers ?? []);
    if (!headers.has("Content-Type")) {
      const type = init.contentType ?? contentTypeFor(init.mimetype ?? "text/html");
      const err = headers.set("Content-Type", type);
      if (err) return err;
    }
    const response = new FlaskResponse(statusFromCode(200), headers, new Uint8Array());
    if (init.status !== undefined && init.status !== null) {
      const err = response.setStatus(init.status);
      if (err) return err;
    }
    response.setData(body);
    return response;
  }

  /** `response.status = x` for a str, `response.status_code = x` for an int. */
  setStatus(value: number | string): PyError | null {
    if (typeof value === "number") {
      this.status = statusFromCode(value);
      return null;
    }
    const status = statusFromString(value);
    if ("pyType" in status) return status;
    this.status = status;
    return null;
  }

  /** `set_data`: the body, and Content-Length set to its byte length. */
  setData(body: string | Uint8Array): void {
    this.body = typeof body === "string" ? encodeUtf8(body) : body;
    this.headers.set("Content-Length", String(this.body.length));
  }

  /** The status line, header list and body the WSGI app returns; HEAD keeps the headers but sends no body. */
  toWsgi(method: string): { status: string; headers: HeaderList; body: Uint8Array } {
    const headers: HeaderList = this.headers.list.map(([k, v]) => [k, v]);
    const code = this.status.code;
    // get_wsgi_headers: a body held in memory gets its Content-Length at the end if none is set by now.
    if (!this.headers.has("Content-Length") && code !== 204 && code !== 304 && !(code >= 100 && code < 200)) {
      headers.push(["Content-Length", String(this.body.length)]);
    }
    return {
      status: this.status.status,
      headers,
      body: method.toUpperCase() === "HEAD" ? new Uint8Array() : this.body,
    };
  }
}
