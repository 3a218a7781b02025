/**
 * Walks every lesson in Chromium: its widgets are there, and every preset whose outcome the lesson states
 * (`expect` on <RequestFlow>) shows that outcome in the page. Lessons are split over shards so the workers share them.
 */
import { expect, test, type Page } from "@playwright/test";
import { lessonLinksFromHome, runPreset, waitForHydration } from "./helpers";

const SHARDS = 3;

for (let shard = 0; shard < SHARDS; shard++) {
  test(`every lesson's widgets load and each stated preset outcome shows (part ${shard + 1}/${SHARDS})`, async ({ page }) => {
    test.setTimeout(360_000); // a third of the lessons, every stated preset sent
    await page.emulateMedia({ reducedMotion: "reduce" });
    const lessons = (await lessonLinksFromHome(page)).filter((_, i) => i % SHARDS === shard);
    expect(lessons.length).toBeGreaterThan(0);
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
}

/**
 * A lesson's playground, in edit mode: open the lesson, scroll to `heading`, wait for the live widget (it replaces
 * its server-rendered stand-in when it comes into view) and press 편집하기.
 */
async function openPlayground(page: Page, path: string, heading: string) {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(path);
  await waitForHydration(page);
  await page.getByRole("heading", { name: heading }).scrollIntoViewIfNeeded();
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  // The stand-in is replaced once it is near the viewport; its code may take a while to arrive on a loaded machine.
  await playground.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await expect(playground.getByRole("button", { name: "편집하기" })).toBeVisible({ timeout: 20_000 });
  await playground.scrollIntoViewIfNeeded();
  await playground.getByRole("button", { name: "편집하기" }).click();
  const editor = playground.locator(".cm-content");
  await expect(editor).toBeVisible();
  const flow = playground.getByRole("region", { name: /^요청 흐름:/ });
  const apply = () => playground.getByRole("button", { name: "적용하고 다시 보내기" }).click();
  return { editor, flow, apply, steps: flow.getByRole("list", { name: "단계 목록 (가상 시간)" }) };
}

test("the gzip exercise: gzip_types text/css makes nginx compress the stylesheet, gzip_min_length stops it again", async ({ page }) => {
  test.setTimeout(90_000);
  const { editor, flow, apply, steps } = await openPlayground(page, "./learn/web-server/content-types", "더 해 보기: 작은 파일은 손해");
  /** Type a new line after the one that reads `after`, apply it and send the stylesheet request again. */
  const addLine = async (after: string, line: string) => {
    await editor.getByText(after).click();
    await page.keyboard.press("End");
    await page.keyboard.type(`\n${line}`);
    await apply();
    await expect(await runPreset(page, flow, "gzip을 받는 style.css")).toHaveAttribute("data-status", "200");
  };
  await addLine("index index.html;", "gzip_types text/css;");
  await expect(steps).toContainText("본문 48바이트를 gzip으로 압축해 68바이트");
  await addLine("gzip_types text/css;", "gzip_min_length 1000;");
  await expect(steps).toContainText("gzip_min_length(1000)보다 짧습니다");
  await expect(steps).not.toContainText("gzip으로 압축해");
});

test("the upstream exercise: proxy_pass to an upstream group sends Host: app_server to the app", async ({ page }) => {
  test.setTimeout(90_000);
  const { editor, flow, apply, steps } = await openPlayground(page, "./learn/web-server/reverse-proxy", "upstream 블록: 주소에 이름 붙이기");
  const original = await editor.innerText();
  const edited = original.replace(
    "location /bare/ {\n        proxy_pass http://unix:/run/gunicorn.sock;",
    "location /bare/ {\n        proxy_pass http://app_server;",
  );
  expect(edited).not.toBe(original);
  await editor.fill(`upstream app_server {\n    server unix:/run/gunicorn.sock fail_timeout=0;\n}\n${edited}`);
  await apply();
  await expect(await runPreset(page, flow, "/bare/hello")).toHaveAttribute("data-status", "200");
  await steps.getByRole("button", { name: /Nginx가 Gunicorn에 요청을 보냅니다/ }).click();
  const inspector = flow.getByRole("region", { name: "선택한 단계의 자세한 내용" });
  await expect(inspector.getByRole("row", { name: /^Host/ })).toContainText("app_server");
});
