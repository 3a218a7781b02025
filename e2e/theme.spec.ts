import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("follows the system colour scheme, before any JavaScript bundle runs", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  // Block every bundle: only the inline <head> script can set the theme, so there is no light flash.
  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto("./");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(22, 24, 29)");
  await context.close();
});

test("the toggle switches theme and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("./");
  await waitForHydration(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  const toggle = page.getByRole("button", { name: "다크 모드" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "다크 모드" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
});
