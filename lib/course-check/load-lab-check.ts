/**
 * What a <LoadLab> claims, checked on the embedded chain: every `expect` fact on the run of its setup, exactly one
 * `predict` choice matching the run, and a `goal` its starting setup does not already reach.
 */
import { loadScenario } from "@/lib/scenarios/load.server";
import { runLoad } from "@/lib/chain/load/run-load";
import { loadInputFor, type LoadSetup } from "@/lib/chain/load/setup";
import { readGunicornKnobs, readUwsgiKnobs, readNginxKnobs } from "@/lib/chain/load/knobs";
import type { GatewayKind } from "@/lib/chain/trace";
import { factProblems, goalProblems, predictAnswer, type LoadFacts, type LoadGoal, type LoadPredict } from "@/components/load/load-model";

export async function checkLoadLab(props: Record<string, unknown>): Promise<string[]> {
  const name = String(props.scenario);
  const scenario = await loadScenario(name);
  if (!scenario) return [`no scenario ${name}`];
  const mode = (props.gateway as GatewayKind | "both" | undefined) ?? scenario.manifest.defaultGateway;
  const crowd = (props.crowd as LoadSetup["crowd"] | undefined) ?? { count: 30, spreadMs: 0, target: "/report" };
  const setup = (gateway: GatewayKind): LoadSetup => ({
    gateway,
    crowd,
    gunicorn: props.gunicorn as LoadSetup["gunicorn"],
    uwsgi: props.uwsgi as LoadSetup["uwsgi"],
    nginx: props.nginx as LoadSetup["nginx"],
  });
  const runs = new Map<GatewayKind, ReturnType<typeof runLoad>>();
  const run = (gateway: GatewayKind) => {
    if (!runs.has(gateway)) runs.set(gateway, runLoad(loadInputFor(name, scenario.manifest, scenario.files, setup(gateway))));
    return runs.get(gateway)!;
  };
  const problems: string[] = [];
  const facts = (props.expect ?? {}) as Partial<Record<GatewayKind, LoadFacts>>;
  for (const [gateway, fact] of Object.entries(facts) as Array<[GatewayKind, LoadFacts]>) {
    if (mode !== "both" && gateway !== mode) problems.push(`expect names ${gateway} but the lab runs ${mode}`);
    const result = run(gateway);
    if (!result.ok) {
      problems.push(`${gateway}: the crowd did not run: ${JSON.stringify(result)}`);
      continue;
    }
    problems.push(...factProblems(fact, result).map((p) => `${gateway}: ${p}`));
  }
  const predict = props.predict as LoadPredict | undefined;
  if (predict) {
    const gateway = predict.gateway ?? (mode === "both" ? "gunicorn" : mode);
    const result = run(gateway);
    if (result.ok) {
      const truth = predictAnswer(predict.ask, result);
      const right = predict.choices.filter((c) => c === truth);
      if (right.length !== 1) problems.push(`predict: the run says ${truth}; choices ${predict.choices.join(", ")}`);
    } else problems.push(`predict: the crowd did not run`);
  }
  const goal = props.goal as LoadGoal | undefined;
  if (goal && mode !== "both") {
    const result = run(mode);
    const config = scenario.manifest.gateways[mode]!;
    const text = (path: string) => new TextDecoder().decode(scenario.files.get(path));
    const knobs = {
      gunicorn: { ...readGunicornKnobs(text(scenario.manifest.gateways.gunicorn!.config)), ...(props.gunicorn as object) },
      uwsgi: { ...readUwsgiKnobs(text(scenario.manifest.gateways.uwsgi!.config)), ...(props.uwsgi as object) },
      nginx: { ...readNginxKnobs(text(config.nginx)), ...(props.nginx as object) },
    };
    if (result.ok && goalProblems(goal, mode, knobs, result.summary).length === 0) problems.push("goal: the starting setup already reaches it");
  }
  return problems;
}
