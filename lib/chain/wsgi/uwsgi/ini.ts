/**
 * uWSGI's INI reader for `uwsgi --ini uwsgi.ini`, as uWSGI 2.0.21 behaves (observed): only the [uwsgi] section
 * counts, `key = value` lines, `;` and `#` comments, repeated keys (last wins for single options, all kept for
 * list options such as socket), `%(name)` placeholders that refer to other keys of the file. uWSGI is lenient:
 * unknown keys and lines without `=` are silently ignored, numbers are read with C atoi() ("two" → 0), and a flag
 * such as `master` is off only for false/0/no/off (any case) and on for anything else.
 */
import type { ConfigError, SocketAddress } from "../../contracts";

export interface UwsgiSettings {
  /** The INI file as uWSGI names it in its log ("getting INI configuration from …"). */
  file: string;
  /** `socket` / `uwsgi-socket` entries (uwsgi protocol). */
  sockets: string[];
  /** `http-socket` entries (HTTP protocol). */
  httpSockets: string[];
  /** The address nginx would connect to: the first socket, else the first http-socket. */
  address: SocketAddress | null;
  protocol: "uwsgi" | "http";
  module: string | null;
  callable: string;
  wsgiFile: string | null;
  processes: number;
  threads: number;
  /** Seconds; 0 = off. */
  harakiri: number;
  master: boolean;
  /** `listen`: the socket's listen() backlog (default 100). */
  listen: number;
  /**
   * `max-requests`: a worker is recycled after the request that brings its count (since it was spawned) to this
   * (0 = never), if it has also run for `minWorkerLifetime` seconds.
   */
  maxRequests: number;
  /**
   * `min-worker-lifetime`, seconds a worker must have run before max-requests may recycle it. uWSGI 2.0.21's default
   * is 10 (core/init.c), although its `--help` says "default is 60" (measured: a worker with max-requests = 2 was
   * not recycled after its 3rd request at 8 s of age and was after the next one at 11.5 s).
   */
  minWorkerLifetime: number;
  chmodSocket: string | null;
  vacuum: boolean;
  plugins: string[];
  bufferSize: number;
  dieOnTerm: boolean;
  enableThreads: boolean;
  disableLogging: boolean;
  /** `need-app`: exit at start-up when no app could be loaded, instead of running without one. */
  needApp: boolean;
  /** Lines uWSGI prints about the file itself (e.g. the missing-section warning). */
  warnings: string[];
  /** Every [uwsgi] key as written (after placeholders), for the UI. */
  raw: Array<[key: string, value: string, line: number]>;
}

const MAX_TEXT = 256 * 1024;
const MAX_LINES = 5000;
const MAX_PLACEHOLDER_PASSES = 8;

/** C atoi(): optional spaces and sign, then digits; anything else stops; no digits → 0. */
export function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  return Math.max(-2147483648, Math.min(2147483647, n));
}

/**
 * uWSGI's 64-bit options (max-requests, min-worker-lifetime: uwsgi_opt_set_64bit) are read with C strtoul(): optional
 * spaces and sign, then digits; no digits → 0; a minus sign wraps around (`-1` → 2^64 − 1, so
 * `min-worker-lifetime = -1` never lets a worker go, as measured).
 */
export function strtoul64(text: string): number {
  const m = /^\s*([+-]?)(\d+)/.exec(text);
  if (!m) return 0;
  const n = Math.min(Number(m[2]), 2 ** 64 - 1);
  return m[1] === "-" && n !== 0 ? 2 ** 64 - n : n;
}

/** uWSGI socket syntax: a path (unix), `host:port`, `:port` (all interfaces), `@name` (abstract). */
export function parseUwsgiSocket(value: string): SocketAddress | null {
  const v = value.trim();
  if (v === "") return null;
  const colon = v.lastIndexOf(":");
  if (!v.includes("/") && colon >= 0 && /^\d+$/.test(v.slice(colon + 1))) {
    const host = v.slice(0, colon) || "0.0.0.0";
    const port = Number(v.slice(colon + 1));
    if (port > 65535) return null;
    return { kind: "tcp", host, port };
  }
  return { kind: "unix", path: v };
}

/** uWSGI's reading of a flag's value: false, 0, no, off (any case) turn it off; anything else on. */
export function uwsgiFlag(value: string): boolean {
  return !["false", "0", "no", "off"].includes(value.trim().toLowerCase());
}

const LIST_KEYS = new Set(["socket", "uwsgi-socket", "http-socket", "plugins", "plugin", "env"]);

export function parseUwsgiIni(
  text: string,
  path: string,
): { ok: true; settings: UwsgiSettings } | { ok: false; error: ConfigError } {
  const file = path.split("/").pop() ?? path;
  const fail = (line: number, message: string, messageKo: string) => ({
    ok: false as const,
    error: { file: path, path: file, line, message, messageKo },
  });
  if (typeof text !== "string") return fail(0, "unable to read the INI file", "INI 파일을 읽을 수 없습니다.");
  if (text.length > MAX_TEXT) return fail(0, "INI file too large", `설정 파일이 너무 큽니다 (최대 ${MAX_TEXT} 바이트).`);
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_LINES) return fail(0, "INI file too long", `설정 파일의 줄이 너무 많습니다 (최대 ${MAX_LINES}줄).`);

  const entries: Array<[string, string, number]> = [];
  let section: string | null = null;
  let sawUwsgi = false;
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) return;
    if (line.startsWith("[")) {
      const close = line.indexOf("]");
      section = close > 0 ? line.slice(1, close).trim() : null;
      if (section === "uwsgi") sawUwsgi = true;
      return;
    }
    if (section !== "uwsgi") return;
    const eq = line.indexOf("=");
    if (eq < 0) return; // uWSGI ignores lines without '='
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key) entries.push([key, value, index + 1]);
  });

  const warnings: string[] = [];
  if (!sawUwsgi) warnings.push(`*** WARNING: Can't find section "uwsgi" in INI configuration file ${path} ***`);

  // %(key) placeholders: the value of another key of the file (the last one), applied a few passes deep.
  const lastValue = new Map<string, string>();
  for (const [k, v] of entries) lastValue.set(k, v);
  const expand = (value: string): string => {
    let out = value;
    for (let pass = 0; pass < MAX_PLACEHOLDER_PASSES && out.includes("%(") && out.length <= 4096; pass++) {
      out = out.replace(/%\(([^)]+)\)/g, (whole, name: string) => lastValue.get(name) ?? whole);
    }
    return out.length > 4096 ? out.slice(0, 4096) : out;
  };
  const resolved = entries.map(([k, v, n]) => [k, expand(v), n] as [string, string, number]);

  const s: UwsgiSettings = {
    file: path,
    sockets: [],
    httpSockets: [],
    address: null,
    protocol: "uwsgi",
    module: null,
    callable: "application",
    wsgiFile: null,
    processes: 1,
    threads: 1,
    harakiri: 0,
    master: false,
    listen: 100,
    maxRequests: 0,
    minWorkerLifetime: 10,
    chmodSocket: null,
    vacuum: false,
    plugins: [],
    bufferSize: 4096,
    dieOnTerm: false,
    enableThreads: false,
    disableLogging: false,
    needApp: false,
    warnings,
    raw: resolved,
  };
  for (const [key, value] of resolved) {
    if (LIST_KEYS.has(key)) {
      if (key === "socket" || key === "uwsgi-socket") s.sockets.push(value);
      else if (key === "http-socket") s.httpSockets.push(value);
      else if (key === "plugins" || key === "plugin") s.plugins.push(...value.split(",").map((p) => p.trim()).filter(Boolean));
      continue;
    }
    switch (key) {
      case "module":
      case "wsgi":
        s.module = value;
        break;
      case "callable":
        s.callable = value;
        break;
      case "wsgi-file":
      case "file":
        s.wsgiFile = value;
        break;
      case "processes":
      case "workers":
      case "p":
        s.processes = atoi(value);
        break;
      case "threads":
        s.threads = atoi(value);
        break;
      case "harakiri":
        s.harakiri = atoi(value);
        break;
      case "master":
      case "M":
        s.master = uwsgiFlag(value);
        break;
      case "listen":
        s.listen = atoi(value);
        break;
      case "max-requests":
        s.maxRequests = strtoul64(value);
        break;
      case "min-worker-lifetime":
        s.minWorkerLifetime = strtoul64(value);
        break;
      case "chmod-socket":
        s.chmodSocket = value;
        break;
      case "vacuum":
        s.vacuum = uwsgiFlag(value);
        break;
      case "buffer-size":
      case "b":
        s.bufferSize = atoi(value);
        break;
      case "die-on-term":
        s.dieOnTerm = uwsgiFlag(value);
        break;
      case "enable-threads":
        s.enableThreads = uwsgiFlag(value);
        break;
      case "disable-logging":
        s.disableLogging = uwsgiFlag(value);
        break;
      case "need-app":
        s.needApp = uwsgiFlag(value);
        break;
      default:
        break; // unknown keys are ignored, as uWSGI does for INI files
    }
  }
  // module = app:app  → module "app", callable "app" (the part after ':' wins over `callable`).
  if (s.module && s.module.includes(":")) {
    const [mod, call] = s.module.split(":", 2);
    s.module = mod;
    if (call) s.callable = call;
  }
  if (s.threads < 1) s.threads = 1;
  if (s.bufferSize <= 0) s.bufferSize = 4096;
  if (s.bufferSize > 65535) s.bufferSize = 65535;

  const first = s.sockets[0] ?? s.httpSockets[0];
  if (first === undefined) {
    const line = entries.find(([k]) => k === "module")?.[2] ?? 1;
    return fail(
      line,
      "The -s/--socket option is missing and stdin is not a socket.",
      "uWSGI 설정에 socket이 없어 어디서 요청을 받을지 모릅니다. uWSGI가 시작하지 않습니다.",
    );
  }
  s.protocol = s.sockets.length > 0 ? "uwsgi" : "http";
  s.address = parseUwsgiSocket(first);
  return { ok: true, settings: s };
}
