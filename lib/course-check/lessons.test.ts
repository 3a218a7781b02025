/**
 * The course's content check (part of the test command): every lesson has its frontmatter, an intro, a recap, a
 * quiz with exactly one right answer per question, a live widget on a scenario that exists and an exercise checked
 * from the trace; and every fact a lesson states about a request (`expect` on <RequestFlow>, the choices of
 * <Predict>) is what the embedded chain really does.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/lessons.server";
import type { Lesson } from "@/lib/content/types";
import { loadScenario } from "@/lib/scenarios/load.server";
import { resolvePresets, type FlowExpectations, type PresetSpec, type FlowPreset } from "@/components/flow/presets";
import { answerFromTrace, sameAnswer, type PredictAsk } from "@/components/widgets/predict-model";
import { quizProblems, type QuizQuestion } from "@/components/widgets/quiz-model";
import { seededShuffle } from "@/components/widgets/shuffle";
import { allPass, applyEdits, challengeProblems, type ChallengeCheck, type ChallengeEdit } from "@/components/widgets/challenge-model";
import { collectWidgets, type WidgetUse } from "./collect-widgets";
import { checkLoadLab } from "./load-lab-check";
import { runChallenge, runChallengeStatuses, scenarioTexts } from "./run-challenge";
import { runPreset } from "./run-preset";
import { mentions, quizAnswerTold, textAbovePredict, textOutsideQuiz } from "./predict-order";

let lessons: Lesson[] = [];
const uses = new Map<string, WidgetUse[]>();

let partCount = 0;

// The one compile of the whole course in the unit run (compiling every lesson with mdx-bundler and shiki is the
// expensive part): every course-wide check reads the lessons from here.
beforeAll(async () => {
  const result = await loadCourse();
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line ?? ""} ${e.message}`).join("\n"));
  lessons = result.course.lessons;
  partCount = result.course.parts.length;
  for (const lesson of lessons) uses.set(lesson.slug, collectWidgets(lesson.code));
}, 120_000);

describe("every lesson", () => {
  it("exists: the real course loads without problems, in parts, starting with the welcome lesson", () => {
    expect(lessons.length).toBeGreaterThan(0);
    expect(partCount).toBeGreaterThanOrEqual(2);
    expect(lessons[0]?.file).toBe("content/01-introduction/01-welcome/index.mdx");
  });

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

  it("asks quiz questions the lesson has not answered in the same words", () => {
    // Like a Predict, a quiz question tests understanding only when its right answer is not a sentence printed in
    // the lesson: describe a new case and let the student apply what was read.
    const told: string[] = [];
    for (const lesson of lessons) {
      const source = fs.readFileSync(lesson.file, "utf8");
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Quiz")) {
        const outside = textOutsideQuiz(source, String(use.props.id));
        for (const question of use.props.questions as QuizQuestion[]) {
          for (const choice of question.choices.filter((c) => c.correct)) {
            if (quizAnswerTold(outside, choice.text)) told.push(`${lesson.file}: "${question.question}" — "${choice.text}" is printed in the lesson`);
          }
        }
      }
    }
    expect(told).toEqual([]);
  });
});

describe("quizzes over the whole course", () => {
  // As Quiz.tsx shows them: the right answer sits in each place about equally often (the lessons list it first far
  // more than last), so always picking one place scores no better than chance.
  it("no place holds the right answer of three-choice questions less than half or more than twice as often as a third", () => {
    const places = [0, 0, 0];
    for (const lesson of lessons) {
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Quiz")) {
        (use.props.questions as QuizQuestion[]).forEach((q, i) => {
          if (q.choices.length !== 3) return;
          places[seededShuffle(q.choices, `quiz:${use.props.id}:${i}`).findIndex((c) => c.correct)]++;
        });
      }
    }
    const total = places.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20);
    for (const count of places) {
      expect(count / total, places.join(" / ")).toBeGreaterThanOrEqual(1 / 6);
      expect(count / total, places.join(" / ")).toBeLessThanOrEqual(2 / 3);
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
          const result = await runPreset(scenario, preset!, use.props.gateway as "gunicorn" | "uwsgi" | undefined);
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

  it("every <Predict> has exactly one choice the trace proves right, asks before the lesson tells, and shows it in no predictable place", async () => {
    // A prediction checks understanding only when the answer is not printed just above it: move the explanation
    // after the Predict (its `explain` and the text below may give it), or ask something the text has not said.
    const toldFirst: string[] = [];
    // Where the right answer is shown (Predict.tsx orders choices by seededOrder(n, "predict:<id>")), counted for
    // three-choice Predicts, and per lesson how many questions "always pick the first choice" gets right.
    const places = [0, 0, 0];
    const firstRight: string[] = [];
    for (const lesson of lessons) {
      let asked = 0;
      let first = 0;
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Quiz")) {
        (use.props.questions as QuizQuestion[]).forEach((q, i) => {
          asked++;
          if (seededShuffle(q.choices, `quiz:${use.props.id}:${i}`)[0]?.correct) first++;
        });
      }
      for (const use of uses.get(lesson.slug)!.filter((u) => u.name === "Predict")) {
        const request = use.props.request as PresetSpec | Record<string, unknown>;
        const [preset] = resolvePresets([
          typeof request === "string" ? request : ({ id: "predict", label: "predict", request, faults: use.props.faults } as PresetSpec),
        ]);
        const withFaults = { ...preset, faults: (use.props.faults as FlowPreset["faults"]) ?? preset.faults };
        const result = await runPreset(String(use.props.scenario), withFaults, use.props.gateway as "gunicorn" | "uwsgi" | undefined);
        const answer = answerFromTrace(use.props.ask as PredictAsk, { status: result.response.status, trace: result.trace });
        const right = (use.props.choices as string[]).filter((c) => sameAnswer(c, answer));
        expect(right, `${lesson.file}: <Predict id="${use.props.id}"> — the trace says ${answer}`).toHaveLength(1);
        const shown = seededShuffle(use.props.choices as string[], `predict:${use.props.id}`);
        const place = shown.findIndex((c) => sameAnswer(c, answer));
        if (shown.length === 3) places[place]++;
        asked++;
        if (place === 0) first++;
        if (answer !== null && use.props.ask !== "responder" && mentions(textAbovePredict(fs.readFileSync(lesson.file, "utf8"), String(use.props.id)), answer)) {
          toldFirst.push(`${lesson.file}: <Predict id="${use.props.id}"> — its answer "${answer}" is printed above it in the same section`);
        }
      }
      if (asked >= 3 && first === asked) firstRight.push(`${lesson.file}: always choosing the first choice scores ${first}/${asked}`);
    }
    expect(toldFirst).toEqual([]);
    expect(firstRight).toEqual([]);
    const total = places.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10);
    for (const count of places) {
      expect(count / total, `three-choice Predicts, right answer per place: ${places.join(" / ")}`).toBeGreaterThanOrEqual(1 / 6);
      expect(count / total, `three-choice Predicts, right answer per place: ${places.join(" / ")}`).toBeLessThanOrEqual(2 / 3);
    }
  });
});

describe("challenges are graded from the trace", () => {
  const challenges = () =>
    lessons.flatMap((lesson) => uses.get(lesson.slug)!.filter((u) => u.name === "Challenge").map((use) => ({ lesson, props: use.props })));

  it("every lesson has at least one <Challenge>", () => {
    for (const lesson of lessons) {
      expect(uses.get(lesson.slug)!.some((u) => u.name === "Challenge"), `${lesson.file}: add a <Challenge>`).toBe(true);
    }
  });

  it("at least a third start from broken files the student must diagnose", () => {
    const all = challenges();
    const broken = all.filter(({ props }) => props.broken === true || (Array.isArray(props.start) && props.start.length > 0));
    expect(broken.length * 3, `${broken.length} of ${all.length} challenges start broken`).toBeGreaterThanOrEqual(all.length);
  });

  it("every solution passes and the files as the student gets them do not", async () => {
    const ids = new Set<string>();
    for (const { lesson, props } of challenges()) {
      const id = String(props.id);
      const where = `${lesson.file}: <Challenge id="${id}">`;
      expect(ids.has(id), `${where}: id used twice`).toBe(false);
      ids.add(id);
      const scenario = String(props.scenario);
      const gateway = props.gateway as "gunicorn" | "uwsgi" | undefined;
      const loaded = await loadScenario(scenario);
      const choice = loaded!.manifest.gateways[gateway ?? loaded!.manifest.defaultGateway]!;
      const paths = (props.files as string[] | undefined) ?? [choice.nginx, "app.py"];
      const checks = props.checks as ChallengeCheck[];
      const solution = props.solution as ChallengeEdit[];
      expect(challengeProblems(id, checks, solution, paths), where).toEqual([]);
      expect(typeof props.hint === "string" && props.hint.length > 0, `${where}: give a hint`).toBe(true);

      const started = applyEdits(await scenarioTexts(scenario, paths), props.start as ChallengeEdit[] | undefined);
      if (!started.ok) throw new Error(`${where} start: ${started.message}`);
      const before = await runChallenge(scenario, started.files, checks, gateway);
      expect(before.ok && allPass(before.results), `${where}: the unedited files already pass — the challenge asks for nothing`).toBe(false);
      if (props.broken === true || (Array.isArray(props.start) && props.start.length > 0)) {
        // A diagnose-and-fix challenge starts from something a student sees failing: a wrong status code or a
        // configuration the programs refuse.
        const statuses = await runChallengeStatuses(scenario, started.files, checks, gateway);
        const visible = statuses === "refused" || statuses.some((status, i) => checks[i].expect.status !== undefined && status !== checks[i].expect.status);
        expect(visible, `${where}: starts "broken" but no check sees a wrong status (${statuses})`).toBe(true);
      }

      const solved = applyEdits(started.files, solution);
      if (!solved.ok) throw new Error(`${where} solution: ${solved.message}`);
      const after = await runChallenge(scenario, solved.files, checks, gateway);
      if (!after.ok) throw new Error(`${where}: the solution is refused: ${after.errors.join("; ")}`);
      const failing = after.results.flatMap((r, i) => (r.pass ? [] : [`check ${i + 1} (${checks[i].label}): ${r.problems.join("; ")}`]));
      expect(failing, `${where}: the solution does not pass`).toEqual([]);
    }
  });
});
