/**
 * The course hosted as deploy/ says: the real nginx (Debian package) in front of the built course, whose Node
 * server listens on a unix socket; the deploy config used with only paths and ports substituted. A student walks
 * the whole course by clicking 다음 and sends a diagram request, all through nginx.
 */
import { existsSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { childPids, startDeployedCourse, type DeployedCourse } from "../deploy/local/stack";

let course: DeployedCourse;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(90_000);
  course = await startDeployedCourse();
});
test.afterAll(async () => {
  await course?.stop();
});

test("a browser's first page comes from Node with its identity cookie; with the cookie, pages are nginx's files", async ({ request }) => {
  const first = await request.get(`${course.nginxUrl}/learn/server-and-http/server`, { headers: { accept: "text/html" } });
  expect(first.status()).toBe(200);
  expect(first.headers()["set-cookie"]).toMatch(/^wj_id=[\w-]+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  expect(first.headers()["etag"]).toMatch(/^W\//); // Next's weak ETag: Node's answer, not a file
  // The request context keeps the cookie, as a browser would: the next page is a file nginx sends.
  const second = await request.get(`${course.nginxUrl}/learn/server-and-http/server`, { headers: { accept: "text/html" } });
  expect(second.headers()["set-cookie"]).toBeUndefined();
  expect(second.headers()["etag"]).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/); // nginx's own ETag: a file from disk
  expect(await second.text()).toBe(await first.text());
});

test("nginx serves prerendered pages and hashed assets itself, with caching and security headers", async ({ request }) => {
  // A returning browser: its first page gave it its identity cookie.
  await request.get(`${course.nginxUrl}/learn/server-and-http/server`, { headers: { accept: "text/html" } });
  const home = await request.get(`${course.nginxUrl}/`);
  expect(home.status()).toBe(200);
  expect(home.headers()["server"]).toMatch(/^nginx/);
  expect(home.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(home.headers()["x-powered-by"]).toBeUndefined();
  const html = await home.text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const js = await request.get(`${course.nginxUrl}${asset}`, { headers: { "accept-encoding": "gzip" } });
  expect(js.status()).toBe(200);
  expect(js.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(js.headers()["content-encoding"]).toBe("gzip");
  // Pages and assets go out as the gzip copies the build made (a length and an ETag; nginx's on-the-fly gzip
  // would send neither).
  const gzipped = await request.get(`${course.nginxUrl}/`, { headers: { "accept-encoding": "gzip" } });
  expect(gzipped.headers()["content-encoding"]).toBe("gzip");
  expect(Number(gzipped.headers()["content-length"])).toBeGreaterThan(0);
  expect(gzipped.headers()["etag"]).toBeTruthy();
  expect(await gzipped.text()).toBe(html);
  // Nothing of the server's build is reachable except the pages' HTML.
  for (const path of ["/page.js", "/../package.json", "/%2e%2e/package.json", "/learn/..%2f..%2fpage.js"]) {
    const response = await request.get(`${course.nginxUrl}${path}`);
    expect(await response.text(), path).not.toMatch(/__webpack_require__|"dependencies"/);
  }
  const health = await request.get(`${course.nginxUrl}/api/health`);
  expect(await health.json()).toMatchObject({ status: "ok", chain: "ok" });
  // Node's answers are compressed by nginx (Node is asked for plain ones), and still read as JSON.
  const chain = await request.post(`${course.nginxUrl}/api/chain`, {
    data: { scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } },
    headers: { "accept-encoding": "gzip" },
  });
  expect(chain.headers()["content-encoding"]).toBe("gzip");
  expect(chain.headers()["vary"]).toContain("Accept-Encoding");
  expect((await chain.json()).response.status).toBe(200);
});

test("link prefetches of prerendered pages are nginx's files; a segment name the course lacks goes to Node", async ({ request }) => {
  // What Next's client sends for a <Link> in view: one segment of the page's RSC data.
  const html = await (await request.get(`${course.nginxUrl}/`)).text();
  const lesson = /href="(\/learn\/[^"]+)"/.exec(html)![1]!;
  for (const segment of ["/_tree", "/learn/$c$slug/__PAGE__"]) {
    const prefetch = await request.get(`${course.nginxUrl}${lesson}?_rsc=test`, {
      headers: { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": segment },
      maxRedirects: 0,
    });
    expect(prefetch.status(), segment).toBe(200);
    expect(prefetch.headers()["content-type"]).toBe("text/x-component");
    expect(prefetch.headers()["x-nextjs-postponed"]).toBe("2"); // Next's client: "served from the per-segment prerender"
    expect(prefetch.headers()["etag"]).toBeTruthy(); // a file nginx sent, not Node
    expect(prefetch.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(prefetch.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
  const hostile = await request.get(`${course.nginxUrl}${lesson}?_rsc=test`, {
    headers: { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/../../../../../etc/passwd" },
    maxRedirects: 0,
  });
  expect(hostile.headers()["etag"]).toBeUndefined();
  expect(await hostile.text()).not.toContain("root:x:0:0");
});

test("the Node server answers API calls itself, and the sandbox reaches paths that end in a slash", async ({ request }) => {
  // Next's route handlers add "Vary: rsc, next-router-state-tree, …"; the production server's direct API path
  // (lib/api/direct.server.ts) answers with the same handlers and the course's security headers only.
  const ping = await request.get(`${course.nginxUrl}/api/ping`);
  expect(await ping.json()).toEqual({ ok: true });
  expect(ping.headers()["vary"] ?? "").not.toContain("rsc");
  expect(ping.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const about = await request.get(`${course.nginxUrl}/sandbox/hello_cju/about/`, { maxRedirects: 0 });
  expect(about.status()).toBe(200);
  expect(await about.text()).toBe("hello_cju는 Nginx 뒤에서 돌아가는 Flask 앱입니다.\n");
  expect(about.headers()["content-security-policy"]).toBeUndefined();
});

test("a client that honours Connection: close goes past nginx's keepalive_requests without an error", async () => {
  // nginx closes a client connection after 1000 answers and says so in the last one; a browser (here Node's
  // keep-alive agent, one connection) then opens a new connection. Load generators that ignore it see resets.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      http
        .get(`${course.nginxUrl}/api/ping`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        })
        .on("error", reject);
    });
  let closedByNginx = 0;
  try {
    for (let i = 0; i < 1100; i++) {
      const { status, connection } = await get();
      expect(status).toBe(200);
      if (connection === "close") closedByNginx++;
    }
  } finally {
    agent.destroy();
  }
  expect(closedByNginx).toBe(1);
});

test("a student walks every lesson by clicking 다음 and sends a request through the diagram", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${course.nginxUrl}/`);
  await page.getByRole("link", { name: "처음부터 시작" }).click();
  for (let i = 0; i < 60; i++) {
    const next = page.locator("a.pager-next");
    await expect(next).toBeVisible();
    const href = (await next.getAttribute("href")) ?? "";
    await next.click();
    // Wait for the page the link names: otherwise the next round may still see this page's link while the
    // client-side navigation runs, and lose count of where the walk is.
    await expect(page).toHaveURL(`${course.nginxUrl}${href}`);
    if (href.endsWith("/complete")) break;
  }
  await expect(page).toHaveURL(/\/complete$/);

  await page.goto(`${course.nginxUrl}/learn/fixtures/widgets`);
  const holder = page.locator("[data-flow]").first();
  await holder.scrollIntoViewIfNeeded();
  const flow = holder.getByRole("region", { name: /^요청 흐름:/ });
  await expect(flow.getByRole("toolbar")).toBeVisible();
  await flow.locator('[data-preset="proxied"]').click();
  await flow.getByRole("toolbar").getByRole("button", { name: "다시 재생" }).focus();
  await page.keyboard.press("End");
  await expect(flow.getByTestId("flow-outcome")).toHaveAttribute("data-status", "200");
});

test("COURSE_WORKERS=2 runs two Node workers behind the same socket, and they stop with the server", async ({ request }) => {
  test.setTimeout(90_000);
  const pair = await startDeployedCourse({ env: { COURSE_WORKERS: "2" } });
  const children = () => childPids(pair.nodePid);
  try {
    expect(children()).toHaveLength(2);
    for (let i = 0; i < 10; i++) {
      const response = await request.post(`${pair.nginxUrl}/api/chain`, { data: { scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } } });
      expect(response.status()).toBe(200);
      expect((await response.json()).response.status).toBe(200);
    }
  } finally {
    const workers = children();
    await pair.stop();
    expect(workers.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  }
});

test("the classroom's live stream passes through nginx event by event, unbuffered and uncompressed", async () => {
  const post = (path: string, body: unknown) =>
    fetch(`${course.nginxUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, string>>);
  const { code, secret } = await post("/api/class", { title: "nginx 1반" });
  const events: string[] = [];
  let headers: http.IncomingHttpHeaders = {};
  const req = http.get(`${course.nginxUrl}/api/class/dashboard`, { headers: { "x-class-code": code!, "x-class-secret": secret!, "accept-encoding": "gzip" } }, (res) => {
    headers = res.headers;
    res.setEncoding("utf8");
    res.on("data", (text: string) => events.push(...text.split("\n\n").filter((block) => block.startsWith("event: state"))));
  });
  try {
    await expect.poll(() => events.length).toBe(1);
    expect(headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(headers["content-encoding"]).toBeUndefined();
    // A student joining reaches the open stream at once, not when a buffer fills or the stream ends.
    await post("/api/class/join", { code, nickname: "nginx-student" });
    await expect.poll(() => events.length).toBe(2);
    expect(events[1]).toContain('"students":["nginx-student"]');
  } finally {
    req.destroy();
  }
});
