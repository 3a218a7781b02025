import { describe, expect, it } from "vitest";
import { parseRequestLine } from "./request-line";

const line = (s: string) => parseRequestLine(s, 0);

describe("parseRequestLine (ngx_http_parse_request_line, nginx 1.22)", () => {
  it("splits an origin-form line", () => {
    expect(line("GET /a?b HTTP/1.1\r\n")).toMatchObject({ kind: "ok", method: "GET", uri: "/a?b", host: null, major: 1, minor: 1, next: 19 });
  });
  it("answers 505 for any major version above 1, however it is spelled", () => {
    for (const v of ["HTTP/2.0", "HTTP/111", "HTTP/1111111.1", "HTTP/10.1"]) {
      expect(line(`GET / ${v}\r\n`), v).toMatchObject({ kind: "error", error: "invalid-version" });
    }
  });
  it("refuses HTTP/0.9 spelled out, a missing minor and a minor over 999, but takes HTTP/1.100", () => {
    for (const v of ["HTTP/0.9", "HTTP/1", "HTTP/1.", "HTTP/1.1000", "HTTP/01.1", "http/1.1"]) {
      expect(line(`GET / ${v}\r\n`), v).toMatchObject({ kind: "error", error: "invalid-request" });
    }
    expect(line("GET / HTTP/1.100\r\n")).toMatchObject({ kind: "ok", minor: 100 });
  });
  it("refuses a space, a tab or DEL inside the target (nginx ≥ 1.21.1)", () => {
    for (const t of ["/ /", "/a\tb", "/a\x7fb", "/ HXYZ"]) expect(line(`GET ${t} HTTP/1.0\r\n`), t).toMatchObject({ kind: "error" });
  });
  it("keeps a # in the URI as sent", () => {
    expect(line("GET /foo/..#frag HTTP/1.1\r\n")).toMatchObject({ kind: "ok", uri: "/foo/..#frag" });
  });
  it("reads absolute targets: host, port, IP literals; refuses userinfo, _ in a host and broken forms", () => {
    expect(line("GET http://Example.com:8080/x HTTP/1.1\r\n")).toMatchObject({ kind: "ok", host: "Example.com", uri: "/x" });
    expect(line("GET http://[::1]:80/v HTTP/1.0\r\n")).toMatchObject({ kind: "ok", host: "[::1]", uri: "/v" });
    expect(line("GET http://h?a=1 HTTP/1.0\r\n")).toMatchObject({ kind: "ok", host: "h", uri: "?a=1", emptyPath: true });
    expect(line("GET http://h HTTP/1.0\r\n")).toMatchObject({ kind: "ok", host: "h", uri: "/" });
    for (const t of ["http://user:pass@h/", "http://user@h/", "http://lo_cal/", "http:/x", "1http://h/", "*", "http://h:8a/", "http://[::1/"]) {
      expect(line(`GET ${t} HTTP/1.1\r\n`), t).toMatchObject({ kind: "error", error: "invalid-request" });
    }
  });
  it("allows HTTP/0.9 for GET only", () => {
    expect(line("GET /x\r\n")).toMatchObject({ kind: "ok", major: 0, minor: 9, uri: "/x" });
    expect(line("POST /x\r\n")).toMatchObject({ kind: "error", error: "invalid-09-method", method: "POST" });
  });
  it("refuses lower-case methods and a CR not followed by LF; waits for an unfinished line", () => {
    expect(line("get / HTTP/1.1\r\n")).toMatchObject({ kind: "error", error: "invalid-method" });
    expect(line("GET / HTTP/1.1\rX\r\n")).toMatchObject({ kind: "error", error: "invalid-request" });
    expect(line("GET / HTTP/1.1")).toMatchObject({ kind: "again" });
  });
});
