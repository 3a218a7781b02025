/**
 * The PEP 3333 environ Gunicorn 20.1 builds (gunicorn/http/wsgi.py `create`), key order included.
 * Captured real environs: fixtures/gunicorn/*.response.http (the body is the environ as JSON).
 */
import type { Environ } from "../../trace";
import type { SocketAddress } from "../../contracts";
import { latin1Decode } from "../shared/bytes";
import { OrderedEnviron, bool, cls, fakeAddress, obj, str } from "../shared/environ-builder";
import type { ParsedRequest } from "./http-request";

export const GUNICORN_SERVER_SOFTWARE = "gunicorn/20.1.0";

export interface GunicornEnvironContext {
  /** The listening socket (the first `bind`). */
  listen: SocketAddress;
  /** nginx's end of the connection for a TCP bind (ephemeral port); ignored for unix sockets. */
  peerPort: number;
  workers: number;
  multithread: boolean;
  /** os.environ["SCRIPT_NAME"] of the worker, or "". */
  scriptNameFromEnv: string;
  /** A number that varies per request, for distinct object addresses. */
  serial: number;
}

/** Percent-decode to bytes, then latin-1 (Gunicorn's unquote_to_wsgi_str). */
export function unquoteToWsgiStr(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x25 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch <= 0xff) {
      bytes.push(ch);
    } else {
      for (const b of new TextEncoder().encode(text[i])) bytes.push(b);
    }
  }
  return latin1Decode(Uint8Array.from(bytes));
}

function socketRepr(listen: SocketAddress, peerPort: number): string {
  if (listen.kind === "unix") return `<socket.socket fd=9, family=1, type=1, proto=0, laddr=${listen.path}>`;
  return `<socket.socket fd=9, family=2, type=1, proto=0, laddr=('${listen.host}', ${listen.port}), raddr=('127.0.0.1', ${peerPort})>`;
}

export type GunicornEnvironResult =
  | { ok: true; environ: Environ }
  /** `create()` itself raised (SCRIPT_NAME not found in the path): Gunicorn answers 500. */
  | { ok: false; exception: string };

export function buildGunicornEnviron(request: ParsedRequest, context: GunicornEnvironContext): GunicornEnvironResult {
  const env = new OrderedEnviron();
  const serial = context.serial * 4;
  env.set("wsgi.errors", obj("gunicorn.http.wsgi.WSGIErrorsWrapper", `<gunicorn.http.wsgi.WSGIErrorsWrapper object at ${fakeAddress(serial)}>`));
  env.set("wsgi.version", { type: "tuple", value: [1, 0] });
  env.set("wsgi.multithread", bool(context.multithread));
  env.set("wsgi.multiprocess", bool(context.workers > 1));
  env.set("wsgi.run_once", bool(false));
  env.set("wsgi.file_wrapper", cls("gunicorn.http.wsgi.FileWrapper"));
  env.set("wsgi.input_terminated", bool(true));
  env.set("SERVER_SOFTWARE", str(GUNICORN_SERVER_SOFTWARE));
  env.set("wsgi.input", obj("gunicorn.http.body.Body", `<gunicorn.http.body.Body object at ${fakeAddress(serial + 1)}>`, request.body));
  env.set("gunicorn.socket", obj("socket.socket", socketRepr(context.listen, context.peerPort)));
  env.set("REQUEST_METHOD", str(request.method));
  env.set("QUERY_STRING", str(request.query));
  env.set("RAW_URI", str(request.uri));
  env.set("SERVER_PROTOCOL", str(`HTTP/${request.version[0]}.${request.version[1]}`));

  let host: string | undefined;
  let scriptName = context.scriptNameFromEnv;
  for (const [name, value] of request.headers) {
    if (name === "HOST") host = value;
    else if (name === "SCRIPT_NAME") scriptName = value;
    else if (name === "CONTENT-TYPE") {
      env.set("CONTENT_TYPE", str(value));
      continue;
    } else if (name === "CONTENT-LENGTH") {
      env.set("CONTENT_LENGTH", str(value));
      continue;
    }
    // (Expect: 100-continue makes Gunicorn write an interim response first; nginx never sends it upstream.)
    const key = "HTTP_" + name.replace(/-/g, "_");
    const previous = env.get(key);
    env.set(key, str(previous && previous.type === "str" ? `${previous.value},${value}` : value));
  }
  env.set("wsgi.url_scheme", str(request.scheme));

  let serverName: string;
  let serverPort: string;
  if (context.listen.kind === "unix") {
    env.set("REMOTE_ADDR", str(""));
    if (host !== undefined) {
      const parts = host.split(":");
      serverName = parts[0];
      serverPort = parts.length === 1 ? (request.scheme === "https" ? "443" : "80") : parts[1];
    } else {
      serverName = context.listen.path;
      serverPort = "";
    }
  } else {
    env.set("REMOTE_ADDR", str("127.0.0.1"));
    env.set("REMOTE_PORT", str(String(context.peerPort)));
    serverName = context.listen.host;
    serverPort = String(context.listen.port);
  }
  env.set("SERVER_NAME", str(serverName));
  env.set("SERVER_PORT", str(serverPort));

  let pathInfo = request.path;
  if (scriptName) {
    const at = pathInfo.indexOf(scriptName);
    if (at < 0) return { ok: false, exception: "IndexError: list index out of range" };
    pathInfo = pathInfo.slice(at + scriptName.length);
  }
  env.set("PATH_INFO", str(unquoteToWsgiStr(pathInfo)));
  env.set("SCRIPT_NAME", str(scriptName));
  return { ok: true, environ: env.toEnviron() };
}
