import { describe, expect, it } from "vitest";
import {
  capturedEnviron,
  comparableCaptured,
  comparableEnviron,
  fixtureBytes,
} from "../test-support/fixtures";
import { buildUwsgiEnviron } from "./environ";
import { decodeUwsgiPacket } from "./packet";

// These four were captured with fixtures/capture/dumpjson.py (processes = 2, threads = 2) on a host named "vm".
const CAPTURED = ["root", "hangul-query", "post-json", "host-port"];

describe("uWSGI environ against captured environs", () => {
  for (const name of CAPTURED) {
    it(`builds the environ uWSGI built for ${name}`, () => {
      const decoded = decodeUwsgiPacket(fixtureBytes(`uwsgi/${name}.packet.bin`));
      if (!decoded.ok) throw new Error("packet did not decode");
      const captured = capturedEnviron(`uwsgi/${name}.response.http`);
      const core = captured.find(([k]) => k === "uwsgi.core")?.[3] as number;
      const environ = buildUwsgiEnviron(decoded.params, { processes: 2, threads: 2, core, serial: 0, node: "vm", body: decoded.body });
      expect(comparableEnviron(environ)).toEqual(comparableCaptured(captured));
    });
  }

  it("passes the body to wsgi.input and derives the scheme from HTTPS", () => {
    const environ = buildUwsgiEnviron([["HTTPS", "on"]], { processes: 1, threads: 1, core: 0, serial: 0, body: new Uint8Array([1, 2]) });
    const get = (k: string) => environ.find(([key]) => key === k)?.[1];
    expect(get("wsgi.url_scheme")).toEqual({ type: "str", value: "https" });
    expect(get("wsgi.multiprocess")).toEqual({ type: "bool", value: false });
    const input = get("wsgi.input");
    expect(input?.type === "object" && input.data).toEqual(new Uint8Array([1, 2]));
  });
});
