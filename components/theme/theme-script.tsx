import { THEME_INIT_SCRIPT } from "./theme";

/** Inline, render-blocking script in <head>: sets data-theme before the first paint. */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />;
}
