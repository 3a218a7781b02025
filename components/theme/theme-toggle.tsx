"use client";
import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, parseTheme, resolveTheme, type Theme } from "./theme";

const listeners = new Set<() => void>();

function currentTheme(): Theme {
  const attr = parseTheme(document.documentElement.dataset.theme);
  return attr ?? resolveTheme(undefined, window.matchMedia("(prefers-color-scheme: dark)").matches);
}

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const onSystem = () => {
    let stored: Theme | undefined;
    try {
      stored = parseTheme(localStorage.getItem(THEME_STORAGE_KEY));
    } catch {
      stored = undefined;
    }
    if (!stored) {
      const theme = resolveTheme(undefined, media.matches);
      document.documentElement.dataset.theme = theme;
      document.documentElement.style.colorScheme = theme;
      listener();
    }
  };
  media.addEventListener("change", onSystem);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", onSystem);
  };
}

/** Switches between light and dark; before the student chooses, the system setting decides. */
export function ThemeToggle() {
  const theme = useSyncExternalStore<Theme | undefined>(subscribe, currentTheme, () => undefined);
  const dark = theme === "dark";
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      aria-pressed={theme === undefined ? undefined : dark}
      onClick={() => applyTheme(dark ? "light" : "dark")}
    >
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span>
      <span className="theme-toggle-label">다크 모드</span>
    </button>
  );
}
