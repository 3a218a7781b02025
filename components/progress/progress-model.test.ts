import { describe, expect, it } from "vitest";
import {
  EMPTY_PROGRESS,
  MAX_LESSONS,
  countDone,
  isDone,
  lessonSummary,
  markDone,
  parseProgress,
  recordResult,
  serializeProgress,
  setLastOpened,
} from "./progress-model";

describe("progress model", () => {
  it("round-trips through its stored text", () => {
    let state = markDone(EMPTY_PROGRESS, "intro/welcome", 1000);
    state = recordResult(state, "intro/welcome", "quiz-1", { score: 2, max: 3 }, 2000);
    state = setLastOpened(state, "http/basics");
    const restored = parseProgress(serializeProgress(state));
    expect(restored).toEqual(state);
    expect(isDone(restored, "intro/welcome")).toBe(true);
    expect(restored.lessons["intro/welcome"]?.results["quiz-1"]).toEqual({ score: 2, max: 3, at: 2000 });
    expect(restored.lastOpened).toBe("http/basics");
  });

  it("keeps the first completion time when marked twice", () => {
    const once = markDone(EMPTY_PROGRESS, "a", 1);
    expect(markDone(once, "a", 99)).toBe(once);
  });

  it("turns any garbage into empty progress instead of throwing", () => {
    for (const raw of [null, "", "{", "[]", "42", '{"version":2,"lessons":{}}', "x".repeat(300_000)]) {
      expect(parseProgress(raw)).toEqual(EMPTY_PROGRESS);
    }
  });

  it("drops invalid entries and keeps the valid ones", () => {
    const raw = JSON.stringify({
      version: 1,
      lessons: {
        good: { done: true, doneAt: 5, results: { q: { score: 1, max: 1, at: 3 }, bad: { score: 9, max: 1, at: 3 } } },
        "": { done: true },
        weird: "yes",
      },
      lastOpened: 12,
    });
    expect(parseProgress(raw)).toEqual({
      version: 1,
      lessons: { good: { done: true, doneAt: 5, results: { q: { score: 1, max: 1, at: 3 } } } },
    });
  });

  it("rejects impossible quiz results", () => {
    expect(recordResult(EMPTY_PROGRESS, "a", "q", { score: 4, max: 3 }, 1)).toBe(EMPTY_PROGRESS);
    expect(recordResult(EMPTY_PROGRESS, "a", "q", { score: Number.NaN, max: 3 }, 1)).toBe(EMPTY_PROGRESS);
    expect(recordResult(EMPTY_PROGRESS, "a", "", { score: 1, max: 3 }, 1)).toBe(EMPTY_PROGRESS);
  });

  it("stays bounded in size", () => {
    let state = EMPTY_PROGRESS;
    for (let i = 0; i < MAX_LESSONS + 10; i++) state = markDone(state, `lesson-${i}`, i);
    expect(Object.keys(state.lessons)).toHaveLength(MAX_LESSONS);
  });

  it("counts completed lessons among a list", () => {
    const state = markDone(markDone(EMPTY_PROGRESS, "a", 1), "c", 1);
    expect(countDone(state, ["a", "b", "c"])).toBe(2);
  });

  it("keeps a solved challenge solved when a later try fails, but a quiz keeps its latest score", () => {
    let state = recordResult(EMPTY_PROGRESS, "a", "challenge:c", { score: 0, max: 1 }, 1, "best");
    expect(state.lessons.a?.results["challenge:c"]).toEqual({ score: 0, max: 1, at: 1 });
    state = recordResult(state, "a", "challenge:c", { score: 1, max: 1 }, 2, "best");
    state = recordResult(state, "a", "challenge:c", { score: 0, max: 1 }, 3, "best");
    expect(state.lessons.a?.results["challenge:c"]).toEqual({ score: 1, max: 1, at: 2 });
    state = recordResult(state, "a", "quiz:q", { score: 3, max: 3 }, 4);
    state = recordResult(state, "a", "quiz:q", { score: 1, max: 3 }, 5);
    expect(state.lessons.a?.results["quiz:q"]).toEqual({ score: 1, max: 3, at: 5 });
  });

  it("summarises questions and challenges apart", () => {
    let state = recordResult(EMPTY_PROGRESS, "a", "quiz:q", { score: 2, max: 3 }, 1);
    state = recordResult(state, "a", "predict:p", { score: 1, max: 1 }, 1);
    state = recordResult(state, "a", "challenge:c", { score: 0, max: 1 }, 1, "best");
    state = recordResult(state, "a", "load:l", { score: 1, max: 1 }, 1, "best");
    expect(lessonSummary(state, "a")).toEqual({ questions: { score: 3, max: 4 }, challenges: { solved: 1, attempted: 2 } });
    expect(lessonSummary(state, "b")).toEqual({ questions: null, challenges: null });
  });
});
