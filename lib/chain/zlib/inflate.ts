/**
 * A small raw-deflate decoder (RFC 1951): stored, fixed and dynamic Huffman blocks. Used to read back session
 * cookies that itsdangerous compressed; every malformed input gives `undefined`, never an exception, and the
 * output is bounded by `maxOutput`.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class Malformed extends Error {}

/** A canonical Huffman code: counts per length and symbols sorted by code. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function buildHuffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 16; len++) offsets[len] = offsets[len - 1]! + counts[len - 1]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offsets[lengths[i]!]!++] = i;
  return { counts, symbols };
}

class BitReader {
  pos = 0;
  bitBuf = 0;
  bitCount = 0;
  constructor(readonly data: Uint8Array) {}

  bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.data.length) throw new Malformed();
      this.bitBuf |= this.data[this.pos++]! << this.bitCount;
      this.bitCount += 8;
    }
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCount -= n;
    return v;
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.bits(1);
      const count = h.counts[len]!;
      if (code - count < first) return h.symbols[index + (code - first)]!;
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new Malformed();
  }

  alignToByte(): void {
    this.bitBuf = 0;
    this.bitCount = 0;
  }
}

let fixed: { lit: Huffman; dist: Huffman } | undefined;

function fixedCodes() {
  if (!fixed) {
    const lit = new Uint8Array(288);
    lit.fill(8, 0, 144);
    lit.fill(9, 144, 256);
    lit.fill(7, 256, 280);
    lit.fill(8, 280, 288);
    fixed = { lit: buildHuffman(lit), dist: buildHuffman(new Uint8Array(30).fill(5)) };
  }
  return fixed;
}

function dynamicCodes(r: BitReader): { lit: Huffman; dist: Huffman } {
  const nLit = r.bits(5) + 257;
  const nDist = r.bits(5) + 1;
  const nCode = r.bits(4) + 4;
  if (nLit > 286 || nDist > 30) throw new Malformed();
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < nCode; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = r.bits(3);
  const lenCode = buildHuffman(codeLengths);
  const lengths = new Uint8Array(nLit + nDist);
  for (let i = 0; i < nLit + nDist; ) {
    const sym = r.decode(lenCode);
    if (sym < 16) {
      lengths[i++] = sym;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (sym === 16) {
      if (i === 0) throw new Malformed();
      value = lengths[i - 1]!;
      repeat = 3 + r.bits(2);
    } else if (sym === 17) repeat = 3 + r.bits(3);
    else repeat = 11 + r.bits(7);
    if (i + repeat > nLit + nDist) throw new Malformed();
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new Malformed();
  return { lit: buildHuffman(lengths.subarray(0, nLit)), dist: buildHuffman(lengths.subarray(nLit)) };
}

/** Inflate raw deflate data; `consumed` is how many input bytes the stream used (for the zlib trailer). */
export function inflateRaw(data: Uint8Array, maxOutput: number): { output: Uint8Array; consumed: number } | undefined {
  const r = new BitReader(data);
  let out = new Uint8Array(Math.min(maxOutput, Math.max(64, data.length * 4)));
  let n = 0;
  const ensure = (extra: number) => {
    if (n + extra > maxOutput) throw new Malformed();
    if (n + extra <= out.length) return;
    const bigger = new Uint8Array(Math.min(maxOutput, Math.max(out.length * 2, n + extra)));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  try {
    let last = 0;
    while (!last) {
      last = r.bits(1);
      const type = r.bits(2);
      if (type === 0) {
        r.alignToByte();
        if (r.pos + 4 > data.length) throw new Malformed();
        const len = data[r.pos]! | (data[r.pos + 1]! << 8);
        const nlen = data[r.pos + 2]! | (data[r.pos + 3]! << 8);
        if ((len ^ 0xffff) !== nlen || r.pos + 4 + len > data.length) throw new Malformed();
        ensure(len);
        out.set(data.subarray(r.pos + 4, r.pos + 4 + len), n);
        n += len;
        r.pos += 4 + len;
        continue;
      }
      if (type === 3) throw new Malformed();
      const { lit, dist } = type === 1 ? fixedCodes() : dynamicCodes(r);
      for (;;) {
        const sym = r.decode(lit);
        if (sym < 256) {
          ensure(1);
          out[n++] = sym;
        } else if (sym === 256) break;
        else {
          const li = sym - 257;
          if (li >= 29) throw new Malformed();
          const length = LENGTH_BASE[li]! + r.bits(LENGTH_EXTRA[li]!);
          const di = r.decode(dist);
          if (di >= 30) throw new Malformed();
          const distance = DIST_BASE[di]! + r.bits(DIST_EXTRA[di]!);
          if (distance > n) throw new Malformed();
          ensure(length);
          for (let k = 0; k < length; k++, n++) out[n] = out[n - distance]!;
        }
      }
    }
  } catch (e) {
    if (e instanceof Malformed) return undefined;
    throw e;
  }
  // Whole bytes the stream used: unread bits of the last byte belong to it.
  return { output: out.slice(0, n), consumed: r.pos };
}
