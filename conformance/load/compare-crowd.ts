/**
 * The timed-crowd criterion, shared by the unit run (model against the committed recordings, crowds.test.ts) and
 * the live run (model against fresh medians of the real programs, crowds.live.test.ts): per request the status must
 * be equal and the completion time within max(150 ms, 10 % of the real wait). A CPU-bound crowd measured on a busy
 * machine (load average above QUIET_LOAD) is compared by status only: a busy machine stretches CPU time (the model's
 * cost per step was measured on a quiet one) and shuffles which of a few ms-long requests ends first (measured at
 * load 15–38: the real order of the four /busy requests changed from run to run). A case that counts recycles
 * (uWSGI's max-requests) also needs the model to recycle as many workers as every real run did.
 */
import { loadScenario } from "../../lib/scenarios/load.server";
import { runLoad } from "../../lib/chain/load/run-load";
import { loadInputFor } from "../../lib/chain/load/setup";
import { QUIET_LOAD, type CrowdCase } from "./crowds";
import { requestBytes, sendTimes, slotsOf, WARMUP_MS, type CrowdMedian } from "./real-crowd";

export interface CrowdComparison {
  /** Requests whose status differs or whose completion time is off by more than allowed. */
  misses: Array<{ i: number; real: [number, number]; model: [number, number]; allowedMs: number }>;
  /** Requests on which the real runs did not all give the same status. */
  unsettled: number[];
  /** Whether completion times were compared (false: statuses only). */
  timed: boolean;
  /** For a case that counts recycles: each real run's count and the model's (a miss when they differ). */
  recycles?: { real: number[]; model: number };
}

/**
 * The crowd on the model: its answers with times on the crowd's clock, and the workers it recycled for max-requests
 * during the crowd. With `warmup`, the real run's warm-up goes first and the crowd starts WARMUP_MS later.
 */
export async function modelCrowd(crowdCase: CrowdCase) {
  const scenario = (await loadScenario("classroom_load"))!;
  const input = loadInputFor("classroom_load", scenario.manifest, scenario.files, crowdCase.setup);
  const raw = requestBytes(crowdCase.setup.crowd.target);
  const decoder = new TextDecoder();
  const slots = crowdCase.warmup ? slotsOf(crowdCase.setup.gateway, (file) => decoder.decode(input.files.get(file) ?? new Uint8Array())) : 0;
  const offset = crowdCase.warmup ? WARMUP_MS : 0;
  const warm = requestBytes("/report");
  const requests = [
    ...Array.from({ length: slots }, () => ({ at: 0, raw: warm })),
    ...sendTimes(crowdCase).map((at) => ({ at: at + offset, raw })),
  ];
  const result = runLoad({ ...input, requests });
  if (!result.ok) throw new Error(`the model refused ${crowdCase.name}: ${JSON.stringify(result)}`);
  const results = result.results.slice(slots).map((r) => ({ ...r, sentAt: r.sentAt - offset, doneAt: r.doneAt - offset }));
  const recycles = result.timeline.events.filter((e) => e.kind === "max-requests" && e.at >= offset).length;
  return { results, recycles };
}

export async function compareCrowd(crowdCase: CrowdCase, truth: CrowdMedian[], loadAverage: number, realRecycles?: number[]): Promise<CrowdComparison> {
  const { results: ours, recycles } = await modelCrowd(crowdCase);
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
  if (crowdCase.countRecycles && realRecycles) return { misses, unsettled, timed, recycles: { real: realRecycles, model: recycles } };
  return { misses, unsettled, timed };
}
