/**
 * A student's project folder as the chain API takes it (pure; the browser side is folder-reader.ts): what is left
 * out and why, text or base64, the config files that replace the defaults, and the API's bounds checked before
 * anything is sent, with Korean messages that name the files.
 */
import { API_LIMITS } from "@/lib/api/limits";
import { josa } from "@/lib/chain/korean";

export interface PickedFile {
  /** Path relative to the chosen folder (its own name stripped). */
  path: string;
  size: number;
}

export type FileContent = string | { base64: string };

/** Folders a project carries but never deploys as files (and must not be sent). */
const IGNORED_DIRS = new Set(["venv", ".venv", "env", "__pycache__", ".git", "node_modules", ".idea", ".vscode"]);

/** Why a path is left out, in Korean, or null when it is part of the project. */
export function ignoredReason(path: string): string | null {
  const parts = path.split("/");
  for (const dir of parts.slice(0, -1)) {
    if (IGNORED_DIRS.has(dir)) return `${dir}/ 디렉터리`;
    if (dir.startsWith(".")) return "숨김 디렉터리";
  }
  const name = parts[parts.length - 1];
  if (name.endsWith(".pyc")) return ".pyc 파일";
  if (name.startsWith(".")) return "숨김 파일";
  return null;
}

/** `myproj/app.py` → `app.py` when every path starts with the same folder (what webkitRelativePath gives). */
export function stripTopFolder(paths: string[]): string[] {
  const first = paths[0]?.split("/")[0];
  if (!first || !paths.every((p) => p.startsWith(first + "/"))) return paths;
  return paths.map((p) => p.slice(first.length + 1));
}

/** Text if the bytes are UTF-8 without NUL (sent as a string), else base64 (images, fonts). */
export function encodeContent(bytes: Uint8Array): FileContent {
  if (!bytes.includes(0)) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // not UTF-8: binary
    }
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { base64: btoa(binary) };
}

export const FILE_LIMIT = API_LIMITS.files;
export const FILE_BYTES = API_LIMITS.fileBytes;
/** Room left in the body for the rest of the request (scenario, request, headers). */
export const FILES_BODY_BYTES = API_LIMITS.bodyBytes - 64 * 1024;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** What is wrong with the picked files before reading them (count, one file's size), in Korean, or []. */
export function sizeProblems(files: PickedFile[]): string[] {
  const problems: string[] = [];
  if (files.length > FILE_LIMIT) {
    problems.push(`파일이 너무 많습니다: ${files.length}개 (최대 ${FILE_LIMIT}개). 필요 없는 파일을 빼고 다시 골라 주세요: ${names(files.slice(FILE_LIMIT))}`);
  }
  const big = files.filter((f) => f.size > FILE_BYTES);
  if (big.length > 0) {
    problems.push(`한 파일은 최대 ${formatSize(FILE_BYTES)}까지입니다. 너무 큰 파일: ${big.map((f) => `${f.path} (${formatSize(f.size)})`).join(", ")}`);
  }
  return problems;
}

/** The whole request's size once encoded (base64 grows binary files by a third), or a Korean problem naming the biggest. */
export function bodyProblem(files: Record<string, FileContent>): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(files)).length;
  if (bytes <= FILES_BODY_BYTES) return null;
  const sizes = Object.entries(files)
    .map(([path, c]) => ({ path, size: typeof c === "string" ? new TextEncoder().encode(c).length : c.base64.length }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5);
  return `보낼 내용이 모두 ${formatSize(bytes)}${josa(formatSize(bytes), "으로/로")}, 한 요청의 한도(${formatSize(FILES_BODY_BYTES)})를 넘습니다. 큰 파일부터: ${sizes.map((s) => `${s.path} (${formatSize(s.size)})`).join(", ")}`;
}

function names(files: PickedFile[]): string {
  const shown = files.slice(0, 10).map((f) => f.path);
  return shown.join(", ") + (files.length > shown.length ? ` 외 ${files.length - shown.length}개` : "");
}

/** A student's nginx site file replaces the chosen gateway's (nginx.conf, or nginx-uwsgi.conf for uWSGI). */
export function scenarioPath(path: string, gateway: "gunicorn" | "uwsgi"): string {
  if (path === "nginx.conf" && gateway === "uwsgi") return "nginx-uwsgi.conf";
  return path;
}

/** The module the gateway should load when the folder has no app.py: the one top-level .py that makes a Flask app. */
export function guessModule(files: Record<string, FileContent>): string | null {
  if (typeof files["app.py"] === "string") return "app";
  const candidates = Object.entries(files).filter(([path, c]) => !path.includes("/") && path.endsWith(".py") && typeof c === "string" && /\bFlask\s*\(/.test(c) && path !== "gunicorn.conf.py");
  return candidates.length === 1 ? candidates[0][0].replace(/\.py$/, "") : null;
}
