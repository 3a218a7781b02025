/**
 * Runs a challenge's checks through the embedded chain in Node, as the browser widget does through the API: the
 * scenario's files with the given texts laid over them, one request per check, graded by challenge-model.ts.
 */
import { runChain } from "@/lib/chain/run";
import { loadScenario } from "@/lib/scenarios/load.server";
import { buildRawRequest } from "@/lib/api/chain-request";
import { utf8Decode, utf8Encode } from "@/lib/chain/http/bytes";
import { checkPreset, gradeCheck, type ChallengeCheck, type CheckResult } from "@/components/widgets/challenge-model";

export type ChallengeRun = { ok: true; results: CheckResult[] } | { ok: false; errors: string[] };

/** The challenge's editable files as the scenario has them. */
export async function scenarioTexts(scenario: string, paths: readonly string[]): Promise<Record<string, string>> {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`no scenario ${scenario}`);
  const out: Record<string, string> = {};
  for (const path of paths) {
    const data = loaded.files.get(path);
    if (!data) throw new Error(`scenario ${scenario} has no file ${path}`);
    out[path] = utf8Decode(data);
  }
  return out;
}

/** Each check's status code with these files, or "refused" when the programs refuse the configuration. */
export async function runChallengeStatuses(scenario: string, texts: Record<string, string>, checks: readonly ChallengeCheck[], gateway?: "gunicorn" | "uwsgi"): Promise<number[] | "refused"> {
  const statuses: number[] = [];
  const run = await runChallenge(scenario, texts, checks, gateway, statuses);
  return run.ok ? statuses : "refused";
}

export async function runChallenge(scenario: string, texts: Record<string, string>, checks: readonly ChallengeCheck[], gateway?: "gunicorn" | "uwsgi", statuses: number[] = []): Promise<ChallengeRun> {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`no scenario ${scenario}`);
  const files = new Map(loaded.files);
  for (const [path, text] of Object.entries(texts)) files.set(path, utf8Encode(text));
  const results: CheckResult[] = [];
  for (const [i, check] of checks.entries()) {
    const preset = checkPreset(check, i);
    const result = runChain({
      scenario,
      manifest: loaded.manifest,
      files,
      gateway: check.gateway ?? gateway,
      faults: preset.faults,
      raw: buildRawRequest({ method: preset.request.method, target: preset.request.target, headers: preset.request.headers, body: preset.request.body }),
    });
    if (!result.ok) return { ok: false, errors: result.errors.map((e) => `${e.path}:${e.line} ${e.message}`) };
    statuses.push(result.response.status);
    const body = utf8Decode(result.response.identityBody ?? result.response.body);
    results.push(gradeCheck(check.expect, { status: result.response.status, headers: result.response.headers, body, trace: result.trace }));
  }
  return { ok: true, results };
}
