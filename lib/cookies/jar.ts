/**
 * A small cookie jar (RFC 6265 storage model), pure: what a browser keeps between the requests a student sends
 * from a widget, and what curl 7.88 keeps with `-b`/`-c`. Times are wall-clock ms passed in by the caller (the
 * chain's virtual clock), never read here.
 */

export interface StoredCookie {
  name: string;
  value: string;
  /** Lower-case host (hostOnly) or domain without its leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Wall-clock ms; null for a session cookie (kept until the jar is dropped). */
  expires: number | null;
  secure: boolean;
  httpOnly: boolean;
  /** Order of creation (kept when a cookie is replaced), for the Cookie header's order. */
  created: number;
}

export interface CookieUrl {
  host: string;
  path: string;
  /** https, or a host a browser and curl treat as secure (localhost). */
  secure: boolean;
}

export type CookieOrder = "browser" | "curl";

/** The most cookies kept (per jar), and the longest Set-Cookie value looked at: student input is untrusted. */
const MAX_COOKIES = 50;
const MAX_SET_COOKIE = 8192;

/** The URL parts a jar needs, from a Host header value and a request target. */
export function cookieUrl(hostHeader: string, target: string, scheme: "http" | "https" = "http"): CookieUrl {
  const host = hostHeader.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  const path = target.split(/[?#]/)[0] || "/";
  return { host, path: path.startsWith("/") ? path : "/", secure: scheme === "https" || host === "localhost" || host === "127.0.0.1" || host === "::1" };
}

/** RFC 6265 5.1.4 default-path; curl 7.88 keeps the directory's trailing slash ("/board/" for /board/list). */
function defaultPath(path: string, order: CookieOrder): string {
  const cut = path.lastIndexOf("/");
  if (cut <= 0) return "/";
  return order === "curl" ? path.slice(0, cut + 1) : path.slice(0, cut);
}

function pathMatches(requestPath: string, cookiePath: string, order: CookieOrder): boolean {
  // curl compares a stored "/board/" as "/board" (so /board gets it too).
  if (order === "curl" && cookiePath.length > 1 && cookiePath.endsWith("/")) cookiePath = cookiePath.slice(0, -1);
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^[\d.]+$/.test(host));
}

/** An HTTP date as cookies use it (RFC 6265 5.1.1 is lenient; Date.parse covers the formats servers send). */
function parseCookieDate(text: string): number | null {
  const ms = Date.parse(text.replace(/-/g, " "));
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Cookies of one client. `order` is whose rules it follows where a browser and curl differ: the default path
 * (above) and the order of the Cookie header (a browser: longer path first, then older first; curl 7.88: longer
 * path, longer domain, longer name, then older).
 */
export class CookieJar {
  #cookies: StoredCookie[];
  #counter: number;
  readonly order: CookieOrder;

  constructor(cookies: readonly StoredCookie[] = [], order: CookieOrder = "browser") {
    this.order = order;
    this.#cookies = cookies.map((c) => ({ ...c }));
    this.#counter = cookies.reduce((m, c) => Math.max(m, c.created + 1), 0);
  }

  get cookies(): readonly StoredCookie[] {
    return this.#cookies;
  }

  /** Store one Set-Cookie header value received for `url` at `nowMs`; false when it was ignored. */
  store(setCookie: string, url: CookieUrl, nowMs: number): boolean {
    if (setCookie.length > MAX_SET_COOKIE) return false;
    const [pair, ...attrs] = setCookie.split(";");
    const eq = pair!.indexOf("=");
    if (eq < 0) return false;
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (!name) return false;
    let expires: number | null = null;
    let maxAge: number | null = null;
    let domain: string | null = null;
    let path: string | null = null;
    let secure = false;
    let httpOnly = false;
    for (const attr of attrs) {
      const cut = attr.indexOf("=");
      const key = (cut < 0 ? attr : attr.slice(0, cut)).trim().toLowerCase();
      const v = cut < 0 ? "" : attr.slice(cut + 1).trim();
      if (key === "expires") expires = parseCookieDate(v) ?? expires;
      else if (key === "max-age" && /^-?\d+$/.test(v)) maxAge = Number(v);
      else if (key === "domain" && v) domain = v.replace(/^\./, "").toLowerCase();
      else if (key === "path") path = v.startsWith("/") ? v : null;
      else if (key === "secure") secure = true;
      else if (key === "httponly") httpOnly = true;
    }
    if (maxAge !== null) expires = maxAge <= 0 ? 0 : nowMs + maxAge * 1000;
    if (domain !== null && !domainMatches(url.host, domain)) return false;
    const cookie: StoredCookie = {
      name,
      value,
      domain: domain ?? url.host,
      hostOnly: domain === null,
      path: path ?? defaultPath(url.path, this.order),
      expires,
      secure,
      httpOnly,
      created: this.#counter++,
    };
    const same = (c: StoredCookie) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path;
    const old = this.#cookies.find(same);
    if (old) cookie.created = old.created;
    this.#cookies = this.#cookies.filter((c) => !same(c));
    if (expires !== null && expires <= nowMs) return true;
    this.#cookies.push(cookie);
    if (this.#cookies.length > MAX_COOKIES) this.#cookies.shift();
    return true;
  }

  /** Store every Set-Cookie header of a response. */
  storeAll(headers: ReadonlyArray<readonly [string, string]>, url: CookieUrl, nowMs: number): void {
    for (const [k, v] of headers) if (k.toLowerCase() === "set-cookie") this.store(v, url, nowMs);
  }

  /** The cookies to send to `url` at `nowMs`, in the order of the Cookie header. */
  matching(url: CookieUrl, nowMs: number): StoredCookie[] {
    const order = this.order;
    const live = this.#cookies.filter((c) => c.expires === null || c.expires > nowMs);
    this.#cookies = live;
    const sent = live.filter(
      (c) => (c.hostOnly ? c.domain === url.host : domainMatches(url.host, c.domain)) && pathMatches(url.path, c.path, order) && (!c.secure || url.secure),
    );
    return sent.sort((a, b) => {
      if (a.path.length !== b.path.length) return b.path.length - a.path.length;
      if (order === "curl") {
        if (a.domain.length !== b.domain.length) return b.domain.length - a.domain.length;
        if (a.name.length !== b.name.length) return b.name.length - a.name.length;
      }
      return a.created - b.created;
    });
  }

  /** The Cookie header value for `url`, or null when no cookie applies. */
  header(url: CookieUrl, nowMs: number): string | null {
    const sent = this.matching(url, nowMs);
    return sent.length ? sent.map((c) => `${c.name}=${c.value}`).join("; ") : null;
  }
}
