/**
 * Walks every lesson in Chromium: its widgets are there, and every preset whose outcome the lesson states
 * (`expect` on <RequestFlow>) shows that outcome in the page.
 */
import { expect, test } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

test("every lesson's widgets load and each stated preset outcome shows", async ({ page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  const lessons = await lessonLinksFromHome(page);
  for (const lesson of lessons) {
    await page.goto(lesson.href);
    await waitForHydration(page);
    const widgets = page.locator("[data-flow-expect], [data-quiz], [data-predict], [aria-label^='설정 실습:'], [aria-label='터미널: curl로 요청 보내기']");
    expect(await widgets.count(), `${lesson.title} has no live widget`).toBeGreaterThan(0);
    const flows = page.locator("[data-flow-expect]");
    for (let i = 0; i < (await flows.count()); i++) {
      const holder = flows.nth(i);
      const facts = JSON.parse((await holder.getAttribute("data-flow-expect"))!) as Record<string, { status?: number }>;
      await holder.scrollIntoViewIfNeeded();
      const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
      await expect(flow.getByRole("group", { name: "미리 준비된 요청" })).toBeVisible();
      for (const [index, [id, fact]] of Object.entries(facts).entries()) {
        if (fact.status === undefined) continue;
        await flow.locator(`[data-preset="${id}"]`).click();
        await expect(flow.getByRole("button", { name: "보내기", exact: true })).toBeEnabled();
        await flow.getByRole("toolbar").getByRole("button", { name: "다시 재생" }).focus();
        await page.keyboard.press("End");
        await expect(flow.getByTestId("flow-outcome"), `${lesson.title}: preset ${id} (#${index})`).toHaveAttribute("data-status", String(fact.status));
      }
    }
  }
});
