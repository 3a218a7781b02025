/**
 * The course's content check (part of the test command): every lesson has its frontmatter, an intro, a recap, a
 * quiz with exactly one right answer per question, a live widget on a scenario that exists and an exercise checked
 * from the trace; and every fact a lesson states about a request (`expect` on <RequestFlow>, the choices of
 * <Predict>) is what the embedded chain really does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/lessons.server";
import type { Lesson } from "@/lib/content/types";
import { runChain } from "@/lib/chain/run";
import { loadScenario } from "@/lib/scenarios/load.server";
import { buildRawRequest } from "@/lib/api/chain-request";
import { resolvePresets, type FlowExpectations, type PresetSpec, type FlowPreset } from "@/components/flow/presets";
import { answerFromTrace, sameAnswer, type PredictAsk } from "@/components/widgets/predict-model";
import { quizProblems, type QuizQuestion } from "@/components/widgets/quiz-model";
import { collectWidgets, type WidgetUse } from "./collect-widgets";
import { checkLoadLab } from "./load-lab-check";

let lessons: Lesson[] = [];
const uses = new Map<string, WidgetUse[]>();

beforeAll(async () => {
  const result = await loadCourse();
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line ?? ""} ${e.message}`).join("\n"));
  lessons = result.course.lessons;
  for (const lesson of lessons) uses.set(lesson.slug, collectWidgets(lesson.code));
}, 120_000);

async function run(scenario: string, preset: FlowPreset, gateway?: "gunicorn" | "uwsgi") {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`no scenario ${scenario}`);
  const result = runChain({
    scenario,
    manifest: loaded.manifest,
    files: loaded.files,
    gateway,
    faults: preset.faults,
    raw: buildRawRequest({ method: preset.request.method, target: preset.request.target, headers: preset.request.headers, body: preset.request.body }),
  });
  if (!result.ok) throw new Error(`${scenario}: ${result.errors.map((e) => e.message).join("; ")}`);
  return result;
}

describe("every lesson", () => {
  it("exists", () => expect(lessons.length).toBeGreaterThan(0));

  it("opens with an intro and ends with a recap and a quiz", () => {
    for (const lesson of lessons) {
      const names = uses.get(lesson.slug)!.map((u) => u.name);
      expect(names, lesson.file).toContain("Intro");
      expect(names, lesson.file).toContain("Recap");
      expect(names, lesson.file).toContain("Quiz");
    }
  });

  it("uses a live widget and an exercise checked from the trace", () => {
    for (const lesson of lessons) {
      const names = uses.get(lesson.slug)!.map((u) => u.name);
      expect(names.some((n) => n === "RequestFlow" || n === "ConfigPlayground" || n === "Terminal" || n === "LoadLab"), `${lesson.file}: add a live widget`).toBe(true);
      const loadExercise = uses.get(lesson.slug)!.some((u) => u.name === "LoadLab" && (u.props.predict || u.props.goal));
      expect(names.some((n) => n === "Predict" || n === "ConfigPlayground") || loadExercise, `${lesson.file}: add a <Predict> or a <ConfigPlayground> exercise`).toBe(true);
    }
  });

  it("names only scenarios that exist", async () => {
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!) {
        const scenario = use.props.scenario;
        if (typeof scenario === "string") expect(await loadScenario(scenario), `${lesson.file}: <${use.name} scenario="${scenario}">`).not.toBeNull();
      }
    }
  });

  it("has quizzes with exactly one right answer per question", () => {
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Quiz")) {
        expect(quizProblems(String(use.props.id), use.props.questions as QuizQuestion[]), lesson.file).toEqual([]);
      }
    }
  });
});

describe("facts the lessons state are what the chain does", () => {
  it("every <RequestFlow expect> holds", async () => {
    let checked = 0;
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "RequestFlow" && u.props.expect)) {
        const scenario = String(use.props.scenario);
        const presets = resolvePresets(use.props.presets as PresetSpec[] | undefined);
        for (const [id, fact] of Object.entries(use.props.expect as FlowExpectations)) {
          const preset = presets.find((p) => p.id === id);
          expect(preset, `${lesson.file}: expect names unknown preset ${id}`).toBeDefined();
          const result = await run(scenario, preset!, use.props.gateway as "gunicorn" | "uwsgi" | undefined);
          const where = `${lesson.file}: preset "${id}" on ${scenario}`;
          const outcome = { status: result.response.status, trace: result.trace };
          if (fact.status !== undefined) expect(result.response.status, where).toBe(fact.status);
          if (fact.totalMs !== undefined) expect(Math.abs(result.trace.totalMs - fact.totalMs), `${where}: totalMs ${result.trace.totalMs}`).toBeLessThanOrEqual(fact.totalMs * 0.01 + 1);
          if (fact.responder !== undefined) expect(answerFromTrace("responder", outcome), where).toBe(fact.responder);
          if (fact.location !== undefined) expect(sameAnswer(fact.location, answerFromTrace("location", outcome)), `${where}: location is ${answerFromTrace("location", outcome)}`).toBe(true);
          if (fact.route !== undefined) expect(sameAnswer(fact.route, answerFromTrace("route", outcome)), `${where}: route is ${answerFromTrace("route", outcome)}`).toBe(true);
          if (fact.contentEncoding !== undefined) {
            const encoding = result.response.headers.find(([n]) => n.toLowerCase() === "content-encoding")?.[1] ?? "";
            expect(encoding, `${where}: Content-Encoding`).toBe(fact.contentEncoding);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("every <LoadLab> fact holds and its prediction has exactly one right choice", async () => {
    let checked = 0;
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "LoadLab")) {
        expect(await checkLoadLab(use.props), `${lesson.file}: <LoadLab id="${use.props.id}">`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it("every <Predict> has exactly one choice the trace proves right", async () => {
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Predict")) {
        const request = use.props.request as PresetSpec | Record<string, unknown>;
        const [preset] = resolvePresets([
          typeof request === "string" ? request : ({ id: "predict", label: "predict", request, faults: use.props.faults } as PresetSpec),
        ]);
        const withFaults = { ...preset, faults: (use.props.faults as FlowPreset["faults"]) ?? preset.faults };
        const result = await run(String(use.props.scenario), withFaults, use.props.gateway as "gunicorn" | "uwsgi" | undefined);
        const answer = answerFromTrace(use.props.ask as PredictAsk, { status: result.response.status, trace: result.trace });
        const right = (use.props.choices as string[]).filter((c) => sameAnswer(c, answer));
        expect(right, `${lesson.file}: <Predict id="${use.props.id}"> — the trace says ${answer}`).toHaveLength(1);
      }
    }
  });
});
