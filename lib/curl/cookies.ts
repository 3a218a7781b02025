/**
 * curl 7.88's cookie engine in the terminal: `-b name=value` (sent as typed), `-b <file>` (a cookie file read into
 * the engine; a missing file is silently no cookies, as in curl), `-c <file>` (the engine's cookies written after
 * the transfer). Files live in the terminal's own small virtual folder (`files`), never on a disk.
 */
import { CookieJar, cookieUrl } from "../cookies/jar";
import { readCookieFile, writeCookieFile } from "../cookies/netscape";
import type { CurlCommand } from "./parse";
import { withCookieHeader } from "./parse";

export interface CurlCookies {
  /** The command with its Cookie header. */
  command: CurlCommand;
  /** The engine (null when neither -b nor -c turned it on). */
  jar: CookieJar | null;
}

/** Build the request's Cookie header from the -b arguments at `nowMs`. */
export function applyCurlCookies(command: CurlCommand, files: ReadonlyMap<string, string>, nowMs: number): CurlCookies {
  if (command.cookieArgs.length === 0 && command.cookieJar === undefined) return { command, jar: null };
  const strings: string[] = [];
  const loaded = [];
  for (const arg of command.cookieArgs) {
    if (arg.includes("=")) strings.push(arg);
    else loaded.push(...readCookieFile(files.get(arg) ?? ""));
  }
  const jar = new CookieJar(loaded, "curl");
  const url = cookieUrl(command.host, command.target, command.scheme);
  const parts = [jar.header(url, nowMs), strings.length ? strings.join(";") : null].filter((p): p is string => p !== null);
  return { command: withCookieHeader(command, parts.length ? parts.join("; ") : null), jar };
}

/** After the response: store its Set-Cookie headers; with -c, the file text to write. */
export function curlCookieJarFile(
  command: CurlCommand,
  jar: CookieJar | null,
  headers: ReadonlyArray<readonly [string, string]>,
  nowMs: number,
): { file: string; text: string } | null {
  if (!jar) return null;
  jar.storeAll(headers, cookieUrl(command.host, command.target, command.scheme), nowMs);
  if (command.cookieJar === undefined) return null;
  return { file: command.cookieJar, text: writeCookieFile(jar.cookies.filter((c) => c.expires === null || c.expires > nowMs)) };
}
