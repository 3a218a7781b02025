import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cookieValue, courseSecret, forgetSecretForTests, identityCookieFor, mintIdentity, verifyIdentity } from "./identity.server";

afterEach(() => forgetSecretForTests());

describe("browser identity", () => {
  const secret = Buffer.from("0123456789abcdef0123456789abcdef");

  it("verifies what it signed and nothing else", () => {
    const value = mintIdentity(secret);
    const id = verifyIdentity(value, secret);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(value.startsWith(`${id}.`)).toBe(true);
    expect(verifyIdentity(value, Buffer.from("another secret, another server"))).toBeNull();
    expect(verifyIdentity(`${id}x.${value.split(".")[1]}`, secret)).toBeNull();
    for (const junk of ["", ".", "abc", "abc.", ".abc", "x".repeat(500), null, undefined]) expect(verifyIdentity(junk, secret)).toBeNull();
    expect(mintIdentity(secret)).not.toBe(value);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(cookieValue("a=1; wj_id=abc.def; b=2", "wj_id")).toBe("abc.def");
    expect(cookieValue("xwj_id=1", "wj_id")).toBeNull();
    expect(cookieValue(null, "wj_id")).toBeNull();
  });

  it("keeps the secret in the data folder, private, the same across restarts", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "course-data-"));
    const first = courseSecret({ COURSE_DATA_DIR: dir });
    forgetSecretForTests();
    expect(courseSecret({ COURSE_DATA_DIR: dir }).equals(first)).toBe(true);
    expect(readFileSync(path.join(dir, "secret"), "utf8").trim()).toBe(first.toString("utf8"));
    expect(statSync(path.join(dir, "secret")).mode & 0o077).toBe(0);
    forgetSecretForTests();
    expect(courseSecret({ COURSE_SECRET: "set by the instructor, long enough" }).toString()).toBe("set by the instructor, long enough");
  });

  it("sets the cookie Secure only when the course's nginx says the browser came over HTTPS", () => {
    const https = new Headers({ "x-forwarded-proto": "https" });
    expect(identityCookieFor(https, true)).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    expect(identityCookieFor(new Headers({ "x-forwarded-proto": "https" }), false)).toMatch(/SameSite=Lax$/);
    const value = identityCookieFor(new Headers(), false)!.split(";")[0]!;
    expect(identityCookieFor(new Headers({ cookie: value }), false)).toBeNull();
  });
});
