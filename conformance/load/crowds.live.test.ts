/**
 * The timed crowds on the real programs (part of npm run test:live): each case runs on a fresh real nginx +
 * Gunicorn/uWSGI three times, and the model must match the medians by the criterion of compare-crowd.ts; every run
 * must give each request the same status. Real time is noisy on a loaded machine: when the medians of three runs
 * miss, two more runs are made and the medians of all five decide (measured under a 1-minute load average of 15–23 on
 * 2 cores, medians of three missed in 3 of 10 draws for uwsgi-2x2-report, medians of five never; see README).
 * The committed recordings must still hold the statuses the programs give.
 *
 * Only on a machine that is not swamped: a case runs when the 1-minute load average is at most CROWD_MAX_LOAD
 * (4 runnable processes per core on 2 cores), and is skipped, saying so, above it; CONFORMANCE_LOAD_LIVE=1 runs it
 * whatever the load. Measured on the course's shared 2-core machine: at load 15–23 the statuses held in 40 runs of
 * every case and medians of 5 matched the model; at 22 uwsgi-listen-2's listen queue once filled one student
 * earlier (a 502 moved); at 30–38 four cases came back 10–60 ms beyond the allowance (conformance/README.md).
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CROWD_CASES } from "./crowds";
import { compareCrowd } from "./compare-crowd";
import { medians, RECYCLE_LINE, runRealCrowd, type CrowdAnswer, type CrowdMedian } from "./real-crowd";

const FILE = path.join(import.meta.dirname, "recordings.json");
const CROWD_MAX_LOAD = 8;
const FORCED = process.env.CONFORMANCE_LOAD_LIVE === "1";
const recordings: Record<string, { requests: CrowdMedian[] }> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, "utf8")) : {};

describe("timed crowds: the load model against the real nginx + Gunicorn/uWSGI, run now", () => {
  for (const crowdCase of CROWD_CASES) {
    it(`${crowdCase.name}: ${crowdCase.what}`, async (context) => {
      const load = os.loadavg()[0];
      if (!FORCED && load > CROWD_MAX_LOAD) {
        context.skip(`load average ${load.toFixed(1)} > ${CROWD_MAX_LOAD}: real time on this machine is too stretched to compare (CONFORMANCE_LOAD_LIVE=1 runs it anyway)`);
        return;
      }
      const runs: CrowdAnswer[][] = [];
      const loads: number[] = [];
      const recycles: number[] = [];
      const measure = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const lines: string[] = [];
          runs.push(await runRealCrowd(crowdCase, lines));
          loads.push(os.loadavg()[0]);
          recycles.push(lines.filter((l) => RECYCLE_LINE.test(l)).length);
        }
        return compareCrowd(crowdCase, medians(runs), Math.max(...loads), recycles);
      };
      let result = await measure(3);
      if (result.misses.length > 0) result = await measure(2);
      const truth = medians(runs);
      const where = `${runs.length} runs, load average ${loads.map((l) => l.toFixed(1)).join(", ")}`;
      expect(result.unsettled, `statuses differ between real runs (${where}): ${JSON.stringify(truth.map((t) => t.statuses))}`).toEqual([]);
      expect(result.misses, where).toEqual([]);
      if (result.recycles) expect(result.recycles.real.map(() => result.recycles!.model), `recycles per run (${where})`).toEqual(result.recycles.real);
      const recorded = recordings[crowdCase.name];
      expect(recorded, `no recording for ${crowdCase.name}`).toBeDefined();
      expect(truth.map((t) => t.status), "the recording's statuses").toEqual(recorded!.requests.map((t) => t.status));
    }, 600_000);
  }
});
