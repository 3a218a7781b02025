/**
 * The request-flow widget as a student's eyes and hands meet it (issue 14): the answer before the animation,
 * virtual time only where it passes, a refused connect() drawn as a broken hop, a header editor that takes typing
 * and pasting, Apply re-sending the chosen request, the inspector and the controls on a phone, Gunicorn's log line
 * with its leading space, and a config error that names its place once.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { runPreset, waitForHydration } from "./helpers";

// Each test loads a lesson and waits for the lazy widget and the chain: on a loaded 2-core CI machine that can take
// most of the default 30 s, so these get the same room as the other widget specs' longer tests, and the first
// appearance of a widget (its code chunk, then its first answer) may take longer than the usual 7 s.
test.describe.configure({ timeout: 90_000 });
const FIRST_APPEARANCE = { timeout: 20_000 };

const FIXTURE = "./learn/fixtures/widgets";
const GUNICORN_LESSON = "./learn/wsgi-gateways/gunicorn";

/** The first live request-flow widget of the page, once it has replaced its server-rendered stand-in. */
async function firstFlow(page: Page, url: string, reducedMotion: boolean): Promise<Locator> {
  await page.emulateMedia({ reducedMotion: reducedMotion ? "reduce" : "no-preference" });
  await page.goto(url);
  await waitForHydration(page);
  const holder = page.locator("[data-flow]").first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  await expect(flow.getByRole("toolbar")).toBeVisible(FIRST_APPEARANCE);
  return flow;
}

const stepList = (flow: Locator) => flow.getByRole("list", { name: /^단계 목록/ });

test("the outcome is there at once, before the animation reaches it, and the animation can be stepped and replayed", async ({ page }) => {
  const flow = await firstFlow(page, FIXTURE, false);
  const outcome = flow.getByTestId("flow-outcome");
  const count = flow.locator('[class*="stepCount"]');
  // Home stops the animation on its first step (timers cannot race the test): the answer is already there.
  await flow.getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("Home");
  await expect(count).toHaveText(/^1 \/ \d+$/);
  const total = Number((await count.textContent())!.split("/")[1]);
  await expect(outcome).toBeVisible();
  await expect(outcome).toContainText("HTTP/1.1 200 OK");
  await expect(outcome).toContainText("답한 곳: Flask 앱");
  await expect(outcome).toContainText("Flask 앱의 뷰 hello()가 만든 200 응답이 Gunicorn과 Nginx를 거쳐 돌아왔습니다.");

  await flow.getByRole("button", { name: "다음 단계 ▶" }).click();
  await expect(count).toHaveText(`2 / ${total}`);
  // Replay starts again from the first step and plays on by itself.
  await flow.getByRole("button", { name: "다시 재생" }).click();
  await expect(count).not.toHaveText(/^[12] \//, { timeout: 15_000 });
  await expect(outcome).toBeVisible();
});

test("with reduced motion the outcome is there at once, and time shows only where virtual time passes", async ({ page }) => {
  const flow = await firstFlow(page, FIXTURE, true);
  await expect(flow.getByTestId("flow-outcome")).toContainText("HTTP/1.1 200 OK");
  const count = flow.locator('[class*="stepCount"]');
  await expect(count).toHaveText(/^1 \/ \d+$/);
  await flow.getByRole("button", { name: "다음 단계 ▶" }).click();
  await expect(count).toHaveText(/^2 \/ \d+$/);

  // Nothing waits in this request: no time is printed, let alone 0 ms.
  await expect(flow).not.toContainText(/(^|\D)0 ms/);
  await expect(flow).not.toContainText("가상 시각");

  // A slow view: the wait and the moment nginx gives up are labelled in virtual time.
  await runPreset(page, flow, "504 느린 뷰");
  await expect(stepList(flow)).toContainText("10 s 기다림");
  await expect(stepList(flow)).toContainText("가상 시각 10 s");
  await expect(flow.getByTestId("flow-outcome")).toContainText("걸린 가상 시간: 10 s");
  await expect(flow).not.toContainText(/(^|\D)0 ms/);
});

test("a 502 with the gateway down draws the nginx→gateway hop broken and the gateway never reached", async ({ page }) => {
  const flow = await firstFlow(page, FIXTURE, true);
  await runPreset(page, flow, "502 게이트웨이 꺼짐");
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "502");
  await expect(flow.getByTestId("flow-outcome")).toContainText("connect() to unix:/run/gunicorn.sock failed (2: No such file or directory)");
  await expect(flow.getByTestId("flow-outcome")).toContainText("요청이 닿지 않았습니다");
  const gateway = flow.locator('[data-hop="gateway"]');
  await expect(gateway).not.toHaveAttribute("data-visited", "true");
  await expect(gateway).toHaveAttribute("data-unreached", "true");
  await expect(gateway).toContainText("요청이 닿지 않음");
  await expect(flow.locator('[data-hop="nginx"]')).not.toHaveAttribute("data-failed", "true");
  await expect(flow.locator('[data-edge="nginx-gateway"]')).toHaveAttribute("data-failed", "true");
  await expect(flow.getByRole("img", { name: /연결 실패/ })).toBeVisible();
  // The broken hop is drawn in the error colour, not the plain line colour.
  const colours = await flow.locator('[data-edge="nginx-gateway"]').evaluate((el) => getComputedStyle(el).backgroundImage);
  expect(colours).toContain("gradient");
  await expect(stepList(flow)).not.toContainText("Nginx가 Gunicorn에 요청을 보냅니다");
  await expect(stepList(flow)).toContainText("nginx가 소켓 /run/gunicorn.sock에 연결하지 못했습니다");
});

test("the header editor takes Enter, spaces, pasting and editing, and sends what it shows", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const flow = await firstFlow(page, FIXTURE, true);
  await flow.getByRole("button", { name: "헤더·본문" }).click();
  const headers = flow.getByRole("textbox", { name: /^헤더/ });
  await expect(headers).toHaveValue("Host: localhost");
  await headers.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Accept: a b");
  await expect(headers).toHaveValue("Host: localhost\nAccept: a b");
  await page.evaluate(() => navigator.clipboard.writeText("\nX-Pasted: one two\nX-Second: yes"));
  await page.keyboard.press("Control+V");
  await expect(headers).toHaveValue("Host: localhost\nAccept: a b\nX-Pasted: one two\nX-Second: yes");
  // Edit at the end: replace "yes" with "no".
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("no");
  await expect(headers).toHaveValue("Host: localhost\nAccept: a b\nX-Pasted: one two\nX-Second: no");

  await flow.getByRole("button", { name: "보내기", exact: true }).click();
  await expect(flow.getByRole("button", { name: "보내기", exact: true })).toBeEnabled();
  await stepList(flow).getByRole("button", { name: /브라우저가 Nginx에 요청을 보냅니다/ }).click();
  const inspector = flow.getByRole("region", { name: "선택한 단계의 자세한 내용" });
  await expect(inspector.getByRole("row", { name: /X-Pasted/ })).toContainText("one two");
  await expect(inspector.getByRole("row", { name: /X-Second/ })).toContainText("no");
  await expect(inspector.getByRole("row", { name: /^Accept / })).toContainText("a b");
  // The text stays as typed after sending.
  await expect(headers).toHaveValue("Host: localhost\nAccept: a b\nX-Pasted: one two\nX-Second: no");
});

test("Apply re-sends the request the student selected, not the first preset", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(GUNICORN_LESSON);
  await waitForHydration(page);
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  await playground.scrollIntoViewIfNeeded();
  const flow = playground.getByRole("region", { name: /^요청 흐름:/ });
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "502", FIRST_APPEARANCE);
  await flow.getByRole("button", { name: "1초 작업" }).click();
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
  await playground.getByRole("button", { name: "편집하기" }).click();
  await playground.getByRole("button", { name: "적용하고 다시 보내기" }).click();
  await expect(flow.getByRole("button", { name: "보내기", exact: true })).toBeEnabled();
  await expect(flow.getByRole("button", { name: "1초 작업" })).toHaveAttribute("aria-pressed", "true");
  await expect(flow.getByRole("textbox", { name: "경로와 쿼리" })).toHaveValue("/work?s=1");
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
});

test("a gateway config error names its file and line once", async ({ page }) => {
  const broken = "# broken on purpose\nbind = \"unix:/run/gunicorn.sock\"\nworkers = 2\ntimeout = = 5\naccesslog = \"-\"\n";
  const share = Buffer.from(JSON.stringify({ "gunicorn.conf.py": broken })).toString("base64url");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${GUNICORN_LESSON}#playground=${share}`);
  await waitForHydration(page);
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  await playground.scrollIntoViewIfNeeded();
  const errors = playground.getByRole("alert", { name: "설정 오류" });
  await expect(errors).toContainText("gunicorn.conf.py:4", FIRST_APPEARANCE);
  const text = (await errors.textContent()) ?? "";
  expect(text.split("gunicorn.conf.py:4").length - 1, text).toBe(1);
  await expect(errors).toContainText("문법 오류(SyntaxError)");
});

test("Gunicorn's access line keeps its leading space in the log panel", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(GUNICORN_LESSON);
  await waitForHydration(page);
  const holder = page.locator('[data-flow="hello_cju"]').first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  const line = flow.getByRole("listitem").filter({ hasText: "Gunicorn 접근 로그" }).locator("code");
  await expect(line).toBeVisible(FIRST_APPEARANCE);
  // innerText is the text as rendered: a collapsed leading space would be missing from it.
  const rendered = await line.evaluate((el) => (el as HTMLElement).innerText);
  expect(rendered).toMatch(/^ - - \[\d\d\/\w{3}\/\d{4}:/);
});

test("on a 360 px phone the inspector's headers fit, Date wraps between words, and the diagram sits with its controls", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const flow = await firstFlow(page, FIXTURE, true);
  await runPreset(page, flow, "앱으로 가는 요청");
  // nginx's answer compared with Gunicorn's: the three-part table that used to be clipped.
  await stepList(flow).getByRole("button", { name: /Nginx가 브라우저에 응답을 돌려줍니다/ }).click();
  const inspector = flow.getByRole("region", { name: "선택한 단계의 자세한 내용" });
  const table = inspector.getByRole("table").first();
  await table.scrollIntoViewIfNeeded();
  const fit = await inspector.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  const box = (await table.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  // Each word of the Date value sits on one line (a word broken across lines has two client rects).
  const date = inspector.getByRole("row", { name: /^Date/ }).locator("td code");
  const broken = await date.evaluate((el) => {
    const text = el.firstChild as Text;
    const out: string[] = [];
    let start = 0;
    for (const word of text.data.split(" ")) {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + word.length);
      if (range.getClientRects().length > 1) out.push(word);
      start += word.length + 1;
    }
    return out;
  });
  expect(broken).toEqual([]);

  // The diagram and its step controls fit on one screen below the sticky header.
  const diagram = flow.getByRole("group", { name: "요청이 지나가는 길" });
  await diagram.evaluate((el) => el.scrollIntoView({ block: "start" }));
  const headerBottom = await page.getByRole("banner").evaluate((el) => el.getBoundingClientRect().bottom);
  const top = (await diagram.boundingBox())!.y;
  const controls = (await flow.getByRole("toolbar").boundingBox())!;
  expect(controls.y + controls.height - top).toBeLessThanOrEqual(640 - Math.max(0, headerBottom));
});
