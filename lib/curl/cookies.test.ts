import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyCurlCookies, curlCookieJarFile } from "./cookies";
import { parseCurl } from "./parse";

const real = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "cookies", "fixtures", "curl-cookies.json"), "utf8")) as {
  setCookies: string[];
  file: string;
};
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);

function command(line: string) {
  const parsed = parseCurl(line);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.command;
}

describe("curl -b / -c in the terminal (curl 7.88's order and joins, checked with the real curl)", () => {
  it("puts Cookie after curl's own headers and before -H ones; -b strings are sent as typed, joined by ';'", () => {
    const { command: c } = applyCurlCookies(command('curl -b a=1 -b b=2 -H "X-A: 1" -d x=1 http://localhost/'), new Map(), NOW);
    expect(c.raw).toBe(
      "POST / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nCookie: a=1;b=2\r\nX-A: 1\r\n" +
        "Content-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nx=1",
    );
  });

  it("sends a cookie file's cookies first, then the strings; a -H Cookie replaces the engine's header", () => {
    const files = new Map([["jar.txt", real.file]]);
    const a = applyCurlCookies(command("curl -b a=1 -b jar.txt http://localhost/board/"), files, NOW).command;
    expect(a.headers.find(([n]) => n === "Cookie")?.[1]).toBe(
      "deep=1; board_session=eyJ0IjoxfQ.aSWyFA.nOlgNab3dJxCjoy_VjJqzFsHH1s; spot=x; session=abc.def; theme=dark; dom=1; q=\"a b\\073c\"; a=1",
    );
    const b = applyCurlCookies(command('curl -b a=1 -H "Cookie: z=9" http://localhost/'), files, NOW).command;
    expect(b.headers.filter(([n]) => n.toLowerCase() === "cookie")).toEqual([["Cookie", "z=9"]]);
  });

  it("a missing cookie file is no cookies, not an error", () => {
    const r = applyCurlCookies(command("curl -b nofile.txt http://localhost/"), new Map(), NOW);
    expect(r.command.headers.some(([n]) => n === "Cookie")).toBe(false);
  });

  it("-c writes the cookie file curl writes, and the next -b reads it back", () => {
    const first = applyCurlCookies(command("curl -c jar.txt http://localhost:28611/board/list"), new Map(), NOW);
    const headers = real.setCookies.map((v) => ["Set-Cookie", v] as [string, string]);
    const written = curlCookieJarFile(first.command, first.jar, headers, NOW);
    expect(written).toEqual({ file: "jar.txt", text: real.file });
    const next = applyCurlCookies(command("curl -b jar.txt http://localhost/"), new Map([["jar.txt", written!.text]]), NOW).command;
    expect(next.headers.find(([n]) => n === "Cookie")?.[1]).toBe('session=abc.def; theme=dark; dom=1; q="a b\\073c"');
  });

  it("without -b or -c there is no cookie engine", () => {
    expect(applyCurlCookies(command("curl http://localhost/"), new Map(), NOW).jar).toBeNull();
  });
});
