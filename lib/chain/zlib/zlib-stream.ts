/**
 * The zlib stream (RFC 1950) Python's `zlib.compress(data)` writes (level 6, 32 KiB window, memLevel 8) and
 * `zlib.decompress` reads: itsdangerous compresses a session cookie this way when that makes it shorter.
 */
import { deflatePieces } from "./deflate";
import { inflateRaw } from "./inflate";

export function adler32Bytes(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib.compress(data) with the default level 6. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const { bytes } = deflatePieces(data, { level: 6, windowBits: 15, memLevel: 8 }, []);
  const out = new Uint8Array(2 + bytes.length + 4);
  out.set([0x78, 0x9c]);
  out.set(bytes, 2);
  new DataView(out.buffer).setUint32(2 + bytes.length, adler32Bytes(data));
  return out;
}

/**
 * zlib.decompress(data): undefined for anything zlib would refuse (bad header, bad stream, wrong checksum,
 * trailing garbage is ignored as zlib does not look past the end), or when the output would exceed `maxOutput`.
 */
export function zlibDecompress(data: Uint8Array, maxOutput = 1 << 20): Uint8Array | undefined {
  if (data.length < 6) return undefined;
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return undefined;
  const inflated = inflateRaw(data.subarray(2), maxOutput);
  if (!inflated) return undefined;
  const { output, consumed } = inflated;
  const end = 2 + consumed;
  if (end + 4 > data.length) return undefined;
  const check = new DataView(data.buffer, data.byteOffset + end, 4).getUint32(0);
  return check === adler32Bytes(output) ? output : undefined;
}
