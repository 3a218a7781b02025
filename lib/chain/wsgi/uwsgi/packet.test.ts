import { describe, expect, it } from "vitest";
import { fixtureBytes, fixtureNames, fixtureText } from "../test-support/fixtures";
import { decodeUwsgiPacket, encodeUwsgiPacket, uwsgiVarsSize } from "./packet";

describe("uwsgi packets captured from nginx 1.22 (uwsgi_params)", () => {
  for (const name of fixtureNames("uwsgi", ".packet.bin")) {
    it(`decodes and re-encodes ${name} byte for byte`, () => {
      const bytes = fixtureBytes(`uwsgi/${name}.packet.bin`);
      const decoded = decodeUwsgiPacket(bytes);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) return;
      expect(decoded.modifier1).toBe(0);
      expect(decoded.modifier2).toBe(0);
      expect(decoded.params[0][0]).toBe("QUERY_STRING");
      expect(encodeUwsgiPacket(decoded.params, decoded.body).bytes).toEqual(bytes);
    });
  }

  it("has the datasize uWSGI logged as {N vars in SIZE bytes}", () => {
    // uWSGI logged the GET / request of the capture session as "{32 vars in 337 bytes}".
    const line = fixtureText("logs/uwsgi-capture.log").split("\n").find((l) => l.includes("] GET / =>")) ?? "";
    const [, vars, size] = /\{(\d+) vars in (\d+) bytes\}/.exec(line) ?? [];
    const decoded = decodeUwsgiPacket(fixtureBytes("uwsgi/root.packet.bin"));
    expect(decoded.ok && [decoded.params.length * 2, decoded.datasize]).toEqual([Number(vars), Number(size)]);
  });

  it("carries the POST body after the vars block", () => {
    const decoded = decodeUwsgiPacket(fixtureBytes("uwsgi/post-json.packet.bin"));
    expect(decoded.ok && new TextDecoder().decode(decoded.body)).toBe('{"n":1}');
  });

  it("reports truncated or malformed packets instead of throwing", () => {
    expect(decodeUwsgiPacket(new Uint8Array([0, 1]))).toEqual({ ok: false, reason: "short-header" });
    expect(decodeUwsgiPacket(new Uint8Array([0, 10, 0, 0, 1]))).toMatchObject({ ok: false, reason: "truncated" });
    expect(decodeUwsgiPacket(new Uint8Array([0, 3, 0, 0, 9, 0, 65]))).toMatchObject({ ok: false, reason: "bad-vars" });
  });
});

describe("uwsgiVarsSize", () => {
  it("is the datasize of the packet the params encode to", () => {
    const params: Array<[string, string]> = [["REQUEST_METHOD", "GET"], ["PATH_INFO", "/\xed\x95\x9c"], ["QUERY_STRING", ""]];
    expect(uwsgiVarsSize(params)).toBe(encodeUwsgiPacket(params).datasize);
    expect(uwsgiVarsSize([])).toBe(0);
  });
});
