/**
 * Issue 14, the widgets as a student's eyes and hands meet them: widget styles stay inside their widget, the
 * terminal honours host and port, lesson keys never fire while reading, the editor types what is typed, tables
 * show that they scroll, completion needs the checks, the favicon exists, choices are shuffled but stable.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { attemptChallenges, attemptQuestions } from "./checks";
import { contrastProblems } from "./contrast";
import { lessonLinksFromHome, waitForHydration } from "./helpers";
import { seededShuffle } from "../components/widgets/shuffle";

const FIXTURE = "./learn/fixtures/widgets";

// Each test walks a widget through several steps on a production build; leave room on a loaded CI machine.
test.describe.configure({ timeout: 120_000 });

async function openPlayground(page: Page): Promise<Locator> {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(FIXTURE);
  await waitForHydration(page);
  await page.getByRole("heading", { name: "설정 실습" }).scrollIntoViewIfNeeded();
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  await expect(playground.getByRole("tablist")).toBeVisible();
  return playground;
}

/** Types into a terminal and waits for the command's entry to appear. */
async function run(terminal: Locator, command: string) {
  const input = terminal.getByRole("textbox", { name: "명령 입력" });
  await expect(input).toBeEnabled();
  const before = await terminal.getByRole("log").locator("pre").count();
  await input.fill(command);
  await input.press("Enter");
  await expect(terminal.getByRole("log").locator("pre")).not.toHaveCount(before);
  await expect(input).toBeEnabled();
}

test("no widget's CSS reaches into the flow widget a playground holds", async ({ page }) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const playground = await openPlayground(page);
    const flow = playground.getByRole("region", { name: /^요청 흐름:/ });
    await expect(flow.getByRole("button", { name: "보내기", exact: true })).toBeVisible();
    const leaks = await playground.evaluate((root) => {
      // The widgets module's class prefix, read from the playground's own class ("<hash>_playground").
      const own = [...root.classList].find((c) => c.endsWith("playground"));
      if (!own) return ["the playground has no module class"];
      const prefix = own.slice(0, own.length - "playground".length);
      const selectors: string[] = [];
      const collect = (rules: CSSRuleList) => {
        for (const rule of rules) {
          if (rule instanceof CSSStyleRule && rule.selectorText.includes(prefix)) selectors.push(rule.selectorText);
          if ("cssRules" in rule && (rule as CSSGroupingRule).cssRules) collect((rule as CSSGroupingRule).cssRules);
        }
      };
      for (const sheet of document.styleSheets) {
        try {
          collect(sheet.cssRules);
        } catch {
          // a cross-origin sheet: not ours
        }
      }
      const flowRoot = root.querySelector('[role=region][aria-label^="요청 흐름"]');
      if (!flowRoot) return ["no flow widget in the playground"];
      const hits: string[] = [];
      for (const el of [flowRoot, ...flowRoot.querySelectorAll("*")]) {
        for (const selector of selectors) {
          if (el.matches(selector)) hits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ← ${selector}`);
        }
      }
      return hits;
    });
    expect(leaks).toEqual([]);
    // And what that leak did: the send button is readable in both themes.
    const problems = (await contrastProblems(page)).filter((p) => p.control.includes("보내기"));
    expect(problems).toEqual([]);
  }
});

test("reached by 다음, the Gunicorn lesson has no colour-contrast violation once its playground mounts", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  const lessons = await lessonLinksFromHome(page);
  const at = lessons.findIndex((l) => l.href.endsWith("/gunicorn"));
  expect(at).toBeGreaterThan(0);
  await page.goto(lessons[at - 1].href);
  await waitForHydration(page);
  await page.getByRole("link", { name: /^다음/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lessons[at].title);
  const playground = page.getByRole("region", { name: /^설정 실습:/ });
  await playground.scrollIntoViewIfNeeded();
  await expect(playground.getByRole("region", { name: /^요청 흐름:/ }).getByRole("button", { name: "보내기", exact: true })).toBeVisible();
  const results = await new AxeBuilder({ page }).withRules(["color-contrast"]).include('[aria-label^="설정 실습"]').analyze();
  expect(results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`))).toEqual([]);
});

test.describe("the terminal", () => {
  test("honours host and port as curl 7.88 does, with its exit status", async ({ page }) => {
    await page.goto(FIXTURE);
    await waitForHydration(page);
    const terminal = page.getByRole("region", { name: "터미널: curl로 요청 보내기" });
    await terminal.scrollIntoViewIfNeeded();
    const log = terminal.getByRole("log");

    await run(terminal, "curl -v http://127.0.0.1:5000/");
    await expect(log).toContainText("* connect to 127.0.0.1 port 5000 failed: Connection refused");
    await expect(log).toContainText("curl: (7) Failed to connect to 127.0.0.1 port 5000 after 0 ms: Couldn't connect to server");
    await expect(log).not.toContainText("Connected to 127.0.0.1 port 5000");
    await run(terminal, "echo $?");
    await expect(log.locator("pre").last()).toHaveText("7");

    await run(terminal, "curl https://localhost/");
    await expect(log).toContainText("curl: (7) Failed to connect to localhost port 443 after 0 ms: Couldn't connect to server");
    await run(terminal, "curl http://nosuchhost.invalid/");
    await expect(log).toContainText("curl: (6) Could not resolve host: nosuchhost.invalid");

    await run(terminal, "curl -i http://localhost:80/health");
    await expect(log.locator("pre").last()).toContainText("HTTP/1.1 200 OK");
    await run(terminal, "echo $?");
    await expect(log.locator("pre").last()).toHaveText("0");

    // The newest output is in view: the screen is scrolled to its end once it overflows.
    for (let i = 0; i < 3; i++) await run(terminal, "curl -v http://localhost/hello/cju");
    const screen = terminal.getByTestId("terminal-screen");
    const { top, height, total } = await screen.evaluate((el) => ({ top: el.scrollTop, height: el.clientHeight, total: el.scrollHeight }));
    expect(total).toBeGreaterThan(height);
    expect(top + height).toBeGreaterThanOrEqual(total - 2);
  });

  test("on a phone, example commands run with a tap", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(FIXTURE);
    await waitForHydration(page);
    const terminal = page.getByRole("region", { name: "터미널: curl로 요청 보내기" });
    await terminal.scrollIntoViewIfNeeded();
    const examples = terminal.getByRole("group", { name: /예시 명령/ });
    const example = examples.getByRole("button", { name: "curl -v http://127.0.0.1:5000/" });
    await expect(example).toBeInViewport();
    const box = (await example.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(32);
    await example.tap();
    await expect(terminal.getByRole("log")).toContainText("curl: (7) Failed to connect to 127.0.0.1 port 5000");
    await context.close();
  });

  test("inside a ConfigPlayground it runs against the edited files", async ({ page }) => {
      const playground = await openPlayground(page);
    const original = await playground.getByRole("tabpanel").locator("pre").innerText();
    await playground.getByRole("button", { name: "편집하기" }).click();
    const editor = playground.locator(".cm-content");
    await editor.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(original.replace("listen 80;", "listen 8080;"));
    const terminal = playground.getByRole("region", { name: "터미널: 편집한 설정에 curl 보내기" });
    await run(terminal, "curl -i http://localhost:8080/health");
    await expect(terminal.getByRole("log").locator("pre").last()).toContainText("HTTP/1.1 200 OK");
    await run(terminal, "curl http://localhost/health");
    await expect(terminal.getByRole("log")).toContainText("curl: (7) Failed to connect to localhost port 80 after 0 ms");
    await page.evaluate(() => localStorage.clear());
  });
});

test("reading keys scroll; lesson keys are Alt+→/Alt+← and J/K, and the page says so", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  const lessons = await lessonLinksFromHome(page);
  const [first, second] = lessons;
  await page.goto(first.href);
  await waitForHydration(page);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(page.getByText("Alt+→ 또는 J는 다음 레슨")).toBeVisible();

  // PageDown scrolls the lesson. On a loaded machine a press can land before the page settles (and be undone by
  // its first scroll to the top), so the press is repeated until the page has scrolled: a PageDown that never
  // scrolls, or one that changes the lesson, still fails below.
  await expect
    .poll(async () => {
      await page.keyboard.press("PageDown");
      return page.evaluate(() => window.scrollY);
    })
    .toBeGreaterThan(100);
  await expect(heading).toHaveText(first.title);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(heading).toHaveText(first.title);
  await expect(page).toHaveURL(new RegExp(`${first.href}$`));

  await page.keyboard.press("Alt+ArrowRight");
  await expect(heading).toHaveText(second.title);
  await page.keyboard.press("k");
  await expect(heading).toHaveText(first.title);
  await page.keyboard.press("j");
  await expect(heading).toHaveText(second.title);
});

test("the editor types what the student types: no auto-closed { ( or quotes", async ({ page }) => {
  const playground = await openPlayground(page);
  await playground.getByRole("button", { name: "편집하기" }).click();
  const editor = playground.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+End");
  const typed = '\nupstream app {\n    server unix:/run/gunicorn.sock;\n}\n';
  await page.keyboard.type(typed);
  const text = await editor.evaluate((el) => (el as HTMLElement).innerText);
  expect(text.split("{").length).toBe(text.split("}").length);
  expect(text).toContain("upstream app {\n    server unix:/run/gunicorn.sock;\n}");

  await playground.getByRole("tab", { name: /app\.py/ }).click();
  await playground.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\nprint("a")\n');
  await expect(playground.locator(".cm-content")).toContainText('print("a")');
  const python = await playground.locator(".cm-content").evaluate((el) => (el as HTMLElement).innerText);
  expect(python).not.toContain('print("a")")');
  expect(python).not.toContain('print("a"))');
  await page.evaluate(() => localStorage.clear());
});

test("on a phone a table either fits or says it scrolls, pinning a narrow key column; words never break", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const lessons = await lessonLinksFromHome(page);
  let pinned = 0;
  let whole = 0;
  for (const path of lessons.filter((l) => /static-files|compare|\/http$|\/wsgi$/.test(l.href)).map((l) => l.href)) {
    await page.goto(path);
    await waitForHydration(page);
    const wraps = page.locator(".prose .table-wrap");
    for (let i = 0; i < (await wraps.count()); i++) {
      const wrap = wraps.nth(i);
      await wrap.scrollIntoViewIfNeeded();
      const fits = await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      if (fits) continue;
      await expect(wrap.locator("xpath=preceding-sibling::p[1]")).toContainText("옆으로 밀어");
      const box = (await wrap.boundingBox())!;
      const keyCell = wrap.locator("tr").nth(1).locator("th, td").first();
      const keyWidth = (await keyCell.boundingBox())!.width;
      if ((await wrap.getAttribute("data-pin")) === null) {
        // Not pinned: the key column is too wide to leave room for the rest, so the table scrolls as a whole.
        whole++;
        expect(keyWidth, `${path} table ${i + 1}: a narrow key column should be pinned`).toBeGreaterThan(box.width * 0.45);
        continue;
      }
      pinned++;
      expect(keyWidth, `${path} table ${i + 1}: the pinned key column leaves no room to scroll`).toBeLessThanOrEqual(box.width * 0.45 + 1);
      await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      const key = (await keyCell.boundingBox())!;
      expect(key.x, `${path} table ${i + 1}: key column scrolled away`).toBeGreaterThanOrEqual(box.x - 1);
      expect(key.x + key.width).toBeLessThanOrEqual(box.x + box.width);
    }
    // The lesson's table cells wrap between words only: "2xx", "범위" or "Forbidden" never break in the middle.
    const split = await page.locator(".prose .table-wrap > table").evaluateAll((tables) => {
      const out: string[] = [];
      for (const cell of tables.flatMap((t) => Array.from(t.querySelectorAll("th, td")))) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of (node.textContent ?? "").matchAll(/[\p{L}\p{N}]+/gu)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
            if (lines.size > 1) out.push(word[0]);
          }
        }
      }
      return out;
    });
    expect(split, `${path}: words broken across lines in a table`).toEqual([]);
  }
  expect(pinned, "no lesson table pins its key column at 360 px; this test then checks little").toBeGreaterThan(0);
  expect(whole, "no lesson table with a wide key column at 360 px; this test then checks little").toBeGreaterThan(0);
});

test("a widget's title sits at the top of its box: the lesson's heading margins stay out", async ({ page }) => {
  for (const path of [FIXTURE, "./learn/wsgi-gateways/classroom-load"]) {
    await page.goto(path);
    await waitForHydration(page);
    const titles = page.locator("main :is([data-quiz], [data-predict], [data-challenge], [data-load-lab-slot] section) > h3");
    expect(await titles.count()).toBeGreaterThan(1);
    for (const title of await titles.all()) {
      const gap = await title.evaluate((h) => h.getBoundingClientRect().top - h.parentElement!.getBoundingClientRect().top);
      expect(gap, `${path}: "${await title.textContent()}" starts ${gap}px below its box's edge`).toBeLessThanOrEqual(24);
    }
  }
});

test("the load lab's fields show their whole text at 1280 and 360 px", async ({ page }) => {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("./learn/wsgi-gateways/classroom-load");
    await waitForHydration(page);
    const lab = page.locator("[data-load-lab='one-worker']");
    await page.locator("[data-load-lab-slot='one-worker']").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await expect(lab.getByRole("combobox").first()).toBeVisible({ timeout: 30_000 });
    const problems = await lab.evaluate((root) => {
      const out: string[] = [];
      const ctx = document.createElement("canvas").getContext("2d")!;
      for (const select of root.querySelectorAll("select")) {
        const style = getComputedStyle(select);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = select.selectedOptions[0]?.text ?? "";
        // Room for the text: the box less its padding and the drop-down arrow (about 20 px).
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        if (ctx.measureText(text).width > room) out.push(`select "${text}" clipped: ${Math.round(ctx.measureText(text).width)} > ${Math.round(room)}`);
      }
      for (const label of root.querySelectorAll("label > span")) {
        const range = document.createRange();
        range.selectNodeContents(label);
        const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (lines.size > 1) out.push(`label "${label.textContent}" wraps onto ${lines.size} lines`);
      }
      return out;
    });
    expect(problems, `${width}px`).toEqual([]);
  }
});

test("on a phone the load lab's timeline names every lane in full", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("./learn/wsgi-gateways/classroom-load");
  await waitForHydration(page);
  await page.locator("[data-load-lab-slot='threads-side-by-side']").evaluate((el) => el.scrollIntoView({ block: "start" }));
  const lab = page.locator("[data-load-lab='threads-side-by-side']");
  await lab.getByRole("button", { name: /^학생 \d+명이 보내기$/ }).click();
  const timelines = lab.getByRole("img", { name: /^타임라인/ });
  await expect(timelines).toHaveCount(2, { timeout: 30_000 });
  const labels = await timelines.evaluateAll((els) =>
    els.flatMap((el) => Array.from(el.querySelectorAll(":scope > div > span:first-child"), (s) => ({ text: s.textContent ?? "", cut: s.scrollWidth > s.clientWidth + 1 }))),
  );
  // "워커 1 · 스레드 0" … "워커 3 · 스레드 3": twelve Gunicorn lanes, four uWSGI cores, each queue.
  expect(labels.filter((l) => /스레드|코어/.test(l.text)).length).toBeGreaterThanOrEqual(16);
  expect(labels.filter((l) => l.cut).map((l) => l.text)).toEqual([]);
});

test("code editors keep every token readable in dark mode (CodeMirror's own colours are for a white page)", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("./learn/introduction/welcome");
  await waitForHydration(page);
  const challenge = page.locator("[data-challenge]").first();
  await challenge.evaluate((el) => el.scrollIntoView({ block: "start" }));
  const editor = challenge.locator(".cm-content");
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.evaluate((el) => el.scrollIntoView({ block: "start" }));
  // The Python file is highlighted: keywords, names and strings each in a colour of their own.
  await expect.poll(() => editor.evaluate((el) => new Set(Array.from(el.querySelectorAll("span"), (s) => getComputedStyle(s).color)).size)).toBeGreaterThan(3);
  const problems = (await contrastProblems(page)).filter((p) => p.control.includes("role=textbox"));
  expect(problems).toEqual([]);
});

test("/favicon.ico exists", async ({ page, request }) => {
  const response = await request.get("./favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\//);
  await page.goto("./");
  await expect(page.locator('link[rel~="icon"]').first()).toHaveAttribute("href", /favicon\.ico/);
});

test("a lesson is complete only when its questions and challenges were attempted, and the completion page shows both", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  const lessons = await lessonLinksFromHome(page);
  const first = lessons[0];
  await page.goto(first.href);
  await waitForHydration(page);
  const sidebar = page.getByRole("navigation", { name: "레슨 목록" });
  await page.getByRole("button", { name: "완료", exact: true }).scrollIntoViewIfNeeded();
  await page.keyboard.press("End");
  const status = page.getByText(/이 레슨의 확인 문제와 도전 과제 \d+개 중 \d+개를 해 보았습니다/);
  await expect(status).toContainText(/ 0개를/);
  await expect(page.getByRole("button", { name: "완료", exact: true })).toBeDisabled();
  await expect(sidebar).toContainText(`0 / ${lessons.length} 레슨 완료`);

  // Questions alone do not finish a lesson that has a challenge: its check is on the challenge's root.
  const challenges = await page.locator("[data-challenge]").count();
  expect(challenges).toBeGreaterThan(0);
  await expect(page.locator("[data-challenge]").first()).toHaveAttribute("data-lesson-check", /^challenge:/);
  await attemptQuestions(page);
  const total = Number(/(\d+)개 중/.exec((await status.textContent()) ?? "")?.[1]);
  await expect(status).toContainText(`${total}개 중 ${total - challenges}개를`);
  await expect(page.getByRole("button", { name: "완료", exact: true })).toBeDisabled();
  await expect(sidebar).toContainText(`0 / ${lessons.length} 레슨 완료`);

  // A failed try counts as an attempt (the files as they start do not reach the goal).
  await attemptChallenges(page);
  await expect(page.getByRole("button", { name: "✓ 완료한 레슨" })).toBeVisible();
  await expect(sidebar).toContainText(`1 / ${lessons.length} 레슨 완료`);

  await page.goto("./complete");
  await waitForHydration(page);
  const scores = page.getByTestId("lesson-score");
  await expect(scores.first()).toHaveText(new RegExp(`^확인 문제 점수: \\d+점 중 \\d+점 · 도전 과제: ${challenges}개 중 0개 해결$`));
  await expect(scores.nth(1)).toHaveText("아직 푼 확인 문제나 도전 과제가 없습니다.");
});

test("a load lab's goal is a lesson check: running it counts, and the completion page shows it as a challenge", async ({ page }) => {
  await page.goto("./learn/wsgi-gateways/classroom-load");
  await waitForHydration(page);
  const lab = page.locator('[data-load-lab-slot="challenge-two-cores"]');
  await expect(lab).toHaveAttribute("data-lesson-check", "load:challenge-two-cores");
  await expect(page.locator('[data-load-lab-slot="one-worker"]')).toHaveAttribute("data-lesson-check", "load-predict:one-worker");
  const status = page.getByText(/이 레슨의 확인 문제와 도전 과제 \d+개 중 \d+개를 해 보았습니다/);
  await expect(status).toContainText(/ 0개를/);
  const total = Number(/(\d+)개 중/.exec((await status.textContent()) ?? "")?.[1]);

  await lab.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await lab.getByRole("button", { name: /^학생 \d+명이 보내기$/ }).click();
  // One sync worker (the scenario as it is) does not reach the goal.
  await expect(lab.getByRole("status")).toContainText("아직입니다.");
  await expect(status).toContainText(`${total}개 중 1개를`);

  await page.goto("./complete");
  await waitForHydration(page);
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "한 반이 동시에 접속하면", exact: true }) }).getByTestId("lesson-score")).toHaveText("도전 과제: 1개 중 0개 해결");
});

test("quiz and predict choices are shown in their seeded order, the same on every load", async ({ page }) => {
  // As the fixture lesson lists them; the right answers are "Nginx" and "404". How the seeded order spreads the
  // course's right answers over the places is checked over every quiz in lib/course-check/lessons.test.ts.
  const quizAuthored = ["Nginx", "Gunicorn", "Flask 앱"];
  const predictAuthored = ["200", "404", "502"];
  const shown = async () => ({
    quiz: (await page.locator("[data-quiz=fixture-quiz] label").allInnerTexts()).map((t) => t.trim()),
    predict: (await page.locator("[data-predict=fixture-predict] [role=radio]").allInnerTexts()).map((t) => t.trim()),
  });
  await page.goto(FIXTURE);
  await waitForHydration(page);
  const first = await shown();
  expect(first).toEqual({ quiz: seededShuffle(quizAuthored, "quiz:fixture-quiz:0"), predict: seededShuffle(predictAuthored, "predict:fixture-predict") });
  expect(first.quiz).not.toEqual(quizAuthored);
  expect(first.predict).not.toEqual(predictAuthored);
  await page.reload();
  await waitForHydration(page);
  expect(await shown()).toEqual(first);
});
