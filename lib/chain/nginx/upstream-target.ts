/**
 * Where proxy_pass / uwsgi_pass point: `http://unix:/run/gunicorn.sock`, `http://unix:/run/x.sock:/prefix/`,
 * `http://127.0.0.1:8000/`, `unix:/run/uwsgi.sock`, `127.0.0.1:3031`.
 */
import type { SocketAddress } from "../contracts";

export interface UpstreamTarget {
  address: SocketAddress;
  /** `$proxy_host`: `localhost` for unix sockets, `host[:port]` as written for TCP. */
  proxyHost: string;
  /** The peer name in error logs: `unix:/run/gunicorn.sock` or `127.0.0.1:8000`. */
  peerName: string;
  /** The URI part of proxy_pass (`/x/`), or null when there is none. */
  uri: string | null;
}

export function parseProxyPass(url: string): UpstreamTarget | null {
  const m = /^http:\/\/(.*)$/i.exec(url);
  if (!m) return null;
  return parseHostPart(m[1]!, true);
}

export function parseUwsgiPass(spec: string): UpstreamTarget | null {
  return parsePeer(spec.replace(/^uwsgi:\/\//i, ""));
}

function parseHostPart(rest: string, allowUri: boolean): UpstreamTarget | null {
  if (rest.startsWith("unix:")) {
    const after = rest.slice(5);
    const colon = allowUri ? after.indexOf(":") : -1;
    const path = colon >= 0 ? after.slice(0, colon) : after;
    if (!path.startsWith("/")) return null;
    const uri = colon >= 0 ? after.slice(colon + 1) : null;
    return { address: { kind: "unix", path }, proxyHost: "localhost", peerName: `unix:${path}`, uri: uri === "" ? null : uri };
  }
  const slash = rest.indexOf("/");
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const uri = slash >= 0 ? rest.slice(slash) : null;
  const hm = /^([^:/]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!hm) return null;
  const port = hm[2] ? Number(hm[2]) : 80;
  const host = hm[1] === "localhost" ? "127.0.0.1" : hm[1]!;
  return {
    address: { kind: "tcp", host, port },
    proxyHost: hm[2] && port !== 80 ? `${hm[1]}:${port}` : hm[1]!,
    peerName: `${host}:${port}`,
    uri,
  };
}

/** One `server` of an `upstream {}` block: `unix:/run/gunicorn.sock`, `127.0.0.1:8000` (port 80 by default). */
export function parsePeer(address: string): UpstreamTarget | null {
  const t = parseHostPart(address, false);
  return t ? { ...t, uri: null } : null;
}

export function sameAddress(a: SocketAddress | null, b: SocketAddress): boolean {
  if (!a) return false;
  if (a.kind === "unix" && b.kind === "unix") return a.path === b.path;
  if (a.kind === "tcp" && b.kind === "tcp") {
    const norm = (h: string) => (h === "localhost" ? "127.0.0.1" : h);
    const any = (h: string) => h === "0.0.0.0" || h === "";
    return a.port === b.port && (norm(a.host) === norm(b.host) || any(a.host));
  }
  return false;
}
