/**
 * A `curl` command line as students type it, turned into the exact request bytes curl 7.88 (Debian 12) would send.
 * Only the options a course on HTTP needs; anything else is refused with a Korean message, never guessed.
 */

export interface CurlCommand {
  /** -i: show response headers; -I: HEAD and headers only; -v: both directions. */
  include: boolean;
  headOnly: boolean;
  verbose: boolean;
  /** -s: no progress or warnings. */
  silent: boolean;
  /** --compressed: ask for gzip (and friends) and decompress what comes back. */
  compressed: boolean;
  method: string;
  /** Host header value and target as curl derives them from the URL. */
  host: string;
  target: string;
  /** Where curl connects: the URL's scheme, host name (without brackets) and port (80 or 443 unless given). */
  scheme: "http" | "https";
  hostname: string;
  port: number;
  headers: Array<[string, string]>;
  body?: string;
  /** The bytes curl writes to the socket. */
  raw: string;
  /** `-b`/`--cookie` arguments in order: `name=value` strings, or else names of cookie files. */
  cookieArgs: string[];
  /** `-c`/`--cookie-jar`: the file curl writes its cookies to after the transfer. */
  cookieJar?: string;
  /** Where the engine's Cookie header goes: after curl's own headers, before the -H ones (none with a -H Cookie). */
  cookieSlot: number | null;
}

export type CurlParse = { ok: true; command: CurlCommand } | { ok: false; message: string };

const CURL_VERSION = "7.88.1";
const MAX_COMMAND = 8 * 1024;

/** Splits a command line like a POSIX shell would for the cases students type: quotes, escapes, spaces. */
export function splitWords(line: string): string[] | null {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) current += line[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return null;
  if (inWord) words.push(current);
  return words;
}

export function parseCurl(line: string): CurlParse {
  if (line.length > MAX_COMMAND) return fail("명령이 너무 깁니다.");
  const words = splitWords(line.trim());
  if (!words) return fail("따옴표가 닫히지 않았습니다.");
  if (words[0] !== "curl") return fail(`${words[0] ?? ""}: 이 터미널에서는 curl 명령만 쓸 수 있습니다. (help를 입력해 보세요)`);

  let include = false;
  let headOnly = false;
  let verbose = false;
  let silent = false;
  let compressed = false;
  let method: string | null = null;
  let url: string | null = null;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  const cookieArgs: string[] = [];
  let cookieJar: string | undefined;

  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    const value = () => words[++i];
    if (word.startsWith("-") && !word.startsWith("--") && word.length > 2 && /^-[iIvs]+$/.test(word)) {
      // Combined short flags such as -iv.
      for (const flag of word.slice(1)) {
        if (flag === "i") include = true;
        else if (flag === "I") headOnly = true;
        else if (flag === "v") verbose = true;
        else if (flag === "s") silent = true;
      }
      continue;
    }
    switch (word) {
      case "-i":
      case "--include":
        include = true;
        break;
      case "-I":
      case "--head":
        headOnly = true;
        break;
      case "-v":
      case "--verbose":
        verbose = true;
        break;
      case "-s":
      case "--silent":
        silent = true;
        break;
      case "--compressed":
        compressed = true;
        break;
      case "-X":
      case "--request": {
        const m = value();
        if (!m) return fail("-X 다음에 메서드를 적어 주세요. 예: -X POST");
        method = m;
        break;
      }
      case "-H":
      case "--header": {
        const h = value();
        if (!h) return fail('-H 다음에 헤더를 적어 주세요. 예: -H "Accept: text/html"');
        const colon = h.indexOf(":");
        if (colon <= 0) return fail(`헤더 형식이 올바르지 않습니다: ${h} (이름: 값)`);
        headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
        break;
      }
      case "-d":
      case "--data":
      case "--data-raw":
      case "--data-binary": {
        const d = value();
        if (d === undefined) return fail("-d 다음에 보낼 데이터를 적어 주세요.");
        data.push(d);
        break;
      }
      case "-b":
      case "--cookie": {
        const c = value();
        if (c === undefined) return fail('-b 다음에 보낼 쿠키("이름=값")나 쿠키 파일 이름을 적어 주세요.');
        cookieArgs.push(c);
        break;
      }
      case "-c":
      case "--cookie-jar": {
        const c = value();
        if (!c) return fail("-c 다음에 쿠키를 저장할 파일 이름을 적어 주세요. 예: -c cookies.txt");
        cookieJar = c;
        break;
      }
      default:
        if (word.startsWith("-")) return fail(`${word}: 이 터미널의 curl은 -i, -I, -v, -s, -X, -H, -d, -b, -c 옵션과 --compressed만 지원합니다.`);
        if (url !== null) return fail("URL은 하나만 줄 수 있습니다.");
        url = word;
    }
  }
  if (url === null) return fail("요청할 URL을 적어 주세요. 예: curl -i http://localhost/hello/cju");

  const parsed = parseUrl(url);
  if (!parsed) return fail(`URL을 이해하지 못했습니다: ${url} (http://localhost/… 형식으로 적어 주세요)`);
  const body = data.length > 0 ? data.join("&") : undefined;
  const finalMethod = method ?? (headOnly ? "HEAD" : body !== undefined ? "POST" : "GET");

  // curl 7.88's order: Host, User-Agent, Accept, with --compressed Accept-Encoding (each replaced in place by a -H of that name, or dropped by
  // "Name:"), then the other -H headers in order, then Content-Length and its default Content-Type for -d.
  const custom = new Map(headers.map(([n, v]) => [n.toLowerCase(), [n, v] as [string, string]]));
  const lines: Array<[string, string]> = [];
  const emit = (name: string, fallback: string) => {
    const override = custom.get(name.toLowerCase());
    if (!override) lines.push([name, fallback]);
    else if (override[1] !== "") lines.push(override);
  };
  emit("Host", parsed.host);
  emit("User-Agent", `curl/${CURL_VERSION}`);
  emit("Accept", "*/*");
  const placed = new Set(["host", "user-agent", "accept"]);
  if (compressed) {
    // Debian's curl is built with zlib, brotli and zstd.
    emit("Accept-Encoding", "deflate, gzip, br, zstd");
    placed.add("accept-encoding");
  }
  const cookieSlot = custom.has("cookie") ? null : lines.length;
  for (const [name, v] of headers) if (!placed.has(name.toLowerCase()) && v !== "") lines.push([name, v]);
  if (body !== undefined) {
    if (!custom.has("content-length")) lines.push(["Content-Length", String(new TextEncoder().encode(body).length)]);
    if (!custom.has("content-type")) lines.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }

  return {
    ok: true,
    command: {
      include, headOnly, verbose, silent, compressed, method: finalMethod,
      host: parsed.host, target: parsed.target, scheme: parsed.scheme, hostname: parsed.hostname, port: parsed.port,
      headers: lines, body, raw: rawRequest(finalMethod, parsed.target, lines, body), cookieArgs, cookieJar, cookieSlot,
    },
  };
}

function rawRequest(method: string, target: string, lines: Array<[string, string]>, body: string | undefined): string {
  return `${method} ${target} HTTP/1.1\r\n${lines.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n${body ?? ""}`;
}

/** The command with the cookie engine's `Cookie` header in its place (unchanged without one or with a -H Cookie). */
export function withCookieHeader(command: CurlCommand, cookie: string | null): CurlCommand {
  if (cookie === null || command.cookieSlot === null) return command;
  const headers = [...command.headers];
  headers.splice(command.cookieSlot, 0, ["Cookie", cookie]);
  return { ...command, headers, raw: rawRequest(command.method, command.target, headers, command.body) };
}

interface ParsedUrl {
  scheme: "http" | "https";
  hostname: string;
  port: number;
  /** The Host header curl sends: the host as typed, with the port only when the URL gave one. */
  host: string;
  target: string;
}

/** [http[s]://]host[:port]/path?query → where to connect, the Host header and the request target. */
function parseUrl(url: string): ParsedUrl | null {
  const match = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#\s]+)([^#\s]*)/.exec(url);
  if (!match) return null;
  const scheme = (match[1] ?? "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https") return null;
  const host = match[2];
  const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!hostMatch) return null;
  const port = hostMatch[2] === undefined ? (scheme === "https" ? 443 : 80) : Number(hostMatch[2]);
  if (port < 1 || port > 65535) return null;
  const hostname = hostMatch[1].replace(/^\[|\]$/g, "");
  let target = match[3] || "/";
  if (target.startsWith("?")) target = "/" + target;
  // curl percent-encodes non-ASCII bytes of the path (lower-case hex) but sends the query's bytes as typed.
  const question = target.indexOf("?");
  const path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? "" : target.slice(question);
  const encodedPath = Array.from(new TextEncoder().encode(path), (byte) =>
    byte > 0x7e || byte === 0x20 ? `%${byte.toString(16).padStart(2, "0")}` : String.fromCharCode(byte),
  ).join("");
  return { scheme, hostname, port, host, target: encodedPath + query };
}

function fail(message: string): CurlParse {
  return { ok: false, message };
}
