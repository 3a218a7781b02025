import { describe, expect, it } from "vitest";
import { buildRawRequest, isSafeScenarioPath, parseChainRequest } from "./chain-request";
import { API_LIMITS } from "./limits";

const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe("parseChainRequest", () => {
  it("builds an HTTP/1.1 request with a default Host from a structured request", () => {
    const result = parseChainRequest({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
    expect(result.ok).toBe(true);
    if (result.ok) expect(text(result.value.raw)).toBe("GET /hello/cju HTTP/1.1\r\nHost: localhost\r\n\r\n");
  });

  it("adds Content-Length for a body and keeps the student's headers in order", () => {
    const raw = buildRawRequest({ method: "POST", target: "/echo", headers: [["Host", "example.com"], ["Content-Type", "application/json"]], body: '{"a":"가"}' });
    expect(text(raw)).toBe('POST /echo HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":"가"}');
  });

  it("passes raw requests through byte for byte, malformed ones included", () => {
    const result = parseChainRequest({ scenario: "hello_cju", raw: "GARBAGE\r\n\r\n" });
    expect(result.ok && text(result.value.raw)).toBe("GARBAGE\r\n\r\n");
    const b64 = parseChainRequest({ scenario: "hello_cju", rawBase64: btoa("GET / HTTP/1.0\r\n\r\n") });
    expect(b64.ok && text(b64.value.raw)).toBe("GET / HTTP/1.0\r\n\r\n");
  });

  it("decodes file edits given as text or base64", () => {
    const result = parseChainRequest({ scenario: "hello_cju", raw: "GET / HTTP/1.0\r\n\r\n", files: { "app.py": "x = 1\n", "static/a.bin": { base64: "AAEC" } } });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(text(result.value.edits.get("app.py")!)).toBe("x = 1\n");
      expect([...result.value.edits.get("static/a.bin")!]).toEqual([0, 1, 2]);
    }
  });

  it.each([
    [{ scenario: "hello_cju" }, "invalid-request"],
    [{ scenario: "hello_cju", raw: "a", request: { method: "GET", target: "/" } }, "invalid-request"],
    [{ scenario: "../etc", raw: "a" }, "invalid-request"],
    [{ scenario: "hello_cju", raw: "a", files: { "../../etc/passwd": "x" } }, "invalid-path"],
    [{ scenario: "hello_cju", raw: "a", files: { "/etc/passwd": "x" } }, "invalid-path"],
    [{ scenario: "hello_cju", rawBase64: "***" }, "invalid-base64"],
    [{ scenario: "hello_cju", raw: "a", extra: 1 }, "invalid-request"],
    [{ scenario: "hello_cju", raw: "a".repeat(API_LIMITS.rawRequestBytes + 1) }, "invalid-request"],
    [{ scenario: "hello_cju", request: { method: "GET /x", target: "/" } }, "invalid-request"],
  ])("refuses %j with %s and a Korean message", (body, code) => {
    const result = parseChainRequest(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.error).toBe(code);
      expect(result.error.status).toBe(400);
      expect(result.error.messageKo).toMatch(/[가-힣]/);
    }
  });

  it("refuses deeply nested JSON before validating it", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 50; i++) deep = { a: deep };
    const result = parseChainRequest({ scenario: "hello_cju", raw: "a", files: deep });
    expect(!result.ok && result.error.error).toBe("too-deep");
  });
});

describe("isSafeScenarioPath", () => {
  it.each(["app.py", "static/style.css", "static/img/logo.svg"])("accepts %s", (p) => expect(isSafeScenarioPath(p)).toBe(true));
  it.each(["../x", "static/../../x", "/abs", "a//b", "a\\b", "./a", "a/"])("refuses %s", (p) => expect(isSafeScenarioPath(p)).toBe(false));
});
