import { describe, expect, it } from "vitest";
import {
  capturedEnviron,
  comparableCaptured,
  comparableEnviron,
  fixtureBytes,
  fixtureNames,
} from "../test-support/fixtures";
import { buildGunicornEnviron } from "./environ";
import { type ParserLimits, parseGunicornRequest, splitRequestUri } from "./http-request";
import { gunicornErrorPage } from "./response";

const LIMITS: ParserLimits = {
  limitRequestLine: 4094,
  limitRequestFields: 100,
  limitRequestFieldSize: 8190,
  secureSchemeHeaders: { "X-FORWARDED-PROTOCOL": "ssl", "X-FORWARDED-PROTO": "https", "X-FORWARDED-SSL": "on" },
  trustSchemeHeaders: true,
};
// The captures ran Gunicorn with bind = "unix:/tmp/gw/g-real.sock" and 2 sync workers.
const CAPTURE_LISTEN = { kind: "unix" as const, path: "/tmp/gw/g-real.sock" };

function isErrorCapture(name: string): boolean {
  return new TextDecoder().decode(fixtureBytes(`gunicorn/${name}.response.http`)).startsWith("HTTP/1.1 400");
}

const names = fixtureNames("gunicorn", ".request.http").filter((n) => !n.startsWith("app-"));

describe("Gunicorn request parsing against captured requests", () => {
  for (const name of names.filter((n) => !isErrorCapture(n))) {
    it(`builds the environ Gunicorn built for ${name}`, () => {
      const parsed = parseGunicornRequest(fixtureBytes(`gunicorn/${name}.request.http`), LIMITS);
      expect(parsed.kind).toBe("ok");
      if (parsed.kind !== "ok") return;
      const built = buildGunicornEnviron(parsed.request, {
        listen: CAPTURE_LISTEN,
        peerPort: 0,
        workers: 2,
        multithread: false,
        scriptNameFromEnv: "",
        serial: 1,
      });
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      expect(comparableEnviron(built.environ)).toEqual(
        comparableCaptured(capturedEnviron(`gunicorn/${name}.response.http`)),
      );
    });
  }

  for (const name of names.filter(isErrorCapture)) {
    it(`answers ${name} with Gunicorn's exact 400 page`, () => {
      const parsed = parseGunicornRequest(fixtureBytes(`gunicorn/${name}.request.http`), LIMITS);
      expect(parsed.kind).toBe("error");
      if (parsed.kind !== "error") return;
      const page = gunicornErrorPage(parsed.status, parsed.reason, parsed.mesg);
      expect(new TextDecoder().decode(page)).toBe(
        new TextDecoder().decode(fixtureBytes(`gunicorn/${name}.response.http`)),
      );
    });
  }
});

describe("Gunicorn parser limits and framing", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("refuses a request line longer than limit_request_line with its size (observed 5014 > 4094)", () => {
    const raw = enc(`GET /${"a".repeat(5000)} HTTP/1.0\r\nHost: x\r\n\r\n`);
    const parsed = parseGunicornRequest(raw, LIMITS);
    expect(parsed).toMatchObject({ kind: "error", status: 400, mesg: "Request Line is too large (5014 > 4094)" });
  });

  it("refuses more than limit_request_fields headers", () => {
    const headers = Array.from({ length: 101 }, (_, i) => `X-H${i}: v\r\n`).join("");
    const parsed = parseGunicornRequest(enc(`GET / HTTP/1.0\r\n${headers}\r\n`), LIMITS);
    expect(parsed).toMatchObject({ kind: "error", mesg: "Error parsing headers: 'limit request headers fields'" });
  });

  it("treats a request without the blank line as incomplete (the worker would block in recv)", () => {
    expect(parseGunicornRequest(enc("GET / HTTP/1.0\r\nHost: x\r\n"), LIMITS).kind).toBe("incomplete");
    expect(parseGunicornRequest(enc("GET / HTTP/1.0"), LIMITS).kind).toBe("incomplete");
    expect(parseGunicornRequest(new Uint8Array(0), LIMITS).kind).toBe("empty");
  });

  it("reads exactly Content-Length body bytes and refuses a duplicate Content-Length", () => {
    const ok = parseGunicornRequest(enc("POST /echo HTTP/1.0\r\nContent-Length: 3\r\n\r\nabcdef"), LIMITS);
    expect(ok.kind === "ok" && new TextDecoder().decode(ok.request.body)).toBe("abc");
    const dup = parseGunicornRequest(enc("POST / HTTP/1.0\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"), LIMITS);
    expect(dup).toMatchObject({ kind: "error", mesg: "Invalid HTTP Header: 'CONTENT-LENGTH'" });
    expect(dup.kind === "error" && dup.request?.method).toBe("POST");
  });

  it("decodes a chunked body on HTTP/1.1 but refuses chunked on HTTP/1.0", () => {
    const ok = parseGunicornRequest(enc("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), LIMITS);
    expect(ok.kind === "ok" && new TextDecoder().decode(ok.request.body)).toBe("abcde");
    const old = parseGunicornRequest(enc("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), LIMITS);
    expect(old).toMatchObject({ kind: "error", mesg: "Invalid HTTP Header: 'TRANSFER-ENCODING'" });
  });

  it("refuses contradictory scheme headers", () => {
    const parsed = parseGunicornRequest(
      enc("GET / HTTP/1.0\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n\r\n"),
      LIMITS,
    );
    expect(parsed).toMatchObject({ kind: "error", mesg: "Contradictory scheme headers" });
  });

  it("splits request targets like urllib.parse.urlsplit", () => {
    expect(splitRequestUri("/a/b?x=1#top")).toEqual({ path: "/a/b", query: "x=1", fragment: "top" });
    expect(splitRequestUri("//double/slash?q")).toEqual({ path: "//double/slash", query: "q", fragment: "" });
    expect(splitRequestUri("http://example.com/p?q=1")).toEqual({ path: "/p", query: "q=1", fragment: "" });
  });
});

describe("Gunicorn on a TCP bind (captured)", () => {
  it("builds REMOTE_ADDR/REMOTE_PORT and SERVER_NAME/PORT from the sockets", async () => {
    const { readFileSync } = await import("node:fs");
    const { FIXTURES } = await import("../test-support/fixtures");
    const captured = JSON.parse(readFileSync(`${FIXTURES}/gunicorn-tcp/tcp-bind.environ.json`, "utf8"));
    const parsed = parseGunicornRequest(fixtureBytes("gunicorn-tcp/tcp-bind.request.http"), LIMITS);
    if (parsed.kind !== "ok") throw new Error("did not parse");
    const built = buildGunicornEnviron(parsed.request, {
      listen: { kind: "tcp", host: "127.0.0.1", port: 18095 },
      peerPort: 43898,
      workers: 1,
      multithread: false,
      scriptNameFromEnv: "",
      serial: 0,
    });
    if (!built.ok) throw new Error("environ");
    expect(comparableEnviron(built.environ)).toEqual(comparableCaptured(captured));
  });
});

describe("Gunicorn header values", () => {
  const parse = (head: string) => {
    const result = parseGunicornRequest(new TextEncoder().encode(`GET / HTTP/1.0\r\n${head}\r\n\r\n`), LIMITS);
    if (result.kind !== "ok") throw new Error(result.kind);
    return result.request.headers;
  };
  it("drops the blanks after the colon but keeps trailing ones", () => {
    expect(parse("X-A: \t value \t")).toEqual([["X-A", "value \t"]]);
    expect(parse("X-A:")).toEqual([["X-A", ""]]);
  });
  it("joins folded continuation lines with one space each, trimmed (obs-fold)", () => {
    expect(parse("X-A: one\r\n  two \r\n\tthree\r\nX-B: b")).toEqual([["X-A", "one two three"], ["X-B", "b"]]);
  });
});
