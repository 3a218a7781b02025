/**
 * werkzeug.http.dump_cookie (Werkzeug 2.2.2): the `Set-Cookie` value `response.set_cookie`, `delete_cookie` and
 * Flask's session write. Pure: the caller passes the wall clock for `max_age` without `expires`.
 */
import type { PyError } from "./routing/values";

export interface CookieOptions {
  key: string;
  value: string;
  /** Seconds (int(timedelta.total_seconds()) for a timedelta). */
  maxAge: number | null;
  /** A ready string (sent as is) or a Unix time in seconds (formatted with http_date). */
  expires: string | number | null;
  path: string | null;
  domain: string | null;
  secure: boolean;
  httponly: boolean;
  samesite: string | null;
}

/** Characters _cookie_quote leaves alone; anything else makes the value quoted. */
const LEGAL = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:/=]$/;

/** werkzeug._internal._cookie_quote over the UTF-8 bytes of `text` (returned as latin-1 text, like Werkzeug). */
export function cookieQuote(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  let legal = true;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (LEGAL.test(ch)) {
      out += ch;
      continue;
    }
    legal = false;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (b < 0x20 || b >= 0x7f || ch === "," || ch === ";") out += `\\${b.toString(8).padStart(3, "0")}`;
    else out += ch;
  }
  return legal ? out : `"${out}"`;
}

/** werkzeug.http.http_date of a Unix time in seconds (fractions dropped). */
export function httpDate(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toUTCString();
}

const LOCAL_DOMAIN =
  "Setting 'domain' for a cookie on a server running locally (ex: localhost) is not supported by complying browsers. " +
  "You should have something like: '127.0.0.1 localhost dev.localhost' on your hosts file and then point your server " +
  "to run on 'dev.localhost' and also set 'domain' for 'dev.localhost'";

/** The header value, or the ValueError Werkzeug raises (bad SameSite, a domain without a dot). */
export function dumpCookie(o: CookieOptions, nowSeconds: number, pathToUri: (path: string) => string): string | PyError {
  let domain: string | null = null;
  if (o.domain !== null) {
    domain = o.domain.split(":")[0]!;
    if (!domain.includes(".")) return { pyType: "ValueError", message: LOCAL_DOMAIN };
  }
  let expires: string | null = null;
  if (o.expires !== null) expires = typeof o.expires === "string" ? o.expires : httpDate(o.expires);
  else if (o.maxAge !== null) expires = httpDate(nowSeconds + o.maxAge);
  let samesite: string | null = null;
  if (o.samesite !== null) {
    samesite = o.samesite.length ? o.samesite[0]!.toUpperCase() + o.samesite.slice(1).toLowerCase() : "";
    if (!["Strict", "Lax", "None"].includes(samesite)) return { pyType: "ValueError", message: "SameSite must be 'Strict', 'Lax', or 'None'." };
  }
  const latin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
  const parts = [`${latin1(o.key)}=${cookieQuote(o.value)}`];
  if (domain !== null) parts.push(`Domain=${cookieQuote(domain)}`);
  if (expires !== null) parts.push(`Expires=${latin1(expires)}`);
  if (o.maxAge !== null) parts.push(`Max-Age=${o.maxAge}`);
  if (o.secure) parts.push("Secure");
  if (o.httponly) parts.push("HttpOnly");
  if (o.path !== null) parts.push(`Path=${latin1(pathToUri(o.path))}`);
  if (samesite !== null) parts.push(`SameSite=${samesite}`);
  return parts.join("; ");
}
