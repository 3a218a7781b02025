import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ScenarioFiles, ScenarioManifest } from "@/lib/chain/contracts";
import { SCENARIO_NAME, scenarioManifestSchema } from "./manifest";

/** Where scenario folders live. Each is what a student would deploy: nginx site file, gateway config, app.py, static/. */
export const SCENARIOS_DIR = path.join(process.cwd(), "content", "scenarios");

const MAX_FILES = 200;
const MAX_FILE_BYTES = 512 * 1024;

export interface LoadedScenario {
  name: string;
  manifest: ScenarioManifest;
  files: ScenarioFiles;
}

const cache = new Map<string, Promise<LoadedScenario | null>>();

/** Loads a scenario folder once per process; null when the name is not a scenario. */
export function loadScenario(name: string): Promise<LoadedScenario | null> {
  if (!SCENARIO_NAME.test(name)) return Promise.resolve(null);
  let pending = cache.get(name);
  if (!pending) {
    pending = readScenario(name).catch((error: unknown) => {
      cache.delete(name);
      throw error;
    });
    cache.set(name, pending);
  }
  return pending;
}

export async function listScenarios(): Promise<string[]> {
  const entries = await readdir(SCENARIOS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && SCENARIO_NAME.test(e.name)).map((e) => e.name).sort();
}

async function readScenario(name: string): Promise<LoadedScenario | null> {
  const root = path.join(SCENARIOS_DIR, name);
  const manifestText = await readFile(path.join(root, "scenario.json"), "utf8").catch(() => null);
  if (manifestText === null) return null;
  const parsed = scenarioManifestSchema.safeParse(JSON.parse(manifestText));
  if (!parsed.success) {
    throw new Error(`content/scenarios/${name}/scenario.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const relative of await walk(root, "")) {
    if (relative === "scenario.json") continue;
    const absolute = path.join(root, relative);
    const info = await stat(absolute);
    if (info.size > MAX_FILE_BYTES) throw new Error(`content/scenarios/${name}/${relative} is larger than ${MAX_FILE_BYTES} bytes`);
    files.set(relative, new Uint8Array(await readFile(absolute)));
    if (files.size > MAX_FILES) throw new Error(`content/scenarios/${name} has more than ${MAX_FILES} files`);
  }
  return { name, manifest: parsed.data, files };
}

async function walk(root: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(root, relative)));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}
