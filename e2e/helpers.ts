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

/** Send a preset and jump to the end of its trace; returns the outcome element. */
export async function runPreset(page: Page, flow: ReturnType<Page["getByRole"]>, label: string) {
  await flow.getByRole("group", { name: "미리 준비된 요청" }).getByRole("button", { name: label, exact: true }).click();
  await expect(flow.getByRole("button", { name: "보내기", exact: true })).toBeEnabled();
  await flow.getByRole("toolbar").getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  const outcome = flow.getByTestId("flow-outcome");
  await expect(outcome).toBeVisible();
  return outcome;
}
