import { describe, expect, it } from "vitest";
import { followInput, joinInput, predictInput, reportInput } from "./input";

describe("classroom input", () => {
  it("accepts a join with a Korean nickname, trimmed", () => {
    expect(joinInput.parse({ code: "k7m2qx", nickname: "  다람쥐 " })).toEqual({ code: "k7m2qx", nickname: "다람쥐" });
  });

  it("refuses nicknames that are empty, too long, or carry control characters", () => {
    for (const nickname of ["", "   ", "가".repeat(21), "a\u0000b", "a\u202eb"]) {
      expect(joinInput.safeParse({ code: "ABCDEF", nickname }).success, JSON.stringify(nickname)).toBe(false);
    }
  });

  it("refuses unknown fields and kinds", () => {
    expect(joinInput.safeParse({ code: "ABCDEF", nickname: "a", email: "x@y" }).success).toBe(false);
    expect(reportInput.safeParse({ events: [{ kind: "grade", slug: "a/b" }] }).success).toBe(false);
  });

  it("bounds a report's events and their fields", () => {
    const event = { kind: "answer", slug: "intro/welcome", question: "quiz:q#0", answer: "200", correct: true };
    expect(reportInput.safeParse({ events: [event] }).success).toBe(true);
    expect(reportInput.safeParse({ events: Array(51).fill(event) }).success).toBe(false);
    expect(reportInput.safeParse({ events: [] }).success).toBe(false);
    expect(reportInput.safeParse({ events: [{ ...event, answer: "x".repeat(201) }] }).success).toBe(false);
    expect(reportInput.safeParse({ events: [{ ...event, slug: "../etc/passwd" }] }).success).toBe(false);
    expect(reportInput.safeParse({ events: [{ ...event, question: "quiz q" }] }).success).toBe(false);
  });

  it("takes a follow position or none, never a script in the section", () => {
    expect(followInput.parse({ lesson: "nginx/location", section: "prefix-match" })).toEqual({ lesson: "nginx/location", section: "prefix-match" });
    expect(followInput.parse({ lesson: null, section: null })).toEqual({ lesson: null, section: null });
    expect(followInput.safeParse({ lesson: "a/b", section: '"><script>' }).success).toBe(false);
  });

  it("opens a class Predict with 2 to 8 choices", () => {
    const predict = { slug: "a/b", predict: "status", question: "상태 코드는?", choices: ["200", "404"] };
    expect(predictInput.safeParse({ action: "open", predict }).success).toBe(true);
    expect(predictInput.safeParse({ action: "open", predict: { ...predict, choices: ["200"] } }).success).toBe(false);
    expect(predictInput.safeParse({ action: "open", predict: { ...predict, choices: Array(9).fill("1") } }).success).toBe(false);
    expect(predictInput.safeParse({ action: "reveal" }).success).toBe(true);
  });
});
