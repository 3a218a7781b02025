/**
 * Flask 2.2's built-in static route (`/static/<path:filename>` → send_from_directory): which file a URL names
 * (Werkzeug's safe_join rules) and the headers send_file writes: Content-Disposition, Content-Type (Python's
 * mimetypes on Debian), Content-Length, Last-Modified, Cache-Control: no-cache, ETag, Date.
 */
import type { HeaderList } from "../trace";
import { formatHttpDate } from "../clock";
import { contentTypeFor } from "./response";

const MIME_TYPES: Record<string, string> = {
  css: "text/css",
  html: "text/html",
  htm: "text/html",
  js: "text/javascript",
  mjs: "text/javascript",
  json: "application/json",
  txt: "text/plain",
  md: "text/markdown",
  xml: "application/xml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/vnd.microsoft.icon",
  pdf: "application/pdf",
  woff: "font/woff",
  woff2: "font/woff2",
  wasm: "application/wasm",
};

/** mimetypes.guess_type(name)[0] or application/octet-stream. */
export function guessMimetype(name: string): string {
  const dot = name.lastIndexOf(".");
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : "";
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

/** werkzeug.security.safe_join for one untrusted filename: null when it escapes the folder. */
export function safeJoinName(filename: string): string | null {
  if (filename === "") return null;
  const parts: string[] = [];
  for (const part of filename.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (filename.startsWith("/") || filename.includes("\\")) return null;
  return parts.join("/");
}

/** zlib.adler32 of the UTF-8 path, as Werkzeug's ETag uses it. */
export function adler32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function dispositionValue(name: string): string {
  return /^[\w!#$%&'*+\-.^`|~]+$/.test(name) ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`;
}

/** The headers send_file produces for `fullPath` (mtime in seconds as a Python float). */
export function sendFileHeaders(fullPath: string, size: number, mtimeSeconds: number, nowMs: number): HeaderList {
  const name = fullPath.slice(fullPath.lastIndexOf("/") + 1);
  const mtimeText = Number.isInteger(mtimeSeconds) ? `${mtimeSeconds}.0` : String(mtimeSeconds);
  return [
    ["Content-Disposition", `inline; filename=${dispositionValue(name)}`],
    ["Content-Type", contentTypeFor(guessMimetype(name))],
    ["Content-Length", String(size)],
    ["Last-Modified", formatHttpDate(Math.floor(mtimeSeconds) * 1000)],
    ["Cache-Control", "no-cache"],
    ["ETag", `"${mtimeText}-${size}-${adler32(fullPath)}"`],
    ["Date", formatHttpDate(nowMs)],
  ];
}
