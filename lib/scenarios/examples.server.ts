/**
 * The example projects for /my-project: every app_* scenario whose recorded real-chain answers the embedded chain
 * reproduces (conformance/conformance.test.ts), i.e. all but those still "waiting" in
 * conformance/known-differences.json for a model feature. Read at build time.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { encodeContent } from "@/components/project/project-files";
import { exampleTitle, isProjectFile, type ExampleProject } from "@/components/project/examples";
import { listScenarios, loadScenario } from "./load.server";

const KNOWN_DIFFERENCES = path.join(process.cwd(), "conformance", "known-differences.json");

export async function loadExampleProjects(): Promise<ExampleProject[]> {
  const known = JSON.parse(await readFile(KNOWN_DIFFERENCES, "utf8")) as { waiting?: Array<{ scenario: string }> };
  const waiting = new Set((known.waiting ?? []).map((w) => w.scenario));
  const names = (await listScenarios()).filter((name) => name.startsWith("app_") && !waiting.has(name));
  const examples: ExampleProject[] = [];
  for (const name of names) {
    const scenario = await loadScenario(name);
    if (!scenario) continue;
    const files = Object.fromEntries([...scenario.files].filter(([p]) => isProjectFile(p)).map(([p, bytes]) => [p, encodeContent(bytes)]));
    examples.push({ name, title: exampleTitle(name, scenario.manifest.title), summary: scenario.manifest.summary, files });
  }
  return examples;
}
