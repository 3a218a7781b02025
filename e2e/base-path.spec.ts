/**
 * Hosting under a sub-path: builds a second copy of the site with COURSE_BASE_PATH=/course (a temp folder, so the
 * main .next is untouched), serves it on its own port, and checks that links, CSS and font files all live under
 * /course. About 15 s; set E2E_SKIP_BASE_PATH=1 to skip. Skipped too when the whole suite already runs under a
 * base path.
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

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  const root = process.cwd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "course-base-path-"));
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !SKIP_DIRS.has(path.basename(src)) || src === root });
  // Turbopack refuses a symlinked node_modules outside the project, so hard-link a copy (fast, no extra space).
  const link = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  if (link.status !== 0) throw new Error(`cannot link node_modules: ${link.stderr}`);
  const env = { ...process.env, COURSE_BASE_PATH: BASE, NEXT_TELEMETRY_DISABLED: "1" };
  const next = path.join(dir, "node_modules/next/dist/bin/next");
  const build = spawnSync(process.execPath, [next, "build"], { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (build.status !== 0) throw new Error(`next build with ${BASE} failed:\n${build.stdout}\n${build.stderr}`);
  server = spawn(process.execPath, [next, "start", "--hostname", "127.0.0.1", "--port", String(PORT)], {
    cwd: dir,
    env,
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${ORIGIN}${BASE}`).catch(() => undefined))?.status, { timeout: 90_000 })
    .toBe(200);
});

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
  await page.getByRole("link", { name: /^다음 / }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(firstTitle ?? "");
  await expect(page).toHaveURL(new RegExp(`^${ORIGIN}${BASE}/learn/`));
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstTitle ?? "");
  const outside = await fetch(`${ORIGIN}/learn/introduction/welcome`);
  expect(outside.status).toBe(404);
});
