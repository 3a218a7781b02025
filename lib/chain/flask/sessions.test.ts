import { describe, expect, it } from "vitest";
import { CookieJar, cookieUrl } from "../../cookies/jar";
import type { AppOutcome } from "../contracts";
import { gunicornEnviron } from "./environ.testkit";
import { readFixture } from "./fixtures.testkit";
import type { FixtureRequest, FixtureResponse } from "./fixtures.testkit";
import { createFlaskAppLoader } from "./index";

/** Requests of the session fixtures may fix the wall clock ("epoch", seconds) and send the cookies kept so far. */
type SessionRequest = FixtureRequest & { epoch?: number; jar?: boolean };
type SessionResponse = FixtureResponse & { sentCookie?: string | null };

const DEFAULT_EPOCH = Date.UTC(2026, 10, 25, 13, 31, 5, 123);

function expectSame(outcome: AppOutcome, real: FixtureResponse): void {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  expect(outcome.status).toBe(real.status);
  expect(outcome.headers).toEqual(real.headers);
  expect(new TextDecoder().decode(outcome.body)).toBe(real.body);
  const log = outcome.output
    .filter((o) => o.stream === "stderr")
    .map((o) => o.text)
    .join("")
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, "[TIMESTAMP]");
  expect(log).toBe(real.log);
}

for (const name of ["sessions", "sessions_config", "sessions_nokey"]) {
  describe(`fixtures/${name}: sessions, flash, cookies and g match the real Flask 2.2.2 + itsdangerous 2.1.2`, () => {
    const fixture = readFixture(name);
    const requests = fixture.requests as SessionRequest[];
    const expected = fixture.expected as SessionResponse[];
    const loader = createFlaskAppLoader({ appDir: "{APP_DIR}/" });
    const loaded = loader.load(new Map([["app.py", new TextEncoder().encode(fixture.source)]]), "app", "app", {});
    if (!loaded.ok) throw new Error(`load failed: ${loaded.error.message}\n${loaded.traceback}`);
    const app = loaded.app;
    // The requests build on each other (cookies kept between them), so they run in order in one test each.
    it(`answers all ${requests.length} requests in order as the real chain did`, () => {
      const jar = new CookieJar();
      requests.forEach((req, i) => {
        const epochMs = req.epoch === undefined ? DEFAULT_EPOCH : req.epoch * 1000;
        const url = cookieUrl("localhost", req.path);
        let sent = req;
        if (req.jar) {
          const cookie = jar.header(url, epochMs);
          expect(cookie, `Cookie sent with request ${i}`).toBe(expected[i].sentCookie ?? null);
          if (cookie) sent = { ...req, headers: [...(req.headers ?? [["Host", "localhost"]]), ["Cookie", cookie]] };
        }
        const outcome = app.call(gunicornEnviron(sent), { startAt: 0, epochMs });
        try {
          expectSame(outcome, expected[i]);
        } catch (e) {
          throw new Error(`request ${i} (${req.path}): ${(e as Error).message}`);
        }
        if (outcome.kind === "response") jar.storeAll(outcome.headers, url, epochMs);
      });
    });
  });
}
