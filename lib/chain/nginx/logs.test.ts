import { describe, expect, it } from "vitest";
import { accessLogLine, errorLogLine, escapeLogValue, formatErrorTime, formatHttpDate, formatTimeLocal } from "./logs";

const t = Date.UTC(2026, 10, 25, 13, 31, 5, 678);

describe("nginx log formats", () => {
  it("formats the three timestamps", () => {
    expect(formatTimeLocal(t)).toBe("25/Nov/2026:13:31:05 +0000");
    expect(formatErrorTime(t)).toBe("2026/11/25 13:31:05");
    expect(formatHttpDate(t)).toBe("Wed, 25 Nov 2026 13:31:05 GMT");
  });
  it("writes the combined access log line with '-' for empty fields", () => {
    expect(accessLogLine({ remoteAddr: "127.0.0.1", timeMs: t, request: "GET / HTTP/1.1", status: 200, bodyBytesSent: 612, userAgent: "curl/7.88.1" })).toBe(
      '127.0.0.1 - - [25/Nov/2026:13:31:05 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.88.1"',
    );
  });
  it("escapes quotes, backslashes and non-ASCII bytes as \\xHH", () => {
    expect(escapeLogValue('a"b\\c\u00ed')).toBe("a\\x22b\\x5Cc\\xED");
  });
  it("writes an error line with the request context in nginx's order", () => {
    expect(
      errorLogLine(t, "crit", 1, "connect() to unix:/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream", {
        client: "127.0.0.1",
        server: "localhost",
        request: "GET / HTTP/1.1",
        upstream: "http://unix:/run/gunicorn.sock:/",
        host: "localhost",
      }),
    ).toBe(
      '2026/11/25 13:31:05 [crit] 1234#1234: *1 connect() to unix:/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET / HTTP/1.1", upstream: "http://unix:/run/gunicorn.sock:/", host: "localhost"',
    );
  });
});
