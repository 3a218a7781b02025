/** Class codes students type, the instructor's secret, students' tokens, and comparing them without timing leaks. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** No 0/O, 1/I/L: a code read aloud or from a projector is typed right. */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;

export function newClassCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Codes as students type them: case and spaces do not matter. */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]+/g, "").toUpperCase();
}

/** A secret (instructor link, student token): 32 random bytes, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of a secret. */
export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** Whether `secret` hashes to `stored`, in time that does not depend on where they differ. */
export function secretMatches(secret: string, stored: Uint8Array): boolean {
  const given = hashSecret(secret);
  return stored.length === given.length && timingSafeEqual(given, stored);
}
