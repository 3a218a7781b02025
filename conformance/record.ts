/**
 * Record what the REAL chain answers to every corpus request:
 *   conformance/recordings/<scenario>/<gateway>/NNN-name.txt   (format: recording.ts)
 *   conformance/recordings/<scenario>/<gateway>/_startup.txt   (what the programs printed while starting)
 *
 * Run: node conformance/run-ts.mjs conformance/record.ts [scenario…]
 * Every scenario × gateway × fault set gets its own real chain; they run concurrently (each on its own port and
 * temp dir) so the few slow requests (timeout_demo) overlap with the rest.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { corpusScenarios, groupByFault, loadCorpus, type CorpusEntry, type CorpusFault } from "./corpus";
import { runGroupLive } from "./live";
import type { Gateway } from "./real-chain";
import { formatRecording, formatStartup } from "./recording";

export const RECORDINGS_DIR = path.join(import.meta.dirname, "recordings");
const GATEWAYS: Gateway[] = ["gunicorn", "uwsgi"];

async function recordGroup(scenario: string, gateway: Gateway, fault: CorpusFault | undefined, entries: CorpusEntry[]): Promise<number> {
  const dir = path.join(RECORDINGS_DIR, scenario, gateway);
  const { startup, answers } = await runGroupLive(scenario, gateway, fault, entries);
  writeFileSync(
    path.join(dir, fault ? `_startup-${fault}.txt` : "_startup.txt"),
    formatStartup(`${scenario} / ${gateway}${fault ? ` / fault ${fault}` : ""}: what the real programs printed while starting`, startup),
  );
  for (const answer of answers) {
    const { entry } = answer;
    const rec = formatRecording({
      comments: [
        `${scenario} / ${gateway} / ${entry.id}${fault ? ` / fault: ${fault}` : ""}`,
        `description: ${entry.description}`,
        `request: conformance/corpus/${scenario}/${entry.id}.http`,
        `real chain: nginx 1.22.1, ${gateway === "gunicorn" ? "Gunicorn 20.1.0" : "uWSGI 2.0.21"}, Flask 2.2.2, Python 3.11 (Debian 12)`,
        "temp paths mapped back to /srv/<scenario> and /run, the listen port to 80 (not shown in URLs); body bytes untouched",
      ],
      closed: answer.closed,
      sentAtMs: answer.sentAtMs,
      clientPort: answer.clientPort,
      elapsedMs: answer.elapsedMs,
      response: answer.response,
      logs: answer.logs,
    });
    writeFileSync(path.join(dir, `${entry.id}.txt`), rec);
  }
  return answers.length;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const scenarios = wanted.length ? wanted : corpusScenarios();
  const jobs: Array<Promise<string>> = [];
  for (const scenario of scenarios) {
    const corpus = loadCorpus(scenario);
    for (const gateway of GATEWAYS) {
      const groups = groupByFault(corpus, gateway);
      const dir = path.join(RECORDINGS_DIR, scenario, gateway);
      rmSync(dir, { recursive: true, force: true });
      if (groups.length === 0) continue;
      mkdirSync(dir, { recursive: true });
      for (const group of groups) {
        const label = `${scenario}/${gateway}${group.fault ? ` (${group.fault})` : ""}`;
        jobs.push(
          recordGroup(scenario, gateway, group.fault, group.entries).then(
            (n) => `ok   ${label}: ${n} requests`,
            (error: unknown) => `FAIL ${label}: ${String(error)}`,
          ),
        );
      }
    }
  }
  const results = await Promise.all(jobs);
  console.log(results.join("\n"));
  if (results.some((r) => r.startsWith("FAIL"))) process.exitCode = 1;
}

await main();
