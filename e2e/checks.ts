import { expect, type Page } from "@playwright/test";

/** Attempts every question of the open lesson (each prediction, each quiz), choosing the first choice shown. */
export async function attemptQuestions(page: Page): Promise<void> {
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

/** Tries every challenge of the open lesson once with the files as they start, and runs every graded load lab. */
export async function attemptChallenges(page: Page): Promise<void> {
  for (const challenge of await page.locator("[data-challenge]").all()) {
    // Bring it near the viewport so its editor loads (the stand-in is replaced, so no waiting for a stable box).
    await challenge.evaluate((el) => el.scrollIntoView({ block: "start" }));
    const check = challenge.getByRole("button", { name: "확인하기", exact: true });
    await expect(check).toBeEnabled({ timeout: 30_000 });
    await check.click();
    await expect(challenge.getByText(/^(성공!|아직입니다\.|설정이 거부되었습니다\.)/).first()).toBeVisible({ timeout: 30_000 });
  }
  for (const lab of await page.locator("[data-load-lab-slot][data-lesson-check]").all()) {
    await lab.evaluate((el) => el.scrollIntoView({ block: "start" }));
    const send = lab.getByRole("button", { name: /^학생 \d+명이 보내기$/ });
    await expect(send).toBeVisible({ timeout: 30_000 });
    const predict = lab.locator("[data-load-predict]");
    if ((await predict.count()) > 0) await predict.getByRole("radio").first().check();
    await send.click();
    await expect(lab.getByRole("status").first()).toBeVisible({ timeout: 30_000 });
  }
}

/** Attempts every check of the open lesson: its questions, its challenges and its graded load labs. */
export async function attemptEveryCheck(page: Page): Promise<void> {
  await attemptQuestions(page);
  await attemptChallenges(page);
}
