/**
 * The timed crowds: runLoad against the real chain's recorded medians (conformance/load/recordings.json, made by
 * record-crowds.ts on the real programs). Per request the status must be equal and the completion time within
 * max(150 ms, 10 % of the real time the student waited).
 *
 * With CONFORMANCE_LOAD_LIVE=1 the crowds are first run again on the real programs (3 runs, medians) and the model
 * is compared with those: that is the live check, slow (a minute or more) and meant for the live command, not
 * the default unit run.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../lib/scenarios/load.server";
import { runLoad } from "../../lib/chain/load/run-load";
import { loadInputFor } from "../../lib/chain/load/setup";
import os from "node:os";
import { CROWD_CASES, QUIET_LOAD, type CrowdCase } from "./crowds";
import { medians, requestBytes, runRealCrowd, sendTimes } from "./real-crowd";

const FILE = path.join(import.meta.dirname, "recordings.json");
const LIVE = process.env.CONFORMANCE_LOAD_LIVE === "1";
type Recorded = Array<{ sentAt: number; status: number; doneAt: number; statuses: number[] }>;
const recordings: Record<string, { requests: Recorded; loadAverage?: number }> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, "utf8")) : {};

async function model(crowdCase: CrowdCase) {
  const scenario = (await loadScenario("classroom_load"))!;
  const input = loadInputFor("classroom_load", scenario.manifest, scenario.files, crowdCase.setup);
  const raw = requestBytes(crowdCase.setup.crowd.target);
  const result = runLoad({ ...input, requests: sendTimes(crowdCase).map((at) => ({ at, raw })) });
  if (!result.ok) throw new Error(`the model refused ${crowdCase.name}: ${JSON.stringify(result)}`);
  return result.results;
}

async function real(crowdCase: CrowdCase): Promise<{ requests: Recorded; loadAverage: number } | null> {
  if (LIVE) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runRealCrowd(crowdCase));
    return { requests: medians(runs), loadAverage: os.loadavg()[0] };
  }
  const recorded = recordings[crowdCase.name];
  // Recordings made before the load average was written down count as made on a busy machine (they were).
  return recorded ? { requests: recorded.requests, loadAverage: recorded.loadAverage ?? Infinity } : null;
}

/** Indices in the order their answers came. */
const finishingOrder = (rows: Array<{ doneAt: number }>) => rows.map((r, i) => [r.doneAt, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);

describe("timed crowds: the load model against the real nginx + Gunicorn/uWSGI", () => {
  for (const crowdCase of CROWD_CASES) {
    it(`${crowdCase.name}: ${crowdCase.what}`, async () => {
      const recorded = await real(crowdCase);
      expect(recorded, `no recording for ${crowdCase.name}: run node conformance/run-ts.mjs conformance/load/record-crowds.ts`).not.toBeNull();
      const truth = recorded!.requests;
      const ours = await model(crowdCase);
      expect(ours.length).toBe(truth.length);
      // CPU time recorded on a busy machine is stretched: then the statuses and the finishing order are compared.
      const timed = !(crowdCase.cpuBound && recorded!.loadAverage > QUIET_LOAD);
      const rows = truth.map((t, i) => {
        const waited = t.doneAt - t.sentAt;
        const allowed = Math.max(150, waited * 0.1);
        const off = Math.abs(ours[i].doneAt - t.doneAt);
        return { i, real: [t.status, Math.round(t.doneAt)], model: [ours[i].status, Math.round(ours[i].doneAt)], ok: t.status === ours[i].status && (!timed || off <= allowed) };
      });
      // Every run of the real chain agreed on each status: the case does not depend on a race.
      expect(truth.filter((t) => t.status === -1), "statuses differ between real runs").toEqual([]);
      expect(rows.filter((r) => !r.ok)).toEqual([]);
      if (!timed) expect(finishingOrder(ours)).toEqual(finishingOrder(truth));
    }, LIVE ? 600_000 : 30_000);
  }
});
