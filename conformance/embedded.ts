/**
 * Run one corpus request through the EMBEDDED chain (lib/chain/run.ts, loaded dynamically so a missing or broken
 * chain is reported as one clear failure instead of breaking the whole test file at import time).
 */
import type { CorpusEntry } from "./corpus";

type RunChain = (input: {
  scenario: string;
  manifest: unknown;
  files: ReadonlyMap<string, Uint8Array>;
  gateway?: "gunicorn" | "uwsgi";
  faults?: { gateway?: "down" };
  client?: { address: string; port?: number };
  raw: Uint8Array;
  epochMs?: number;
}) =>
  | {
      ok: true;
      response: { raw: Uint8Array };
      trace: { steps: Array<{ kind: string; stream?: string; line?: string }> };
      startup?: { nginx: string[]; gateway: string[] };
    }
  | { ok: false; errors: Array<{ file: string; line: number; message: string }> };

type LoadScenario = (name: string) => Promise<{ manifest: unknown; files: ReadonlyMap<string, Uint8Array> } | null>;

export interface EmbeddedChain {
  /** What the embedded programs print while starting (runChain's `startup`), or an error text. */
  startup(scenario: string, gateway: "gunicorn" | "uwsgi"): Promise<{ ok: true; nginx: string[]; gateway: string[] } | { ok: false; error: string }>;
  run(entry: CorpusEntry, gateway: "gunicorn" | "uwsgi", client: { port: number }, epochMs: number): Promise<EmbeddedAnswer>;
}

/** Log lines the trace says were written, grouped like the real chain's files and pipes. */
export interface EmbeddedLogs {
  nginxAccess: string[];
  nginxError: string[];
  /** gateway-access, gateway-error, app-stdout and app-stderr lines. */
  gateway: string[];
}

export type EmbeddedAnswer = { ok: true; raw: Uint8Array; logs: EmbeddedLogs } | { ok: false; error: string };

/** Load lib/chain/run.ts and lib/scenarios/load.server.ts; the error text says which one is missing and why. */
export async function loadEmbeddedChain(): Promise<{ ok: true; chain: EmbeddedChain } | { ok: false; error: string }> {
  let runChain: RunChain;
  let loadScenario: LoadScenario;
  try {
    const mod = (await import("../lib/chain/run")) as { runChain?: RunChain };
    if (typeof mod.runChain !== "function") return { ok: false, error: "lib/chain/run.ts does not export runChain()" };
    runChain = mod.runChain;
  } catch (error) {
    return { ok: false, error: `lib/chain/run.ts could not be loaded: ${String(error)}` };
  }
  try {
    const mod = (await import("../lib/scenarios/load.server")) as { loadScenario?: LoadScenario };
    if (typeof mod.loadScenario !== "function") return { ok: false, error: "lib/scenarios/load.server.ts does not export loadScenario()" };
    loadScenario = mod.loadScenario;
  } catch (error) {
    return { ok: false, error: `lib/scenarios/load.server.ts could not be loaded: ${String(error)}` };
  }
  return {
    ok: true,
    chain: {
      async startup(name, gateway) {
        try {
          const scenario = await loadScenario(name);
          if (!scenario) return { ok: false, error: `loadScenario(${name}) returned null` };
          const result = runChain({ scenario: name, manifest: scenario.manifest, files: scenario.files, gateway, raw: new TextEncoder().encode("GET / HTTP/1.0\r\n\r\n") });
          if (!result.ok) return { ok: false, error: `runChain refused the scenario: ${result.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join("; ")}` };
          if (!result.startup) return { ok: false, error: "runChain returned no startup log" };
          return { ok: true, nginx: result.startup.nginx, gateway: result.startup.gateway };
        } catch (error) {
          return { ok: false, error: `runChain threw: ${String(error)}` };
        }
      },
      async run(entry, gateway, client, epochMs) {
        try {
          const scenario = await loadScenario(entry.scenario);
          if (!scenario) return { ok: false, error: `loadScenario(${entry.scenario}) returned null` };
          const result = runChain({
            scenario: entry.scenario,
            manifest: scenario.manifest,
            files: scenario.files,
            gateway,
            ...(entry.fault === "gateway-down" ? { faults: { gateway: "down" as const } } : {}),
            client: { address: "127.0.0.1", port: client.port },
            raw: entry.raw,
            epochMs,
          });
          if (!result.ok) return { ok: false, error: `runChain refused the scenario: ${result.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join("; ")}` };
          const logs: EmbeddedLogs = { nginxAccess: [], nginxError: [], gateway: [] };
          for (const step of result.trace.steps) {
            if (step.kind !== "log" || typeof step.line !== "string") continue;
            // A step may carry several lines (a traceback): the real logs are compared line by line.
            const lines = step.line.replace(/\n$/, "").split("\n");
            if (step.stream === "nginx-access") logs.nginxAccess.push(...lines);
            else if (step.stream === "nginx-error") logs.nginxError.push(...lines);
            else logs.gateway.push(...lines);
          }
          return { ok: true, raw: result.response.raw, logs };
        } catch (error) {
          // The public API must never throw: a throw is itself a difference.
          return { ok: false, error: `runChain threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
        }
      },
    },
  };
}
