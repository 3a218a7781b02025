import { describe, expect, it } from "vitest";
import { capturedFor, readFixture } from "../fixtures.testkit";
import type { PyError } from "../routing/values";
import type { HttpError } from "./exceptions";
import { errorResponse, httpError, methodNotAllowed, redirectPageHtml } from "./exceptions";
import { statusFromCode, statusFromString } from "./status";

const responses = readFixture("responses");
const routing = readFixture("routing");

function must(x: HttpError | PyError): HttpError {
  if ("pyType" in x) throw new Error(x.message);
  return x;
}

describe("HTTPException pages are byte-identical to Werkzeug 2.2.2's", () => {
  it.each([
    ["/abort-403", 403, undefined],
    ["/abort-411", 411, undefined],
    ["/abort-desc", 404, "사용자 <없음>"],
  ])("%s", (path, code, description) => {
    const real = capturedFor(responses, path);
    const page = errorResponse(must(httpError(code, description)));
    expect(page.status).toBe(real.status);
    expect(page.headers).toEqual(real.headers);
    expect(page.body).toBe(real.body);
  });

  it("404 from routing", () => {
    const real = capturedFor(routing, "/nope");
    const page = errorResponse(must(httpError(404)));
    expect([page.status, page.headers, page.body]).toEqual([real.status, real.headers, real.body]);
  });

  it("405 carries Allow between Content-Type and Content-Length", () => {
    const real = capturedFor(routing, "/only-post");
    const page = errorResponse(methodNotAllowed(["OPTIONS", "POST"]));
    expect(page.status).toBe("405 METHOD NOT ALLOWED");
    expect(page.headers.map(([k]) => k)).toEqual(real.headers.map(([k]) => k));
    expect(page.body).toBe(real.body);
  });

  it("abort(999) is a LookupError as in Werkzeug", () => {
    expect(httpError(999)).toEqual({ pyType: "LookupError", message: "no exception for 999" });
  });

  it("redirect pages escape the shown URL", () => {
    const real = capturedFor(responses, "/redirect");
    expect(redirectPageHtml("/str")).toBe(real.body);
  });
});

describe("status lines", () => {
  it("upper-cases reason phrases and knows UNKNOWN", () => {
    expect(statusFromCode(418).status).toBe(capturedFor(responses, "/status-code-only-text").status);
    expect(statusFromCode(299).status).toBe("299 UNKNOWN");
    expect(statusFromCode(203).status).toBe("203 NON AUTHORITATIVE INFORMATION");
  });
  it("keeps a given reason, completes a bare code", () => {
    expect(statusFromString("201 Made It")).toEqual({ status: "201 Made It", code: 201 });
    expect(statusFromString("418")).toEqual({ status: "418 I'M A TEAPOT", code: 418 });
    expect(statusFromString("weird")).toEqual({ status: "0 weird", code: 0 });
    expect(statusFromString("  ")).toEqual({ pyType: "ValueError", message: "Empty status argument" });
  });
});
