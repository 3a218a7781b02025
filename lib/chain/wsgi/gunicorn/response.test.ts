import { describe, expect, it } from "vitest";
import { fixtureBytes } from "../test-support/fixtures";
import { parseGunicornRequest, type ParsedRequest } from "./http-request";
import { buildGunicornResponse, gunicornErrorPage } from "./response";

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const LIMITS = {
  limitRequestLine: 4094,
  limitRequestFields: 100,
  limitRequestFieldSize: 8190,
  secureSchemeHeaders: {},
  trustSchemeHeaders: true,
};

function requestFrom(fixture: string): ParsedRequest {
  const parsed = parseGunicornRequest(fixtureBytes(`gunicorn/${fixture}.request.http`), LIMITS);
  if (parsed.kind !== "ok") throw new Error(`fixture ${fixture} did not parse`);
  return parsed.request;
}

/** The captured response with its Date header value taken out. */
function capturedWithoutDate(fixture: string): { text: string; date: string } {
  const text = dec(fixtureBytes(`gunicorn/${fixture}.response.http`));
  const date = /\r\nDate: ([^\r]+)\r\n/.exec(text)?.[1] ?? "";
  return { text, date };
}

describe("Gunicorn response bytes", () => {
  it("matches the captured bytes of an app response without Content-Length (app-no-length)", () => {
    const { text, date } = capturedWithoutDate("app-no-length");
    const response = buildGunicornResponse(
      requestFrom("app-no-length"),
      "200 OK",
      [["Content-Type", "text/plain"]],
      new TextEncoder().encode("abcdef"),
      Date.parse(date),
    );
    expect(response.kind).toBe("ok");
    if (response.kind === "ok") {
      expect(dec(response.raw)).toBe(text);
      expect(response.sent).toBe(6);
    }
  });

  it("passes a status without a number through, as Gunicorn 20.1 does (app-bad-status)", () => {
    const { text, date } = capturedWithoutDate("app-bad-status");
    const response = buildGunicornResponse(requestFrom("app-bad-status"), "abc", [["Content-Type", "text/plain"]], new TextEncoder().encode("x"), Date.parse(date));
    expect(response.kind === "ok" && dec(response.raw)).toBe(text);
    expect(response.kind === "ok" && response.statusToken).toBe("abc");
  });

  it("turns a header value with a newline into the captured 400 page (app-bad-header)", () => {
    const response = buildGunicornResponse(requestFrom("app-bad-header"), "200 OK", [["X-Bad", "a\nb"]], new Uint8Array([120]), 0);
    expect(response.kind).toBe("bad-request");
    if (response.kind !== "bad-request") return;
    expect(dec(gunicornErrorPage(400, "Bad Request", response.mesg))).toBe(dec(fixtureBytes("gunicorn/app-bad-header.response.http")));
  });

  it("sends the exact captured 500 page when the app raises (app-raise)", () => {
    expect(dec(gunicornErrorPage(500, "Internal Server Error", ""))).toBe(dec(fixtureBytes("gunicorn/app-raise.response.http")));
  });

  it("never sends more body than Content-Length says and drops hop-by-hop headers", () => {
    const request = requestFrom("root");
    const response = buildGunicornResponse(
      request,
      "200 OK",
      [["Content-Length", "3"], ["Connection", "keep-alive"], ["X-Kept", "yes"]],
      new TextEncoder().encode("abcdef"),
      0,
    );
    expect(response.kind).toBe("ok");
    if (response.kind !== "ok") return;
    const text = dec(response.raw);
    expect(text.endsWith("\r\n\r\nabc")).toBe(true);
    expect(text).toContain("Connection: close\r\n");
    expect(text).not.toContain("keep-alive");
    expect(text).toContain("X-Kept: yes\r\n");
    expect(response.sent).toBe(3);
  });

  it("chunks the body for an HTTP/1.1 request when no Content-Length is given", () => {
    const request = requestFrom("http11-keepalive");
    const response = buildGunicornResponse(request, "200 OK", [["Content-Type", "text/plain"]], new TextEncoder().encode("hello"), 0);
    expect(response.kind === "ok" && dec(response.raw)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Transfer-Encoding: chunked\r\n[\s\S]*\r\n\r\n5\r\nhello\r\n0\r\n\r\n$/);
  });

  it("reports a non-numeric Content-Length as an exception (Gunicorn answers 500)", () => {
    const response = buildGunicornResponse(requestFrom("root"), "200 OK", [["Content-Length", "many"]], new Uint8Array(0), 0);
    expect(response).toEqual({ kind: "exception", exception: "ValueError: invalid literal for int() with base 10: 'many'" });
  });
});
