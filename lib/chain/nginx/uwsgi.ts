/**
 * The uwsgi packet nginx sends for uwsgi_pass (ngx_http_uwsgi_create_request): a 4-byte header
 * (modifier1, 16-bit little-endian size, modifier2), then each variable as
 * key length (LE16), key, value length (LE16), value; then the request body.
 *
 * Variables: the uwsgi_param list in config order (`if_not_empty` ones skipped when empty), then one HTTP_*
 * variable per client header, except names a uwsgi_param already sets (e.g. Debian's `HTTP_HOST $host`).
 */
import { allocBytes } from "../http/bytes";
import type { HeaderList } from "../trace";
import { settingsOf, type RequestContext } from "./context";
import { expandTemplate } from "./variables";

export function buildUwsgiParams(ctx: RequestContext): HeaderList {
  const uwsgi = settingsOf(ctx).uwsgi;
  const params: HeaderList = [];
  for (const param of uwsgi.params) {
    const value = expandTemplate(ctx, param.value);
    if (param.ifNotEmpty && value === "") continue;
    params.push([param.key, value]);
  }
  if (uwsgi.passHeaders) {
    for (const [name, value] of ctx.req.headers) {
      const key = "HTTP_" + name.toUpperCase().replaceAll("-", "_");
      if (uwsgi.names.has(key)) continue;
      params.push([key, value]);
    }
  }
  return params;
}

/** Encode the packet; null when the variables exceed the protocol's 64 KiB (nginx: "uwsgi request is too big"). */
export function encodeUwsgiPacket(params: HeaderList, body: Uint8Array, modifier1 = 0): { packet: Uint8Array; size: number } | { tooBig: number } {
  let size = 0;
  for (const [k, v] of params) size += 2 + k.length + 2 + v.length;
  if (size > 0xffff) return { tooBig: size };
  const packet = allocBytes(4 + size + body.length);
  packet[0] = modifier1;
  packet[1] = size & 0xff;
  packet[2] = size >> 8;
  packet[3] = 0;
  let o = 4;
  for (const [k, v] of params) {
    o = putString(packet, o, k);
    o = putString(packet, o, v);
  }
  packet.set(body, o);
  return { packet, size };
}

/** Write `s` (a latin-1 string) at `offset` as its 16-bit little-endian length, then its bytes; returns the end. */
function putString(packet: Uint8Array, offset: number, s: string): number {
  packet[offset] = s.length & 0xff;
  packet[offset + 1] = (s.length >> 8) & 0xff;
  const start = offset + 2;
  for (let i = 0; i < s.length; i++) packet[start + i] = s.charCodeAt(i) & 0xff;
  return start + s.length;
}
