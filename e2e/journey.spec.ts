import { expect, test } from "@playwright/test";
import { lessonLinksFromHome } from "./helpers";

test("home → every lesson by clicking 다음 → course-complete page; each lesson has its title, a description and a table of contents", async ({ page }) => {
  test.setTimeout(120_000); // thirteen lessons, each with live widgets
  const lessons = await lessonLinksFromHome(page);
  expect(lessons.length).toBeGreaterThanOrEqual(3);

  await page.getByRole("link", { name: "처음부터 시작" }).click();
  for (const [i, lesson] of lessons.entries()) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);
    await expect(page).toHaveTitle(new RegExp(`^${escape(lesson.title)} · `));
    await expect(page.getByRole("navigation", { name: "현재 위치" })).toContainText(lesson.title);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.{20,}/);
    await expect(page.getByRole("navigation", { name: "이 페이지의 내용", exact: true })).toBeAttached();
    const next = lessons[i + 1];
    const nextLink = page.getByRole("link", { name: new RegExp(`^다음 ${next ? escape(next.title) : "코스 완료"}$`) });
    await expect(nextLink).toBeVisible();
    if (i > 0) {
      await expect(page.getByRole("link", { name: new RegExp(`^이전 ${escape(lessons[i - 1]?.title ?? "")}$`) })).toBeVisible();
    }
    await nextLink.click();
  }
  await expect(page).toHaveURL(/\/complete$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("코스 완료");
});

test("unknown pages answer with the Korean 404 page", async ({ page }) => {
  const response = await page.goto("./learn/no/such-lesson");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("페이지를 찾을 수 없습니다");
  await expect(page.getByRole("link", { name: "코스 홈으로" })).toBeVisible();
});

test("code blocks show a file name, highlighted lines and copy their text", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("./learn/server-and-http/http");
  const figure = page.locator("figure.code-block", { hasText: "nginx.conf" });
  await expect(figure.locator(".code-title")).toHaveText("nginx.conf");
  await expect(figure.locator(".line.highlighted")).toContainText('return 200 "ok\\n";');
  await figure.getByRole("button", { name: "복사" }).click();
  await expect(figure.getByRole("button", { name: /복사됨/ })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("location = /health {");
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
