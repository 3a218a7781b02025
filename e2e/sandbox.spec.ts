/**
 * The sandbox through Next's route handler (the server `npm run start` runs): any HTTP client gets the scenario's
 * answer, paths that end in a slash included, while course pages keep their one URL without the slash.
 */
import { expect, test } from "@playwright/test";

test("the sandbox answers a path that ends in a slash as the deployed site would", async ({ request }) => {
  const about = await request.get("sandbox/hello_cju/about/", { maxRedirects: 0 });
  expect(about.status()).toBe(200);
  expect(about.headers()["server"]).toBe("nginx/1.22.1");
  expect(await about.text()).toBe("hello_cju는 Nginx 뒤에서 돌아가는 Flask 앱입니다.\n");
  // Without the slash, Werkzeug's own redirect answers (not Next's).
  const bare = await request.get("sandbox/hello_cju/about", { maxRedirects: 0 });
  expect(bare.status()).toBe(308);
  expect(bare.headers()["location"]).toMatch(/\/about\/$/);
  expect(bare.headers()["server"]).toBe("nginx/1.22.1");
});

test("a course page asked for with a trailing slash is sent to its one URL", async ({ request }) => {
  const home = await (await request.get("./")).text();
  const lesson = /href="([^"]*\/learn\/[^"]+)"/.exec(home)?.[1];
  expect(lesson).toBeTruthy();
  const slashed = await request.get(`${lesson}/`, { maxRedirects: 0 });
  expect(slashed.status()).toBe(308);
  expect(new URL(slashed.headers()["location"]!, "http://x").pathname).toBe(lesson);
});
