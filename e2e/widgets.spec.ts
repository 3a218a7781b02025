/**
 * The lesson widgets on the test-only fixture lesson (content/99-fixtures, unlisted): every preset of the request
 * flow, keyboard stepping, the inspector, the playground's error marking and re-run, the curl terminal, quiz and
 * predict-then-run, on a phone and with reduced motion. Outcomes are read from what the page shows.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runPreset, waitForHydration } from "./helpers";

const FIXTURE = "./learn/fixtures/widgets";

async function openFixture(page: Page) {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(FIXTURE);
  await waitForHydration(page);
  // The wrapper stays while the server-rendered stand-in inside it is replaced by the live widget.
  const holder = page.locator("[data-flow]").first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  await expect(flow.getByRole("toolbar")).toBeVisible();
  return flow;
}

const PRESETS: Array<{ label: string; status: number; reaches: "nginx" | "app" | "static" }> = [
  { label: "정적 파일", status: 200, reaches: "static" },
  { label: "앱으로 가는 요청", status: 200, reaches: "app" },
  { label: "Nginx의 404", status: 404, reaches: "static" },
  { label: "Flask의 404", status: 404, reaches: "app" },
  { label: "끝 슬래시 리다이렉트", status: 308, reaches: "app" },
  { label: "405 허용되지 않은 메서드", status: 405, reaches: "app" },
  { label: "413 본문이 너무 큼", status: 413, reaches: "nginx" },
  { label: "502 게이트웨이 꺼짐", status: 502, reaches: "nginx" },
  { label: "504 느린 뷰", status: 504, reaches: "app" },
  { label: "경로 조작 시도", status: 400, reaches: "nginx" },
  { label: "gzip을 받는 브라우저", status: 200, reaches: "app" },
];

test("every preset travels the chain and shows who answered with which status", async ({ page }) => {
  test.setTimeout(90_000);
  const flow = await openFixture(page);
  for (const preset of PRESETS) {
    const outcome = await runPreset(page, flow, preset.label);
    await expect(outcome, preset.label).toHaveAttribute("data-status", String(preset.status));
    const node = (hop: string) => flow.locator(`[data-hop="${hop}"]`);
    if (preset.reaches === "app") await expect(node("app"), preset.label).toHaveAttribute("data-visited", "true");
    else await expect(node("app"), preset.label).not.toHaveAttribute("data-visited", "true");
  }
});

test("nginx's decision and the 504's cause are explained in Korean", async ({ page }) => {
  const flow = await openFixture(page);
  await runPreset(page, flow, "정적 파일");
  await expect(flow.getByRole("list", { name: "단계 목록 (가상 시간)" })).toContainText("location");
  await runPreset(page, flow, "504 느린 뷰");
  await expect(flow.getByRole("list", { name: "단계 목록 (가상 시간)" })).toContainText(/시간|타임아웃|기다/);
  await expect(flow.getByTestId("flow-outcome")).toContainText("10 s");
});

test("J/K step through the trace inside the widget without leaving the lesson", async ({ page }) => {
  const flow = await openFixture(page);
  await runPreset(page, flow, "앱으로 가는 요청");
  const count = flow.locator(`[class*="stepCount"]`);
  const total = Number((await count.textContent())!.split("/")[1]);
  await page.keyboard.press("Home");
  await expect(count).toHaveText(`1 / ${total}`);
  await page.keyboard.press("j");
  await page.keyboard.press("ArrowRight");
  await expect(count).toHaveText(`3 / ${total}`);
  await page.keyboard.press("k");
  await expect(count).toHaveText(`2 / ${total}`);
  await expect(page).toHaveURL(/fixtures\/widgets/);
  await expect(flow.getByTestId("flow-narration")).not.toBeEmpty();
});

test("the inspector shows what nginx sends upstream and the WSGI environ", async ({ page }) => {
  const flow = await openFixture(page);
  await runPreset(page, flow, "앱으로 가는 요청");
  const steps = flow.getByRole("list", { name: "단계 목록 (가상 시간)" });
  await steps.getByRole("button", { name: /Nginx가 Gunicorn에 요청을 보냅니다/ }).click();
  const inspector = flow.getByRole("region", { name: "선택한 단계의 자세한 내용" });
  await expect(inspector).toContainText("HTTP/1.0");
  await expect(inspector.getByRole("row", { name: /Connection/ })).toContainText("close");
  await steps.getByRole("button", { name: /environ/ }).click();
  await expect(inspector.getByRole("rowheader", { name: /PATH_INFO/ })).toBeVisible();
  await expect(inspector).toContainText("'/hello/cju'");
});

test("a gzip answer shows its headers, its compressed size and what it holds once decompressed", async ({ page }) => {
  const flow = await openFixture(page);
  await runPreset(page, flow, "gzip을 받는 브라우저");
  const steps = flow.getByRole("list", { name: "단계 목록 (가상 시간)" });
  await steps.getByRole("button", { name: /브라우저에 응답을 돌려줍니다.*gzip으로 압축해/ }).click();
  const inspector = flow.getByRole("region", { name: "선택한 단계의 자세한 내용" });
  await expect(inspector.getByRole("row", { name: /Content-Encoding/ })).toContainText("gzip");
  await expect(inspector.getByRole("row", { name: /Transfer-Encoding/ })).toContainText("chunked");
  await expect(inspector).toContainText("gzip으로 압축된 본문");
  await expect(inspector.getByRole("heading", { name: /압축을 풀면/ })).toBeVisible();
  await expect(inspector).toContainText("hello_cju!</h1>");
});

test("the playground marks a broken nginx.conf line and re-runs edited app.py", async ({ page }) => {
  test.setTimeout(90_000);
  await openFixture(page);
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  await playground.scrollIntoViewIfNeeded();
  await playground.getByRole("button", { name: "편집하기" }).click();
  const editor = playground.locator(".cm-content");
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("bogus_directive on;\n");
  await playground.getByRole("button", { name: "적용하고 다시 보내기" }).click();
  const errors = playground.getByRole("alert", { name: "설정 오류" });
  await expect(errors).toContainText('unknown directive "bogus_directive"');
  await expect(errors).toContainText("nginx.conf:1");
  await expect(playground.locator("[data-error-line]")).toHaveCount(1);

  await playground.getByRole("button", { name: "원래대로" }).click();
  await expect(errors).toHaveCount(0);
  await playground.getByRole("tab", { name: /app\.py/ }).click();
  const appEditor = playground.locator(".cm-content");
  await appEditor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\n\n@app.route("/added")\ndef added():\n    return "새로 만든 뷰"\n');
  await playground.getByRole("button", { name: "적용하고 다시 보내기" }).click();
  const flow = playground.getByRole("region", { name: /^요청 흐름:/ });
  await flow.getByRole("textbox", { name: "경로와 쿼리" }).fill("/added");
  await flow.getByRole("button", { name: "보내기", exact: true }).click();
  await flow.getByRole("toolbar").getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
  await page.reload();
  await waitForHydration(page);
  // The playground loads when it comes into view; then it starts from the edits saved for this lesson.
  await page.getByRole("heading", { name: "설정 실습" }).scrollIntoViewIfNeeded();
  await expect(page.getByRole("region", { name: /^설정 실습:/ }).getByRole("tab", { name: /app\.py •/ })).toBeVisible();
});

test("the terminal answers curl as the deployed site would", async ({ page }) => {
  await openFixture(page);
  const terminal = page.getByRole("region", { name: "터미널: curl로 요청 보내기" });
  await terminal.scrollIntoViewIfNeeded();
  const input = terminal.getByRole("textbox", { name: "명령 입력" });
  await input.fill("curl -i http://localhost/hello/cju");
  await input.press("Enter");
  const log = terminal.getByRole("log");
  await expect(log).toContainText("HTTP/1.1 200 OK");
  await expect(log).toContainText("Server: nginx/1.22.1");
  await input.fill("curl -v http://localhost/static/nope.css");
  await input.press("Enter");
  await expect(log).toContainText("> GET /static/nope.css HTTP/1.1");
  await expect(log).toContainText("< HTTP/1.1 404 Not Found");
  // gzip: curl refuses to print the compressed bytes, and --compressed asks for gzip and decompresses it.
  await input.fill("curl -i -H 'Accept-Encoding: gzip' http://localhost/");
  await input.press("Enter");
  await expect(log).toContainText("Content-Encoding: gzip");
  await expect(log).toContainText("Warning: Binary output can mess up your terminal.");
  await input.fill("curl --compressed http://localhost/");
  await input.press("Enter");
  await expect(log).toContainText("hello_cju!</h1>");
  await input.fill("wget http://localhost/");
  await input.press("Enter");
  await expect(log).toContainText("curl 명령만");
});

test("quiz and predict-then-run grade from the answers and the real trace", async ({ page }) => {
  await openFixture(page);
  const quiz = page.locator("[data-quiz=fixture-quiz]");
  await quiz.scrollIntoViewIfNeeded();
  await quiz.getByRole("radio", { name: "Nginx" }).check();
  await quiz.getByRole("button", { name: "채점하기" }).click();
  await expect(quiz.getByRole("status")).toContainText("1문제 중 1문제를 맞혔습니다");

  const predict = page.locator("[data-predict=fixture-predict]");
  await predict.getByRole("radio", { name: "404" }).click();
  await predict.getByRole("button", { name: "실행해서 확인하기" }).click();
  await expect(predict.getByRole("status")).toContainText("맞았습니다");
  await expect(predict.getByRole("status")).toContainText("404");
});

test("on a phone the diagram stacks vertically and still runs", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const flow = await openFixture(page);
  const browser = await flow.locator('[data-hop="browser"]').boundingBox();
  const nginx = await flow.locator('[data-hop="nginx"]').boundingBox();
  expect(nginx!.y).toBeGreaterThan(browser!.y + browser!.height - 1);
  await runPreset(page, flow, "앱으로 가는 요청");
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test("with reduced motion nothing animates and the widget page is axe-clean", async ({ page }) => {
  const flow = await openFixture(page);
  await runPreset(page, flow, "앱으로 가는 요청");
  await page.keyboard.press("Home");
  const animation = await flow.locator('[class*="packet"]').first().evaluate((el) => getComputedStyle(el).animationName);
  expect(animation).toBe("none");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
});
