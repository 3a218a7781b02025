/**
 * The request widgets act as a browser: every request of a scenario carries the cookies that scenario's earlier
 * answers set (unless the student wrote a Cookie header), and every answer's Set-Cookie headers are kept.
 */
import type { CookieJar } from "./jar";
import { cookieUrl } from "./jar";

export interface BrowserRequest {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: string;
}

const hostOf = (req: BrowserRequest) => req.headers.find(([n]) => n.toLowerCase() === "host")?.[1] ?? "localhost";

/** The request as the browser sends it: with a Cookie header from the jar, when it has cookies for this URL. */
export function withBrowserCookies<R extends BrowserRequest>(jar: CookieJar, req: R, nowMs: number): R {
  if (req.headers.some(([n]) => n.toLowerCase() === "cookie")) return req;
  const cookie = jar.header(cookieUrl(hostOf(req), req.target), nowMs);
  return cookie === null ? req : { ...req, headers: [...req.headers, ["Cookie", cookie]] };
}

/** Keep the answer's cookies; the time is the answer's Date header when it has one (the server's clock). */
export function keepBrowserCookies(jar: CookieJar, req: BrowserRequest, responseHeaders: ReadonlyArray<readonly [string, string]>, fallbackNowMs: number): void {
  const date = Date.parse(responseHeaders.find(([n]) => n.toLowerCase() === "date")?.[1] ?? "");
  jar.storeAll(responseHeaders, cookieUrl(hostOf(req), req.target), Number.isNaN(date) ? fallbackNowMs : date);
}
