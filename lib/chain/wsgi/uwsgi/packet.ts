/**
 * The uwsgi wire protocol as nginx speaks it (modifier1 0 = WSGI): a 4-byte header
 * [modifier1][datasize le16][modifier2] followed by key/value pairs, each a le16 length and the bytes.
 * Captured packets: fixtures/uwsgi/*.packet.bin.
 */
import type { HeaderList } from "../../trace";
import { latin1Decode, latin1Encode } from "../shared/bytes";

export interface UwsgiPacket {
  bytes: Uint8Array;
  /** The datasize field (the vars block size uWSGI logs as "{N vars in SIZE bytes}"). */
  datasize: number;
}

/** The datasize field of the packet `params` make (each pair: two le16 lengths and the latin-1 bytes). */
export function uwsgiVarsSize(params: HeaderList): number {
  let size = 0;
  for (const [key, value] of params) size += 4 + key.length + value.length;
  return size;
}

/** Encode params as nginx would. Sizes above 65535 are clamped in the header (nginx itself refuses those). */
export function encodeUwsgiPacket(params: HeaderList, body: Uint8Array = new Uint8Array(0)): UwsgiPacket {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const [key, value] of params) {
    const k = latin1Encode(key);
    const v = latin1Encode(value);
    const entry = new Uint8Array(4 + k.length + v.length);
    entry[0] = k.length & 0xff;
    entry[1] = (k.length >> 8) & 0xff;
    entry.set(k, 2);
    entry[2 + k.length] = v.length & 0xff;
    entry[3 + k.length] = (v.length >> 8) & 0xff;
    entry.set(v, 4 + k.length);
    chunks.push(entry);
    size += entry.length;
  }
  const bytes = new Uint8Array(4 + size + body.length);
  bytes[0] = 0;
  bytes[1] = size & 0xff;
  bytes[2] = (size >> 8) & 0xff;
  bytes[3] = 0;
  let offset = 4;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  bytes.set(body, offset);
  return { bytes, datasize: size };
}

export type DecodedPacket =
  | { ok: true; modifier1: number; modifier2: number; datasize: number; params: HeaderList; body: Uint8Array }
  | { ok: false; reason: "short-header" | "truncated" | "bad-vars"; datasize?: number };

/** Decode a packet (header, vars, then whatever follows as body). Never throws; bounded by the input size. */
export function decodeUwsgiPacket(bytes: Uint8Array): DecodedPacket {
  if (bytes.length < 4) return { ok: false, reason: "short-header" };
  const modifier1 = bytes[0];
  const datasize = bytes[1] | (bytes[2] << 8);
  const modifier2 = bytes[3];
  if (bytes.length < 4 + datasize) return { ok: false, reason: "truncated", datasize };
  const params: HeaderList = [];
  let pos = 4;
  const end = 4 + datasize;
  while (pos < end) {
    if (pos + 2 > end) return { ok: false, reason: "bad-vars", datasize };
    const keyLength = bytes[pos] | (bytes[pos + 1] << 8);
    pos += 2;
    if (pos + keyLength + 2 > end) return { ok: false, reason: "bad-vars", datasize };
    const key = latin1Decode(bytes.subarray(pos, pos + keyLength));
    pos += keyLength;
    const valueLength = bytes[pos] | (bytes[pos + 1] << 8);
    pos += 2;
    if (pos + valueLength > end) return { ok: false, reason: "bad-vars", datasize };
    const value = latin1Decode(bytes.subarray(pos, pos + valueLength));
    pos += valueLength;
    params.push([key, value]);
  }
  return { ok: true, modifier1, modifier2, datasize, params, body: bytes.slice(end) };
}
