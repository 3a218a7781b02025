import { expect, test } from "@playwright/test";
import { attemptEveryCheck } from "./checks";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

test("attempting a lesson's checks marks it done; the mark survives a reload and shows on the home page", async ({ page }) => {
  test.setTimeout(60_000);
  const lessons = await lessonLinksFromHome(page);
  const first = lessons[0];
  if (!first) throw new Error("no lessons");
  await expect(page.getByRole("link", { name: "처음부터 시작" })).toBeVisible();

  await page.goto(first.href);
  await waitForHydration(page);
  const sidebar = page.getByRole("navigation", { name: "레슨 목록" });
  await expect(sidebar).toContainText(`0 / ${lessons.length} 레슨 완료`);
  await attemptEveryCheck(page);
  await expect(page.getByRole("button", { name: "✓ 완료한 레슨" })).toBeDisabled();
  await expect(sidebar).toContainText(`1 / ${lessons.length} 레슨 완료`);

  await page.reload();
  await expect(page.getByRole("navigation", { name: "레슨 목록" })).toContainText(`1 / ${lessons.length} 레슨 완료`);
  await expect(sidebar.getByRole("link", { name: `${first.title} (완료)` })).toBeVisible();

  await page.goto("./");
  const outline = page.getByRole("region", { name: "레슨", exact: true });
  await expect(outline.getByText(`${first.title} (완료)`)).toBeAttached();
  await expect(page.getByRole("link", { name: /^이어서 학습/ })).toHaveAttribute("href", first.href);
});

test("이어서 학습 resumes the lesson opened last; 진행 상황 초기화 starts over", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  const second = lessons[1];
  if (!second) throw new Error("need two lessons");
  await page.goto(second.href);
  await waitForHydration(page);
  await page.goto("./");
  const resume = page.getByRole("link", { name: /^이어서 학습/ });
  await expect(resume).toContainText(second.title);
  await resume.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.title);

  await page.goto("./");
  await page.getByRole("button", { name: "진행 상황 초기화" }).click();
  await expect(page.getByRole("status")).toHaveText("진행 상황을 초기화했습니다.");
  await expect(page.getByRole("link", { name: "처음부터 시작" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "처음부터 시작" })).toBeVisible();
  await expect(page.getByText("0 / 1 완료").first()).toBeVisible();
});
