/**
 * Records the timed crowds on the real programs: each case RUNS times on a fresh real chain, one case at a time
 * (their timing must not compete), per request the median completion time and the statuses of all runs.
 *
 *   node conformance/run-ts.mjs conformance/load/record-crowds.ts [case-name…]
 *
 * Writes conformance/load/recordings.json (cases not named keep their recording).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CROWD_CASES } from "./crowds";
import { medians, RECYCLE_LINE, runRealCrowd, type CrowdAnswer } from "./real-crowd";

const RUNS = 3;
const FILE = path.join(import.meta.dirname, "recordings.json");

export interface CrowdRecording {
  recordedAt: string;
  /** The machine's 1-minute load average when the recording ended (2 cores: above ~2 the times stretch). */
  loadAverage: number;
  runs: number;
  requests: ReturnType<typeof medians>;
  /** For a case that counts them: the workers recycled for max-requests in each run. */
  recycles?: number[];
}

const only = process.argv.slice(2);
const existing: Record<string, CrowdRecording> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, "utf8")) : {};
for (const crowdCase of CROWD_CASES) {
  if (only.length > 0 && !only.includes(crowdCase.name)) continue;
  const runs: CrowdAnswer[][] = [];
  const recycles: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const lines: string[] = [];
    runs.push(await runRealCrowd(crowdCase, lines));
    recycles.push(lines.filter((l) => RECYCLE_LINE.test(l)).length);
  }
  existing[crowdCase.name] = {
    recordedAt: new Date().toISOString(),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    runs: RUNS,
    requests: medians(runs),
    ...(crowdCase.countRecycles ? { recycles } : {}),
  };
  console.log(crowdCase.name, JSON.stringify(existing[crowdCase.name].requests.map((r) => [r.status, r.doneAt])), crowdCase.countRecycles ? `recycles ${recycles.join(",")}` : "");
}
writeFileSync(FILE, JSON.stringify(existing, null, 1) + "\n");
