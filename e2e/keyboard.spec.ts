import { expect, test } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

test("Alt+→ / Alt+← and J / K move between lessons", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  const [first, second, third] = lessons;
  if (!first || !second || !third) throw new Error("the course needs at least three lessons");
  await page.goto(first.href);
  await waitForHydration(page);

  await page.keyboard.press("Alt+ArrowRight");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.title);
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(third.title);
  await page.keyboard.press("k");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.title);
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);
});

test("Alt+→ on the last lesson opens the course-complete page", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  await page.goto(lessons.at(-1)?.href ?? "./");
  await waitForHydration(page);
  await page.keyboard.press("Alt+ArrowRight");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("코스 완료");
});

test("keys stay with text fields, contenteditable and data-keyboard-scope widgets", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  const first = lessons[0];
  if (!first) throw new Error("no lessons");
  await page.goto(first.href);
  await waitForHydration(page);
  // Stand-ins for the widgets other parts of the course will put in lessons.
  await page.evaluate(() => {
    const host = document.createElement("div");
    host.innerHTML =
      '<label>답 <input type="text"></label>' +
      '<div contenteditable="true" role="textbox" aria-label="편집기">x</div>' +
      '<div data-keyboard-scope><button type="button">위젯 버튼</button></div>';
    document.querySelector("article")?.prepend(host);
  });
  const heading = page.getByRole("heading", { level: 1 });

  await page.getByRole("textbox", { name: "답" }).press("j");
  await page.getByRole("textbox", { name: "답" }).press("Alt+ArrowRight");
  await page.getByRole("textbox", { name: "편집기" }).press("j");
  await page.getByRole("button", { name: "위젯 버튼" }).press("j");
  await expect(heading).toHaveText(first.title);
  await expect(page).toHaveURL(new RegExp(`${first.href}$`));
});
