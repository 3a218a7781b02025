import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseResponse } from "./http-response";
import { formatRecording, formatStartup, parseRecording, parseStartup, type Recording } from "./recording";

const logs = { nginxAccess: ['127.0.0.1 - - [x] "GET / HTTP/1.1" 200 3 "-" "-"'], nginxError: [], gatewayStdout: ["한글 출력"], gatewayStderr: ["a", "b"] };

describe("recording format", () => {
  it("round-trips a binary body that contains the section markers and bytes above 0x7f", () => {
    const body = new Uint8Array([...new TextEncoder().encode("x\n=== end\n=== nginx error.log\n"), 0x00, 0x80, 0x9f, 0xff, 0x0a]);
    const response = new Uint8Array([...new TextEncoder().encode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), ...body]);
    const rec: Recording = { comments: ["설명: 한글", "second"], closed: true, sentAtMs: Date.UTC(2026, 10, 25, 13, 0, 0, 123), clientPort: 40000, elapsedMs: 7, response, logs };
    const parsed = parseRecording(formatRecording(rec));
    expect(parsed).toEqual(rec);
  });

  it("refuses text that is not a recording, or whose byte count runs past the end", () => {
    expect(parseRecording(new TextEncoder().encode("hello"))).toBeNull();
    expect(parseRecording(new TextEncoder().encode("=== response 100 bytes\nshort"))).toBeNull();
  });

  it("reads a stored recording of the real chain (fixture): nginx's 301 for a directory without a slash", () => {
    const file = path.join(import.meta.dirname, "recordings", "hello_cju", "gunicorn", "004-static-dir-redirect.txt");
    const rec = parseRecording(new Uint8Array(readFileSync(file)));
    expect(rec).not.toBeNull();
    const response = parseResponse(rec!.response);
    expect(response.statusLine).toBe("HTTP/1.1 301 Moved Permanently");
    expect(response.headers).toContainEqual(["Location", "http://localhost/static/docs/"]);
    expect(rec!.logs.nginxAccess).toHaveLength(1);
    expect(rec!.logs.nginxAccess[0]).toMatch(/"GET \/static\/docs HTTP\/1\.1" 301 169 "-" "-"$/);
    expect(rec!.logs.gatewayStdout).toEqual([]);
  });
});

describe("startup recording format", () => {
  it("round-trips every section and refuses a file without its end marker", () => {
    const startup = { gatewayStdout: [], gatewayStderr: ["[INFO] Starting gunicorn 20.1.0", "=== not a section"], nginxError: ["x"], nginxStderr: ["nginx: [warn] 경고"] };
    expect(parseStartup(formatStartup("title", startup))).toEqual({ ...startup, gatewayStderr: ["[INFO] Starting gunicorn 20.1.0", "=== not a section"] });
    expect(parseStartup("=== gateway stdout\nline\n")).toBeNull();
  });

  it("reads the stored startup of the real Gunicorn for hello_cju (fixture)", () => {
    const text = readFileSync(path.join(import.meta.dirname, "recordings", "hello_cju", "gunicorn", "_startup.txt"), "utf8");
    const startup = parseStartup(text);
    expect(startup?.gatewayStderr[0]).toMatch(/\[INFO\] Starting gunicorn 20\.1\.0$/);
    expect(startup?.gatewayStderr).toContainEqual(expect.stringMatching(/Listening at: unix:\/run\/gunicorn\.sock \(\d+\)$/));
  });
});
