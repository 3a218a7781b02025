import { describe, expect, it } from "vitest";
import { parseEvents } from "./event-stream";

describe("parseEvents", () => {
  it("splits complete events, skips comments, and keeps an unfinished one for later", () => {
    const { events, rest } = parseEvents('retry: 3000\n\nevent: state\ndata: {"a":1}\n\n: ping\n\nevent: state\ndata: {"a"');
    expect(events).toEqual([{ event: "state", data: '{"a":1}' }]);
    expect(rest).toBe('event: state\ndata: {"a"');
    expect(parseEvents(rest + ":2}\n\n").events).toEqual([{ event: "state", data: '{"a":2}' }]);
  });

  it("joins multi-line data and reads CRLF streams", () => {
    expect(parseEvents("data: a\r\ndata: b\r\n\r\n").events).toEqual([{ event: "message", data: "a\nb" }]);
  });
});
