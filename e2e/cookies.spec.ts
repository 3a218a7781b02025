/**
 * Cookies between requests (issue 16): the request-flow widget keeps a scenario's cookies as a browser does, and
 * the terminal's curl writes them with -c and sends them with -b, on the board_session scenario (login + flash).
 */
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test.describe.configure({ timeout: 90_000 });
const FIRST_APPEARANCE = { timeout: 20_000 };
const PAGE = "./learn/fixtures/cookies";

test("the flow widget sends the session cookie it received with the next request", async ({ page }) => {
  await page.goto(PAGE);
  await waitForHydration(page);
  const holder = page.locator("[data-flow]").first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  const login = flow.getByRole("button", { name: "로그인", exact: true });
  await expect(login).toBeEnabled(FIRST_APPEARANCE);
  await login.click();
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "302", FIRST_APPEARANCE);
  await expect(flow.getByTestId("flow-cookies")).toContainText("session");

  await flow.getByRole("button", { name: "첫 화면" }).click();
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
  // The last step is the page the browser received: the flash message and the name came back with the cookie.
  await flow.getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow).toContainText("김철수님, 환영합니다.");
  await expect(flow).toContainText("김철수님의 메모");

  // Forgetting the cookies is a fresh browser: the login form again.
  await flow.getByRole("button", { name: "쿠키 지우기" }).click();
  await expect(flow.getByTestId("flow-cookies")).toHaveCount(0);
  await flow.getByRole("button", { name: "첫 화면" }).click();
  await flow.getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow).toContainText("로그인</button>");
});

test("curl -c saves the cookies to a file that the next curl -b sends", async ({ page }) => {
  await page.goto(PAGE);
  await waitForHydration(page);
  const terminal = page.getByRole("region", { name: "터미널: curl로 요청 보내기" });
  await terminal.scrollIntoViewIfNeeded();
  const input = terminal.getByRole("textbox", { name: "명령 입력" });
  const screen = terminal.getByTestId("terminal-screen");
  await expect(input).toHaveValue("curl -c cookies.txt -d name=kim http://localhost/login");
  await terminal.getByRole("button", { name: "실행" }).click();
  await expect(screen).toContainText("Redirecting...", FIRST_APPEARANCE);

  await terminal.getByRole("button", { name: "cat cookies.txt" }).click();
  await expect(screen).toContainText("# Netscape HTTP Cookie File");
  await expect(screen).toContainText(/#HttpOnly_localhost\tFALSE\t\/\tFALSE\t\d+\tsession\t/);

  await input.fill("curl -v -b cookies.txt http://localhost/");
  await input.press("Enter");
  await expect(screen).toContainText("> Cookie: session=");
  await expect(screen).toContainText("kim님, 환영합니다.");
});
