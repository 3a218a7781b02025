/**
 * Keeps highlighted code readable: theme token colours that fall under WCAG AA contrast (4.5:1) on our code
 * backgrounds are darkened (light theme) or lightened (dark theme) step by step until they pass.
 */

/** Code backgrounds, plain and highlighted line, as in app/globals.css (--bg-code and --highlight-line). */
export const CODE_BACKGROUNDS = {
  light: ["#f6f8fa", "#dfe9f5"],
  dark: ["#1b1e24", "#263243"],
} as const;

const MIN_RATIO = 4.6;

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(hex.trim());
  if (!match?.[1]) return undefined;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join("") : match[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour itself when it passes on every background, else the nearest mix towards black/white that does. */
export function ensureContrast(color: string, backgrounds: readonly string[], mode: "light" | "dark"): string {
  const rgb = parseHex(color);
  if (!rgb) return color;
  const target: Rgb = mode === "light" ? [0, 0, 0] : [255, 255, 255];
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const candidate = toHex(rgb.map((v, i) => v + (target[i]! - v) * t) as Rgb);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= MIN_RATIO)) return candidate;
  }
  return toHex(target);
}

/** Rewrites `--shiki-light:#…;--shiki-dark:#…` in a style string so both pass on our backgrounds. */
export function fixShikiStyle(style: string): string {
  return style.replace(/--shiki-(light|dark):\s*(#[0-9a-fA-F]{3,8})/g, (_m, mode: "light" | "dark", color: string) => {
    return `--shiki-${mode}:${ensureContrast(color, CODE_BACKGROUNDS[mode], mode)}`;
  });
}
