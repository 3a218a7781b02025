import { describe, expect, it } from "vitest";
import { isTypingTarget, lessonMoveForKey, type FocusTarget, type KeyLike } from "./keyboard";

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  defaultPrevented: false,
  ...extra,
});
const element = (tagName: string, opts: { editable?: boolean; inside?: string[] } = {}): FocusTarget => ({
  tagName,
  isContentEditable: opts.editable ?? false,
  closest: (selector: string) => ((opts.inside ?? []).some((s) => selector.includes(s)) ? {} : null),
});

describe("lessonMoveForKey", () => {
  const body = element("BODY");
  it("maps arrows and page keys to lesson moves", () => {
    expect(lessonMoveForKey(key("ArrowLeft"), body)).toBe("prev");
    expect(lessonMoveForKey(key("PageUp"), body)).toBe("prev");
    expect(lessonMoveForKey(key("ArrowRight"), body)).toBe("next");
    expect(lessonMoveForKey(key("PageDown"), body)).toBe("next");
    expect(lessonMoveForKey(key("ArrowDown"), body)).toBeUndefined();
  });
  it("ignores modified, already handled and IME-composing key presses", () => {
    expect(lessonMoveForKey(key("ArrowRight", { altKey: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowRight", { shiftKey: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowRight", { defaultPrevented: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowRight", { isComposing: true }), body)).toBeUndefined();
  });
  it("leaves keys to fields, editors and keyboard-scoped widgets", () => {
    for (const tag of ["INPUT", "TEXTAREA", "SELECT", "input"]) {
      expect(lessonMoveForKey(key("ArrowRight"), element(tag))).toBeUndefined();
    }
    expect(lessonMoveForKey(key("ArrowLeft"), element("DIV", { editable: true }))).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowLeft"), element("SPAN", { inside: ["data-keyboard-scope"] }))).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowLeft"), element("DIV", { inside: ['contenteditable="true"'] }))).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowLeft"), element("BUTTON"))).toBe("prev");
  });
  it("treats a missing target as the page", () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(lessonMoveForKey(key("ArrowRight"), null)).toBe("next");
  });
});
