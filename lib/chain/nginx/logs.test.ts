import { describe, expect, it } from "vitest";
import { formatHttpDate } from "../clock";
import { accessLogLine, errorLogLine, escapeLogValue, formatErrorTime, formatTimeLocal } from "./logs";

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

describe("time texts cached by second", () => {
  it("equal Date's own formatting, for many seconds and back again", () => {
    const start = Date.UTC(2026, 0, 1, 0, 0, 0);
    // More distinct seconds than the caches keep, then the first ones again.
    const times = [...Array.from({ length: 200 }, (_, i) => start + i * 1000 + (i % 7) * 111), start, start + 999];
    for (const ms of times) {
      const d = new Date(Math.floor(ms / 1000) * 1000);
      expect(formatHttpDate(ms)).toBe(d.toUTCString());
      expect(formatErrorTime(ms)).toMatch(new RegExp(`^${d.getUTCFullYear()}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d$`));
      expect(formatTimeLocal(ms).endsWith(" +0000")).toBe(true);
    }
    expect(formatHttpDate(start + 999)).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
    expect(formatHttpDate(start + 1000)).toBe("Thu, 01 Jan 2026 00:00:01 GMT");
    expect(formatTimeLocal(start + 1999)).toBe("01/Jan/2026:00:00:01 +0000");
    expect(formatErrorTime(start + 1999)).toBe("2026/01/01 00:00:01");
  });
});
