import { describe, expect, it } from "vitest";
import { parseCurl, splitWords } from "./parse";

const raw = (line: string) => {
  const result = parseCurl(line);
  if (!result.ok) throw new Error(result.message);
  return result.command.raw;
};

describe("parseCurl builds the bytes curl 7.88.1 sends", () => {
  it("a plain GET", () => {
    expect(raw("curl -i http://localhost/hello/cju")).toBe("GET /hello/cju HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n");
  });
  it("-d posts a form with Content-Length before the default Content-Type", () => {
    expect(raw("curl -d 'a=1' localhost/x")).toBe(
      "POST /x HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1",
    );
  });
  it("-H headers come after curl's own, and Content-Length last", () => {
    expect(raw(`curl -H 'Content-Type: application/json' -H 'X-A: b' -d '{"a":1}' http://localhost/x`)).toBe(
      'POST /x HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json\r\nX-A: b\r\nContent-Length: 7\r\n\r\n{"a":1}',
    );
  });
  it("-H replaces Host in place and an empty value removes a default; -I sends HEAD", () => {
    expect(raw("curl -I -H 'Host: example.com' -H 'Accept:' 'http://localhost/한글?q=가'")).toBe(
      "HEAD /%ed%95%9c%ea%b8%80?q=가 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/7.88.1\r\n\r\n",
    );
  });
  it("-X sets the method; combined flags work", () => {
    const result = parseCurl("curl -iv -X DELETE http://localhost:8080/users/7");
    expect(result.ok && result.command).toMatchObject({ include: true, verbose: true, method: "DELETE", host: "localhost:8080", target: "/users/7" });
  });
});

describe("parseCurl refuses clearly", () => {
  it.each([
    ["ls -l", /curl 명령만/],
    ["curl", /URL을 적어/],
    ["curl -o out http://localhost/", /지원합니다/],
    ["curl 'http://localhost/", /따옴표/],
    ["curl ftp://example.com/", /URL을 이해하지/],
    ["curl -H 'nocolon' localhost", /헤더 형식/],
  ])("%s", (line, message) => {
    const result = parseCurl(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("splitWords", () => {
  it("handles quotes and escapes like a shell", () => {
    expect(splitWords(`curl -d "a \\"b\\"" 'c d' e\\ f`)).toEqual(["curl", "-d", 'a "b"', "c d", "e f"]);
  });
});

import { formatCurlOutput } from "./format";

describe("formatCurlOutput", () => {
  const response = { status: 404, reason: "Not Found", headers: [["Server", "nginx/1.22.1"], ["Content-Type", "text/html"]] as Array<[string, string]>, body: "<html>x</html>\n" };
  const command = (line: string) => {
    const r = parseCurl(line);
    if (!r.ok) throw new Error(r.message);
    return r.command;
  };
  it("prints only the body by default", () => {
    expect(formatCurlOutput(command("curl localhost/x"), response).stdout).toBe("<html>x</html>\n");
  });
  it("-i prints the status line and headers first", () => {
    expect(formatCurlOutput(command("curl -i localhost/x"), response).stdout).toBe("HTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nContent-Type: text/html\n\n<html>x</html>\n");
  });
  it("-v shows both directions with > and <", () => {
    const out = formatCurlOutput(command("curl -v localhost/x"), response);
    expect(out.verbose).toContain("> GET /x HTTP/1.1");
    expect(out.verbose).toContain("> Host: localhost");
    expect(out.verbose).toContain("< HTTP/1.1 404 Not Found");
    expect(out.verbose).toContain("< Server: nginx/1.22.1");
    expect(out.stdout).toBe("<html>x</html>\n");
  });
});

describe("--compressed and binary bodies", () => {
  const command = (line: string) => {
    const r = parseCurl(line);
    if (!r.ok) throw new Error(r.message);
    return r.command;
  };
  it("--compressed sends Debian curl's Accept-Encoding right after Accept", () => {
    expect(raw("curl --compressed -H 'X-A: 1' http://localhost/x")).toBe(
      "GET /x HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nAccept-Encoding: deflate, gzip, br, zstd\r\nX-A: 1\r\n\r\n",
    );
  });
  it("a -H Accept-Encoding replaces --compressed's value in place", () => {
    expect(raw("curl --compressed -H 'Accept-Encoding: gzip' http://localhost/x")).toBe(
      "GET /x HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nAccept-Encoding: gzip\r\n\r\n",
    );
  });
  it("prints curl's warning instead of a binary body, after the headers with -i, and nothing with -s", () => {
    const response = { status: 200, reason: "OK", headers: [["Content-Encoding", "gzip"]] as Array<[string, string]>, body: "", binary: true };
    expect(formatCurlOutput(command("curl -i localhost/"), response).stdout).toBe(
      'HTTP/1.1 200 OK\nContent-Encoding: gzip\n\nWarning: Binary output can mess up your terminal. Use "--output -" to tell \nWarning: curl to output it to your terminal anyway, or consider "--output \nWarning: <FILE>" to save to a file.\n',
    );
    expect(formatCurlOutput(command("curl -s localhost/"), response).stdout).toBe("");
    expect(formatCurlOutput(command("curl -I localhost/"), response).stdout).toBe("HTTP/1.1 200 OK\nContent-Encoding: gzip\n\n");
  });
});
