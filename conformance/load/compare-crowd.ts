/**
 * The timed-crowd criterion, shared by the unit run (model against the committed recordings, crowds.test.ts) and
 * the live run (model against fresh medians of the real programs, crowds.live.test.ts): per request the status must
 * be equal and the completion time within max(150 ms, 10 % of the real wait). A CPU-bound crowd measured on a busy
 * machine (load average above QUIET_LOAD) is compared by status and finishing order only, since a busy machine
 * stretches CPU time and the model's cost per step was measured on a quiet one.
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
  /** Whether completion times were compared (false: statuses and finishing order only). */
  timed: boolean;
  /** Empty, or the two finishing orders when they differ on an untimed comparison. */
  order: [number[], number[]] | [];
}

export async function modelCrowd(crowdCase: CrowdCase) {
  const scenario = (await loadScenario("classroom_load"))!;
  const input = loadInputFor("classroom_load", scenario.manifest, scenario.files, crowdCase.setup);
  const raw = requestBytes(crowdCase.setup.crowd.target);
  const result = runLoad({ ...input, requests: sendTimes(crowdCase).map((at) => ({ at, raw })) });
  if (!result.ok) throw new Error(`the model refused ${crowdCase.name}: ${JSON.stringify(result)}`);
  return result.results;
}

/** Indices in the order their answers came. */
const finishingOrder = (rows: Array<{ doneAt: number }>) =>
  rows.map((r, i) => [r.doneAt, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);

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
  const real = finishingOrder(truth);
  const model = finishingOrder(ours);
  const order: CrowdComparison["order"] = !timed && real.join() !== model.join() ? [real, model] : [];
  return { misses, unsettled, timed, order };
}
