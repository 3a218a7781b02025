import { describe, expect, it } from "vitest";
import { runChain } from "./run";
import { loadScenario } from "@/lib/scenarios/load.server";

describe("smoke", () => {
  it("runs", async () => {
    const s = (await loadScenario("hello_cju"))!;
    for (const [gateway, target] of [["gunicorn", "/hello/cju"], ["uwsgi", "/hello/cju"], ["gunicorn", "/static/style.css"], ["gunicorn", "/environ"], ["uwsgi", "/environ"], ["gunicorn", "/slow?s=15"]] as const) {
      const r = runChain({ scenario: "hello_cju", manifest: s.manifest, files: s.files, gateway, raw: new TextEncoder().encode(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`) });
      if (!r.ok) { console.log(JSON.stringify(r.errors)); continue; }
      console.log(gateway, target, new TextDecoder().decode(r.response.raw));
      console.log(r.trace.steps.map((s) => `${s.at} ${s.component} ${s.kind} ${"explain" in s ? s.explain : ""} ${"line" in s ? s.line : ""}`).join("\n"));
    }
    expect(1).toBe(1);
  });
});
