import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

/** The challenge block with this id, once its editor has loaded. */
async function openChallenge(page: Page, path: string, id: string) {
  await page.goto(path);
  await waitForHydration(page);
  const challenge = page.locator(`[data-challenge="${id}"]`);
  // Bring it near the viewport so its editor loads (the stand-in is replaced, so no waiting for a stable box).
  await challenge.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await expect(challenge.getByRole("button", { name: "확인하기" })).toBeVisible({ timeout: 30_000 });
  await expect(challenge.locator(".cm-content")).toBeVisible({ timeout: 30_000 });
  return challenge;
}

test.describe("<Challenge>", () => {
  // Each attempt sends every check through the chain; on a machine shared by several builds that takes a while.
  test.describe.configure({ timeout: 180_000 });
  test("grades the goal from the trace: a failed attempt names what differs, then the solution passes and is remembered", async ({ page }) => {
    const challenge = await openChallenge(page, "learn/web-server/locations", "docs-prefix");
    const solution = challenge.getByRole("button", { name: "해답", exact: true });
    await expect(solution).toBeDisabled();

    await challenge.getByRole("button", { name: "힌트" }).click();
    await expect(challenge.getByRole("note", { name: "힌트" })).toContainText("정규식");

    await challenge.getByRole("button", { name: "확인하기" }).click();
    await expect(challenge.getByText("아직입니다.")).toBeVisible();
    await expect(challenge.getByText("고른 location — 기대: location ^~ /docs/, 실제: location ~* \\.(svg|png)$")).toBeVisible();

    await expect(solution).toBeEnabled();
    await solution.click();
    await expect(challenge.getByLabel("넣을 내용")).toHaveText("location ^~ /docs/ {");
    await challenge.getByRole("button", { name: "해답을 편집기에 넣기" }).click();
    await expect(challenge.locator(".cm-content")).toContainText("location ^~ /docs/ {");
    await challenge.getByRole("button", { name: "확인하기" }).click();
    await expect(challenge.getByText("성공! 모든 요청이 목표대로 처리되었습니다.")).toBeVisible();
    await expect(challenge.getByText("해결함")).toBeVisible();

    // A new visit reads the success back from the progress store.
    const again = await openChallenge(page, "learn/web-server/locations", "docs-prefix");
    await expect(again.getByText("해결함")).toBeVisible();
    await expect(again.getByText("성공!")).toHaveCount(0);
  });

  test("a broken start is diagnosed from the status and the log line, and any fix that reaches the goal passes", async ({ page }) => {
    const challenge = await openChallenge(page, "learn/deployment/troubleshooting", "troubleshoot-socket");
    await expect(challenge.getByText("고장 난 설정에서 시작")).toBeVisible();
    await challenge.getByRole("button", { name: "확인하기" }).click();
    await expect(challenge.getByText("상태 코드 — 기대: 200, 실제: 502").first()).toBeVisible();
    await expect(challenge.getByText(/connect\(\) to unix:\/run\/gunicorn\.sock failed/).first()).toBeVisible();

    // Not the solution the lesson shows (it edits nginx.conf): move Gunicorn's socket instead.
    await challenge.getByRole("tab", { name: "gunicorn.conf.py" }).click();
    await challenge.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText('bind = "unix:/run/gunicorn.sock"\nworkers = 2\n');
    await challenge.getByRole("button", { name: "확인하기" }).click();
    await expect(challenge.getByText("성공! 모든 요청이 목표대로 처리되었습니다.")).toBeVisible();

    await challenge.getByText("요청의 흐름을 자세히 보기").click();
    await expect(challenge.getByRole("button", { name: "보내기", exact: true })).toBeVisible();
  });

  test("a configuration the programs refuse is reported with its file and line", async ({ page }) => {
    const challenge = await openChallenge(page, "learn/server-and-http/http", "http-no-store");
    await challenge.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText("server {\n    foo on;\n}\n");
    await challenge.getByRole("button", { name: "확인하기" }).click();
    await expect(challenge.getByText("설정이 거부되었습니다.")).toBeVisible();
    await expect(challenge.getByText(/unknown directive "foo"/)).toBeVisible();
  });
});
