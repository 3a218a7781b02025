/**
 * The recordings against the REAL programs (npm run test:live): every corpus request goes to a freshly started real
 * chain (nginx + Gunicorn/uWSGI + Flask, real-chain.ts), and the answer must equal the committed recording after
 * normalize.ts — status line, headers, body, log lines, and what the programs print while starting. A difference
 * means the recordings are out of date (re-record and review the diff) or the normalisation hides too little.
 * This is also what proves that normalize.ts hides only values that really vary from run to run.
 *
 *   npm run test:live                                            (with the other live checks)
 *   CONFORMANCE_SCENARIOS=hello_cju npx vitest run -c vitest.live.config.ts conformance/recordings.live.test.ts
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareLogs, compareResponses, type Difference } from "./compare";
import { corpusScenarios, groupByFault, loadCorpus } from "./corpus";
import { parseResponse } from "./http-response";
import { runGroupLive } from "./live";
import { normalizeLogLine, normalizeResponse } from "./normalize";
import type { Gateway, LogSlices } from "./real-chain";
import { parseRecording, parseStartup, type StartupRecording } from "./recording";

const GATEWAYS: Gateway[] = ["gunicorn", "uwsgi"];
const only = process.env.CONFORMANCE_SCENARIOS?.split(",").filter(Boolean);
const COMBOS = corpusScenarios()
  .filter((s) => !only || only.includes(s))
  .flatMap((scenario) => {
    const corpus = loadCorpus(scenario);
    return GATEWAYS.filter((gateway) => corpus.some((e) => e.gateways.includes(gateway))).map((gateway) => ({ scenario, gateway }));
  });
/**
 * Scenarios whose gateway kills a worker that does not answer within 2 s: their chains take the first start slots
 * (real-chain.ts starts two at a time), before the other chains' workers compete with theirs for the CPU.
 */
const FIRST = ["timeout_demo", "lesson_timeouts"];
const startOrder = [...COMBOS].sort((a, b) => Number(FIRST.includes(b.scenario)) - Number(FIRST.includes(a.scenario)));
const RECORDINGS = path.join(import.meta.dirname, "recordings");

/**
 * Recorded bodies that legitimately differ from run to run of the REAL chain, with the reason. Everything else a
 * live run answers must equal the recording (after normalize.ts), or the recordings are out of date.
 */
const VOLATILE_IN_RECORDINGS: Array<{ scenario: string; gateway: Gateway; request: RegExp; field: string; reason: string }> = [
  {
    scenario: "flask_shapes",
    gateway: "uwsgi",
    request: /^\d+-environ-full/,
    field: "body",
    reason: "uWSGI passes nginx's REMOTE_PORT (the client's ephemeral port) and SERVER_PORT (the test listen port) into the environ",
  },
];

/**
 * Gateway lines that come or not depending on the machine's load, left out of the comparison with the reason.
 * Gunicorn 20.1 sends a timed-out worker SIGABRT and, when it has not exited by the master's next check (about a
 * second later), SIGKILL: a busy machine then adds "terminated due to signal 9", and the worker may never get to
 * print "Worker exiting". The WORKER TIMEOUT and the new worker's boot line are compared.
 */
const LOAD_DEPENDENT_LINES: RegExp[] = [/\[WARNING\] Worker with pid \d+ was terminated due to signal 9$/, /\[INFO\] Worker exiting \(pid: \d+\)$/];

const gatewayLines = (logs: LogSlices) =>
  [...logs.gatewayStdout, ...logs.gatewayStderr].filter((l) => !LOAD_DEPENDENT_LINES.some((re) => re.test(l)));

/** The differences between a recorded answer and a live one (recorded = "real", live = "embedded" in Difference). */
function drift(recorded: { response: Uint8Array; logs: LogSlices }, live: { response: Uint8Array; logs: LogSlices }): Difference[] {
  return [
    ...compareResponses(normalizeResponse(parseResponse(recorded.response)), normalizeResponse(parseResponse(live.response))),
    ...compareLogs(
      { nginxAccess: recorded.logs.nginxAccess, nginxError: recorded.logs.nginxError, gateway: gatewayLines(recorded.logs) },
      { nginxAccess: live.logs.nginxAccess, nginxError: live.logs.nginxError, gateway: gatewayLines(live.logs) },
      normalizeLogLine,
    ),
  ];
}

function startupDrift(recorded: StartupRecording, live: StartupRecording): string[] {
  const sortNorm = (lines: string[]) =>
    lines
      .filter((l) => !LOAD_DEPENDENT_LINES.some((re) => re.test(l)))
      .map(normalizeLogLine)
      .sort();
  const out: string[] = [];
  for (const [field, a, b] of [
    ["gateway", sortNorm([...recorded.gatewayStdout, ...recorded.gatewayStderr]), sortNorm([...live.gatewayStdout, ...live.gatewayStderr])],
    ["nginx stderr", recorded.nginxStderr.map(normalizeLogLine), live.nginxStderr.map(normalizeLogLine)],
  ] as const) {
    if (a.join("\n") !== b.join("\n")) out.push(`startup ${field}\n    recorded: ${a.join("\n      ")}\n    live:     ${b.join("\n      ")}`);
  }
  return out;
}

const results = new Map<string, { error?: string; stale: string[] }>();

beforeAll(async () => {
  await Promise.all(
    startOrder.map(async ({ scenario, gateway }) => {
      const result: { error?: string; stale: string[] } = { stale: [] };
      results.set(`${scenario}/${gateway}`, result);
      const groups = groupByFault(
        loadCorpus(scenario).filter((e) => e.gateways.includes(gateway)),
        gateway,
      );
      try {
        for (const group of groups) {
          const { startup, answers } = await runGroupLive(scenario, gateway, group.fault, group.entries);
          const startupFile = path.join(RECORDINGS, scenario, gateway, group.fault ? `_startup-${group.fault}.txt` : "_startup.txt");
          const recordedStartup = existsSync(startupFile) ? parseStartup(readFileSync(startupFile, "utf8")) : null;
          if (!recordedStartup) result.stale.push(`${path.basename(startupFile)}: no recording`);
          else result.stale.push(...startupDrift(recordedStartup, startup).map((d) => `${path.basename(startupFile)} ${d}`));
          for (const answer of answers) {
            const request = answer.entry.id;
            const file = path.join(RECORDINGS, scenario, gateway, `${request}.txt`);
            const recorded = existsSync(file) ? parseRecording(new Uint8Array(readFileSync(file))) : null;
            if (!recorded) {
              result.stale.push(`${request}: no recording`);
              continue;
            }
            const diffs = drift(recorded, answer).filter(
              (d) => !VOLATILE_IN_RECORDINGS.some((v) => v.scenario === scenario && v.gateway === gateway && v.request.test(request) && v.field === d.field),
            );
            for (const d of diffs) result.stale.push(`${request} ${d.field}\n    recorded: ${d.real}\n    live:     ${d.embedded}`);
          }
        }
      } catch (error) {
        result.error = `the real chain failed: ${String(error)}`;
      }
    }),
  );
}, 300_000);

describe("recordings: the real programs still answer what conformance/recordings says", () => {
  for (const { scenario, gateway } of COMBOS) {
    it(`${scenario} / ${gateway}`, () => {
      const result = results.get(`${scenario}/${gateway}`);
      if (!result) throw new Error("no result: the real chain did not run");
      if (result.error) throw new Error(result.error);
      expect(result.stale, `re-record and review the diff: node conformance/run-ts.mjs conformance/record.ts ${scenario}\n${result.stale.join("\n")}`).toEqual([]);
    });
  }
});
