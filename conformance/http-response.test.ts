import { describe, expect, it } from "vitest";
import { parseResponse } from "./http-response";

const enc = (s: string) => new TextEncoder().encode(s);

describe("parseResponse", () => {
  it("keeps header order and duplicates and returns the body bytes as sent", () => {
    const r = parseResponse(enc("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX: y\r\nSet-Cookie: b=2\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    expect(r.status).toBe(200);
    expect(r.statusLine).toBe("HTTP/1.1 200 OK");
    expect(r.headers).toEqual([["Set-Cookie", "a=1"], ["X", "y"], ["Set-Cookie", "b=2"]]);
    expect(new TextDecoder().decode(r.body)).toBe("5\r\nhello\r\n0\r\n\r\n");
  });

  it("treats bytes without a blank line as a head with no body, and garbage as status 0", () => {
    const r = parseResponse(enc("garbage"));
    expect(r.status).toBe(0);
    expect(r.body).toHaveLength(0);
    expect(parseResponse(new Uint8Array()).statusLine).toBe("");
  });
});
