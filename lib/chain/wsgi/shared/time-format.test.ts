import { describe, expect, it } from "vitest";
import { formatHttpDate } from "../../clock";
import { ctime, gunicornAccessTime, gunicornErrorTime } from "./time-format";

const at = Date.UTC(2026, 10, 5, 13, 34, 52, 120);

describe("gateway timestamps", () => {
  it("print each program's format, truncated to the second", () => {
    expect(gunicornErrorTime(at)).toBe("[2026-11-05 13:34:52 +0000]");
    expect(gunicornAccessTime(at)).toBe("[05/Nov/2026:13:34:52 +0000]");
    expect(ctime(at)).toBe("Thu Nov  5 13:34:52 2026");
    expect(formatHttpDate(at)).toBe("Thu, 05 Nov 2026 13:34:52 GMT");
  });

  it("give the right second when calls alternate between seconds", () => {
    expect(ctime(at + 999 - 120)).toBe("Thu Nov  5 13:34:52 2026");
    expect(ctime(at + 1000 - 120)).toBe("Thu Nov  5 13:34:53 2026");
    expect(ctime(at)).toBe("Thu Nov  5 13:34:52 2026");
    expect(gunicornErrorTime(Date.UTC(2026, 0, 1) - 1)).toBe("[2025-12-31 23:59:59 +0000]");
  });
});
