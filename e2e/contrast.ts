/**
 * Contrast of every visible control as the browser renders it, from computed colours (not axe's heuristics, which
 * skip text over translucent layers and pseudo-states): for each text run inside a button, link, tab, field,
 * summary or code editor (CodeMirror's content is a textbox: each highlighted token is a run of its own), the text colour is blended over the background actually behind it (every translucent layer up the
 * tree composited, element opacity applied) and checked against WCAG 2 (4.5:1, 3:1 for large text; 3:1 for the
 * colour of an icon-only control). Disabled controls are exempt, as in WCAG.
 */
import { expect, type Page } from "@playwright/test";

export interface ContrastProblem {
  control: string;
  text: string;
  ratio: number;
  needed: number;
  fg: string;
  bg: string;
}

/**
 * Mounts every lazily loaded widget (they load when near the viewport): the viewport is made as tall as the page
 * for a moment, so every widget is near it at once, then restored. Waits until they have mounted.
 */
export async function mountLazyWidgets(page: Page): Promise<void> {
  const size = page.viewportSize()!;
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  const tall = Math.min(total, 12_000);
  await page.setViewportSize({ width: size.width, height: tall });
  for (let y = tall; y < total; y += tall) await page.evaluate((top) => window.scrollTo(0, top), y);
  // Mounted: no server stand-in left (the live flow widget keeps arrow keys: data-keyboard-scope), each playground
  // has its file tabs, and no flow is still waiting for its first trace.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const flows = [...document.querySelectorAll('[role=region][aria-label^="요청 흐름"]')];
          const playgrounds = [...document.querySelectorAll('section[aria-label^="설정 실습"]')];
          return (
            flows.every((f) => f.hasAttribute("data-keyboard-scope")) &&
            playgrounds.every((p) => p.querySelector("[role=tablist]")) &&
            !document.body.innerText.includes("요청을 보내는 중")
          );
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
  await page.setViewportSize(size);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Runs in the page: every contrast problem of visible, enabled controls. */
export function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    const cache = new Map<string, Rgba>();
    // Any CSS colour syntax (color-mix results, color(srgb …), oklab…) → sRGB through the canvas.
    const parse = (css: string): Rgba => {
      let hit = cache.get(css);
      if (hit) return hit;
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "rgba(0,0,0,0)";
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      hit = [r, g, b, a / 255];
      cache.set(css, hit);
      return hit;
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const css = (c: Rgba) => `rgba(${c.slice(0, 3).map(Math.round).join(",")},${c[3].toFixed(2)})`;

    /** The colour behind `el`: its own and its ancestors' backgrounds composited, over the page's canvas colour. */
    const backgroundOf = (el: Element): { colour: Rgba; opacity: number } | null => {
      const layers: Rgba[] = [];
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        opacity *= Number(style.opacity);
        if (style.backgroundImage !== "none" && !style.backgroundImage.startsWith("url(")) return null; // gradients: not judged here
        const colour = parse(style.backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      let result: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (result[3] < 1) result = over(result, [255, 255, 255, 1]);
      for (const layer of layers.reverse()) result = over(layer, result);
      return { colour: result, opacity };
    };

    const visible = (el: Element) => {
      const rect = el.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) return false;
      return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const name = (el: Element) => {
      const label = el.getAttribute("aria-label") ?? (el.textContent ?? "").trim().replace(/\s+/g, " ");
      return `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""} "${label.slice(0, 50)}"`;
    };

    const controls = document.querySelectorAll(
      'button, a[href], summary, select, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), [role=button], [role=tab], [role=radio], [role=link], [role=switch], [role=textbox]',
    );
    const problems: ContrastProblem[] = [];
    for (const control of controls) {
      if ((control as HTMLButtonElement).disabled || control.getAttribute("aria-disabled") === "true") continue;
      if (control.closest("[inert], [aria-hidden=true]") || !visible(control)) continue;
      // Text runs: the control's own text nodes and those of its descendants, each with its own colour.
      const runs: Array<{ el: Element; text: string }> = [];
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) {
        const text = control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.text ?? "") : control.value;
        if (text.trim()) runs.push({ el: control, text });
      } else {
        const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          const parent = node.parentElement;
          if (!text.trim() || !parent || !visible(parent) || parent.closest("[aria-hidden=true]") !== control.closest("[aria-hidden=true]")) continue;
          runs.push({ el: parent, text: text.trim() });
        }
      }
      const checks: Array<{ el: Element; text: string; needed: number }> = runs.map(({ el, text }) => {
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        return { el, text, needed: large ? 3 : 4.5 };
      });
      if (runs.length === 0 && control.querySelector("svg")) checks.push({ el: control, text: "(icon)", needed: 3 });
      for (const { el, text, needed } of checks) {
        const behind = backgroundOf(el);
        if (!behind) continue;
        const fg = parse(getComputedStyle(el).color);
        const seen = over([fg[0], fg[1], fg[2], fg[3] * behind.opacity], behind.colour);
        const value = ratio(seen, behind.colour);
        if (value < needed - 0.005) {
          problems.push({ control: name(control), text: text.slice(0, 40), ratio: Math.round(value * 100) / 100, needed, fg: css(seen), bg: css(behind.colour) });
        }
      }
    }
    return problems;
  });
}
