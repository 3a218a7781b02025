/**
 * Flask templates in the WSGI lesson (issue 16): the lesson shows the scenario's real template files, and the
 * request flow draws a page rendered from base.html + index.html and a template error with Jinja2's traceback.
 */
import { expect, test } from "@playwright/test";
import { runPreset, waitForHydration } from "./helpers";

test.describe.configure({ timeout: 90_000 });

test("the WSGI lesson renders the template files and a template page and error through the chain", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("./learn/wsgi-gateways/wsgi");
  await waitForHydration(page);

  // The files come from content/scenarios/lesson_templates/templates/, titled with their path.
  const base = page.getByRole("figure").filter({ hasText: "templates/base.html" });
  await expect(base).toContainText("{%- block content %}{% endblock %}");
  await expect(page.getByRole("figure").filter({ hasText: "templates/index.html" })).toContainText('{% extends "base.html" %}');

  const flow = page.getByRole("region", { name: /^요청 흐름: lesson_templates/ });
  await flow.scrollIntoViewIfNeeded();
  await expect(flow.getByRole("toolbar")).toBeVisible({ timeout: 20_000 });

  const page200 = await runPreset(page, flow, "글 목록");
  await expect(page200).toHaveAttribute("data-status", "200");
  await expect(flow).toContainText("글 목록 - CJU 게시판");

  const error = await runPreset(page, flow, "템플릿 오류");
  await expect(error).toHaveAttribute("data-status", "500");
  await expect(flow).toContainText("jinja2.exceptions.UndefinedError: 'user' is undefined");
});
