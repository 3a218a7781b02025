/**
 * `<ConfigPlayground scenario="hello_cju" files={["nginx.conf", "app.py"]} presets={["proxied"]} />`: the files as
 * the scenario has them (read at build time), editable in the page, with the live diagram re-run on the edits
 * (and, with `terminal="curl -i http://localhost/"`, a terminal that sends curl to the edited files).
 */
import { loadScenario } from "@/lib/scenarios/load.server";
import { resolvePresets, type PresetSpec } from "@/components/flow/presets";
import { PlaygroundLazy } from "./playground-lazy";

export interface ConfigPlaygroundProps {
  scenario: string;
  files?: string[];
  presets?: PresetSpec[];
  /** A terminal under the diagram that runs curl against the edited files; the value is the command typed in it. */
  terminal?: string;
}

export async function ConfigPlayground({ scenario, files, presets, terminal }: ConfigPlaygroundProps) {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`<ConfigPlayground>: no scenario "${scenario}" in content/scenarios`);
  const choice = loaded.manifest.gateways[loaded.manifest.defaultGateway]!;
  const paths = files ?? [choice.nginx, "app.py"];
  const originals: Record<string, string> = {};
  for (const path of paths) {
    const data = loaded.files.get(path);
    if (!data) throw new Error(`<ConfigPlayground>: scenario "${scenario}" has no file "${path}"`);
    originals[path] = new TextDecoder().decode(data);
  }
  return (
    <PlaygroundLazy
      scenario={scenario}
      title={loaded.manifest.title}
      gateways={(["gunicorn", "uwsgi"] as const).filter((g) => loaded.manifest.gateways[g])}
      defaultGateway={loaded.manifest.defaultGateway}
      presets={resolvePresets(presets)}
      originals={originals}
      terminal={terminal}
    />
  );
}
