/**
 * The gzip member zlib writes when nginx opens it with deflateInit2(level, Z_DEFLATED, wbits + 16, memlevel): a
 * 10-byte header (no name, mtime 0, XFL from the level, OS 3 = Unix), the raw deflate stream, then CRC-32 and
 * length (RFC 1952).
 */
import { deflatePieces, type DeflateOptions } from "./deflate";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function gzipCompress(data: Uint8Array, options: DeflateOptions): Uint8Array {
  return gzipPieces(data, options, []).bytes;
}

/** The gzip member, and how many of its bytes zlib had written when each input piece ran out (see deflatePieces). */
export function gzipPieces(data: Uint8Array, options: DeflateOptions, pieceEnds: readonly number[]): { bytes: Uint8Array; outputAt: number[] } {
  const { bytes: deflated, outputAt } = deflatePieces(data, options, pieceEnds);
  const out = new Uint8Array(10 + deflated.length + 8);
  // XFL: 2 for the slowest level, 4 for the fastest (zlib says "4" below level 2), else 0.
  const xfl = options.level === 9 ? 2 : options.level < 2 ? 4 : 0;
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
  out.set(deflated, 10);
  const trailer = new DataView(out.buffer, 10 + deflated.length, 8);
  trailer.setUint32(0, crc32(data), true);
  trailer.setUint32(4, data.length >>> 0, true);
  // zlib writes the header out on the first call, before any input is compressed.
  return { bytes: out, outputAt: outputAt.map((n) => 10 + n) };
}
