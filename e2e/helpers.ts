import { expect, type Page } from "@playwright/test";

/** Lesson links of the home page outline, in course order (read from the page, never hard-coded). */
export async function lessonLinksFromHome(page: Page): Promise<{ title: string; href: string }[]> {
  await page.goto("./");
  const links = page.getByRole("region", { name: "레슨", exact: true }).getByRole("link");
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((els) =>
    els.map((a) => ({ title: (a.textContent ?? "").trim(), href: a.getAttribute("href") ?? "" })),
  );
}

/** Waits until client components are interactive (the progress count only renders after hydration). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}
