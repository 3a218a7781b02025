/**
 * Runs one flow preset (its request and faults) through the embedded chain on a scenario as the widgets send it,
 * for the content checks; a scenario that is missing or will not start throws, naming the scenario and gateway.
 */
import { runChain } from "@/lib/chain/run";
import type { GatewayKind } from "@/lib/chain/trace";
import { buildRawRequest } from "@/lib/api/chain-request";
import { loadScenario } from "@/lib/scenarios/load.server";
import type { FlowPreset } from "@/components/flow/presets";

export async function runPreset(scenario: string, preset: Pick<FlowPreset, "request" | "faults">, gateway?: GatewayKind) {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`no scenario ${scenario}`);
  const { method, target, headers, body } = preset.request;
  const result = runChain({
    scenario,
    manifest: loaded.manifest,
    files: loaded.files,
    gateway,
    faults: preset.faults,
    raw: buildRawRequest({ method, target, headers, body }),
  });
  if (!result.ok) throw new Error(`${scenario}${gateway ? `/${gateway}` : ""}: ${result.errors.map((e) => e.message).join("; ")}`);
  return result;
}
