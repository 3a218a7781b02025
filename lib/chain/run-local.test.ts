/** The address the client connects to: nginx answers only where a `server {}` listens (curl's port in the terminal). */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runChain } from "./run";

let hello: LoadedScenario;
beforeAll(async () => {
  hello = (await loadScenario("hello_cju"))!;
});

const send = (local?: { address: string; port: number }) => {
  const result = runChain({
    scenario: "hello_cju",
    manifest: hello.manifest,
    files: hello.files,
    raw: new TextEncoder().encode("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    local,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result;
};

describe("runChain's local address", () => {
  it("is port 80 by default, where hello_cju listens", () => {
    expect(send().response.status).toBe(200);
    expect(send({ address: "127.0.0.1", port: 80 }).response.status).toBe(200);
  });
  it("on a port no server listens on, the connection is refused before nginx reads a byte", () => {
    const { response, trace } = send({ address: "127.0.0.1", port: 5000 });
    expect(response.status).toBe(0);
    expect(trace.steps).toEqual([expect.objectContaining({ component: "browser", kind: "fault", fault: "connect-failed" })]);
  });
});
