import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseResponse } from "./http-response";
import { normalizeLogLine, normalizeResponse } from "./normalize";
import { parseRecording } from "./recording";

const enc = (s: string) => new TextEncoder().encode(s);

describe("normalizeResponse", () => {
  it("hides a session cookie's signing moment but keeps its payload and every other cookie exactly", () => {
    const r = normalizeResponse(
      parseResponse(
        enc(
          "HTTP/1.1 302 FOUND\r\nDate: Mon, 07 Dec 2026 03:15:44 GMT\r\n" +
            "Set-Cookie: session=.eJxtjEsKg.axYk4A.NaM4-V7KxXD9SQNX2fdDhi1FErk; Expires=Thu, 04 Dec 2036 03:15:44 GMT; HttpOnly; Path=/\r\n" +
            "Set-Cookie: session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/\r\n" +
            "Set-Cookie: theme=dark.blue; Path=/\r\n\r\n",
        ),
      ),
    );
    expect(r.headers.filter(([n]) => n === "Set-Cookie").map(([, v]) => v)).toEqual([
      "session=.eJxtjEsKg.<timestamp>.<signature>; Expires=<date+315360000s>; HttpOnly; Path=/",
      "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/",
      "theme=dark.blue; Path=/",
    ]);
  });

  it("reads a cookie's Expires one second short of a whole minute (a second boundary before Date) as that minute, but keeps short lifetimes exact", () => {
    const cookies = (date: string, ...setCookies: string[]) =>
      normalizeResponse(parseResponse(enc(`HTTP/1.1 200 OK\r\nDate: ${date}\r\n${setCookies.map((c) => `Set-Cookie: ${c}\r\n`).join("")}\r\n`)))
        .headers.filter(([n]) => n === "Set-Cookie")
        .map(([, v]) => v);
    expect(
      cookies(
        "Mon, 07 Dec 2026 03:15:45 GMT",
        "a=1; Expires=Thu, 04 Dec 2036 03:15:44 GMT; Path=/",
        "b=1; Expires=Mon, 07 Dec 2026 03:15:50 GMT; Path=/",
        "c=1; Expires=Mon, 07 Dec 2026 03:16:35 GMT; Path=/",
      ),
    ).toEqual(["a=1; Expires=<date+315360000s>; Path=/", "b=1; Expires=<date+5s>; Path=/", "c=1; Expires=<date+50s>; Path=/"]);
  });

  it("replaces Date and turns Expires into an offset from Date, leaving Last-Modified and ETag alone", () => {
    const r = normalizeResponse(
      parseResponse(
        enc(
          "HTTP/1.1 200 OK\r\nDate: Wed, 25 Nov 2026 13:36:51 GMT\r\nLast-Modified: Mon, 02 Mar 2026 09:00:00 GMT\r\nETag: \"69a55190-52\"\r\nExpires: Wed, 25 Nov 2026 14:36:51 GMT\r\n\r\n",
        ),
      ),
    );
    expect(r.headers).toEqual([
      ["Date", "<date>"],
      ["Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT"],
      ["ETag", '"69a55190-52"'],
      ["Expires", "<date+3600s>"],
    ]);
  });

  it("makes two recordings of the same static file taken at different times equal (fixture)", () => {
    const read = (gw: string) =>
      parseRecording(new Uint8Array(readFileSync(path.join(import.meta.dirname, "recordings", "hello_cju", gw, "014-svg-regex.txt"))))!;
    const a = normalizeResponse(parseResponse(read("gunicorn").response));
    const b = normalizeResponse(parseResponse(read("uwsgi").response));
    expect(a.headers).toContainEqual(["Expires", "<date+604800s>"]);
    expect(a).toEqual(b);
  });

  it("sorts the methods of Allow, whose order is random in the real chain", () => {
    const r = normalizeResponse(parseResponse(enc("HTTP/1.1 405 METHOD NOT ALLOWED\r\nAllow: POST, OPTIONS\r\n\r\n")));
    expect(r.headers).toEqual([["Allow", "OPTIONS, POST"]]);
  });

  it("leaves a malformed Date as it is (so the difference shows)", () => {
    const r = normalizeResponse(parseResponse(enc("HTTP/1.1 200 OK\r\nDate: yesterday\r\nExpires: 0\r\n\r\n")));
    expect(r.headers).toEqual([["Date", "yesterday"], ["Expires", "0"]]);
  });
});

describe("normalizeLogLine", () => {
  it("hides times, pids and counters of nginx, Gunicorn and uWSGI lines", () => {
    expect(normalizeLogLine('127.0.0.1 - - [25/Nov/2026:13:36:51 +0000] "GET / HTTP/1.1" 200 37 "-" "-"')).toBe('127.0.0.1 - - [<time>] "GET / HTTP/1.1" 200 37 "-" "-"');
    expect(normalizeLogLine("2026/11/25 13:36:52 [error] 15193#15193: *6 upstream timed out")).toBe("<time> [error] <pid>#<tid>: *<conn> upstream timed out");
    expect(normalizeLogLine("[2026-11-25 13:36:53 +0000] [15160] [CRITICAL] WORKER TIMEOUT (pid:15176)")).toBe("[<time>] [<pid>] [CRITICAL] WORKER TIMEOUT (pid: <pid>)");
    expect(
      normalizeLogLine("[pid: 15174|app: 0|req: 19/19] 127.0.0.1 () {30 vars in 361 bytes} [Wed Nov 25 13:36:52 2026] GET /shape/none => generated 265 bytes in 2 msecs (HTTP/1.1 500) 2 headers in 99 bytes (1 switches on core 1)"),
    ).toBe("[pid: <pid>|app: 0|req: <n>/<n>] 127.0.0.1 () {30 vars in <n> bytes} [<time>] GET /shape/none => generated 265 bytes in <n> msecs (HTTP/1.1 500) 2 headers in 99 bytes (<n> switches on core <n>)");
    expect(normalizeLogLine("Wed Nov 25 13:36:57 2026 - *** HARAKIRI ON WORKER 1 (pid: 15183, try: 1) ***")).toBe("<time> - *** HARAKIRI ON WORKER <n> (pid: <pid>, try: 1) ***");
    expect(normalizeLogLine("Wed Nov 25 13:36:57 2026 - HARAKIRI [core 0] 127.0.0.1 - GET /work?s=4 since 1795613814")).toBe("<time> - HARAKIRI [core 0] 127.0.0.1 - GET /work?s=4 since <time>");
    expect(normalizeLogLine("Respawned uWSGI worker 1 (new pid: 15323)")).toBe("Respawned uWSGI worker <n> (new pid: <pid>)");
    expect(normalizeLogLine("[2026-11-25 13:36:53 +0000] [15219] [INFO] Booting worker with pid: 15219")).toBe("[<time>] [<pid>] [INFO] Booting worker with pid: <pid>");
  });

  it("hides the run-specific parts of the gateways' startup lines", () => {
    expect(normalizeLogLine("[2026-11-25 14:16:14 +0000] [14379] [INFO] Listening at: unix:/run/gunicorn.sock (14379)")).toBe(
      "[<time>] [<pid>] [INFO] Listening at: unix:/run/gunicorn.sock (<pid>)",
    );
    expect(normalizeLogLine("WSGI app 0 (mountpoint='') ready in 2 seconds on interpreter 0x7f67ee160018 pid: 12163 (default app)")).toBe(
      "WSGI app 0 (mountpoint='') ready in <n> seconds on interpreter 0x<addr> pid: <pid> (default app)",
    );
  });

  it("keeps what a student should see match: status, sizes, paths, messages", () => {
    const line = '2026/11/25 13:39:33 [error] 21150#21150: *6 directory index of "/srv/hello_cju/static/docs/" is forbidden, client: 127.0.0.1';
    expect(normalizeLogLine(line)).toBe('<time> [error] <pid>#<tid>: *<conn> directory index of "/srv/hello_cju/static/docs/" is forbidden, client: 127.0.0.1');
    expect(normalizeLogLine(' - - [25/Nov/2026:13:45:19 +0000] "GET /static HTTP/1.0" 404 207 "-" "-"')).toBe(' - - [<time>] "GET /static HTTP/1.0" 404 207 "-" "-"');
  });
});
