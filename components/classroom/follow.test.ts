import { describe, expect, it } from "vitest";
import { followTarget, lessonOfPath } from "./follow";
import { questionLabel } from "./labels";

describe("follow me", () => {
  it("takes a student to the lesson and section, and reads the lesson from a path", () => {
    expect(followTarget("web-server/locations", "prefix-match")).toBe("/learn/web-server/locations#prefix-match");
    expect(followTarget("web-server/locations", null)).toBe("/learn/web-server/locations");
    expect(lessonOfPath("/learn/web-server/locations")).toBe("web-server/locations");
    expect(lessonOfPath("/class")).toBeNull();
  });

  it("labels the dashboard's ids in Korean", () => {
    expect(questionLabel("quiz:status#1")).toBe("퀴즈 status · 2번");
    expect(questionLabel("predict:static-or-app")).toBe("예측 static-or-app");
  });
});
