/**
 * Every lesson at 1280 px and 360 px, light and dark: every visible control's text contrasts with its own rendered
 * background (e2e/contrast.ts computes it from the browser's computed colours, layer by layer). One page load per
 * lesson × width; the theme then follows the system setting in place (as it does for a student who switches it), so
 * both themes are checked on the same mounted widgets. Lessons are split over shards so the workers share them.
 */
import { expect, test } from "@playwright/test";
import { contrastProblems, mountLazyWidgets } from "./contrast";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

const SHARDS = 4;
const WIDTHS = [1280, 360] as const;
const SCHEMES = ["light", "dark"] as const;

for (let shard = 0; shard < SHARDS; shard++) {
  test(`controls contrast with their background in every lesson, both widths and themes (part ${shard + 1}/${SHARDS})`, async ({ page }) => {
    test.setTimeout(300_000); // 2 page loads per path, widgets mounted on each, 2 themes checked per load
    const lessons = await lessonLinksFromHome(page);
    const paths = ["./", ...lessons.map((l) => l.href), "./complete"].filter((_, i) => i % SHARDS === shard);
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 740 });
      for (const path of paths) {
        await page.emulateMedia({ colorScheme: SCHEMES[0], reducedMotion: "reduce" });
        await page.goto(path);
        await waitForHydration(page);
        await mountLazyWidgets(page);
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
          await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
          for (const p of await contrastProblems(page)) {
            failures.push(`${path} ${width}px ${scheme}: ${p.control} "${p.text}" ${p.ratio}:1 < ${p.needed}:1 (${p.fg} on ${p.bg})`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
}
