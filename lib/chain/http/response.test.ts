import { describe, expect, it } from "vitest";
import { decodeChunkedBody, encodeChunked, messageView, parseUpstreamResponse, serializeMessage } from "./response";
import { latin1Decode, latin1Encode, utf8Encode } from "./bytes";
import { getAllHeaders, getHeader, withHeader, withoutHeader } from "./headers";

describe("parseUpstreamResponse", () => {
  it("parses a Gunicorn HTTP/1.0 answer, keeping the reason and header order", () => {
    const r = parseUpstreamResponse(latin1Encode("HTTP/1.0 404 NOT FOUND\r\nServer: gunicorn\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 3\r\n\r\nabc"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response.status).toBe(404);
    expect(r.response.reason).toBe("NOT FOUND");
    expect(getAllHeaders(r.response.headers, "set-cookie")).toEqual(["a=1", "b=2"]);
    expect(latin1Decode(r.response.body)).toBe("abc");
  });
  it("reports incomplete heads and garbage", () => {
    expect(parseUpstreamResponse(latin1Encode("HTTP/1.0 200 OK\r\nContent-"))).toEqual({ ok: false, kind: "incomplete" });
    expect(parseUpstreamResponse(latin1Encode("hello world\r\n\r\n"))).toEqual({ ok: false, kind: "no-valid-header" });
    expect(parseUpstreamResponse(latin1Encode("HTTP/1.0 200 OK\r\nbad line\r\n\r\n"))).toEqual({ ok: false, kind: "invalid-header" });
  });
});

describe("chunked framing", () => {
  it("round-trips and frames like nginx's chunked filter", () => {
    const framed = encodeChunked(latin1Encode("no length"));
    expect(latin1Decode(framed)).toBe("9\r\nno length\r\n0\r\n\r\n");
    expect(latin1Decode(decodeChunkedBody(framed)!)).toBe("no length");
    expect(decodeChunkedBody(latin1Encode("zz\r\n"))).toBeNull();
  });
});

describe("messages and headers", () => {
  it("serializes a message and shows UTF-8 bodies as text, others as base64", () => {
    expect(latin1Decode(serializeMessage("HTTP/1.1 200 OK", [["A", "1"]], latin1Encode("x")))).toBe("HTTP/1.1 200 OK\r\nA: 1\r\n\r\nx");
    expect(messageView("s", [], utf8Encode("안녕")).body).toBe("안녕");
    expect(messageView("s", [], new Uint8Array([0xff, 0xfe])).bodyBase64).toBe("//4=");
  });
  it("header helpers are case-insensitive and keep order", () => {
    const h: Array<[string, string]> = [["Host", "a"], ["X-A", "1"], ["x-a", "2"]];
    expect(getHeader(h, "HOST")).toBe("a");
    expect(withoutHeader(h, "x-a")).toEqual([["Host", "a"]]);
    expect(withHeader(h, "X-A", "9")).toEqual([["Host", "a"], ["X-A", "9"]]);
  });
});
