/**
 * Each browser's own identity for the chain API's rate limit: a random id signed with the server's secret, kept
 * in an HttpOnly, SameSite=Lax cookie. The production server sets it on a browser's first page (nginx sends
 * cookie-less page requests to Node for that, deploy/nginx/wsgi-journey.conf), and every chain API answer sets
 * it when the request came without a valid one. The id names nobody: it only keeps one student's clicks apart
 * from another's behind the same address.
 *
 * The secret is COURSE_SECRET, or else a random one kept in $COURSE_DATA_DIR/secret (default ./.data), made on
 * first start, so that identities survive a restart and every worker of COURSE_WORKERS shares them.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { HeaderReader } from "./api-request";

export const IDENTITY_COOKIE = "wj_id";
/** A year: a course lasts a term. */
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const ID_BYTES = 16;
const SIGNATURE_BYTES = 16;

let cachedSecret: Buffer | null = null;

/** The signing key: COURSE_SECRET, the secret file in the data folder, or (when neither can be had) a random one. */
export function courseSecret(env: Record<string, string | undefined> = process.env): Buffer {
  if (cachedSecret) return cachedSecret;
  if (env.COURSE_SECRET && env.COURSE_SECRET.length >= 16) return (cachedSecret = Buffer.from(env.COURSE_SECRET, "utf8"));
  const dir = path.resolve(env.COURSE_DATA_DIR || ".data");
  const file = path.join(dir, "secret");
  try {
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Written aside, then linked into place: a worker starting at the same moment reads a whole file or none.
      const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
      writeFileSync(aside, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
      try {
        linkSync(aside, file);
      } catch {
        // Another process made it first: use theirs.
      } finally {
        rmSync(aside, { force: true });
      }
    }
    const text = readFileSync(file, "utf8").trim();
    if (text.length >= 16) return (cachedSecret = Buffer.from(text, "utf8"));
  } catch (error) {
    console.warn(`no identity secret file at ${file} (${(error as Error).message}); browser identities last until the server restarts`);
  }
  return (cachedSecret = randomBytes(32));
}

/** For tests: forget the secret read so far. */
export function forgetSecretForTests(): void {
  cachedSecret = null;
}

function sign(id: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(id).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}

/** A new identity: the cookie's value. */
export function mintIdentity(secret: Buffer = courseSecret()): string {
  const id = randomBytes(ID_BYTES).toString("base64url");
  return `${id}.${sign(id, secret)}`;
}

/** The id in a cookie value when its signature is the server's; null for a missing, forged or mangled one. */
export function verifyIdentity(value: string | null | undefined, secret: Buffer = courseSecret()): string | null {
  if (!value || value.length > 100) return null;
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "utf8");
  const expected = Buffer.from(sign(id, secret), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The value of one cookie in a Cookie header (the first of that name), or null. */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const verified = new WeakMap<HeaderReader, string | null>();

/** The verified identity a request carries, or null (checked once per request). */
export function requestIdentity(headers: HeaderReader): string | null {
  if (verified.has(headers)) return verified.get(headers)!;
  const id = verifyIdentity(cookieValue(headers.get("cookie"), IDENTITY_COOKIE));
  verified.set(headers, id);
  return id;
}

/**
 * The Set-Cookie header for a request that came without a valid identity, or null when it has one. Secure when
 * the course's nginx says the browser came over HTTPS (TRUST_PROXY=1 and X-Forwarded-Proto: https).
 */
export function identityCookieFor(headers: HeaderReader, trustProxy: boolean): string | null {
  if (requestIdentity(headers)) return null;
  const secure = trustProxy && headers.get("x-forwarded-proto") === "https" ? "; Secure" : "";
  return `${IDENTITY_COOKIE}=${mintIdentity()}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}
