import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Every page in both schemes, split into shards so the workers share the (slow) axe runs.
const SHARDS = 3;
for (const scheme of ["light", "dark"] as const) {
  for (let shard = 0; shard < SHARDS; shard++) {
  test(`no serious or critical axe violations on home, every lesson and the end page (${scheme}, part ${shard + 1}/${SHARDS})`, async ({
    page,
  }) => {
    test.setTimeout(240_000); // axe runs on every page of its shard
    await page.emulateMedia({ colorScheme: scheme });
    const lessons = await lessonLinksFromHome(page);
    const all = ["./", ...lessons.map((l) => l.href), "./complete", "./learn/missing"];
    const paths = all.filter((_, i) => i % SHARDS === shard);
    for (const path of paths) {
      await page.goto(path);
      await waitForHydration(page);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
  }
}

test("a skip link leads keyboard users to the main content", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  await page.goto(lessons[0]?.href ?? "./");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "본문으로 건너뛰기" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
});
