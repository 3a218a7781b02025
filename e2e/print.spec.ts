import { expect, test } from "@playwright/test";
import { lessonLinksFromHome } from "./helpers";

test("printing a lesson keeps the text and drops navigation and buttons", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  await page.goto(lessons[0]?.href ?? "./");
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("article pre").first()).toBeVisible();
  for (const hidden of [".site-header", ".sidebar", ".pager", ".lesson-end", ".copy-button", ".lesson-aside"]) {
    await expect(page.locator(hidden).first(), hidden).toBeHidden();
  }
  // Black text on white paper even when the screen was in dark mode.
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return [style.color, style.backgroundColor];
  });
  expect(colours).toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
});
