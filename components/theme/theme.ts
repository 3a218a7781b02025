/**
 * Theme choice: "light" or "dark" when the student picked one, absent to follow the system.
 * The same logic runs twice: as an inline <head> script before first paint (no flash), and in the toggle.
 */
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "wsgi-journey:theme";

export function parseTheme(value: string | null | undefined): Theme | undefined {
  return value === "light" || value === "dark" ? value : undefined;
}

export function resolveTheme(stored: Theme | undefined, systemPrefersDark: boolean): Theme {
  return stored ?? (systemPrefersDark ? "dark" : "light");
}

/**
 * Source of the inline script. Kept tiny and self-contained (it runs before any bundle); it sets
 * <html data-theme> and color-scheme so the first paint already uses the right colours.
 */
export const THEME_INIT_SCRIPT = `(function(){try{var s=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)});var t=s==="light"||s==="dark"?s:(window.matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light");var d=document.documentElement;d.dataset.theme=t;d.style.colorScheme=t;}catch(e){}})();`;
