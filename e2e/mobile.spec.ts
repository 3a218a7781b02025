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
