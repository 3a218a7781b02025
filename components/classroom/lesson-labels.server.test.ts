import { describe, expect, it } from "vitest";
import { getCourse } from "@/lib/content/lessons.server";
import { questionLabels } from "./lesson-labels.server";

describe("the dashboard's question labels", () => {
  it("are the lessons' own question texts and challenge titles", async () => {
    const course = await getCourse();
    const labels = questionLabels([...course.lessons, ...course.unlisted]);
    // The widgets fixture lesson asks these (content/fixtures/widgets).
    const quiz = Object.entries(labels).filter(([id]) => id.startsWith("quiz:fixture-quiz#"));
    expect(quiz.length).toBeGreaterThan(0);
    for (const [, text] of quiz) expect(text).toMatch(/[가-힣]/);
    expect(labels["predict:fixture-predict"]).toMatch(/[가-힣]/);
    // A challenge is named by the first sentence of its goal.
    expect(labels["challenge:docs-prefix"]).toBe("/docs/logo.svg 요청을 정규식이 아니라 /docs/ 접두사 location이 맡게 만드세요.");
    // Every lesson's questions are there: dozens of quiz questions, predicts and challenges.
    const kinds = (prefix: string) => Object.keys(labels).filter((id) => id.startsWith(prefix)).length;
    expect(kinds("quiz:")).toBeGreaterThan(20);
    expect(kinds("predict:")).toBeGreaterThan(10);
    expect(kinds("challenge:")).toBeGreaterThan(10);
  });
});
