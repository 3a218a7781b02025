/**
 * The uwsgi packet nginx sends for uwsgi_pass (ngx_http_uwsgi_create_request): a 4-byte header
 * (modifier1, 16-bit little-endian size, modifier2), then each variable as
 * key length (LE16), key, value length (LE16), value; then the request body.
 *
 * Variables: the uwsgi_param list in config order (`if_not_empty` ones skipped when empty), then one HTTP_*
 * variable per client header, except names a uwsgi_param already sets (e.g. Debian's `HTTP_HOST $host`).
 */
import type { HeaderList } from "../trace";
import type { RequestContext } from "./context";
import { directiveSet, levelsOf } from "./conf";
import { interpolate } from "./variables";

export function buildUwsgiParams(ctx: RequestContext): HeaderList {
  const levels = levelsOf(ctx.server, ctx.location);
  const params: HeaderList = [];
  const names = new Set<string>();
  for (const d of directiveSet(levels, "uwsgi_param")) {
    const key = d.args[0] ?? "";
    const value = interpolate(ctx, d.args[1] ?? "");
    names.add(key.toUpperCase());
    if (d.args[2] === "if_not_empty" && value === "") continue;
    params.push([key, value]);
  }
  if (directiveSet(levels, "uwsgi_pass_request_headers")[0]?.args[0] !== "off") {
    for (const [name, value] of ctx.req.headers) {
      const key = "HTTP_" + name.toUpperCase().replace(/-/g, "_");
      if (names.has(key)) continue;
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
  const packet = new Uint8Array(4 + size + body.length);
  packet[0] = modifier1;
  packet[1] = size & 0xff;
  packet[2] = size >> 8;
  packet[3] = 0;
  let o = 4;
  const put = (s: string) => {
    packet[o++] = s.length & 0xff;
    packet[o++] = (s.length >> 8) & 0xff;
    for (let i = 0; i < s.length; i++) packet[o++] = s.charCodeAt(i) & 0xff;
  };
  for (const [k, v] of params) {
    put(k);
    put(v);
  }
  packet.set(body, o);
  return { packet, size };
}
