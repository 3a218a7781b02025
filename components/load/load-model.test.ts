import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runLoad } from "@/lib/chain/load/run-load";
import { loadInputFor, type LoadSetup } from "@/lib/chain/load/setup";
import { goalProblems, predictAnswer, queueSteps, type LoadGoal, type LoadKnobs } from "./load-model";

let scenario: LoadedScenario;
beforeAll(async () => {
  scenario = (await loadScenario("classroom_load"))!;
});

const GOAL: LoadGoal = { text: "", maxMs: 5000, errors: 0, maxProcesses: 2 };
const BASE: LoadKnobs = {
  gunicorn: { workers: 1, workerClass: "sync", threads: 1, timeout: 30, backlog: 2048 },
  uwsgi: { processes: 1, threads: 1, harakiri: 0, listen: 100 },
  nginx: { readTimeout: 60 },
};

function summary(gunicorn: Partial<LoadKnobs["gunicorn"]>) {
  const setup: LoadSetup = { gateway: "gunicorn", crowd: { count: 30, spreadMs: 0, target: "/report" }, gunicorn };
  const result = runLoad(loadInputFor("classroom_load", scenario.manifest, scenario.files, setup));
  if (!result.ok) throw new Error("did not run");
  return result;
}

describe("the two-core challenge of the classroom lesson", () => {
  it("is reached with two gthread workers of 8 threads, and says why more sync workers or fewer slots fail", () => {
    const solved = { ...BASE.gunicorn, workers: 2, workerClass: "gthread" as const, threads: 8 };
    expect(goalProblems(GOAL, "gunicorn", { ...BASE, gunicorn: solved }, summary(solved).summary)).toEqual([]);
    const twoSync = { ...BASE.gunicorn, workers: 2 };
    expect(goalProblems(GOAL, "gunicorn", { ...BASE, gunicorn: twoSync }, summary(twoSync).summary)).toEqual(["가장 늦은 학생이 15초 뒤에 답을 받았습니다 (목표: 5초 이내)."]);
    const many = { ...BASE.gunicorn, workers: 6 };
    expect(goalProblems(GOAL, "gunicorn", { ...BASE, gunicorn: many }, summary(many).summary)).toEqual(["워커 프로세스가 6개입니다. 최대 2개까지만 쓸 수 있습니다."]);
  });
});

describe("the numbers drawn", () => {
  it("counts the listen queue over time and answers a prediction from the run", () => {
    const run = summary({});
    const queue = queueSteps(run.results);
    expect(queue[0]).toEqual([0, 29]);
    expect(queue.at(-1)).toEqual([29000, 0]);
    expect(predictAnswer("maxSeconds", run)).toBe("30초");
    expect(predictAnswer("errors", run)).toBe("0명");
  });
});
