import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

async function seriousViolations(page: import("@playwright/test").Page, rules?: string[]) {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Every page, split into shards so the workers share the (slow) axe runs. One load per page: every rule in the
// light theme, then the theme follows the system setting in place (as it does for a student who switches it) and
// the rules that depend on colours run again in dark. The other rules (names, roles, labels, structure) read the
// same DOM in both themes.
const SHARDS = 4;
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
for (let shard = 0; shard < SHARDS; shard++) {
  test(`no serious or critical axe violations on home, every lesson and the end page, light and dark (part ${shard + 1}/${SHARDS})`, async ({
    page,
  }) => {
    test.setTimeout(240_000); // axe runs on every page of its shard, twice
    const lessons = await lessonLinksFromHome(page);
    const all = ["./", ...lessons.map((l) => l.href), "./complete", "./learn/missing"];
    const paths = all.filter((_, i) => i % SHARDS === shard);
    for (const path of paths) {
      await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
      await page.goto(path);
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
      expect(await seriousViolations(page), `${path} (light)`).toEqual([]);
      await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      expect(await seriousViolations(page, COLOUR_RULES), `${path} (dark)`).toEqual([]);
    }
  });
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
