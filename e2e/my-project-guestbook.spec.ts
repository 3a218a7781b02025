/**
 * The bring-your-own-project page with a real-world app (issue 16): the app_guestbook scenario's own files (app.py,
 * templates/ with inheritance, static/) chosen as a student's folder, a session login with flash sent through the
 * terminal's curl and the request-flow widget, and what the student sees compared with what the REAL nginx +
 * Gunicorn / uWSGI + Flask answered to the same files (conformance/recordings/app_guestbook, read here, never
 * retyped).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parseResponse } from "../conformance/http-response";
import { parseRecording } from "../conformance/recording";
import { waitForHydration } from "./helpers";

test.describe.configure({ timeout: 120_000 });
const FIRST_APPEARANCE = { timeout: 20_000 };
const ROOT = path.join(import.meta.dirname, "..");
const SCENARIO = path.join(ROOT, "content", "scenarios", "app_guestbook");

interface Recorded {
  statusLine: string;
  header(name: string): string | undefined;
  body: string;
  /** The request as sent (its Cookie header included). */
  request: string;
}

/** One recorded answer of the real chain: conformance/recordings/app_guestbook/<gateway>/<id>.txt. */
function recorded(gateway: "gunicorn" | "uwsgi", id: string): Recorded {
  const rec = parseRecording(new Uint8Array(readFileSync(path.join(ROOT, "conformance", "recordings", "app_guestbook", gateway, `${id}.txt`))));
  if (!rec) throw new Error(`${gateway}/${id} is not a recording`);
  const response = parseResponse(rec.response);
  return {
    statusLine: response.statusLine,
    header: (name) => response.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1],
    body: new TextDecoder().decode(response.body),
    request: readFileSync(path.join(ROOT, "conformance", "corpus", "app_guestbook", `${id}.http`), "utf8"),
  };
}

/** A Flask session cookie's payload (before the timestamp and signature, which depend on the moment of signing). */
function payload(text: string): string {
  const value = /session=([^;\s]+)/.exec(text)?.[1];
  if (!value) throw new Error(`no session cookie in: ${text.slice(0, 200)}`);
  return value.split(".").slice(0, -2).join(".");
}

let folder: string;
test.beforeAll(() => {
  // Exactly the scenario's app files, as a student's project folder (the page lays them over the lesson's configs).
  folder = path.join(mkdtempSync(path.join(tmpdir(), "guestbook-e2e-")), "guestbook");
  for (const part of ["app.py", "templates", "static"]) cpSync(path.join(SCENARIO, part), path.join(folder, part), { recursive: true });
});
test.afterAll(() => rmSync(path.dirname(folder), { recursive: true, force: true }));

async function chooseFolder(page: Page) {
  await page.goto("./my-project");
  await waitForHydration(page);
  await page.getByTestId("project-folder-input").setInputFiles(folder);
  const count = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  await expect(page.getByTestId("project-summary").getByRole("status")).toHaveText(`파일 ${count}개를 읽었습니다.`);
}

/** Run one command in the terminal; returns the text of what it printed. */
async function curl(page: Page, command: string): Promise<string> {
  const terminal = page.getByRole("region", { name: /^터미널/ });
  const before = await terminal.getByTestId("terminal-screen").locator("pre").count();
  const input = terminal.getByRole("textbox", { name: "명령 입력" });
  await input.fill(command);
  await input.press("Enter");
  const printed = terminal.getByTestId("terminal-screen").locator("pre");
  await expect.poll(async () => (await printed.count()) > before + 1, FIRST_APPEARANCE).toBe(true);
  return (await printed.last().textContent()) ?? "";
}

test("a dropped guestbook (templates + session login + flash) answers what the real chain answered", async ({ page }) => {
  await chooseFolder(page);
  const routes = page.getByTestId("route-list");
  for (const rule of ["/login", "/write", "/logout"]) await expect(routes).toContainText(rule, FIRST_APPEARANCE);

  // 1. A fresh browser: the page rendered from index.html extending base.html.
  const home = recorded("gunicorn", "001-home-anonymous");
  const first = await curl(page, "curl -i http://localhost/");
  expect(first.startsWith(home.statusLine)).toBe(true);
  expect(first).toContain(`Vary: ${home.header("Vary")}`);
  expect(first.endsWith(home.body)).toBe(true);

  // 2. Log in: the session cookie Flask signs holds what the real Flask put in it, and the same redirect page.
  const login = recorded("gunicorn", "003-login");
  const loggedIn = await curl(page, "curl -i -c jar.txt -d nickname=하늘 http://localhost/login");
  expect(loggedIn.startsWith(login.statusLine)).toBe(true);
  expect(loggedIn).toContain(`Location: ${login.header("Location")}`);
  expect(loggedIn.endsWith(login.body)).toBe(true);
  const sessionCookie = /Set-Cookie: (session=[^\r\n]*)/.exec(loggedIn)?.[1] ?? "";
  expect(payload(sessionCookie)).toBe(payload(login.header("Set-Cookie") ?? ""));

  // 3. The next request carries the cookie: the flash message once, as the real chain showed it for that session.
  const welcome = recorded("gunicorn", "005-home-welcome");
  expect(payload(welcome.request)).toBe(payload(login.header("Set-Cookie") ?? ""));
  const after = await curl(page, "curl -i -b jar.txt http://localhost/");
  expect(after.startsWith(welcome.statusLine)).toBe(true);
  expect(after.endsWith(welcome.body)).toBe(true);
  expect(payload(/Set-Cookie: (session=[^\r\n]*)/.exec(after)?.[1] ?? "")).toBe(payload(welcome.header("Set-Cookie") ?? ""));

  // 4. The request-flow widget: the stylesheet straight from nginx, the login page from the app.
  const flow = page.getByRole("region", { name: /^요청 흐름: 내 프로젝트/ });
  const presets = flow.getByRole("group", { name: "미리 준비된 요청" });
  const css = recorded("gunicorn", "011-static-css");
  await presets.getByRole("button", { name: "GET /static/guestbook.css", exact: true }).click(FIRST_APPEARANCE);
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", css.statusLine.split(" ")[1]!, FIRST_APPEARANCE);
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-responder", "nginx");
  const form = recorded("gunicorn", "002-login-form");
  await presets.getByRole("button", { name: "GET /login", exact: true }).click();
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", form.statusLine.split(" ")[1]!, FIRST_APPEARANCE);
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-responder", "app");
  await flow.getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow).toContainText("<h1>로그인</h1>");
  await expect(flow).toContainText("<title>로그인 - 방명록</title>");

  // 5. Under uWSGI: a one-letter nickname is refused with a flash, as the real uWSGI chain answered.
  await page.getByRole("radiogroup", { name: "게이트웨이" }).first().getByRole("radio", { name: "uWSGI" }).click();
  await expect(page.getByTestId("config-edit")).toHaveText("module = app:app");
  const short = recorded("uwsgi", "004-login-short");
  const refused = await curl(page, "curl -i -d nickname=a http://localhost/login");
  expect(refused.startsWith(short.statusLine)).toBe(true);
  expect(refused).toContain(`Location: ${short.header("Location")}`);
  expect(refused.endsWith(short.body)).toBe(true);
  expect(payload(/Set-Cookie: (session=[^\r\n]*)/.exec(refused)?.[1] ?? "")).toBe(payload(short.header("Set-Cookie") ?? ""));
});

test("an example project loaded from the list answers what the real chain answered to it", async ({ page }) => {
  await page.goto("./my-project");
  await waitForHydration(page);
  const examples = page.getByRole("form", { name: "예제 프로젝트 불러오기" });
  await examples.getByLabel("예제 프로젝트").selectOption({ label: "매크로로 그리는 마크다운 메모장" });
  await expect(examples.getByTestId("example-summary")).toContainText("macros.html");
  await examples.getByRole("button", { name: "불러오기" }).click();
  const files = readdirSync(path.join(ROOT, "content", "scenarios", "app_notes", "templates")).length + 1;
  await expect(page.getByTestId("project-summary").getByRole("status")).toHaveText(`예제 app_notes의 파일 ${files}개를 읽었습니다.`);
  await expect(page.getByTestId("route-list")).toContainText("/notes/<int:note_id>", FIRST_APPEARANCE);

  const rec = parseRecording(new Uint8Array(readFileSync(path.join(ROOT, "conformance", "recordings", "app_notes", "gunicorn", "003-note-escaped.txt"))));
  const note = parseResponse(rec!.response);
  const printed = await curl(page, "curl -i http://localhost/notes/2");
  expect(printed.startsWith(note.statusLine)).toBe(true);
  expect(printed.endsWith(new TextDecoder().decode(note.body))).toBe(true);
});
