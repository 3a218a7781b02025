/**
 * Hangul must be drawn with real glyphs in every font stack the site uses (body, buttons, code), never as
 * "tofu" boxes. Two independent checks:
 *  1. Chromium's own record of which font drew each node (CDP CSS.getPlatformFontsForNode) must name the
 *     self-hosted Pretendard for Hangul text in a <pre> and a <button>.
 *  2. Pixels: two different Hangul strings of the same length, rendered in <pre> and in <button>, must give
 *     different screenshots (tofu boxes of equal count look identical), and differ from a string of
 *     unassigned code points, which can only be drawn as boxes.
 */
import { expect, test, type Page } from "@playwright/test";
import { lessonLinksFromHome, waitForHydration } from "./helpers";

const SAMPLES = { a: "가나다라마", b: "힣쀍똠얗뷁", tofu: "\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}" };

async function injectSamples(page: Page) {
  await page.evaluate((samples) => {
    const host = document.createElement("div");
    host.id = "font-probe";
    for (const [key, text] of Object.entries(samples)) {
      const pre = document.createElement("pre");
      pre.id = `pre-${key}`;
      pre.textContent = text;
      pre.style.display = "inline-block";
      const button = document.createElement("button");
      button.id = `button-${key}`;
      button.type = "button";
      button.textContent = text;
      host.append(pre, button);
    }
    document.querySelector("main")?.prepend(host);
  }, SAMPLES);
  await page.evaluate(() => document.fonts.ready);
}

async function fontsUsedFor(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
}

test("Hangul in <pre> and <button> is drawn by the self-hosted Pretendard", async ({ page }) => {
  const lessons = await lessonLinksFromHome(page);
  await page.goto(lessons[0]?.href ?? "./");
  await waitForHydration(page);
  await injectSamples(page);
  for (const selector of ["#pre-a", "#button-a", "h1"]) {
    const fonts = await fontsUsedFor(page, selector);
    expect(fonts, selector).toContain("Pretendard Variable");
  }
  const families = await page.evaluate(() =>
    ["#pre-a", "#button-a", "code"].map((s) => getComputedStyle(document.querySelector(s) as Element).fontFamily),
  );
  for (const family of families) expect(family).toContain("Pretendard Variable");
});

test("Hangul renders as distinct glyphs, not tofu boxes (pixel comparison)", async ({ page }) => {
  await page.goto("./");
  await waitForHydration(page);
  await injectSamples(page);
  for (const kind of ["pre", "button"]) {
    const a = await page.locator(`#${kind}-a`).screenshot();
    const b = await page.locator(`#${kind}-b`).screenshot();
    const tofu = await page.locator(`#${kind}-tofu`).screenshot();
    expect(a.equals(b), `${kind}: two different Hangul strings look the same`).toBe(false);
    expect(a.equals(tofu), `${kind}: Hangul looks like unassigned code points`).toBe(false);
  }
});

test("font files are self-hosted and load", async ({ page }) => {
  const fontResponses: { url: string; status: number }[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".woff2")) fontResponses.push({ url: r.url(), status: r.status() });
  });
  await page.goto("./");
  await page.evaluate(() => document.fonts.ready);
  expect(fontResponses.length).toBeGreaterThan(0);
  for (const { url, status } of fontResponses) {
    expect(new URL(url).origin).toBe(new URL(page.url()).origin);
    expect(status).toBe(200);
  }
});
