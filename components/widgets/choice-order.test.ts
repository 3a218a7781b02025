/**
 * Over every quiz of the course, as Quiz.tsx shows it: the right answer sits in each place about equally often
 * (the lessons list it first far more than last), so always picking one place scores no better than chance.
 */
import { expect, it } from "vitest";
import { loadCourse } from "@/lib/content/lessons.server";
import { collectWidgets } from "@/lib/course-check/collect-widgets";
import type { QuizQuestion } from "./quiz-model";
import { seededShuffle } from "./shuffle";

it("no place holds the right answer of three-choice questions less than half or more than twice as often as a third", async () => {
  const result = await loadCourse();
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  const places = [0, 0, 0];
  for (const lesson of result.course.lessons) {
    for (const use of collectWidgets(lesson.code)) {
      if (use.name !== "Quiz") continue;
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
}, 120_000);
