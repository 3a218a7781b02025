/**
 * One load-lab experiment as data: which gateway, which crowd, which knobs. The widget, the API's callers and the
 * course's content check all turn it into the same runLoad input, so a lesson's claim is checked on exactly what
 * the student runs.
 */
import type { ScenarioFiles, ScenarioManifest } from "../contracts";
import type { GatewayKind } from "../trace";
import { chooseGateway } from "../scenario";
import { crowdRequests } from "./crowd";
import { setGunicornKnobs, setNginxKnobs, setUwsgiKnobs, type GunicornKnobs, type NginxKnobs, type UwsgiKnobs, type UwsgiRecycleKnobs } from "./knobs";
import type { LoadInput } from "./run-load";

export interface LoadSetup {
  gateway: GatewayKind;
  /** How many students, over how many ms (0 = at once), asking for which path. */
  crowd: { count: number; spreadMs: number; target: string };
  gunicorn?: GunicornKnobs;
  uwsgi?: UwsgiKnobs & UwsgiRecycleKnobs;
  nginx?: NginxKnobs;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The scenario's files with the setup's knobs written into the chosen gateway's config and nginx file. */
export function setupFiles(manifest: ScenarioManifest, files: ScenarioFiles, setup: LoadSetup): Map<string, Uint8Array> {
  const out = new Map(files);
  const choice = chooseGateway(manifest, setup.gateway);
  if (!choice) return out;
  const edit = (path: string, change: (text: string) => string) => {
    const bytes = files.get(path);
    if (bytes) out.set(path, encoder.encode(change(decoder.decode(bytes))));
  };
  if (setup.gateway === "gunicorn" && setup.gunicorn) edit(choice.configFile, (t) => setGunicornKnobs(t, setup.gunicorn!));
  if (setup.gateway === "uwsgi" && setup.uwsgi) edit(choice.configFile, (t) => setUwsgiKnobs(t, setup.uwsgi!));
  if (setup.nginx) edit(choice.nginxFile, (t) => setNginxKnobs(t, setup.nginx!));
  return out;
}

export function loadInputFor(scenario: string, manifest: ScenarioManifest, files: ScenarioFiles, setup: LoadSetup, epochMs?: number): LoadInput {
  return {
    scenario,
    manifest,
    files: setupFiles(manifest, files, setup),
    gateway: setup.gateway,
    requests: crowdRequests(setup.crowd),
    ...(epochMs !== undefined ? { epochMs } : {}),
  };
}
