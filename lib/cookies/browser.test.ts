import { describe, expect, it } from "vitest";
import { keepBrowserCookies, withBrowserCookies } from "./browser";
import { CookieJar } from "./jar";

const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);
const get = (target: string, headers: Array<[string, string]> = [["Host", "localhost"]]) => ({ method: "GET", target, headers });

describe("the widgets' browser cookies", () => {
  it("sends what an earlier answer set, and keeps the student's own Cookie header", () => {
    const jar = new CookieJar();
    expect(withBrowserCookies(jar, get("/"), NOW).headers).toEqual([["Host", "localhost"]]);
    keepBrowserCookies(jar, get("/login"), [["Date", "Mon, 07 Dec 2026 03:00:00 GMT"], ["Set-Cookie", "session=abc; HttpOnly; Path=/"]], 0);
    expect(withBrowserCookies(jar, get("/whoami"), NOW).headers).toEqual([["Host", "localhost"], ["Cookie", "session=abc"]]);
    const own = get("/whoami", [["Host", "localhost"], ["cookie", "session=mine"]]);
    expect(withBrowserCookies(jar, own, NOW)).toBe(own);
  });

  it("judges Expires by the answer's Date header, the server's clock", () => {
    const jar = new CookieJar();
    keepBrowserCookies(jar, get("/"), [["Date", "Tue, 25 Nov 2031 14:00:00 GMT"], ["Set-Cookie", "t=1; Expires=Tue, 25 Nov 2031 13:00:00 GMT"]], NOW);
    expect(jar.cookies).toHaveLength(0);
  });
});
