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
  csv: "text/csv",
  py: "text/x-python",
  zip: "application/zip",
  tar: "application/x-tar",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/x-wav",
  mp4: "video/mp4",
  webm: "video/webm",
  avif: "image/avif",
  bmp: "image/bmp",
  ttf: "font/ttf",
  otf: "font/otf",
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

/** Werkzeug's filename parameters: an ASCII name as it is; otherwise its NFKD ASCII letters plus `filename*`. */
function dispositionNames(name: string): string {
  if (/^[\x00-\x7f]*$/.test(name)) return `filename=${dispositionValue(name)}`;
  const simple = name.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const quoted = [...new TextEncoder().encode(name)]
    .map((b) => (/[A-Za-z0-9_.\-~!#$&+^`|]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
  return `filename=${dispositionValue(simple)}; filename*=UTF-8''${quoted}`;
}

/** send_file's options the model follows: as_attachment, download_name, mimetype. */
export interface SendFileOptions {
  asAttachment?: boolean;
  downloadName?: string | null;
  mimetype?: string | null;
}

/** The headers send_file produces for `fullPath` (mtime in seconds as a Python float). */
export function sendFileHeaders(fullPath: string, size: number, mtimeSeconds: number, nowMs: number, options: SendFileOptions = {}): HeaderList {
  const name = options.downloadName ?? fullPath.slice(fullPath.lastIndexOf("/") + 1);
  const mtimeText = Number.isInteger(mtimeSeconds) ? `${mtimeSeconds}.0` : String(mtimeSeconds);
  return [
    ["Content-Disposition", `${options.asAttachment ? "attachment" : "inline"}; ${dispositionNames(name)}`],
    ["Content-Type", contentTypeFor(options.mimetype ?? guessMimetype(name))],
    ["Content-Length", String(size)],
    ["Last-Modified", formatHttpDate(Math.floor(mtimeSeconds) * 1000)],
    ["Cache-Control", "no-cache"],
    ["ETag", `"${mtimeText}-${size}-${adler32(fullPath)}"`],
    ["Date", formatHttpDate(nowMs)],
  ];
}
