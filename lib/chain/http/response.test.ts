import { describe, expect, it } from "vitest";
import { decodeChunkedBody, encodeChunked, messageView, parseUpstreamResponse, serializeMessage, TRACE_RAW_LIMIT, traceRaw } from "./response";
import { concatBytes, latin1Decode, latin1Encode, utf8Encode } from "./bytes";
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

describe("traceRaw and a head parsed from text already decoded", () => {
  it("traceRaw is the message's bytes decoded, cut at 1 MiB", () => {
    const head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n";
    const body = new Uint8Array([0x61, 0x80, 0xff]);
    expect(traceRaw(head, body)).toBe(latin1Decode(concatBytes([latin1Encode(head), body])));
    const big = new Uint8Array(TRACE_RAW_LIMIT + 10).fill(0x62);
    const text = traceRaw(head, big);
    expect(text.length).toBe(TRACE_RAW_LIMIT);
    expect(text).toBe(latin1Decode(concatBytes([latin1Encode(head), big]).subarray(0, TRACE_RAW_LIMIT)));
    const hugeHead = "x".repeat(TRACE_RAW_LIMIT + 5);
    expect(traceRaw(hugeHead, body)).toBe(hugeHead.slice(0, TRACE_RAW_LIMIT));
  });

  it("parseUpstreamResponse reads the same head from the bytes or from their text", () => {
    for (const answer of ["HTTP/1.0 200 OK\r\nServer: g\r\nX-Y:  z \r\n\r\nbody", "HTTP/1.0 200 OK\nA: b\n\n", "HTTP/1.0 200 OK\r\nBad Name: x\r\n\r\n", "junk"]) {
      const raw = latin1Encode(answer);
      expect(parseUpstreamResponse(raw, latin1Decode(raw))).toEqual(parseUpstreamResponse(raw));
    }
  });
});
