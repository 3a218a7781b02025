/**
 * Which key presses move between lessons. Arrow keys and PageUp/PageDown belong to the student whenever focus is
 * somewhere they type or interact (fields, editors, any element inside [data-keyboard-scope]).
 */

/** The part of a DOM element we need, so this stays testable without a DOM. */
export interface FocusTarget {
  tagName: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
  isComposing?: boolean;
}

export const KEYBOARD_SCOPE_SELECTOR = "[data-keyboard-scope]";
const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function isTypingTarget(target: FocusTarget | null | undefined): boolean {
  if (!target || typeof target.tagName !== "string") return false;
  if (TYPING_TAGS.has(target.tagName.toUpperCase())) return true;
  if (target.isContentEditable) return true;
  if (typeof target.closest === "function") {
    if (target.closest(KEYBOARD_SCOPE_SELECTOR)) return true;
    if (target.closest('[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]')) return true;
  }
  return false;
}

export type LessonMove = "prev" | "next";

/** The move a key press asks for, or undefined when the page should handle it normally. */
export function lessonMoveForKey(event: KeyLike, target: FocusTarget | null | undefined): LessonMove | undefined {
  if (event.defaultPrevented || event.isComposing) return undefined;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  if (isTypingTarget(target)) return undefined;
  switch (event.key) {
    case "ArrowLeft":
    case "PageUp":
      return "prev";
    case "ArrowRight":
    case "PageDown":
      return "next";
    default:
      return undefined;
  }
}
