import { defineConfig, devices } from "@playwright/test";

/** e2e against the production build (`npm run build` first). Port via E2E_PORT, base path via COURSE_BASE_PATH. */
const port = Number(process.env.E2E_PORT ?? 3100);
const basePath = (process.env.COURSE_BASE_PATH ?? "").replace(/\/+$/, "");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : 4,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}${basePath}/`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /base-path\.spec\.ts/ },
    // Builds a second copy of the site: alone, after the rest, so that build does not compete with the browsers.
    {
      name: "base-path",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /base-path\.spec\.ts/,
      dependencies: ["chromium"],
    },
  ],
  webServer: {
    command: `npm run start -- --port ${port}`,
    url: `http://127.0.0.1:${port}${basePath}/`,
    reuseExistingServer: true,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", ...(basePath ? { COURSE_BASE_PATH: basePath } : {}) },
  },
});
