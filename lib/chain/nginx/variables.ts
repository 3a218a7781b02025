/**
 * nginx variables ($host, $uri, $arg_name, $1 …) and string interpolation of directive arguments.
 * Values are latin-1 byte strings, as in nginx.
 */
import { getAllHeaders, getHeader } from "../http/headers";
import type { RequestContext } from "./context";
import { levelsOf } from "./conf";
import { formatTimeLocal } from "./logs";
import { utf8ToLatin1 } from "../http/bytes";
import { fifoCache } from "../fifo-cache";

export const DEFAULT_ROOT = "/usr/share/nginx/html";

/** `$document_root`: the root (or alias) directive's value, trailing slash of `root` removed. */
export function documentRoot(ctx: RequestContext): string {
  for (const level of levelsOf(ctx.server, ctx.location)) {
    let found: { name: string; args: string[] } | undefined;
    for (const d of level) if (d.name === "root" || d.name === "alias") found = d;
    if (!found) continue;
    const value = interpolate(ctx, found.args[0] ?? "");
    if (found.name === "root" && value.length > 1 && value.endsWith("/")) return value.slice(0, -1);
    return value;
  }
  return DEFAULT_ROOT;
}

export interface PathMapping {
  path: string;
  via: "root" | "alias" | "default";
  /** The directive's value after variables (bytes). */
  value: string;
}

/** How a URI maps to a file under the current location's root or alias (ngx_http_map_uri_to_path). */
export function mapUri(ctx: RequestContext, uri: string): PathMapping {
  for (const level of levelsOf(ctx.server, ctx.location)) {
    let found: { name: string; args: string[] } | undefined;
    for (const d of level) if (d.name === "root" || d.name === "alias") found = d;
    if (!found) continue;
    const value = interpolate(ctx, found.args[0] ?? "");
    if (found.name === "root") return { path: (value.endsWith("/") ? value.slice(0, -1) : value) + uri, via: "root", value };
    const loc = ctx.location;
    // alias inside a regex location (or with captures) is the whole path; in a prefix location the
    // location's name is replaced by the alias.
    if (!loc || loc.modifier === "~" || loc.modifier === "~*" || loc.modifier === "@") return { path: value, via: "alias", value };
    return { path: value + uri.slice(Math.min(loc.name.length, uri.length)), via: "alias", value };
  }
  return { path: DEFAULT_ROOT + uri, via: "default", value: DEFAULT_ROOT };
}

/** First value of `?name=` in args (names compare case-insensitively, as ngx_http_arg). */
export function argValue(args: string, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const part of args.split("&")) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key.toLowerCase() === lower && eq >= 0) return part.slice(eq + 1);
  }
  return undefined;
}

/** The value of `$name` or undefined when nginx would give an empty "not found" value. */
export function variable(ctx: RequestContext, name: string, proxyHost = ""): string | undefined {
  const req = ctx.req;
  if (ctx.userVars.has(name)) return ctx.userVars.get(name);
  if (name.length === 1 && name >= "1" && name <= "9") return ctx.captures[Number(name)];
  if (name in ctx.namedCaptures) return ctx.namedCaptures[name];
  if (name.startsWith("http_")) {
    const header = name.slice(5).replace(/_/g, "-");
    if (header === "cookie") return joined(getAllHeaders(req.headers, "cookie"), "; ");
    if (header === "x-forwarded-for") return joined(getAllHeaders(req.headers, "x-forwarded-for"), ", ");
    return getHeader(req.headers, header);
  }
  if (name.startsWith("arg_")) return argValue(ctx.args, name.slice(4));
  if (name.startsWith("cookie_")) {
    const cookies = getAllHeaders(req.headers, "cookie").join("; ");
    for (const part of cookies.split(";")) {
      const [k, ...v] = part.trim().split("=");
      if (k === name.slice(7)) return v.join("=");
    }
    return undefined;
  }
  switch (name) {
    case "host":
      return req.host ?? ctx.server.names[0] ?? "";
    case "hostname":
      return "localhost";
    case "remote_addr":
    case "binary_remote_addr":
      return ctx.client.address;
    case "remote_port":
      return String(ctx.client.port);
    case "remote_user":
      return basicAuthUser(getHeader(req.headers, "authorization"));
    case "server_addr":
      return ctx.local.address;
    case "server_port":
      return String(ctx.local.port);
    case "server_name":
      return ctx.server.names[0] ?? "";
    case "server_protocol":
      return req.protocol;
    case "scheme":
      return "http";
    case "https":
      return "";
    case "request":
      return req.requestLine;
    case "request_method":
      return req.method;
    case "request_uri":
      return req.requestUri;
    case "uri":
    case "document_uri":
      return ctx.uri;
    case "args":
    case "query_string":
      return ctx.args;
    case "is_args":
      return ctx.args.length > 0 ? "?" : "";
    case "content_type":
      return getHeader(req.headers, "content-type");
    case "content_length":
      // The request's own header; for a chunked body, once nginx has read it, its length (recorded: uwsgi_params'
      // CONTENT_LENGTH is "3" for a 3-byte chunked body; fixtures/real `chunk-uw`).
      return getHeader(req.headers, "content-length") ?? (req.chunked && req.chunkedBody?.state === "ok" ? String(req.body.length) : undefined);
    case "document_root":
    case "realpath_root":
      return documentRoot(ctx);
    case "request_filename":
      return mapUri(ctx, ctx.uri).path;
    case "proxy_host":
      return proxyHost;
    case "proxy_add_x_forwarded_for": {
      const xff = joined(getAllHeaders(req.headers, "x-forwarded-for"), ", ");
      return xff ? `${xff}, ${ctx.client.address}` : ctx.client.address;
    }
    case "status":
      return String(ctx.status).padStart(3, "0");
    case "body_bytes_sent":
      return String(ctx.bodyBytesSent);
    case "time_local":
      return formatTimeLocal(ctx.epochMs + ctx.now);
    case "msec":
      return ((ctx.epochMs + ctx.now) / 1000).toFixed(3);
    case "request_time":
      return ((ctx.now - ctx.startAt) / 1000).toFixed(3);
    case "nginx_version":
      return "1.22.1";
    case "connection":
      return String(ctx.connection);
    case "request_body":
      return undefined;
    default:
      return undefined;
  }
}

function joined(values: string[], sep: string): string | undefined {
  return values.length === 0 ? undefined : values.join(sep);
}

/**
 * Expand `$name`, `${name}` and `$1` in a directive argument. Unknown variables expand to "" (the config loader
 * already refuses them as nginx does: `unknown "x" variable`).
 */
/** A `log_format` line: variable values escaped like nginx's access log (`-` when empty). */
export function interpolateForLog(ctx: RequestContext, template: string, escape: (v: string) => string): string {
  let out = "";
  let i = 0;
  for (let guard = 0; i < template.length && guard <= template.length; guard++) {
    const m = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/.exec(template.slice(i));
    if (!m) {
      const next = template.indexOf("$", i + 1);
      const end = next < 0 ? template.length : next;
      out += utf8ToLatin1(template.slice(i, end));
      i = end;
      continue;
    }
    const value = variable(ctx, (m[1] ?? m[2])!) ?? "";
    out += value === "" ? "-" : escape(value);
    i += m[0].length;
  }
  return out;
}

export function interpolate(ctx: RequestContext, template: string, proxyHost = ""): string {
  return expandTemplate(ctx, compileTemplate(template), proxyHost);
}

/** A directive argument split into literal bytes (latin-1 strings) and the variables between them, in order. */
export type Template = ReadonlyArray<string | { name: string }>;

/** The template's text with its variables' values for this request (what `interpolate` returns for its text). */
export function expandTemplate(ctx: RequestContext, template: Template, proxyHost = ""): string {
  // A template without variables is one literal (or none).
  if (template.length === 1 && typeof template[0] === "string") return template[0];
  let out = "";
  for (const part of template) out += typeof part === "string" ? part : (variable(ctx, part.name, proxyHost) ?? "");
  return out;
}

/** Split templates by their text: directive arguments are few and never change, and requests use them again and again. */
const templates = fifoCache<string, Template>(512);

/** The directive argument `text` as a template (split once per text; shared, so never changed). */
export function compileTemplate(text: string): Template {
  return templates.get(text, () => splitTemplate(text));
}

/**
 * `$name`, `${name}` and `$1` found as nginx's script compiler finds them. Config text is Unicode; nginx sees its
 * UTF-8 bytes, so literal parts become latin-1 byte strings like the variable values they are joined with.
 */
function splitTemplate(template: string): Template {
  if (!template.includes("$")) return template === "" ? [] : [utf8ToLatin1(template)];
  const parts: Array<string | { name: string }> = [];
  const literal = (text: string) => {
    if (text !== "") parts.push(utf8ToLatin1(text));
  };
  let i = 0;
  for (let guard = 0; i < template.length && guard <= template.length; guard++) {
    const c = template[i]!;
    if (c !== "$") {
      const next = template.indexOf("$", i);
      const end = next < 0 ? template.length : next;
      literal(template.slice(i, end));
      i = end;
      continue;
    }
    let name: string;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      if (close < 0) {
        literal(template.slice(i));
        break;
      }
      name = template.slice(i + 2, close);
      i = close + 1;
    } else if (/[1-9]/.test(template[i + 1] ?? "")) {
      name = template[i + 1]!;
      i += 2;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        literal("$");
        i++;
        continue;
      }
      name = m[0];
      i += 1 + name.length;
    }
    parts.push({ name });
  }
  return parts;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * ngx_http_auth_basic_user: the user part of `Authorization: Basic <base64 of user:password>`, or undefined (shown
 * as "-") when the header is absent, not Basic, not base64, has no ":" or an empty user. Decoding stops at "=".
 */
export function basicAuthUser(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 6 || header.slice(0, 6).toLowerCase() !== "basic ") return undefined;
  const encoded = header.slice(6).replace(/^ +/, "");
  const end = encoded.indexOf("=");
  const digits = end < 0 ? encoded : encoded.slice(0, end);
  if (digits.length === 0 || digits.length % 4 === 1) return undefined;
  let bits = 0;
  let count = 0;
  let decoded = "";
  for (const ch of digits) {
    const v = BASE64.indexOf(ch);
    if (v < 0) return undefined;
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      decoded += String.fromCharCode((bits >> count) & 0xff);
    }
  }
  const colon = decoded.indexOf(":");
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}
