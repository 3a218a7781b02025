import { describe, expect, it } from "vitest";
import { gunicornSettingsFrom, parseBind } from "./settings";

const FILE = "/srv/hello_cju/gunicorn.conf.py";

describe("gunicornSettingsFrom", () => {
  it("reads hello_cju's gunicorn.conf.py values", () => {
    const result = gunicornSettingsFrom({ bind: "unix:/run/gunicorn.sock", workers: 2, timeout: 30, accesslog: "-" }, FILE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.addresses).toEqual([{ kind: "unix", path: "/run/gunicorn.sock" }]);
    expect(result.settings.workers).toBe(2);
    expect(result.settings.timeout).toBe(30);
    expect(result.settings.accesslog).toBe("-");
    expect(result.settings.workerClass).toBe("sync");
  });

  it("refuses workers = \"two\" with Gunicorn's own words (observed)", () => {
    const result = gunicornSettingsFrom({ workers: "two" }, FILE, { workers: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("Invalid value for workers: two\n\n\nError: invalid literal for int() with base 0: 'two'");
    expect(result.error.line).toBe(3);
    expect(result.error.path).toBe("gunicorn.conf.py");
    expect(result.error.messageKo).toContain("workers");
  });

  it.each([
    [{ timeout: -1 }, "Invalid value for timeout: -1\n\n\nError: Value must be positive: -1"],
    [{ workers: 2.5 }, "Invalid value for workers: 2.5\n\n\nError: int() can't convert non-string with explicit base"],
    [{ bind: 5 }, "Invalid value for bind: 5\n\n\nError: 'int' object is not iterable"],
    [{ accesslog: 5 }, "Invalid value for accesslog: 5\n\n\nError: Not a string: 5"],
    [{ raw_env: "A" }, "Error: environment setting 'A' invalid"],
    [{ capture_output: "maybe" }, "Invalid value for capture_output: maybe\n\n\nError: Invalid boolean: maybe"],
  ])("refuses %j", (values, message) => {
    const result = gunicornSettingsFrom(values, FILE);
    expect(result.ok ? "accepted" : result.error.message).toBe(message);
  });

  it("accepts what Gunicorn accepts: strings of digits, True as 1, unknown names, unknown log levels", () => {
    const result = gunicornSettingsFrom({ workers: " 3 ", timeout: "0x1e", threads: true, foo: 1, loglevel: "loud" }, FILE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.workers).toBe(3);
    expect(result.settings.timeout).toBe(30);
    expect(result.settings.loglevel).toBe("info");
  });

  it("switches a sync worker with threads > 1 to gthread, and parses raw_env", () => {
    const result = gunicornSettingsFrom({ threads: 4, raw_env: ["SCRIPT_NAME=/app", "A=b=c"] }, FILE);
    expect(result.ok && result.settings.workerClass).toBe("gthread");
    expect(result.ok && result.settings.rawEnv).toEqual({ SCRIPT_NAME: "/app", A: "b=c" });
  });

  it("parses bind addresses like Gunicorn", () => {
    expect(parseBind("unix:/run/g.sock")).toEqual({ kind: "unix", path: "/run/g.sock" });
    expect(parseBind("127.0.0.1:8000")).toEqual({ kind: "tcp", host: "127.0.0.1", port: 8000 });
    expect(parseBind("0.0.0.0")).toEqual({ kind: "tcp", host: "0.0.0.0", port: 8000 });
    expect(parseBind("[::1]:9000")).toEqual({ kind: "tcp", host: "::1", port: 9000 });
    expect(parseBind("localhost:http")).toBeNull();
  });
});
