import { expect, test } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

test("on a 360 px phone the sidebar is a drawer", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  const [first, second] = lessons;
  if (!first || !second) throw new Error("need two lessons");
  await page.goto(first.href);
  await waitForHydration(page);

  const toggle = page.getByRole("button", { name: "레슨 목록" });
  const nav = page.getByRole("navigation", { name: "레슨 목록" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  // No horizontal scrolling at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  // The page behind the drawer is inert: Tab stays in the drawer.
  await expect(page.getByRole("main")).toHaveJSProperty("inert", true);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("main")).toHaveJSProperty("inert", false);
  await expect(nav).toBeHidden();
  await expect(toggle).toBeFocused();

  await toggle.click();
  await nav.getByRole("link", { name: second.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.title);
  await expect(nav).toBeHidden();
});

test("on a 360 px phone a code block shows its whole title and its 복사 button on one line", async ({ page }) => {
  test.setTimeout(120_000);
  const lessons = await lessonLinksFromHome(page);
  const problems: string[] = [];
  let titles = 0;
  for (const lesson of lessons) {
    await page.goto(lesson.href);
    const found = await page.locator(".code-header").evaluateAll((headers) =>
      headers.flatMap((header) => {
        const out: string[] = [];
        const title = header.querySelector(".code-title");
        const button = header.querySelector(".copy-button");
        if (title && title.scrollWidth > title.clientWidth + 1) out.push(`title "${title.textContent}" cut off`);
        const label = Array.from(button?.childNodes ?? []).find((n) => n.nodeType === Node.TEXT_NODE);
        if (button && label) {
          const range = document.createRange();
          range.selectNodeContents(label);
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
          if (lines > 1) out.push(`"${button.textContent}" of "${title?.textContent}" wraps onto ${lines} lines`);
        }
        return out;
      }),
    );
    titles += await page.locator(".code-title").count();
    problems.push(...found.map((p) => `${lesson.href}: ${p}`));
  }
  expect(titles).toBeGreaterThan(10);
  expect(problems).toEqual([]);
});
