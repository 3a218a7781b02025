/** The load model: a crowd of requests through the chain on one virtual clock (see README.md). */
export { runLoad, CPU_MS_PER_STEP, LOAD_STEP_BUDGET, MAX_LOAD_REQUESTS } from "./run-load";
export type { LoadInput, LoadRequest, LoadResult, LoadRequestResult, LoadTimeline, LoadLane, LoadBar, LoadLogLine, Responder } from "./run-load";
export { summarize, percentile, type LoadSummary } from "./summary";
export { crowdRequests, crowdTimes, type CrowdSpec } from "./crowd";
export { setGunicornKnobs, setUwsgiKnobs, setNginxKnobs, type GunicornKnobs, type UwsgiKnobs, type NginxKnobs } from "./knobs";
export { setupFiles, loadInputFor, type LoadSetup } from "./setup";
