/**
 * The bring-your-own-project page (issue 16): a student's folder chosen through the directory input, its URL map,
 * a route answered by the app through Gunicorn and through uWSGI, a static file answered by nginx, what was left
 * out, and a broken app.py shown as the real chain shows it (traceback in the gateway's log, nginx's 502).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

test.describe.configure({ timeout: 120_000 });
const FIRST_APPEARANCE = { timeout: 20_000 };

const APP = `from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def index():
    return "my board\\n"


@app.route("/users/<int:user_id>")
def user(user_id):
    return jsonify(id=user_id, name=f"student{user_id}")
`;

const BROKEN = `from flask import Flask

app = Flask(__name__)
print(undefined_name)
`;

let root: string;
test.beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "my-project-e2e-"));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write("board/app.py", APP);
  write("board/static/style.css", "body { color: #333; }\n");
  write("board/venv/pyvenv.cfg", "home = /usr/bin\n");
  write("board/__pycache__/app.cpython-311.pyc", "\0\0");
  write("broken/app.py", BROKEN);
  write("unsupported/app.py", "from flask import Flask\nimport requests\n\napp = Flask(__name__)\n");
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

async function openPage(page: Page) {
  await page.goto("./my-project");
  await waitForHydration(page);
}

async function choose(page: Page, folder: string) {
  await page.getByTestId("project-folder-input").setInputFiles(path.join(root, folder));
  await expect(page.getByTestId("project-summary")).toBeVisible();
}

const flow = (page: Page) => page.getByRole("region", { name: /^요청 흐름: 내 프로젝트/ });

async function send(page: Page, label: string): Promise<Locator> {
  const widget = flow(page);
  await widget.getByRole("group", { name: "미리 준비된 요청" }).getByRole("button", { name: label, exact: true }).click(FIRST_APPEARANCE);
  await expect(widget.getByRole("button", { name: "보내기", exact: true })).toBeEnabled(FIRST_APPEARANCE);
  return widget.getByTestId("flow-outcome");
}

test("a folder's routes answered by the app through Gunicorn and uWSGI, its static file by nginx", async ({ page }) => {
  await openPage(page);
  await choose(page, "board");
  await expect(page.getByTestId("project-summary").getByRole("status")).toHaveText("파일 2개를 읽었습니다, 2개는 뺐습니다.");
  await page.getByText("뺀 파일 (2개)").click();
  await expect(page.getByTestId("project-summary")).toContainText("venv/ 디렉터리");

  const routes = page.getByTestId("route-list");
  await expect(routes).toContainText("/users/<int:user_id>", FIRST_APPEARANCE);
  await expect(routes).toContainText("GET /users/1");
  await expect(routes).toContainText("/static/<path:filename>");
  await expect(page.getByTestId("config-edit")).toHaveText('wsgi_app = "app:app"');

  const viaGunicorn = await send(page, "GET /users/1");
  await expect(viaGunicorn).toHaveAttribute("data-status", "200");
  await expect(viaGunicorn).toHaveAttribute("data-responder", "app");
  const terminal = page.getByRole("region", { name: /^터미널/ });
  await terminal.getByRole("textbox", { name: "명령 입력" }).fill("curl -i http://localhost/users/7");
  await terminal.getByRole("textbox", { name: "명령 입력" }).press("Enter");
  await expect(terminal.getByTestId("terminal-screen")).toContainText('{"id":7,"name":"student7"}');
  await expect(terminal.getByTestId("terminal-screen")).toContainText("Content-Type: application/json");

  const staticFile = await send(page, "GET /static/style.css");
  await expect(staticFile).toHaveAttribute("data-status", "200");
  await expect(staticFile).toHaveAttribute("data-responder", "nginx");

  await page.getByRole("radiogroup", { name: "게이트웨이" }).first().getByRole("radio", { name: "uWSGI" }).click();
  await expect(page.getByTestId("config-edit")).toHaveText("module = app:app");
  await expect(flow(page)).toHaveAccessibleName(/uWSGI/);
  const viaUwsgi = await send(page, "GET /users/1");
  await expect(viaUwsgi).toHaveAttribute("data-status", "200");
  await expect(viaUwsgi).toHaveAttribute("data-responder", "app");
  await flow(page).getByRole("toolbar").getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow(page).getByRole("list", { name: /^단계 목록/ })).toContainText("uWSGI");
});

test("a broken app.py: the traceback in Gunicorn's log and nginx's 502, as on the real chain", async ({ page }) => {
  await openPage(page);
  await choose(page, "broken");
  const error = page.getByTestId("route-load-error");
  await expect(error).toContainText("NameError: name 'undefined_name' is not defined", FIRST_APPEARANCE);
  await expect(error).toContainText("app.py:4");

  const outcome = await send(page, "GET /");
  await expect(outcome).toHaveAttribute("data-status", "502");
  await expect(outcome).toHaveAttribute("data-responder", "nginx");
  const startup = page.getByTestId("gateway-startup");
  await startup.getByText(/Gunicorn 시작 로그/).click();
  await expect(startup).toContainText('File "/srv/my_project/app.py", line 4, in <module>');
  await expect(startup).toContainText("Reason: Worker failed to boot.");

  // What the model does not run is named as such, with its line, never passed off as the student's error.
  await choose(page, "unsupported");
  await expect(page.getByTestId("honest-limit")).toContainText("코스 모형이 아직 지원하지 않는 기능입니다 (app.py:2)", FIRST_APPEARANCE);
});
