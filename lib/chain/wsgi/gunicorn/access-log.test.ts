import { describe, expect, it } from "vitest";
import { fixtureBytes, fixtureText } from "../test-support/fixtures";
import { DEFAULT_ACCESS_LOG_FORMAT, formatAccessLine } from "./access-log";
import type { Environ, HeaderList } from "../../trace";
import { buildGunicornEnviron } from "./environ";
import { parseGunicornRequest } from "./http-request";

const LIMITS = { limitRequestLine: 4094, limitRequestFields: 100, limitRequestFieldSize: 8190, secureSchemeHeaders: {}, trustSchemeHeaders: true };

function lineFor(fixture: string, status: string, sent: number, epochMs: number, format = DEFAULT_ACCESS_LOG_FORMAT) {
  const parsed = parseGunicornRequest(fixtureBytes(`gunicorn/${fixture}.request.http`), LIMITS);
  if (parsed.kind !== "ok") throw new Error("fixture did not parse");
  const built = buildGunicornEnviron(parsed.request, {
    listen: { kind: "unix", path: "/run/gunicorn.sock" },
    peerPort: 0,
    workers: 2,
    multithread: false,
    scriptNameFromEnv: "",
    serial: 0,
  });
  if (!built.ok) throw new Error("environ failed");
  return formatAccessLine({
    format,
    environ: built.environ,
    requestHeaders: parsed.request.headers,
    responseHeaders: [["Content-Type", "application/json"]],
    statusToken: status,
    sent,
    durationMs: 1234.5,
    epochMs,
    workerPid: 1001,
  });
}

describe("Gunicorn access log", () => {
  // The access lines Gunicorn wrote while the fixtures were captured.
  const captured = fixtureText("logs/gunicorn-capture.log")
    .split("\n")
    .filter((l) => l.startsWith(" - - ["));

  it("writes the default format exactly as captured (empty %(h)s over a unix socket)", () => {
    const expected = captured.find((l) => l.includes("GET /hello/"));
    expect(expected).toBeDefined();
    const [, day, hh, mm, ss] = /\[(\d+)\/Nov\/2026:(\d+):(\d+):(\d+)/.exec(expected ?? "") ?? [];
    const sent = Number(/" 200 (\d+) /.exec(expected ?? "")?.[1]);
    expect(lineFor("hangul-query", "200", sent, Date.UTC(2026, 10, Number(day), Number(hh), Number(mm), Number(ss)))).toBe(expected);
  });

  it("fills request headers, response headers, environ and timing atoms", () => {
    const line = lineFor(
      "hangul-query",
      "200",
      10,
      0,
      '%({cookie}i)s|%({content-type}o)s|%({path_info}e)s|%(T)s|%(M)s|%(L)s|%(p)s|%(m)s|%(q)s|%(missing)s|%%',
    );
    expect(line).toBe("a=1; b=2|application/json|/hello/\u00ed\u0095\u009c\u00ea\u00b8\u0080|1|1234|1.234500|<1001>|GET|name=%EC%A0%9C%EC%A3%BC&x=1|-|%");
  });
});

describe("Gunicorn access log atoms by name", () => {
  const base = {
    environ: [
      ["REQUEST_METHOD", { type: "str", value: "GET" }],
      ["HTTP_X_TEAM", { type: "str", value: "cju" }],
    ] as Environ,
    requestHeaders: [["X-TEAM", "first"], ["X-TEAM", "second"]] as HeaderList,
    responseHeaders: [["Content-Type", "text/html"]] as HeaderList,
    statusToken: "200",
    sent: 12,
    durationMs: 5,
    epochMs: Date.UTC(2026, 10, 25),
    workerPid: 1001,
  };
  it("matches header and environ atoms without regard to case, the last header winning", () => {
    const line = formatAccessLine({ ...base, format: '%({x-team}i)s %({X-Team}I)s %({content-type}o)s %({http_x_team}e)s %({nope}i)s %(zz)s' });
    expect(line).toBe("second second text/html cju - -");
  });
  it("escapes double quotes in every atom", () => {
    const line = formatAccessLine({ ...base, requestHeaders: [["X-TEAM", 'a"b']], format: '"%({x-team}i)s"' });
    expect(line).toBe('"a\\"b"');
  });
});
