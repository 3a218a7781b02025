import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CookieJar, cookieUrl } from "./jar";
import { readCookieFile, writeCookieFile } from "./netscape";

interface CurlCapture {
  setUrl: string;
  setCookies: string[];
  file: string;
  sent: Record<string, string | null>;
  otherHost: string | null;
}

const real = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "curl-cookies.json"), "utf8")) as CurlCapture;
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);

describe("curl 7.88's cookie engine (fixtures/curl-cookies.json, recorded from the real curl)", () => {
  const jar = new CookieJar([], "curl");
  const setUrl = new URL(real.setUrl);
  for (const c of real.setCookies) jar.store(c, cookieUrl(setUrl.host, setUrl.pathname), NOW);

  it("writes the same cookie file as `curl -c`", () => {
    expect(writeCookieFile(jar.cookies)).toBe(real.file);
  });

  it("sends the same Cookie header as `curl -b <file>` for every path, and nothing to another host", () => {
    const fromFile = new CookieJar(readCookieFile(real.file), "curl");
    for (const [target, header] of Object.entries(real.sent)) {
      expect(fromFile.header(cookieUrl("localhost:28611", target), NOW), target).toBe(header);
    }
    expect(fromFile.header(cookieUrl("127.0.0.1:28611", "/"), NOW)).toBe(real.otherHost);
  });

  it("reads its own file back unchanged", () => {
    expect(writeCookieFile(readCookieFile(real.file))).toBe(real.file);
  });
});

describe("a browser's jar", () => {
  const url = (target: string) => cookieUrl("localhost", target);

  it("replaces a cookie by name, domain and path, and drops it on Max-Age=0 or a past Expires", () => {
    const jar = new CookieJar();
    jar.store("session=one; HttpOnly; Path=/", url("/login"), NOW);
    jar.store("session=two; HttpOnly; Path=/", url("/count"), NOW);
    expect(jar.header(url("/"), NOW)).toBe("session=two");
    jar.store("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/", url("/clear"), NOW);
    expect(jar.header(url("/"), NOW)).toBeNull();
  });

  it("forgets a cookie once its Expires has passed on the caller's clock", () => {
    const jar = new CookieJar();
    jar.store("theme=dark; Expires=Tue, 25 Nov 2025 14:31:26 GMT; Path=/", url("/"), Date.UTC(2025, 10, 25, 13, 0));
    expect(jar.header(url("/"), Date.UTC(2025, 10, 25, 14, 31, 25))).toBe("theme=dark");
    expect(jar.header(url("/"), Date.UTC(2025, 10, 25, 14, 31, 26))).toBeNull();
  });

  it("uses the RFC default path and sends longer paths first, older cookies first", () => {
    const jar = new CookieJar();
    jar.store("b=1", url("/board/list"), NOW);
    jar.store("a=1; Path=/", url("/"), NOW);
    jar.store("c=1; Path=/board/list", url("/"), NOW);
    expect(jar.cookies.find((c) => c.name === "b")?.path).toBe("/board");
    expect(jar.header(url("/board/list"), NOW)).toBe("c=1; b=1; a=1");
    expect(jar.header(url("/boardroom"), NOW)).toBe("a=1");
  });

  it("ignores a Domain the host is not in, and Secure cookies on plain http to another host", () => {
    const jar = new CookieJar();
    expect(jar.store("x=1; Domain=example.com", url("/"), NOW)).toBe(false);
    jar.store("s=1; Secure", cookieUrl("cju.example.com", "/"), NOW);
    expect(jar.header(cookieUrl("cju.example.com", "/"), NOW)).toBeNull();
    expect(jar.header(cookieUrl("cju.example.com", "/", "https"), NOW)).toBe("s=1");
  });

  it("keeps at most 50 cookies and ignores oversized headers", () => {
    const jar = new CookieJar();
    for (let i = 0; i < 60; i++) jar.store(`c${i}=v`, url("/"), NOW);
    expect(jar.cookies).toHaveLength(50);
    expect(jar.store(`big=${"x".repeat(9000)}`, url("/"), NOW)).toBe(false);
  });
});
