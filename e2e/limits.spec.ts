/**
 * The chain API's rate limit as a student meets it, through the deploy setup (real nginx, the Node server on a
 * socket), with tight limits set the way an instructor would (CHAIN_RATE_LIMIT, CHAIN_RATE_BURST): the browser
 * gets its identity cookie on its first page, and when it sends faster than its share the diagram says so in
 * Korean. Another browser behind the same address is not affected.
 */
import { expect, test, type Page } from "@playwright/test";
import { startDeployedCourse, type DeployedCourse } from "../deploy/local/stack";

let course: DeployedCourse;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(90_000);
  course = await startDeployedCourse({ env: { CHAIN_RATE_LIMIT: "1", CHAIN_RATE_BURST: "6" } });
});
test.afterAll(async () => {
  await course?.stop();
});

/** The page's first diagram, brought into view (it loads when near the viewport). */
async function firstFlow(page: Page) {
  const holder = page.locator("[data-flow]").first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  await expect(flow.getByRole("toolbar")).toBeVisible();
  return flow;
}

async function sendUntilRefused(page: Page): Promise<void> {
  const flow = await firstFlow(page);
  const alert = flow.getByRole("alert");
  // Like a student clicking one preset after another, each as soon as the last answer came.
  for (let i = 0; i < 12; i++) {
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/chain"));
    await flow.locator("[data-preset]").nth(i % 2).click();
    if ((await answered).status() === 429) break;
  }
  await expect(alert).toHaveText(/요청을 너무 빨리 보내고 있습니다\. \d+초 뒤에 다시 보내 주세요\./);
}

test("a student who sends faster than the limit reads why in the diagram; a classmate behind the same address can still send", async ({ browser }) => {
  // Two browsers load the fixture page through nginx; on a shared 2-core test machine that alone took ~80 s.
  test.setTimeout(180_000);
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(`${course.nginxUrl}/learn/fixtures/widgets`);
  const cookies = await first.cookies();
  expect(cookies.find((c) => c.name === "wj_id")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await sendUntilRefused(page);
  await page.screenshot({ path: test.info().outputPath("rate-limited.png") });

  const classmate = await (await browser.newContext()).newPage();
  await classmate.goto(`${course.nginxUrl}/learn/fixtures/widgets`);
  const flow = await firstFlow(classmate);
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", /^\d{3}$/);
  await expect(flow.getByRole("alert")).toHaveCount(0);
});
