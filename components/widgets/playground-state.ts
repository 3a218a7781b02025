/**
 * A playground's edits: kept per lesson in localStorage and shareable as a URL fragment. Pure functions plus a
 * guarded storage wrapper; whatever is stored or pasted, reading it never throws and never exceeds the bounds.
 */
export type Edits = Record<string, string>;

const MAX_EDIT_BYTES = 128 * 1024;
const MAX_FILES = 8;

export function storageKey(lesson: string, scenario: string): string {
  return `wsgi-journey:playground:${lesson}:${scenario}`;
}

/** Only text edits of files the playground offers, within bounds. */
export function sanitizeEdits(value: unknown, allowed: readonly string[]): Edits {
  const out: Edits = {};
  if (typeof value !== "object" || value === null) return out;
  for (const path of allowed.slice(0, MAX_FILES)) {
    const text = (value as Record<string, unknown>)[path];
    if (typeof text === "string" && text.length <= MAX_EDIT_BYTES) out[path] = text;
  }
  return out;
}

/** Edits → URL-safe base64 of UTF-8 JSON, for `#playground=…`. */
export function encodeShare(edits: Edits): string {
  const bytes = new TextEncoder().encode(JSON.stringify(edits));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeShare(text: string, allowed: readonly string[]): Edits | null {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return sanitizeEdits(JSON.parse(new TextDecoder().decode(bytes)), allowed);
  } catch {
    return null;
  }
}

export function readStored(key: string, allowed: readonly string[]): Edits {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? sanitizeEdits(JSON.parse(raw), allowed) : {};
  } catch {
    return {};
  }
}

export function writeStored(key: string, edits: Edits): void {
  try {
    if (Object.keys(edits).length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(edits));
  } catch {
    // Storage full or disabled: edits simply are not kept.
  }
}
