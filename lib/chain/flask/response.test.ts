import { describe, expect, it } from "vitest";
import { capturedFor, readFixture } from "./fixtures.testkit";
import { FlaskResponse } from "./response";

const responses = readFixture("responses");

function must(x: FlaskResponse | { pyType: string; message: string }): FlaskResponse {
  if ("pyType" in x) throw new Error(x.message);
  return x;
}

function wire(r: FlaskResponse, method = "GET") {
  const w = r.toWsgi(method);
  return { status: w.status, headers: w.headers, body: new TextDecoder().decode(w.body) };
}

describe("Response header order follows Werkzeug", () => {
  it("a str body: Content-Type then Content-Length (UTF-8 bytes counted)", () => {
    const real = capturedFor(responses, "/str");
    expect(wire(must(FlaskResponse.create("안녕 <b>world</b>")))).toEqual({
      status: real.status,
      headers: real.headers,
      body: real.body,
    });
  });

  it("given headers come first; a given Content-Type is kept", () => {
    const real = capturedFor(responses, "/with-headers");
    const r = must(FlaskResponse.create("hdr", { headers: [["X-Course", "wsgi"], ["Content-Type", "text/plain"]] }));
    expect(wire(r).headers).toEqual(real.headers);
  });

  it("headers.update replaces in place and appends new names", () => {
    const real = capturedFor(responses, "/header-override");
    const r = must(FlaskResponse.create('{"x":1}\n', { mimetype: "application/json" }));
    r.headers.set("Content-Type", "text/plain; charset=utf-8");
    r.headers.set("X-Extra", "1");
    expect(wire(r)).toEqual({ status: real.status, headers: real.headers, body: real.body });
  });

  it("status strings and codes", () => {
    expect(wire(must(FlaskResponse.create("made", { status: "201 Made It" }))).status).toBe(
      capturedFor(responses, "/status-text").status,
    );
    expect(wire(must(FlaskResponse.create("odd", { status: 299 }))).status).toBe(capturedFor(responses, "/unknown-status").status);
  });

  it("HEAD keeps Content-Length but sends no body", () => {
    const real = responses.expected[responses.requests.findIndex((r) => r.method === "HEAD")];
    const r = must(FlaskResponse.create(capturedFor(responses, "/dict").body ?? "", { mimetype: "application/json" }));
    expect(wire(r, "HEAD")).toEqual({ status: real.status, headers: real.headers, body: "" });
  });

  it("refuses newlines in header values", () => {
    const r = must(FlaskResponse.create("x"));
    expect(r.headers.set("X-Bad", "a\r\nSet-Cookie: evil")).toMatchObject({ pyType: "ValueError" });
  });

  it("adds Content-Length last when it was removed before sending (get_wsgi_headers)", () => {
    const r = must(FlaskResponse.create(""));
    r.headers.remove("Content-Length");
    r.headers.set("Allow", "GET");
    expect(wire(r).headers).toEqual([
      ["Content-Type", "text/html; charset=utf-8"],
      ["Allow", "GET"],
      ["Content-Length", "0"],
    ]);
  });
});
