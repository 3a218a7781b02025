/**
 * Which class this browser is in (a student), or teaches (an instructor), kept in localStorage. Without either,
 * the course works exactly as it does offline: nothing is sent.
 */
import { storedValue } from "./stored";

export interface Membership {
  code: string;
  title: string;
  nickname: string;
  /** The student's token: it names this browser's row in the class, nothing else. */
  token: string;
  /** Whether the student's pages follow the instructor's lesson and section. */
  follow: boolean;
}

export interface TeachSession {
  code: string;
  secret: string;
  /** Whether the instructor's lesson and section are broadcast to students who follow. */
  broadcast: boolean;
}

const str = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 && v.length <= max ? v : null);

export function parseMembership(value: unknown): Membership | null {
  if (typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  const code = str(r.code, 12);
  const title = str(r.title, 60);
  const nickname = str(r.nickname, 20);
  const token = str(r.token, 64);
  if (!code || !title || !nickname || !token) return null;
  return { code, title, nickname, token, follow: r.follow === true };
}

export function parseTeachSession(value: unknown): TeachSession | null {
  if (typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  const code = str(r.code, 12);
  const secret = str(r.secret, 64);
  return code && secret ? { code, secret, broadcast: r.broadcast !== false } : null;
}

/** `#<code>.<secret>`, the fragment of the instructor's link (never sent to the server, so never in a log). */
export function parseTeachFragment(hash: string): { code: string; secret: string } | null {
  const match = /^#?([A-Za-z0-9]{4,12})\.([A-Za-z0-9_-]{20,64})$/.exec(hash);
  return match ? { code: match[1]!, secret: match[2]! } : null;
}

export const membership = storedValue("wsgi-journey:class:v1", parseMembership);
export const teachSession = storedValue("wsgi-journey:teach:v1", parseTeachSession);

export const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export const instructorHeaders = (s: { code: string; secret: string }) => ({ "x-class-code": s.code, "x-class-secret": s.secret });
