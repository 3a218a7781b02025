import { expect, test, type Browser, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";
import { josa } from "../lib/chain/korean";

/**
 * A class in one run: an instructor creates it, three students (each their own browser) join with the code,
 * the dashboard updates as they answer, "follow me" moves their pages, a class Predict shows the live histogram
 * before the reveal, a stuck challenge shows, and deleting the class ends the students' class mode.
 */
async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test("an instructor runs a class: join, dashboard, follow me, class Predict, delete", async ({ browser }, info) => {
  test.setTimeout(240_000);
  const baseURL = info.project.use.baseURL;
  const teacher = await newPage(browser, baseURL);
  await teacher.goto("class");
  await waitForHydration(teacher);
  await teacher.getByLabel("반 이름").fill("e2e 1반");
  await teacher.getByRole("button", { name: "새 반 만들기" }).click();
  const codeBox = teacher.locator("[data-class-code]");
  await expect(codeBox).toHaveText(/^[A-Z0-9]{6}$/);
  // The secret is taken out of the address bar (it may be on a projector).
  await expect(teacher).toHaveURL(/\/class\/teach$/);
  const code = (await codeBox.textContent())!;

  const nicknames = ["다람쥐", "너구리", "고라니"];
  const students: Page[] = [];
  for (const nickname of nicknames) {
    const page = await newPage(browser, baseURL);
    await page.goto("class");
    await waitForHydration(page);
    await page.getByLabel("반 코드").fill(code.toLowerCase());
    await page.getByLabel(/^별명/).fill(nickname);
    await page.getByRole("button", { name: "반에 참여하기" }).click();
    await expect(page.locator("[data-joined]")).toContainText(nickname);
    await page.getByRole("link", { name: "코스로 가기" }).click();
    await expect(page.locator("[data-class-bar]")).toContainText("연결됨");
    students.push(page);
  }
  await expect(teacher.getByRole("heading", { name: "참여한 학생 (3명)" })).toBeVisible();
  await expect(teacher.getByRole("list", { name: "참여한 학생" })).toHaveText(nicknames.join(""));

  // Follow me: the instructor opens a lesson in another tab of the same browser; the students' pages move there.
  const lesson = await teacher.context().newPage();
  await lesson.goto("learn/fixtures/widgets");
  await expect(lesson.locator("[data-teach-bar]")).toContainText(code);
  // A chain of steps (the instructor's page hydrates and reports, the server pushes, each student's page loads).
  for (const page of students) await expect(page).toHaveURL(/\/learn\/fixtures\/widgets/, { timeout: 20_000 });
  await expect(teacher.locator('[data-lesson="fixtures/widgets"]')).toContainText("3명");
  await expect(teacher.locator("[data-follow-at]")).toContainText("위젯 모음");

  // A quiz answered by one student shows in the dashboard's distribution.
  const quiz = students[0]!.locator("[data-quiz]");
  for (const question of await quiz.getByRole("group").all()) await question.getByRole("radio").first().check();
  await quiz.getByRole("button", { name: "채점하기" }).click();
  await expect(teacher.locator('[data-question="quiz:fixture-quiz#0"] li[data-count="1"]')).toHaveCount(1);
  // The dashboard names the question in the lesson's own words.
  await expect(teacher.locator('[data-question="quiz:fixture-quiz#0"] h4')).toContainText("퀴즈: 정적 파일을 디스크에서 바로 보내는 것은 누구일까요?");

  // The class Predict: opened by the instructor, answered by the students, a live histogram before the reveal.
  const teacherPredict = lesson.locator('[data-predict="fixture-predict"]');
  await teacherPredict.getByRole("button", { name: "반 전체에 열기" }).click();
  const votes = ["404", "404", "200"];
  for (const [i, page] of students.entries()) {
    const predict = page.locator('[data-predict="fixture-predict"]');
    await expect(predict).toContainText("강사가 반 전체에 연 예측입니다");
    await expect(predict.getByRole("button", { name: "공개를 기다리는 중" })).toBeDisabled();
    await predict.getByRole("radio", { name: votes[i], exact: true }).click();
    await expect(predict).toContainText(`내 예측 ${votes[i]}${josa(votes[i], "을/를")} 보냈습니다`);
  }
  await expect(teacherPredict.locator('li[data-answer="404"]')).toHaveAttribute("data-count", "2");
  await expect(teacherPredict.locator('li[data-answer="200"]')).toHaveAttribute("data-count", "1");
  await expect(teacher.locator('[data-class-predict] li[data-answer="404"]')).toHaveAttribute("data-count", "2");
  await teacherPredict.getByRole("button", { name: "공개하고 실행" }).click();
  await expect(teacherPredict).toContainText("실제 결과는 404입니다");
  const first = students[0]!.locator('[data-predict="fixture-predict"]');
  await first.getByRole("button", { name: "실행해서 확인하기" }).click();
  await expect(first).toContainText("맞았습니다!");
  await expect(first.getByRole("list", { name: "반 전체 예측" })).toContainText("404");
  await expect(teacher.locator('[data-question="predict:fixture-predict"] li[data-answer="404"]')).toHaveAttribute("data-count", "1");

  // A student who stops following stays; one who tries a challenge without solving it shows as stuck.
  const stuck = students[2]!;
  await stuck.locator("[data-class-bar]").getByLabel("강사 따라가기").uncheck();
  await stuck.goto("learn/web-server/locations");
  const challenge = stuck.locator('[data-challenge="docs-prefix"]');
  await challenge.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await expect(challenge.locator(".cm-content")).toBeVisible({ timeout: 30_000 });
  await challenge.getByRole("button", { name: "확인하기" }).click();
  await expect(teacher.locator('[data-challenge="challenge:docs-prefix"]')).toContainText(/0명\s*1명\s*1번/);
  await expect(teacher.locator('[data-challenge="challenge:docs-prefix"]')).toContainText("도전 과제: /docs/logo.svg 요청을 정규식이 아니라 /docs/ 접두사 location이 맡게 만드세요.");

  await lesson.goto("learn/introduction/welcome");
  await expect(students[1]!).toHaveURL(/\/learn\/introduction\/welcome/, { timeout: 20_000 });
  await expect(stuck).toHaveURL(/\/learn\/web-server\/locations/);

  // Deleting the class: the students' pages leave class mode.
  teacher.once("dialog", (dialog) => void dialog.accept());
  await teacher.getByRole("button", { name: "반과 기록 삭제" }).click();
  await expect(teacher.getByRole("link", { name: "반 페이지" })).toBeVisible();
  await expect(students[1]!.locator("[data-class-bar]")).toHaveCount(0);
});

test("a class deleted from another browser: the instructor's bar says so in Korean and stops broadcasting", async ({ browser }, info) => {
  const teacher = await newPage(browser, info.project.use.baseURL);
  await teacher.goto("class");
  await waitForHydration(teacher);
  await teacher.getByLabel("반 이름").fill("e2e 삭제반");
  await teacher.getByRole("button", { name: "새 반 만들기" }).click();
  await expect(teacher.locator("[data-class-code]")).toHaveText(/^[A-Z0-9]{6}$/);
  const session = await teacher.evaluate(() => JSON.parse(localStorage.getItem("wsgi-journey:teach:v1")!) as { code: string; secret: string });

  const lesson = await teacher.context().newPage();
  await lesson.goto("learn/introduction/welcome");
  await expect(lesson.locator("[data-teach-bar]")).toContainText(session.code);
  // The instructor deletes the class on another machine (its own browser, the same secret).
  const other = await browser.newContext({ baseURL: info.project.use.baseURL });
  const deleted = await other.request.delete("api/class", { headers: { "x-class-code": session.code, "x-class-secret": session.secret } });
  expect(deleted.status()).toBe(200);
  await other.close();
  // The next lesson this browser opens is broadcast; the server no longer knows the class.
  await lesson.goto("learn/server-and-http/http");
  const bar = lesson.locator("[data-teach-bar]");
  await expect(bar.getByRole("alert")).toContainText(new RegExp(`반 ${session.code}[이가] 서버에 없습니다`));
  await bar.getByRole("button", { name: "강사 모드 끝내기" }).click();
  await expect(lesson.locator("[data-teach-bar]")).toHaveCount(0);
});
