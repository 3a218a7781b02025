import { describe, expect, it } from "vitest";
import { runChain } from "@/lib/chain/run";
import { loadScenario } from "@/lib/scenarios/load.server";
import { toBase64 } from "@/lib/chain/http/bytes";
import { traceJson } from "./serialize";

const encoder = new TextEncoder();

/** The obvious way: a replacer that turns every Uint8Array anywhere into {base64}. */
const reference = (value: unknown) => JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? { base64: toBase64(v) } : v));

describe("traceJson", () => {
  const requests = [
    "GET /hello/cju HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "POST /hello/cju HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n안녕 cju",
    "GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n",
  ];
  for (const gateway of ["gunicorn", "uwsgi"] as const) {
    for (const text of requests) {
      it(`serialises like a Uint8Array replacer would (${gateway}, ${text.split("\r\n")[0]})`, async () => {
        const scenario = (await loadScenario("hello_cju"))!;
        const result = runChain({ scenario: "hello_cju", manifest: scenario.manifest, files: scenario.files, gateway, raw: encoder.encode(text) });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(JSON.stringify(traceJson(result.trace))).toBe(reference(result.trace));
      });
    }
  }

  it("writes wsgi.input's bytes as base64 and leaves the trace itself untouched", async () => {
    const scenario = (await loadScenario("hello_cju"))!;
    const body = "안녕 cju";
    const raw = encoder.encode(`POST /hello/cju HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${encoder.encode(body).length}\r\n\r\n${body}`);
    const result = runChain({ scenario: "hello_cju", manifest: scenario.manifest, files: scenario.files, raw });
    if (!result.ok) throw new Error("chain refused");
    const json = JSON.parse(JSON.stringify(traceJson(result.trace)));
    const call = json.steps.find((s: { kind: string }) => s.kind === "wsgi-call");
    const input = call.environ.find(([key]: [string]) => key === "wsgi.input")[1];
    expect(Buffer.from(input.data.base64, "base64").toString("utf8")).toBe(body);
    const original = result.trace.steps.find((s) => s.kind === "wsgi-call");
    expect(original && "environ" in original && original.environ.find(([k]) => k === "wsgi.input")?.[1]).toMatchObject({ data: expect.any(Uint8Array) });
  });
});
