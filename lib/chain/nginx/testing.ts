/**
 * Test helpers: a small nginx config reader for tests only (until lib/chain/nginx/config's loadNginxConfig is
 * wired in everywhere), fake upstreams and request builders. Not used by runNginx itself.
 */
import type { Directive, NginxConfig } from "./config/types";
import { DEBIAN_FILES } from "./config/debian/files";
import type { Upstream, UpstreamRequest, UpstreamResult, SocketAddress } from "../contracts";
import type { TraceStep } from "../trace";
import { latin1Encode } from "../http/bytes";

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "#") while (i < text.length && text[i] !== "\n") i++;
    else if (c === "{" || c === "}" || c === ";") {
      tokens.push(c);
      i++;
    }
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\\" && j + 1 < text.length) {
          const n = text[j + 1]!;
          value += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n === c || n === "\\" ? n : "\\" + n;
          j += 2;
        } else value += text[j++];
      }
      tokens.push("\u0000" + value);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s{};]/.test(text[j]!)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parseBlock(tokens: string[], pos: { i: number }, file: string): Directive[] {
  const out: Directive[] = [];
  let words: string[] = [];
  while (pos.i < tokens.length) {
    const t = tokens[pos.i++]!;
    if (t === "}") return out;
    if (t === ";" || t === "{") {
      const [name, ...args] = words.map((w) => (w.startsWith("\u0000") ? w.slice(1) : w));
      words = [];
      if (!name) continue;
      const d: Directive = { name, args, file, line: 0 };
      if (t === "{") d.block = parseBlock(tokens, pos, file);
      if (name === "include") {
        const inc = args[0]!.replace(/^\/etc\/nginx\//, "");
        const body = DEBIAN_FILES[inc];
        if (body !== undefined) out.push(...parseBlock(tokenize(body), { i: 0 }, `/etc/nginx/${inc}`));
        continue;
      }
      out.push(d);
    } else words.push(t);
  }
  return out;
}

/** Parse a config fragment (tests only): no validation, `include` of Debian's files expanded. */
export function parseConfigText(text: string, file = "/etc/nginx/sites-enabled/test"): Directive[] {
  return parseBlock(tokenize(text), { i: 0 }, file);
}

/** Debian's http{} defaults (mime.types, default_type, access_log, gzip on) around the site's server blocks. */
export function debianConfig(siteText: string): NginxConfig {
  const http: Directive[] = [
    ...parseConfigText("include /etc/nginx/mime.types; default_type application/octet-stream; access_log /var/log/nginx/access.log; gzip on;", "/etc/nginx/nginx.conf"),
    ...parseConfigText(siteText),
  ];
  return { main: [{ name: "http", args: [], file: "/etc/nginx/nginx.conf", line: 12, block: http }] };
}

/** An upstream that records what nginx sent and answers with a canned result. */
export function fakeUpstream(
  address: SocketAddress,
  answer: (request: UpstreamRequest, sentAt: number) => UpstreamResult,
): Upstream & { requests: UpstreamRequest[] } {
  const requests: UpstreamRequest[] = [];
  return {
    address,
    requests,
    send(request: UpstreamRequest, sentAt: number, trace: TraceStep[]): UpstreamResult {
      void trace;
      requests.push(request);
      return answer(request, sentAt);
    },
  };
}

/** A canned HTTP response answered `ms` after the request was sent. */
export function cannedResponse(text: string, ms = 5): (r: UpstreamRequest, sentAt: number) => UpstreamResult {
  return (_r, sentAt) => ({ kind: "response", raw: latin1Encode(text), headerAt: sentAt + ms, doneAt: sentAt + ms });
}

export function req(text: string): Uint8Array {
  return latin1Encode(text);
}
