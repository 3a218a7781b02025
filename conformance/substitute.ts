/**
 * The one place where a scenario's config files are changed before the REAL programs run them.
 *
 * A scenario is written as it would be deployed on Debian 12 (`listen 80`, files under `/srv/<name>/`, sockets under
 * `/run/`). The conformance harness must not use port 80, /srv or /run, so it rewrites ONLY these three things and
 * nothing else (no directive is added, removed or reordered):
 *
 *   1. `listen 80` (any `listen` of port 80, with or without `default_server`) → `listen 127.0.0.1:<port>`;
 *      a `listen [::]:80` line is turned into a comment (the harness only listens on IPv4 loopback).
 *   2. `/srv/<scenario>` → the temp copy of the scenario (`<tmp>/srv/<scenario>`).
 *   3. `/run/<file>` (socket and pid files) → `<tmp>/run/<file>`.
 *
 * The same function is used for nginx site files, gunicorn.conf.py and uwsgi.ini, so every file sees the same map.
 */
export interface SubstitutionMap {
  scenario: string;
  /** Port nginx listens on instead of 80. */
  port: number;
  /** Absolute path that replaces `/srv/<scenario>` (no trailing slash). */
  srvDir: string;
  /** Absolute path that replaces `/run` (no trailing slash). */
  runDir: string;
}

const LISTEN_V6_80 = /^([ \t]*)(listen[ \t]+\[::\]:80\b[^;\n]*;)/gm;
const LISTEN_80 = /\blisten([ \t]+)(?:0\.0\.0\.0:|\*:)?80\b/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Rewrite one config file's text with the map above. Pure; returns the new text. */
export function substitutePaths(text: string, map: SubstitutionMap): string {
  const srv = new RegExp(`/srv/${escapeRegExp(map.scenario)}(?=[/"'\\s;]|$)`, "g");
  const run = /(^|[\s"'=:])\/run\//gm;
  return text
    .replace(LISTEN_V6_80, (_m, indent: string, directive: string) => `${indent}# (conformance: IPv6 off) ${directive}`)
    .replace(LISTEN_80, (_m, space: string) => `listen${space}127.0.0.1:${map.port}`)
    .replace(srv, map.srvDir)
    .replace(run, (_m, before: string) => `${before}${map.runDir}/`);
}

/**
 * Undo the map in text the real programs wrote (log lines, response headers): the temp dirs become `/srv/<name>`
 * and `/run` again, and `:<port>` after a host becomes nothing (port 80 is the default port, so nginx would not
 * write it). Used on recordings so they read as if the scenario ran on a real Debian server.
 */
export function mapBack(text: string, map: SubstitutionMap): string {
  return text
    .split(map.srvDir).join(`/srv/${map.scenario}`)
    .split(`${map.runDir}/`).join("/run/")
    .replace(new RegExp(`:${map.port}(?=[/\\s"']|$)`, "gm"), "");
}

/** mapBack for a raw HTTP response: only the head (status line + headers) is mapped, the body stays byte-exact. */
export function mapBackResponse(raw: Uint8Array, map: SubstitutionMap): Uint8Array {
  let end = -1;
  for (let i = 0; i + 3 < raw.length; i++) {
    if (raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10) {
      end = i + 4;
      break;
    }
  }
  if (end < 0) return raw;
  let head = "";
  for (let i = 0; i < end; i++) head += String.fromCharCode(raw[i]!);
  const mapped = mapBack(head, map);
  if (mapped === head) return raw;
  const headBytes = Uint8Array.from(mapped, (c) => c.charCodeAt(0) & 0xff);
  const out = new Uint8Array(headBytes.length + raw.length - end);
  out.set(headBytes, 0);
  out.set(raw.subarray(end), headBytes.length);
  return out;
}
