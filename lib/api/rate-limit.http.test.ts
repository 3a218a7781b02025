/**
 * The chain API's rate limit as a class meets it: the production server's direct API path over HTTP, with the
 * instructor's defaults (600/min and 60 at once per browser; 20000/min and 3000 at once per address). A whole
 * class behind one address (a campus NAT: here every request comes from 127.0.0.1), each browser with the
 * identity cookie its first page gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenDirect, type DirectTestServer } from "./testing";

let server: DirectTestServer;
beforeAll(async () => {
  process.env.COURSE_SECRET = "a secret for the rate-limit test";
  const { createDirectApi } = await import("./direct.server");
  server = await listenDirect(createDirectApi({ basePath: "" }));
});
afterAll(async () => {
  delete process.env.COURSE_SECRET;
  await server.close();
});

const chainBody = JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
/**
 * A chain request the API counts and then refuses at once (404, no such scenario): the limit is taken before
 * anything is read or run, so these count exactly as real ones do, without running the chain 2000 times on a
 * shared test machine.
 */
const cheapBody = JSON.stringify({ scenario: "no_such_scenario", request: { method: "GET", target: "/" } });
const ask = (cookie?: string, body = chainBody) =>
  fetch(`${server.origin}/api/chain`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body,
  }).catch((e: Error & { cause?: { code?: string; message?: string } }) => {
    // fetch says only "fetch failed": name the reason (a refused or reset connection, a timeout).
    throw new Error(`POST /api/chain: ${e.message}: ${e.cause?.code ?? ""} ${e.cause?.message ?? ""}`);
  });

/** What a browser keeps from a Set-Cookie header: name=value. */
const kept = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";

/** A browser opening its first lesson page: the server gives it its identity. */
async function openFirstPage(): Promise<{ cookie: string; header: string }> {
  const page = await fetch(`${server.origin}/learn/server-and-http/server`, { headers: { accept: "text/html,application/xhtml+xml" } });
  const header = page.headers.get("set-cookie") ?? "";
  await page.text();
  return { cookie: kept(header), header };
}

describe("the chain API's rate limit", () => {
  it("gives a browser's first page a signed, HttpOnly, SameSite=Lax identity cookie, and none once it has one", async () => {
    const { cookie, header } = await openFirstPage();
    expect(header).toMatch(/^wj_id=[\w-]+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const again = await fetch(`${server.origin}/learn/server-and-http/server`, { headers: { accept: "text/html", cookie } });
    expect(again.headers.get("set-cookie")).toBeNull();
    // A forged id (signature of another) gets a fresh cookie, as does an API call without one.
    const [id] = cookie.split(".");
    const forged = await ask(`${id}.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.headers.get("set-cookie")).toMatch(/^wj_id=/);
    expect((await ask(cookie)).headers.get("set-cookie")).toBeNull();
  });

  it("lets 100 students behind one address each send a lesson's worth at once, while a client without an identity is limited", async () => {
    const students = await Promise.all(Array.from({ length: 100 }, openFirstPage));
    expect(new Set(students.map((s) => s.cookie)).size).toBe(100);
    const LESSON = 20; // a lesson has up to 7 live widgets; each sends on opening and on every click
    // All students at once, two requests in flight each (a browser allows six; two keep this test's 200
    // connections within what one loaded test machine accepts at once). The limit counts requests, not
    // connections.
    const browser = async (count: number, parallel: number, cookie?: string) => {
      const statuses: number[] = [];
      const bodies: unknown[] = [];
      let sent = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (sent < count) {
            sent++;
            // Each browser's first request is a real one; the rest count the same (see cheapBody).
            const response = await ask(cookie, sent === 1 ? chainBody : cheapBody);
            const body = await response.json();
            statuses.push(response.status);
            if (response.status === 429) bodies.push(body);
          }
        }),
      );
      return { statuses, bodies };
    };
    const started = Date.now();
    let hammerSeconds = 0;
    const [classResults, hammer] = await Promise.all([
      Promise.all(students.map(({ cookie }) => browser(LESSON, 2, cookie))),
      browser(200, 6).finally(() => (hammerSeconds = (Date.now() - started) / 1000)),
    ]);
    expect(classResults.flatMap((r) => r.statuses).filter((s) => s === 429)).toEqual([]);
    expect(classResults.flatMap((r) => r.statuses).filter((s) => s !== 200 && s !== 404)).toEqual([]);
    expect(classResults.flatMap((r) => r.statuses)).toHaveLength(100 * LESSON);
    // Its own bucket: 60 at once, then 10 more a second while it hammered.
    const refused = hammer.statuses.filter((s) => s === 429);
    expect(refused.length).toBeGreaterThanOrEqual(200 - 60 - Math.ceil(hammerSeconds * 10) - 1);
    expect(refused.length).toBeGreaterThan(0);
    expect(hammer.bodies[0]).toMatchObject({ error: "rate-limited", scope: "client" });
    expect((hammer.bodies[0] as { messageKo: string }).messageKo).toMatch(/초 뒤에 다시 보내 주세요/);
  }, 120_000);
});
