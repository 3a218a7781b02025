/**
 * The timed-crowd criterion, shared by the unit run (model against the committed recordings, crowds.test.ts) and
 * the live run (model against fresh medians of the real programs, crowds.live.test.ts): per request the status must
 * be equal and the completion time within max(150 ms, 10 % of the real wait). A CPU-bound crowd measured on a busy
 * machine (load average above QUIET_LOAD) is compared by status only: a busy machine stretches CPU time (the model's
 * cost per step was measured on a quiet one) and shuffles which of a few ms-long requests ends first (measured at
 * load 15–38: the real order of the four /busy requests changed from run to run).
 */
import { loadScenario } from "../../lib/scenarios/load.server";
import { runLoad } from "../../lib/chain/load/run-load";
import { loadInputFor } from "../../lib/chain/load/setup";
import { QUIET_LOAD, type CrowdCase } from "./crowds";
import { requestBytes, sendTimes, type CrowdMedian } from "./real-crowd";

export interface CrowdComparison {
  /** Requests whose status differs or whose completion time is off by more than allowed. */
  misses: Array<{ i: number; real: [number, number]; model: [number, number]; allowedMs: number }>;
  /** Requests on which the real runs did not all give the same status. */
  unsettled: number[];
  /** Whether completion times were compared (false: statuses only). */
  timed: boolean;
}

export async function modelCrowd(crowdCase: CrowdCase) {
  const scenario = (await loadScenario("classroom_load"))!;
  const input = loadInputFor("classroom_load", scenario.manifest, scenario.files, crowdCase.setup);
  const raw = requestBytes(crowdCase.setup.crowd.target);
  const result = runLoad({ ...input, requests: sendTimes(crowdCase).map((at) => ({ at, raw })) });
  if (!result.ok) throw new Error(`the model refused ${crowdCase.name}: ${JSON.stringify(result)}`);
  return result.results;
}

export async function compareCrowd(crowdCase: CrowdCase, truth: CrowdMedian[], loadAverage: number): Promise<CrowdComparison> {
  const ours = await modelCrowd(crowdCase);
  if (ours.length !== truth.length) throw new Error(`${crowdCase.name}: ${ours.length} model answers for ${truth.length} real ones`);
  const timed = !(crowdCase.cpuBound && loadAverage > QUIET_LOAD);
  const misses: CrowdComparison["misses"] = [];
  truth.forEach((t, i) => {
    const allowedMs = Math.max(150, (t.doneAt - t.sentAt) * 0.1);
    const off = Math.abs(ours[i].doneAt - t.doneAt);
    if (t.status !== ours[i].status || (timed && off > allowedMs)) {
      misses.push({ i, real: [t.status, Math.round(t.doneAt)], model: [ours[i].status, Math.round(ours[i].doneAt)], allowedMs: Math.round(allowedMs) });
    }
  });
  const unsettled = truth.flatMap((t, i) => (t.status === -1 ? [i] : []));
  return { misses, unsettled, timed };
}
