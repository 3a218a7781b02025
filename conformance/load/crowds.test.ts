/**
 * The timed crowds in the unit run: runLoad against the real chain's recorded medians (conformance/load/recordings.json,
 * made by record-crowds.ts on the real programs), by the criterion of compare-crowd.ts. The live run
 * (crowds.live.test.ts) runs the crowds on the real programs again and compares the model with those medians.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CROWD_CASES } from "./crowds";
import { compareCrowd } from "./compare-crowd";
import type { CrowdMedian } from "./real-crowd";

const FILE = path.join(import.meta.dirname, "recordings.json");
const recordings: Record<string, { requests: CrowdMedian[]; loadAverage?: number; recycles?: number[] }> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, "utf8")) : {};

describe("timed crowds: the load model against the recorded real nginx + Gunicorn/uWSGI", () => {
  for (const crowdCase of CROWD_CASES) {
    it(`${crowdCase.name}: ${crowdCase.what}`, async () => {
      const recorded = recordings[crowdCase.name];
      expect(recorded, `no recording for ${crowdCase.name}: run node conformance/run-ts.mjs conformance/load/record-crowds.ts`).toBeDefined();
      // Recordings made before the load average was written down count as made on a busy machine (they were).
      const result = await compareCrowd(crowdCase, recorded!.requests, recorded!.loadAverage ?? Infinity, recorded!.recycles);
      // Every run of the real chain agreed on each status: the case does not depend on a race.
      expect(result.unsettled, "statuses differ between real runs").toEqual([]);
      expect(result.misses).toEqual([]);
      if (crowdCase.countRecycles) {
        // Every real run recycled as many workers (max-requests), and the model the same number.
        expect(result.recycles, "no recycle count recorded").toBeDefined();
        expect(result.recycles!.real.map(() => result.recycles!.model)).toEqual(result.recycles!.real);
      }
    });
  }
});
