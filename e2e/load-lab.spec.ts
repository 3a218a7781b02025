import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

const LESSON = "learn/wsgi-gateways/classroom-load";

// Each test sends one or two crowds through the API and reads the drawing; on a loaded 2-core machine that is slow.
test.setTimeout(120_000);

async function openLab(page: Page, id: string) {
  await page.goto(LESSON);
  await waitForHydration(page);
  // The lab's code loads when its slot comes near the viewport.
  await page.locator(`[data-load-lab-slot="${id}"]`).scrollIntoViewIfNeeded();
  const lab = page.locator(`[data-load-lab="${id}"]`);
  await expect(lab).toBeVisible({ timeout: 30_000 });
  return lab;
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 360, height: 740 },
]) {
  test.describe(`load lab on ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("predict, send a class to one sync worker, read the timeline and the table", async ({ page }) => {
      const lab = await openLab(page, "one-worker");
      const send = lab.getByRole("button", { name: "학생 30명이 보내기" });
      await expect(send).toBeDisabled();
      await lab.getByRole("radio", { name: "30초" }).check();
      await send.click();

      const run = lab.getByRole("article", { name: "Gunicorn 결과" });
      await expect(run.locator('[data-summary="max"]')).toHaveText("30초", { timeout: 30_000 });
      await expect(run.locator('[data-summary="p50"]')).toHaveText("15초");
      await expect(run.locator('[data-summary="statuses"]')).toHaveText("200 × 30");
      await expect(lab.getByRole("status")).toContainText("맞혔습니다");

      // One lane for the one worker, thirty bars on it, one after the other.
      const timeline = run.getByRole("img", { name: /타임라인/ });
      await expect(timeline.locator("[data-lane]")).toHaveCount(3); // queue, worker 1, axis
      const bars = timeline.locator('[data-lane="w1c0"] [data-request]');
      await expect(bars).toHaveCount(30);
      const [first, last] = [await bars.nth(0).boundingBox(), await bars.nth(29).boundingBox()];
      expect(last!.x).toBeGreaterThan(first!.x + first!.width * 20);

      // Clicking a bar shows that student's log lines.
      await bars.nth(29).click();
      await expect(run.getByText(/학생 #30의 요청/)).toBeVisible();
      await expect(run.locator("li[data-stream='gateway-access']")).toHaveCount(1);

      // The same data as a table, for keyboards and screen readers.
      await run.getByRole("button", { name: "표로 보기" }).click();
      const table = run.getByRole("table");
      await expect(table.getByRole("row")).toHaveCount(31);
      await expect(table.getByRole("row").nth(30)).toContainText("29초");

      // Nothing sticks out sideways on a phone.
      const overflow = await lab.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    });

    test("a small backlog turns the burst into immediate 502s, logged with EAGAIN", async ({ page }) => {
      const lab = await openLab(page, "small-backlog");
      await lab.getByRole("button", { name: "학생 30명이 보내기" }).click();
      const run = lab.getByRole("article", { name: "Gunicorn 결과" });
      await expect(run.locator('[data-summary="statuses"]')).toHaveText("200 × 7502 × 23", { timeout: 30_000 });
      await run.getByText(/^로그 \d+줄/).click();
      await expect(run.getByText(/failed \(11: Resource temporarily unavailable\) while connecting to upstream/).first()).toBeVisible();
    });

    test("side by side: the same crowd on Gunicorn and uWSGI", async ({ page }) => {
      const lab = await openLab(page, "threads-side-by-side");
      await lab.getByRole("button", { name: "학생 30명이 보내기" }).click();
      await expect(lab.getByRole("article", { name: "Gunicorn 결과" }).locator('[data-summary="max"]')).toHaveText("3초", { timeout: 30_000 });
      await expect(lab.getByRole("article", { name: "uWSGI 결과" }).locator('[data-summary="max"]')).toHaveText("8초");
      await expect(lab.getByRole("article", { name: "uWSGI 결과" }).locator('[data-lane^="w1c"]')).toHaveCount(4);
    });
  });
}

test("the challenge: turning the knobs with the keyboard until the class is served in time", async ({ page }) => {
  const lab = await openLab(page, "challenge-two-cores");
  await lab.getByRole("button", { name: "학생 30명이 보내기" }).click();
  await expect(lab.getByRole("status").first()).toContainText("아직입니다", { timeout: 30_000 });

  await lab.getByLabel("workers").fill("2");
  await lab.getByLabel("worker_class").selectOption("gthread");
  await lab.getByLabel("threads").fill("8");
  await lab.getByLabel("threads").press("Tab");
  await lab.getByRole("button", { name: "학생 30명이 보내기" }).press("Enter");
  await expect(lab.getByRole("status").first()).toContainText("성공", { timeout: 30_000 });
  await lab.getByText("실행할 설정 파일 보기").click();
  await expect(lab.locator("pre").filter({ hasText: 'worker_class = "gthread"' })).toContainText("threads = 8");
});
