import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countRequestEnds, isRequestEnd, parseRequestIds } from "./log-attribution";
import type { Gateway } from "./real-chain";
import { parseRecording } from "./recording";

describe("parseRequestIds", () => {
  it("reads one answered attempt, a failed connect, no upstream, and retries", () => {
    expect(parseRequestIds('41234 7 "0.000" "0.212"')).toEqual([{ connected: true, answered: true }]);
    // nginx timed out (504) or the worker was killed (502): connected, no header.
    expect(parseRequestIds('41234 7 "0.000" "-"')).toEqual([{ connected: true, answered: false }]);
    // connect() to a missing socket, or a static file (no upstream at all): nothing reached the gateway.
    expect(parseRequestIds('41234 7 "-" "-"')).toEqual([{ connected: false, answered: false }]);
    expect(parseRequestIds('41234 7 "-, 0.001" "-, 0.004"')).toEqual([
      { connected: false, answered: false },
      { connected: true, answered: true },
    ]);
  });

  it("is empty for a line that is not a request-ids line", () => {
    expect(parseRequestIds("")).toEqual([]);
    expect(parseRequestIds('127.0.0.1 - - [25/Nov/2026:14:18:56 +0000] "GET / HTTP/1.1" 200 13 "-" "-"')).toEqual([]);
  });
});

describe("isRequestEnd", () => {
  it("knows Gunicorn's access line and the worker it boots after a timeout kill, not its other lines", () => {
    expect(isRequestEnd("gunicorn", ' - - [25/Nov/2026:14:18:55 +0000] "GET /slow?s=0.2 HTTP/1.0" 200 10 "-" "-"')).toBe(true);
    expect(isRequestEnd("gunicorn", "[2026-11-25 14:19:02 +0000] [30739] [INFO] Booting worker with pid: 30739")).toBe(true);
    expect(isRequestEnd("gunicorn", "[2026-11-25 14:19:02 +0000] [29201] [CRITICAL] WORKER TIMEOUT (pid:30592)")).toBe(false);
    expect(isRequestEnd("gunicorn", "[2026-11-25 14:19:02 +0000] [30592] [INFO] Worker exiting (pid: 30592)")).toBe(false);
    expect(isRequestEnd("gunicorn", "hello from a view")).toBe(false);
  });

  it("knows uWSGI's request line and the respawn after HARAKIRI, not the HARAKIRI report itself", () => {
    const req =
      "[pid: 29356|app: 0|req: 1/1] 127.0.0.1 () {30 vars in 322 bytes} [Wed Nov 25 14:18:54 2026] GET / => generated 13 bytes in 2 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)";
    expect(isRequestEnd("uwsgi", req)).toBe(true);
    expect(isRequestEnd("uwsgi", "Respawned uWSGI worker 1 (new pid: 30770)")).toBe(true);
    expect(isRequestEnd("uwsgi", "Wed Nov 25 14:19:02 2026 - HARAKIRI [core 0] 127.0.0.1 - GET /work?s=4 since 1795616339")).toBe(false);
    expect(isRequestEnd("uwsgi", "DAMN ! worker 1 (pid: 29355) died, killed by signal 9 :( trying respawn ...")).toBe(false);
    expect(isRequestEnd("gunicorn", req)).toBe(false);
  });
});

describe("every recording has the end line the harness waits for", () => {
  const root = path.join(import.meta.dirname, "recordings");
  const files = readdirSync(root).flatMap((scenario) =>
    readdirSync(path.join(root, scenario)).flatMap((gateway) =>
      readdirSync(path.join(root, scenario, gateway))
        .filter((f) => /^\d+-.*\.txt$/.test(f))
        .map((f) => ({ gateway: gateway as Gateway, file: path.join(root, scenario, gateway, f) })),
    ),
  );

  it("a request the gateway printed anything for has exactly one end line; none has more", () => {
    expect(files.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    let withGateway = 0;
    for (const { gateway, file } of files) {
      const rec = parseRecording(new Uint8Array(readFileSync(file)));
      if (!rec) throw new Error(`${file} is not a recording`);
      const lines = [...rec.logs.gatewayStdout, ...rec.logs.gatewayStderr];
      const ends = countRequestEnds(gateway, rec.logs.gatewayStdout, rec.logs.gatewayStderr);
      if (lines.length > 0) withGateway++;
      if (ends !== (lines.length > 0 ? 1 : 0)) wrong.push(`${path.relative(root, file)}: ${ends} end lines in\n  ${lines.join("\n  ")}`);
    }
    expect(withGateway).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
