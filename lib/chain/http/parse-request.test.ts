import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRequest, parseRequestText, requestText } from "./parse-request";
import { latin1Decode } from "./bytes";

const dir = join(import.meta.dirname, "fixtures");
const names = readdirSync(dir).filter((n) => n.endsWith(".http")).sort();

describe("parseRequest fixtures (fixtures/NNN.http + NNN.expected.json)", () => {
  it("has fixtures", () => expect(names.length).toBeGreaterThan(20));
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.http$/, ".expected.json")), "utf8"));
    it(`${name}: ${expected.note}`, () => {
      const raw = new Uint8Array(readFileSync(join(dir, name)));
      const r = parseRequest(raw);
      expect(r.ok).toBe(expected.ok);
      if (!r.ok) {
        expect(r.status).toBe(expected.status);
        if (expected.logMessage) expect(r.logMessage).toBe(expected.logMessage);
        return;
      }
      const req = r.request;
      const view: Record<string, unknown> = { ...req, body: latin1Decode(req.body) };
      for (const key of Object.keys(expected)) {
        if (key === "ok" || key === "note") continue;
        expect(view[key], key).toEqual(expected[key]);
      }
    });
  }
});

describe("parseRequest robustness", () => {
  it("never throws on random bytes", () => {
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      const len = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 300;
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
      expect(() => parseRequest(bytes)).not.toThrow();
    }
  });
  it("keeps the partial request line for the access log on errors", () => {
    const r = parseRequest(new TextEncoder().encode("GET / HTTP/1.1\r\n\r\n"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.partial.requestLine).toBe("GET / HTTP/1.1");
  });
});

describe("parseRequestText", () => {
  it("parses requestText(raw) exactly as parseRequest parses raw", () => {
    const samples = [
      "GET /static/style.css HTTP/1.1\r\nHost: localhost\r\nUser-Agent: bench\r\n\r\n",
      "POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      "GET /x\r\n",
      "",
    ];
    for (const sample of samples) {
      const raw = new TextEncoder().encode(sample);
      expect(parseRequestText(requestText(raw))).toEqual(parseRequest(raw));
    }
  });

  it("trims the spaces around header values, not tabs (measured: nginx passes `Foo: \\tbar\\t` on)", () => {
    const r = parseRequest(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t v w \t\r\nX-B:\r\nX-C:   \r\n\r\n"));
    expect(r.ok && r.request.headers).toEqual([
      ["Host", "h"],
      ["X-A", "\t v w \t"],
      ["X-B", ""],
      ["X-C", ""],
    ]);
  });
});
