/**
 * Scenario helpers shared by the API, the tests and the real-chain harness: which files a gateway variant runs,
 * where the scenario sits on the (virtual) server's disk, and the one fixed mtime its files carry.
 */
import type { ScenarioFiles, ScenarioManifest } from "./contracts";
import type { GatewayKind } from "./trace";

/**
 * Every scenario file has this modification time, in the embedded chain and in the real chain the conformance suite
 * starts (it sets the copied files' mtime to it), so Last-Modified and ETag agree and need no normalising.
 */
export const SCENARIO_FILES_MTIME_MS = Date.UTC(2026, 2, 2, 9, 0, 0);

/** The folder a scenario is deployed to on the server, as its nginx.conf says: `/srv/<name>/`. */
export function deployRoot(scenario: string): string {
  return `/srv/${scenario}/`;
}

/** The site file name nginx knows the scenario's server block by. */
export function siteFilePath(scenario: string): string {
  return `/etc/nginx/sites-enabled/${scenario}`;
}

export interface GatewayChoice {
  gateway: GatewayKind;
  nginxFile: string;
  configFile: string;
}

/** Picks the gateway variant; null when the scenario has no such variant. */
export function chooseGateway(manifest: ScenarioManifest, requested?: GatewayKind): GatewayChoice | null {
  const gateway = requested ?? manifest.defaultGateway;
  const files = manifest.gateways[gateway];
  return files ? { gateway, nginxFile: files.nginx, configFile: files.config } : null;
}

/** The scenario's files with a student's edits laid over them (an edit replaces or adds a file by its path). */
export function withEdits(files: ScenarioFiles, edits: ReadonlyMap<string, Uint8Array> | undefined): ScenarioFiles {
  if (!edits || edits.size === 0) return files;
  const merged = new Map(files);
  for (const [path, data] of edits) merged.set(path, data);
  return merged;
}
