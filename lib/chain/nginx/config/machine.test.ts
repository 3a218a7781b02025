import { describe, expect, test } from "vitest";
import { openLogFailure } from "./machine";

describe("log files nginx opens after parsing", () => {
  test("files in Debian's log directory and in content trees open", () => {
    for (const p of ["/var/log/nginx/site.access.log", "/dev/stdout", "/srv/hello_cju/logs/a.log", "/tmp/a.log", "/var/log/syslog"]) {
      expect(openLogFailure(p)).toBeNull();
    }
  });

  test("a missing directory is errno 2, with relative paths under nginx's prefix", () => {
    expect(openLogFailure("/var/log/hello/access.log")).toBe('open() "/var/log/hello/access.log" failed (2: No such file or directory)');
    expect(openLogFailure("logs/access.log")).toBe('open() "/usr/share/nginx/logs/access.log" failed (2: No such file or directory)');
  });

  test("a directory is errno 21", () => {
    expect(openLogFailure("/var/log/nginx/")).toBe('open() "/var/log/nginx/" failed (21: Is a directory)');
  });
});
