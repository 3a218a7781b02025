/**
 * uWSGI's `http-socket`: it parses the HTTP request itself and makes the same CGI-style vars nginx would have
 * sent over the uwsgi protocol. Order and values as captured (fixtures/uwsgi/http-socket.*): REQUEST_METHOD,
 * PATH_INFO (percent-decoded), REQUEST_URI, QUERY_STRING, SERVER_PROTOCOL, SCRIPT_NAME, SERVER_NAME (the host
 * name), SERVER_PORT, REMOTE_ADDR ("0.0.0.0" over a unix socket), then the headers as HTTP_*.
 */
import type { SocketAddress } from "../../contracts";
import type { HeaderList } from "../../trace";
import { indexOfBytes, latin1Decode } from "../shared/bytes";

export type HttpSocketParse =
  | { ok: true; params: HeaderList; body: Uint8Array }
  | { ok: false; why: "incomplete" | "malformed" };

function percentDecodeLatin1(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseHttpSocketRequest(raw: Uint8Array, listen: SocketAddress, node: string): HttpSocketParse {
  const end = indexOfBytes(raw, [13, 10, 13, 10]);
  if (end < 0) return { ok: false, why: "incomplete" };
  const lines = latin1Decode(raw.subarray(0, end)).split("\r\n");
  const requestLine = lines[0].split(" ");
  if (requestLine.length !== 3 || !requestLine[0] || !requestLine[1]) return { ok: false, why: "malformed" };
  const [method, uri, protocol] = requestLine;
  const q = uri.indexOf("?");
  const path = q >= 0 ? uri.slice(0, q) : uri;
  const query = q >= 0 ? uri.slice(q + 1) : "";
  const params: HeaderList = [
    ["REQUEST_METHOD", method],
    ["PATH_INFO", percentDecodeLatin1(path)],
    ["REQUEST_URI", uri],
    ["QUERY_STRING", query],
    ["SERVER_PROTOCOL", protocol],
    ["SCRIPT_NAME", ""],
    ["SERVER_NAME", node],
    ["SERVER_PORT", listen.kind === "tcp" ? String(listen.port) : "80"],
    ["REMOTE_ADDR", listen.kind === "tcp" ? "127.0.0.1" : "0.0.0.0"],
  ];
  if (listen.kind === "tcp") params.push(["REMOTE_PORT", "40000"]);
  let contentLength = 0;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, why: "malformed" };
    const name = line.slice(0, colon).trim().toUpperCase().replace(/-/g, "_");
    const value = line.slice(colon + 1).trim();
    if (name === "CONTENT_LENGTH" || name === "CONTENT_TYPE") params.push([name, value]);
    else params.push([`HTTP_${name}`, value]);
    if (name === "CONTENT_LENGTH") contentLength = Math.max(0, Number.parseInt(value, 10) || 0);
  }
  return { ok: true, params, body: raw.slice(end + 4, end + 4 + contentLength) };
}
