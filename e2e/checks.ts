import { expect, type Page } from "@playwright/test";

/** Attempts every check of the open lesson (each prediction, each quiz), choosing the first choice shown. */
export async function attemptEveryCheck(page: Page): Promise<void> {
  for (const predict of await page.locator("[data-predict]").all()) {
    await predict.getByRole("radio").first().click();
    await predict.getByRole("button", { name: "실행해서 확인하기" }).click();
    await expect(predict.getByRole("status")).toBeVisible();
  }
  for (const quiz of await page.locator("[data-quiz]").all()) {
    for (const question of await quiz.getByRole("group").all()) await question.getByRole("radio").first().check();
    await quiz.getByRole("button", { name: "채점하기" }).click();
    await expect(quiz.getByRole("status")).toBeVisible();
  }
}
