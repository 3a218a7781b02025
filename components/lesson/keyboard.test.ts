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
  it("leaves reading keys (arrows, PageUp/PageDown, Space) to scrolling", () => {
    for (const k of ["ArrowLeft", "ArrowRight", "ArrowDown", "PageUp", "PageDown", " "]) {
      expect(lessonMoveForKey(key(k), body)).toBeUndefined();
    }
  });
  it("moves with Alt+arrows and with J / K (also by physical key under a Korean layout)", () => {
    expect(lessonMoveForKey(key("ArrowRight", { altKey: true }), body)).toBe("next");
    expect(lessonMoveForKey(key("ArrowLeft", { altKey: true }), body)).toBe("prev");
    expect(lessonMoveForKey(key("j"), body)).toBe("next");
    expect(lessonMoveForKey(key("k"), body)).toBe("prev");
    expect(lessonMoveForKey({ ...key("ㅓ"), code: "KeyJ" }, body)).toBe("next");
  });
  it("ignores other modifiers, already handled and IME-composing key presses", () => {
    expect(lessonMoveForKey(key("ArrowRight", { altKey: true, shiftKey: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("j", { ctrlKey: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("j", { defaultPrevented: true }), body)).toBeUndefined();
    expect(lessonMoveForKey(key("j", { isComposing: true }), body)).toBeUndefined();
  });
  it("leaves keys to fields, editors and keyboard-scoped widgets", () => {
    for (const tag of ["INPUT", "TEXTAREA", "SELECT", "input"]) {
      expect(lessonMoveForKey(key("j"), element(tag))).toBeUndefined();
      expect(lessonMoveForKey(key("ArrowRight", { altKey: true }), element(tag))).toBeUndefined();
    }
    expect(lessonMoveForKey(key("k"), element("DIV", { editable: true }))).toBeUndefined();
    expect(lessonMoveForKey(key("k"), element("SPAN", { inside: ["data-keyboard-scope"] }))).toBeUndefined();
    expect(lessonMoveForKey(key("ArrowLeft", { altKey: true }), element("SPAN", { inside: ["data-keyboard-scope"] }))).toBe("prev");
    expect(lessonMoveForKey(key("k"), element("DIV", { inside: ['contenteditable="true"'] }))).toBeUndefined();
    expect(lessonMoveForKey(key("k"), element("BUTTON"))).toBe("prev");
  });
  it("treats a missing target as the page", () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(lessonMoveForKey(key("j"), null)).toBe("next");
  });
});
