import { josa } from "../../korean";
/**
 * Addresses as nginx's ngx_parse_url reads them: the `listen` argument and upstream URLs of `proxy_pass` and
 * `uwsgi_pass`. Host names cannot be resolved in the model: only IP literals and `localhost` are known, which is
 * what a course server uses; any other name is reported as nginx reports a name DNS cannot find.
 */


function isIPv6(s: string): boolean {
  return /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(":") && (s.match(/::/g)?.length ?? 0) <= 1 && s.length <= 45;
}

const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

/** ngx_inet_addr: exactly four dot-separated decimal octets ≤ 255; an empty octet counts as 0. */
function ngxInetAddr(s: string): string | null {
  const parts = s.split(".");
  if (s.length > 64 || parts.length !== 4 || !parts.every((p) => /^\d*$/.test(p) && (p === "" || Number(p) <= 255))) return null;
  return parts.map((p) => String(Number(p || "0"))).join(".");
}

/** glibc's inet_aton forms getaddrinfo() accepts: "10" = 0.0.0.10, "127.1" = 127.0.0.1, "1.2.3" = 1.2.0.3. */
function inetAton(s: string): string | null {
  const parts = s.split(".");
  if (parts.length > 4 || s.length > 64) return null;
  const values = parts.map((p) => {
    if (/^0[xX][0-9a-fA-F]+$/.test(p)) return parseInt(p.slice(2), 16);
    if (/^0[0-7]*$/.test(p)) return p.length > 1 ? parseInt(p.slice(1), 8) : 0;
    if (/^[1-9]\d*$/.test(p)) return Number(p);
    return NaN;
  });
  if (values.some((v) => !Number.isFinite(v))) return null;
  const last = values[values.length - 1];
  const lastBits = 8 * (5 - parts.length);
  if (values.slice(0, -1).some((v) => v > 255) || last >= 2 ** lastBits) return null;
  let n = 0;
  values.slice(0, -1).forEach((v, i) => (n += v * 2 ** (24 - 8 * i)));
  return dotted(n + last);
}

/**
 * Resolves a host name the way the modelled machine would (nginx's own IPv4 parser, then getaddrinfo with
 * inet_aton's numeric forms and /etc/hosts' localhost): the IPv4 address, or null when "host not found".
 */
export function resolveHost(host: string): string | null {
  const ip = ngxInetAddr(host) ?? inetAton(host);
  if (ip !== null) return ip;
  if (host.toLowerCase() === "localhost") return "127.0.0.1";
  return null;
}

export type ListenAddress =
  | { ok: true; address: string }
  | { ok: false; reason: "invalid port" | "host not found" | "no host" | "invalid host" };

/** `listen 80`, `127.0.0.1:8080`, `*:80`, `[::]:80`, `unix:/path`, `localhost`. */
export function parseListenAddress(arg: string): ListenAddress {
  if (arg.toLowerCase().startsWith("unix:")) {
    return arg.length > 5 ? { ok: true, address: arg } : { ok: false, reason: "no host" };
  }
  if (arg.startsWith("[")) {
    const end = arg.indexOf("]");
    if (end < 0 || !isIPv6(arg.slice(1, end))) return { ok: false, reason: "invalid host" };
    const rest = arg.slice(end + 1);
    if (rest === "") return { ok: true, address: `${arg.slice(0, end + 1)}:80` };
    if (!rest.startsWith(":")) return { ok: false, reason: "invalid host" };
    const port = parsePort(rest.slice(1));
    return port === null ? { ok: false, reason: "invalid port" } : { ok: true, address: `${arg.slice(0, end + 1)}:${port}` };
  }
  const colon = arg.indexOf(":");
  if (colon >= 0) {
    const port = parsePort(arg.slice(colon + 1));
    if (port === null) return { ok: false, reason: "invalid port" };
    const host = arg.slice(0, colon);
    if (host === "") return { ok: false, reason: "no host" };
    if (host === "*") return { ok: true, address: `0.0.0.0:${port}` };
    const ip = resolveHost(host);
    return ip === null ? { ok: false, reason: "host not found" } : { ok: true, address: `${ip}:${port}` };
  }
  if (/^\d+$/.test(arg)) {
    const port = parsePort(arg);
    return port === null ? { ok: false, reason: "invalid port" } : { ok: true, address: `0.0.0.0:${port}` };
  }
  if (arg === "*") return { ok: true, address: "0.0.0.0:80" };
  const ip = resolveHost(arg);
  return ip === null ? { ok: false, reason: "host not found" } : { ok: true, address: `${ip}:80` };
}

function parsePort(s: string): number | null {
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : null;
}

export type UpstreamParse =
  | { ok: true; kind: "unix"; path: string; uri: string }
  | { ok: true; kind: "tcp"; host: string; port: number; uri: string }
  | { ok: false; message: string; messageKo: string };

const KO_HOST =
  "이 코스의 서버는 IP 주소와 localhost만 알고 있습니다. 백엔드 주소는 127.0.0.1:포트나 unix:/소켓경로로 쓰세요.";

/**
 * An upstream address after its scheme: `127.0.0.1:5000/uri`, `unix:/run/app.sock:/uri`, `localhost`.
 * `needPort` is uwsgi_pass's rule (no default port).
 */
export function parseUpstream(url: string, defaultPort: number | null): UpstreamParse {
  if (url.toLowerCase().startsWith("unix:")) {
    const rest = url.slice(5);
    const colon = rest.indexOf(":");
    const path = colon >= 0 ? rest.slice(0, colon) : rest;
    if (path === "") {
      return {
        ok: false,
        message: `no path in the unix domain socket in upstream "${url}"`,
        messageKo: "unix: 뒤에 소켓 파일 경로가 없습니다. 예: unix:/run/gunicorn.sock",
      };
    }
    return { ok: true, kind: "unix", path, uri: colon >= 0 ? rest.slice(colon + 1) : "" };
  }
  const slash = url.indexOf("/");
  const hostPort = slash >= 0 ? url.slice(0, slash) : url;
  const uri = slash >= 0 ? url.slice(slash) : "";
  let host = hostPort;
  let port = defaultPort;
  const colon = hostPort.lastIndexOf(":");
  if (colon >= 0 && !hostPort.endsWith("]")) {
    const p = parsePort(hostPort.slice(colon + 1));
    if (p === null) {
      return {
        ok: false,
        message: `invalid port in upstream "${url}"`,
        messageKo: `백엔드 주소 "${url}"의 포트가 잘못되었습니다. 포트는 1~65535 사이의 숫자여야 합니다.`,
      };
    }
    port = p;
    host = hostPort.slice(0, colon);
  }
  if (host === "") {
    return { ok: false, message: `no host in upstream "${url}"`, messageKo: "백엔드 주소에 호스트가 없습니다." };
  }
  if (port === null) {
    return {
      ok: false,
      message: `no port in upstream "${url}"`,
      messageKo: `백엔드 주소 "${url}"에 포트가 없습니다. 예: 127.0.0.1:3031`,
    };
  }
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (host.startsWith("[") ? !isIPv6(bare) : resolveHost(host) === null) {
    if (/[/:]/.test(host)) {
      return { ok: false, message: `invalid host in upstream "${url}"`, messageKo: `백엔드 주소 "${url}"의 호스트 부분이 잘못되었습니다.` };
    }
    return { ok: false, message: `host not found in upstream "${host}"`, messageKo: `호스트 "${host}"${josa(host, "을/를")} 찾을 수 없습니다. ${KO_HOST}` };
  }
  return { ok: true, kind: "tcp", host, port, uri };
}
