import { test } from "@playwright/test";
import { mountLazyWidgets } from "./contrast";
import { lessonLinksFromHome, waitForHydration } from "./helpers";
const DIR = "/tmp/w14/shots";
test.describe.configure({ mode: "parallel" });
for (let shard = 0; shard < 2; shard++)
test(`shots ${shard}`, async ({ page }) => {
  test.setTimeout(1_500_000);
  const lessons = await lessonLinksFromHome(page);
  const list = lessons.filter((_, i) => i % 2 === shard);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 740 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      for (const l of list) {
        await page.goto(l.href);
        await waitForHydration(page);
        await mountLazyWidgets(page).catch(() => {});
        const name = l.href.split("/").slice(-1)[0];
        await page.screenshot({ path: `${DIR}/${name}-${width}-${scheme}.jpg`, fullPage: true, type: "jpeg", quality: 60 });
      }
    }
  }
});
