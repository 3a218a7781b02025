/**
 * A crowd on the real chain: the case's knobs written into a temp copy of the scenario (the same setupFiles the
 * model uses), one real nginx + gateway started on it, every request sent on its own TCP connection at its offset
 * from one start instant, and each answer's status and completion time (ms after the start) read back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { startRealChain } from "../real-chain";
import { setupFiles } from "../../lib/chain/load/setup";
import { crowdTimes } from "../../lib/chain/load/crowd";
import { readGunicornKnobs, readUwsgiKnobs } from "../../lib/chain/load/knobs";
import type { ScenarioManifest } from "../../lib/chain/contracts";
import type { CrowdCase } from "./crowds";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const SCENARIO = "classroom_load";

/** The warm-up: its 1-second requests, then this pause, then the crowd's start this much later (see runRealCrowd). */
export const WARMUP_SETTLE_MS = 300;
export const START_DELAY_MS = 50;
/** When the crowd starts after the warm-up was sent, as the model replays it (CrowdCase.warmup). */
export const WARMUP_MS = 1000 + WARMUP_SETTLE_MS + START_DELAY_MS;

/** uWSGI's line when a worker leaves after max-requests. */
export const RECYCLE_LINE = /^\.\.\.The work of process \d+ is done\. Seeya!$/;

export interface CrowdAnswer {
  sentAt: number;
  status: number;
  doneAt: number;
}

export function sendTimes(crowdCase: CrowdCase): number[] {
  return crowdCase.times ?? crowdTimes(crowdCase.setup.crowd.count, crowdCase.setup.crowd.spreadMs);
}

export function requestBytes(target: string): Uint8Array {
  return new TextEncoder().encode(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: student\r\nConnection: close\r\n\r\n`);
}

/** The scenario folder with the case's knobs written in, in a temp scenarios dir. */
function preparedScenarios(crowdCase: CrowdCase): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "crowd-"));
  const source = path.join(REPO_ROOT, "content", "scenarios", SCENARIO);
  cpSync(source, path.join(dir, SCENARIO), { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(source, "scenario.json"), "utf8")) as ScenarioManifest;
  const choice = manifest.gateways[crowdCase.setup.gateway]!;
  const files = new Map<string, Uint8Array>();
  for (const f of [choice.config, choice.nginx]) files.set(f, readFileSync(path.join(source, f)));
  for (const [f, data] of setupFiles(manifest, files, crowdCase.setup)) writeFileSync(path.join(dir, SCENARIO, f), data);
  return dir;
}

/** Worker slots (sync workers, gthread threads, uWSGI cores) the prepared config starts. */
function slotCount(scenariosDir: string, crowdCase: CrowdCase): number {
  const dir = path.join(scenariosDir, SCENARIO);
  return slotsOf(crowdCase.setup.gateway, (file) => readFileSync(path.join(dir, file), "utf8"));
}

/** Worker slots a config starts: `read` gives a file of the scenario (gunicorn.conf.py or uwsgi.ini). */
export function slotsOf(gateway: CrowdCase["setup"]["gateway"], read: (file: string) => string): number {
  if (gateway === "gunicorn") {
    const k = readGunicornKnobs(read("gunicorn.conf.py"));
    return k.workers * (k.workerClass === "gthread" ? k.threads : 1);
  }
  const k = readUwsgiKnobs(read("uwsgi.ini"));
  return k.processes * k.threads;
}

/**
 * One run of the crowd on a fresh real chain. `gatewayLines`, if given, gets what the gateway printed from the
 * crowd's start until a moment after its last answer (a recycled worker says goodbye right after its request).
 */
export async function runRealCrowd(crowdCase: CrowdCase, gatewayLines?: string[]): Promise<CrowdAnswer[]> {
  const scenariosDir = preparedScenarios(crowdCase);
  const chain = await startRealChain({ scenario: SCENARIO, gateway: crowdCase.setup.gateway, scenariosDir });
  try {
    // Warm up every worker and thread (each one's first request pays for Flask's lazy set-up; the crowd should
    // not): as many 1-second requests at once as there are slots, so that each slot takes one.
    await Promise.all(Array.from({ length: slotCount(scenariosDir, crowdCase) }, () => exchange(chain.port, requestBytes("/report"), 20_000)));
    await new Promise((r) => setTimeout(r, WARMUP_SETTLE_MS));
    chain.takeGatewayLines();
    const raw = requestBytes(crowdCase.setup.crowd.target);
    const times = sendTimes(crowdCase);
    const start = performance.now() + START_DELAY_MS;
    const answers = times.map(
      (at) =>
        new Promise<CrowdAnswer>((resolve) => {
          const wait = () => {
            const left = start + at - performance.now();
            if (left > 2) setTimeout(wait, left - 2);
            else if (left > 0) setImmediate(wait);
            else {
              const sentAt = performance.now() - start;
              exchange(chain.port, raw, 70_000).then(({ status }) => resolve({ sentAt, status, doneAt: performance.now() - start }));
            }
          };
          wait();
        }),
    );
    const all = await Promise.all(answers);
    if (gatewayLines) {
      await new Promise((r) => setTimeout(r, 500));
      gatewayLines.push(...chain.takeGatewayLines());
    }
    return all;
  } finally {
    await chain.stop();
    rmSync(scenariosDir, { recursive: true, force: true });
  }
}

/** Send raw bytes, read until nginx closes; the status code of the answer (0: none). */
function exchange(port: number, raw: Uint8Array, timeoutMs: number): Promise<{ status: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(raw));
    const done = () => {
      clearTimeout(timer);
      const head = Buffer.concat(chunks).subarray(0, 64).toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : 0 });
    };
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", done);
    socket.on("error", () => undefined);
  });
}

export interface CrowdMedian {
  sentAt: number;
  /** The status every run gave (-1 when the runs disagree). */
  status: number;
  doneAt: number;
  statuses: number[];
}

/** Per request: the median completion time of several runs, and the status all runs agreed on (else -1). */
export function medians(runs: CrowdAnswer[][]): CrowdMedian[] {
  const n = runs[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const col = runs.map((r) => r[i]);
    const statuses = col.map((c) => c.status);
    const sorted = col.map((c) => c.doneAt).sort((a, b) => a - b);
    const sent = col.map((c) => c.sentAt).sort((a, b) => a - b);
    return {
      sentAt: round(sent[Math.floor(sent.length / 2)]),
      status: statuses.every((s) => s === statuses[0]) ? statuses[0] : -1,
      doneAt: round(sorted[Math.floor(sorted.length / 2)]),
      statuses,
    };
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;
