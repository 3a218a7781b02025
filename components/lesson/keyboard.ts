/**
 * Which key presses move between lessons. Arrows, PageUp/PageDown and Space are reading keys: they scroll the page
 * and never change lesson. A lesson move needs a key nobody presses to read: Alt+← / Alt+→ anywhere but a field,
 * or K / J when focus is not somewhere the student types or interacts (fields, editors, [data-keyboard-scope]).
 * LESSON_KEYS_HINT says so on every lesson page.
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

export const LESSON_KEYS_HINT = "키보드: Alt+→ 또는 J는 다음 레슨, Alt+← 또는 K는 이전 레슨";

/** The move a key press asks for, or undefined when the page should handle it normally. */
export function lessonMoveForKey(event: KeyLike & { code?: string }, target: FocusTarget | null | undefined): LessonMove | undefined {
  if (event.defaultPrevented || event.isComposing) return undefined;
  if (event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  if (event.altKey) {
    // Alt+arrows also work from a widget's buttons, but never from where arrows move a caret.
    if (isTextEntry(target)) return undefined;
    if (event.key === "ArrowLeft") return "prev";
    if (event.key === "ArrowRight") return "next";
    return undefined;
  }
  if (isTypingTarget(target)) return undefined;
  // By physical key, so a Korean keyboard layout (ㅓ/ㅏ) works the same.
  const letter = event.code === "KeyJ" || event.key === "j" ? "j" : event.code === "KeyK" || event.key === "k" ? "k" : null;
  if (letter === "j") return "next";
  if (letter === "k") return "prev";
  return undefined;
}

function isTextEntry(target: FocusTarget | null | undefined): boolean {
  if (!target || typeof target.tagName !== "string") return false;
  if (TYPING_TAGS.has(target.tagName.toUpperCase()) || target.isContentEditable) return true;
  return typeof target.closest === "function" && !!target.closest('[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]');
}
