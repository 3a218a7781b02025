/**
 * `<Challenge id="docs-prefix" scenario="lesson_static" files={["nginx.conf"]} checks={[…]} hint="…" solution={[…]}>
 *   goal in Markdown </Challenge>`: a goal the student reaches by editing the scenario's files, graded from the trace
 * of the checks' requests (challenge-model.ts). `start` edits break the files first for a diagnose-and-fix
 * challenge. The edits are applied here at build time, so a `find` that no longer matches fails the build; the
 * content check (lib/course-check) runs the solution and the unedited start through the chain.
 */
import type { ReactNode } from "react";
import { loadScenario } from "@/lib/scenarios/load.server";
import { applyEdits, challengeProblems, checkPreset, type ChallengeCheck, type ChallengeEdit } from "./challenge-model";
import { ChallengeLazy } from "./challenge-lazy";

export interface ChallengeProps {
  id: string;
  scenario: string;
  /** Files the student may edit (default: the default gateway's nginx file and app.py). */
  files?: string[];
  title?: string;
  checks: ChallengeCheck[];
  /** Edits that break the files before the student starts. */
  start?: ChallengeEdit[];
  hint: string;
  solution: ChallengeEdit[];
  /** Why the solution works, shown with it. */
  explain?: string;
  gateway?: "gunicorn" | "uwsgi";
  /** The scenario itself is broken (no `start` needed): shown as a diagnose-and-fix challenge. */
  broken?: boolean;
  children?: ReactNode;
}

export async function Challenge({ id, scenario, files, title, checks, start, hint, solution, explain, gateway, broken, children }: ChallengeProps) {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`<Challenge id="${id}">: no scenario "${scenario}" in content/scenarios`);
  const chosen = gateway ?? loaded.manifest.defaultGateway;
  const choice = loaded.manifest.gateways[chosen];
  if (!choice) throw new Error(`<Challenge id="${id}">: scenario "${scenario}" has no ${chosen} gateway`);
  const paths = files ?? [choice.nginx, "app.py"];
  const problems = challengeProblems(id, checks, solution, paths);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const originals: Record<string, string> = {};
  for (const path of paths) {
    const data = loaded.files.get(path);
    if (!data) throw new Error(`<Challenge id="${id}">: scenario "${scenario}" has no file "${path}"`);
    originals[path] = new TextDecoder().decode(data);
  }
  const started = applyEdits(originals, start);
  if (!started.ok) throw new Error(`<Challenge id="${id}"> start: ${started.message}`);
  const solved = applyEdits(started.files, solution);
  if (!solved.ok) throw new Error(`<Challenge id="${id}"> solution: ${solved.message}`);
  return (
    <ChallengeLazy
      id={id}
      scenario={scenario}
      title={title ?? loaded.manifest.title}
      gateway={chosen}
      startFiles={started.files}
      originals={originals}
      solutionFiles={solved.files}
      solution={solution}
      checks={checks}
      presets={checks.map((c, i) => checkPreset(c, i))}
      hint={hint}
      explain={explain}
      broken={broken === true || (start ?? []).length > 0}
    >
      {children}
    </ChallengeLazy>
  );
}
