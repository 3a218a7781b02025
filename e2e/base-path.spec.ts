/**
 * Hosting under a sub-path: builds a second copy of the site with COURSE_BASE_PATH=/course (a temp folder, so the
 * main .next is untouched), serves it on its own port, and checks that links, CSS and font files all live under
 * /course. About a minute (the build); set E2E_SKIP_BASE_PATH=1 to skip. Skipped too when the whole suite already
 * runs under a base path.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const BASE = "/course";
const PORT = Number(process.env.E2E_BASE_PATH_PORT ?? 3199);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", "test-results", "playwright-report", ".bench"]);

test.describe.configure({ mode: "serial" });
test.skip(
  !!process.env.E2E_SKIP_BASE_PATH || !!process.env.COURSE_BASE_PATH,
  "base-path build skipped (E2E_SKIP_BASE_PATH set, or the suite already runs under a base path)",
);

let dir = "";
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000); // the hook's own timeout (describe.configure's covers the tests)
  const root = process.cwd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "course-base-path-"));
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !SKIP_DIRS.has(path.basename(src)) || src === root });
  // Turbopack refuses a symlinked node_modules outside the project, so hard-link a copy (fast, no extra space).
  const link = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  if (link.status !== 0) throw new Error(`cannot link node_modules: ${link.stderr}`);
  const env = { ...process.env, COURSE_BASE_PATH: BASE, NEXT_TELEMETRY_DISABLED: "1" };
  const next = path.join(dir, "node_modules/next/dist/bin/next");
  // Built asynchronously: a blocked worker cannot keep Playwright's own timers (a minute or more on a busy machine).
  const build = await runToEnd(process.execPath, [next, "build"], { cwd: dir, env });
  if (build.code !== 0) throw new Error(`next build with ${BASE} failed:\n${build.output}`);
  server = spawn(process.execPath, [next, "start", "--hostname", "127.0.0.1", "--port", String(PORT)], {
    cwd: dir,
    env,
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${ORIGIN}${BASE}`).catch(() => undefined))?.status, { timeout: 90_000 })
    .toBe(200);
});

/** Runs a command to its end without blocking this worker; its exit code and everything it printed. */
function runToEnd(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

test.afterAll(() => {
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("under /course every link, stylesheet and font file carries the base path", async ({ page }) => {
  const assets: { url: string; status: number }[] = [];
  page.on("response", (r) => {
    if (/\.(css|woff2|js)(\?|$)/.test(r.url())) assets.push({ url: r.url(), status: r.status() });
  });
  await page.goto(`${ORIGIN}${BASE}/`);
  await page.evaluate(() => document.fonts.ready);
  const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.length).toBeGreaterThan(3);
  for (const href of hrefs) expect(href.startsWith(`${BASE}/`) || href === BASE).toBe(true);
  expect(assets.some((a) => a.url.endsWith(".woff2"))).toBe(true);
  for (const asset of assets) {
    expect(asset.url.startsWith(`${ORIGIN}${BASE}/_next/`), asset.url).toBe(true);
    expect(asset.status, asset.url).toBe(200);
  }
  const fonts = await page.evaluate(() => document.fonts.check('16px "Pretendard Variable"', "한글"));
  expect(fonts).toBe(true);
});

test("under /course the course can be walked with 다음 and the keyboard", async ({ page }) => {
  await page.goto(`${ORIGIN}${BASE}/`);
  await page.getByRole("link", { name: "처음부터 시작" }).click();
  await expect(page).toHaveURL(new RegExp(`^${ORIGIN}${BASE}/learn/`));
  const firstTitle = await page.getByRole("heading", { level: 1 }).textContent();
  await page.locator("a.pager-next").click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(firstTitle ?? "");
  await expect(page).toHaveURL(new RegExp(`^${ORIGIN}${BASE}/learn/`));
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstTitle ?? "");
  const outside = await fetch(`${ORIGIN}/learn/introduction/welcome`);
  expect(outside.status).toBe(404);
});
