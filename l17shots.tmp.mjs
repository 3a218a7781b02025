import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3207/learn/wsgi-gateways/classroom-load";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const only = process.argv[2];
for (const [w, h] of [[1280, 900], [360, 740]]) {
  for (const scheme of ["light", "dark"]) {
    if (only && only !== `${w}-${scheme}`) continue;
    const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
    await page.goto(base);
    await page.locator("html[data-hydrated]").waitFor({ timeout: 60000 });
    for (const id of ["one-worker", "read-timeout", "threads-side-by-side"]) {
      await page.locator(`[data-load-lab-slot="${id}"]`).scrollIntoViewIfNeeded();
      const lab = page.locator(`[data-load-lab="${id}"]`);
      await lab.waitFor({ timeout: 60000 });
      if (id === "one-worker") await lab.getByRole("radio", { name: "30초" }).check();
      await lab.getByRole("button", { name: /보내기/ }).click();
      await lab.locator('[data-summary="max"]').first().waitFor({ timeout: 60000 });
      if (id === "read-timeout") await lab.getByText(/^로그 \d+줄/).first().click();
      await lab.screenshot({ path: `/tmp/l17shots/${id}-${w}-${scheme}.png` });
      if (id === "one-worker" && w === 360) {
        await lab.getByRole("button", { name: "표로 보기" }).click();
        await lab.screenshot({ path: `/tmp/l17shots/${id}-table-${w}-${scheme}.png` });
      }
    }
    await page.close();
  }
}
await browser.close();
