/**
 * The Huffman half of zlib 1.2.13's deflate (trees.c), written for this course: the same trees, the same choice
 * between a stored, a fixed-code and a dynamic-code block, and so the same bits. Byte-for-byte equality with
 * Debian's zlib is checked by zlib.test.ts against outputs recorded with /usr/bin/python3's zlib module.
 *
 * A block collects symbols (literal bytes and length/distance pairs) with `tally()`; `flushBlock()` builds the
 * trees from their frequencies, picks the cheapest encoding and writes it with a `BitWriter`.
 */

export const MIN_MATCH = 3;
export const MAX_MATCH = 258;

const L_CODES = 286; // literals 0..255, end of block 256, length codes 257..285
const D_CODES = 30;
const BL_CODES = 19; // code lengths 0..15, 16 repeat previous, 17/18 repeat zero
const HEAP_SIZE = 2 * L_CODES + 1;
const MAX_BITS = 15;
const MAX_BL_BITS = 7;
const END_BLOCK = 256;
const LITERALS = 256;
const REP_3_6 = 16;
const REPZ_3_10 = 17;
const REPZ_11_138 = 18;

// RFC 1951, 3.2.5 and 3.2.7.
const EXTRA_LBITS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const EXTRA_DBITS = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const EXTRA_BLBITS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];
const BL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Match length − 3 → length code 0..28, and each code's first length − 3. */
const LENGTH_CODE = new Uint8Array(256);
const BASE_LENGTH = new Uint16Array(29);
/** Distance − 1 → distance code: direct below 256, then by (distance − 1) >> 7. */
const DIST_CODE = new Uint8Array(512);
const BASE_DIST = new Uint16Array(30);
{
  let length = 0;
  for (let code = 0; code < 28; code++) {
    BASE_LENGTH[code] = length;
    for (let n = 0; n < 1 << EXTRA_LBITS[code]!; n++) LENGTH_CODE[length++] = code;
  }
  LENGTH_CODE[255] = 28; // length 258 has a code of its own, which wins over code 27's last slot
  let dist = 0;
  let code = 0;
  for (; code < 16; code++) {
    BASE_DIST[code] = dist;
    for (let n = 0; n < 1 << EXTRA_DBITS[code]!; n++) DIST_CODE[dist++] = code;
  }
  dist >>= 7;
  for (; code < D_CODES; code++) {
    BASE_DIST[code] = dist << 7;
    for (let n = 0; n < 1 << (EXTRA_DBITS[code]! - 7); n++) DIST_CODE[256 + dist++] = code;
  }
}
const distCode = (dist: number) => (dist < 256 ? DIST_CODE[dist]! : DIST_CODE[256 + (dist >> 7)]!);

function reverseBits(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++) {
    out = (out << 1) | (code & 1);
    code >>= 1;
  }
  return out;
}

/** Canonical codes for the lengths `len[0..maxCode]`, bit-reversed because deflate sends codes LSB first. */
function assignCodes(len: Uint16Array, code: Uint16Array, maxCode: number, blCount: Uint16Array): void {
  const next = new Uint16Array(MAX_BITS + 1);
  let c = 0;
  for (let bits = 1; bits <= MAX_BITS; bits++) {
    c = (c + blCount[bits - 1]!) << 1;
    next[bits] = c;
  }
  for (let n = 0; n <= maxCode; n++) {
    const l = len[n]!;
    if (l !== 0) code[n] = reverseBits(next[l]!++, l);
  }
}

/** The fixed codes (RFC 1951 3.2.6). */
const STATIC_LTREE_LEN = new Uint16Array(288);
const STATIC_LTREE_CODE = new Uint16Array(288);
const STATIC_DTREE_LEN = new Uint16Array(D_CODES).fill(5);
const STATIC_DTREE_CODE = new Uint16Array(D_CODES);
{
  const count = new Uint16Array(MAX_BITS + 1);
  for (let n = 0; n < 288; n++) {
    const l = n < 144 ? 8 : n < 256 ? 9 : n < 280 ? 7 : 8;
    STATIC_LTREE_LEN[n] = l;
    count[l]!++;
  }
  assignCodes(STATIC_LTREE_LEN, STATIC_LTREE_CODE, L_CODES + 1, count);
  for (let n = 0; n < D_CODES; n++) STATIC_DTREE_CODE[n] = reverseBits(n, 5);
}

/** Bits LSB first into bytes, as deflate packs them. */
export class BitWriter {
  private bytes = new Uint8Array(1024);
  length = 0;
  private bitBuffer = 0;
  private bitCount = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value & 0xff;
  }

  bits(value: number, count: number): void {
    this.bitBuffer |= value << this.bitCount;
    this.bitCount += count;
    while (this.bitCount >= 8) {
      this.byte(this.bitBuffer);
      this.bitBuffer >>>= 8;
      this.bitCount -= 8;
    }
  }

  /** Pad with zero bits to a byte boundary (bi_windup). */
  align(): void {
    if (this.bitCount > 0) this.byte(this.bitBuffer);
    this.bitBuffer = 0;
    this.bitCount = 0;
  }

  copy(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** One dynamic tree's arrays and constants (ct_data + tree_desc in zlib). */
class Tree {
  readonly freq = new Uint32Array(HEAP_SIZE);
  readonly len = new Uint16Array(HEAP_SIZE + 1);
  readonly code = new Uint16Array(HEAP_SIZE);
  readonly dad = new Uint16Array(HEAP_SIZE);
  maxCode = 0;
  constructor(
    readonly elems: number,
    readonly maxLength: number,
    readonly extra: readonly number[],
    readonly extraBase: number,
    readonly staticLen: Uint16Array | null,
  ) {}
}

/**
 * Symbols of the current block and the trees built from them. `level` 0 is never used here (nginx's gzip levels
 * are 1..9), so a block is always Huffman-coded unless storing it is cheaper.
 */
export class BlockWriter {
  private readonly ltree = new Tree(L_CODES, MAX_BITS, EXTRA_LBITS, LITERALS + 1, STATIC_LTREE_LEN);
  private readonly dtree = new Tree(D_CODES, MAX_BITS, EXTRA_DBITS, 0, STATIC_DTREE_LEN);
  private readonly bltree = new Tree(BL_CODES, MAX_BL_BITS, EXTRA_BLBITS, 0, null);
  private readonly heap = new Int32Array(HEAP_SIZE);
  private readonly depth = new Uint8Array(HEAP_SIZE);
  private readonly blCount = new Uint16Array(MAX_BITS + 1);
  private heapLen = 0;
  private heapMax = 0;
  private optLen = 0;
  private staticLen = 0;
  /** (distance, length − 3 or literal) pairs; distance 0 = literal. */
  private readonly symDist: Uint16Array;
  private readonly symLc: Uint8Array;
  private symCount = 0;
  private readonly symLimit: number;

  constructor(
    readonly out: BitWriter,
    litBufSize: number,
  ) {
    this.symLimit = litBufSize - 1;
    this.symDist = new Uint16Array(this.symLimit);
    this.symLc = new Uint8Array(this.symLimit);
    this.initBlock();
  }

  private initBlock(): void {
    this.ltree.freq.fill(0, 0, L_CODES);
    this.dtree.freq.fill(0, 0, D_CODES);
    this.bltree.freq.fill(0, 0, BL_CODES);
    this.ltree.freq[END_BLOCK] = 1;
    this.optLen = this.staticLen = 0;
    this.symCount = 0;
  }

  /** A literal byte; true when the block is full and must be flushed. */
  literal(byte: number): boolean {
    this.symDist[this.symCount] = 0;
    this.symLc[this.symCount++] = byte;
    this.ltree.freq[byte]!++;
    return this.symCount === this.symLimit;
  }

  /** A match of `length` bytes `distance` back; true when the block is full. */
  match(distance: number, length: number): boolean {
    const lc = length - MIN_MATCH;
    this.symDist[this.symCount] = distance;
    this.symLc[this.symCount++] = lc;
    this.ltree.freq[LENGTH_CODE[lc]! + LITERALS + 1]!++;
    this.dtree.freq[distCode(distance - 1)]!++;
    return this.symCount === this.symLimit;
  }

  /** `smaller` of trees.c: by frequency, then by depth. */
  private smaller(tree: Tree, n: number, m: number): boolean {
    const fn = tree.freq[n]!;
    const fm = tree.freq[m]!;
    return fn < fm || (fn === fm && this.depth[n]! <= this.depth[m]!);
  }

  private siftDown(tree: Tree, k: number): void {
    const heap = this.heap;
    const v = heap[k]!;
    let j = k << 1;
    while (j <= this.heapLen) {
      if (j < this.heapLen && this.smaller(tree, heap[j + 1]!, heap[j]!)) j++;
      if (this.smaller(tree, v, heap[j]!)) break;
      heap[k] = heap[j]!;
      k = j;
      j <<= 1;
    }
    heap[k] = v;
  }

  /** Code lengths from the tree's shape, capped at maxLength the way zlib rebalances an overflow. */
  private assignLengths(tree: Tree): void {
    const { len, dad, freq, maxLength, extra, extraBase, staticLen, maxCode } = tree;
    const heap = this.heap;
    this.blCount.fill(0);
    len[heap[this.heapMax]!] = 0; // the root
    let overflow = 0;
    let h = this.heapMax + 1;
    for (; h < HEAP_SIZE; h++) {
      const n = heap[h]!;
      let bits = len[dad[n]!]! + 1;
      if (bits > maxLength) {
        bits = maxLength;
        overflow++;
      }
      len[n] = bits;
      if (n > maxCode) continue; // an inner node
      this.blCount[bits]!++;
      const xbits = n >= extraBase ? extra[n - extraBase]! : 0;
      const f = freq[n]!;
      this.optLen += f * (bits + xbits);
      if (staticLen) this.staticLen += f * (staticLen[n]! + xbits);
    }
    if (overflow === 0) return;
    do {
      let bits = maxLength - 1;
      while (this.blCount[bits] === 0) bits--;
      this.blCount[bits]!--;
      this.blCount[bits + 1]! += 2;
      this.blCount[maxLength]!--;
      overflow -= 2;
    } while (overflow > 0);
    for (let bits = maxLength; bits !== 0; bits--) {
      let n = this.blCount[bits]!;
      while (n !== 0) {
        const m = heap[--h]!;
        if (m > maxCode) continue;
        if (len[m] !== bits) {
          this.optLen += (bits - len[m]!) * freq[m]!;
          len[m] = bits;
        }
        n--;
      }
    }
  }

  /** build_tree: the Huffman tree of the symbols used, at least two leaves. */
  private buildTree(tree: Tree): void {
    const { freq, len, dad, elems, staticLen } = tree;
    const heap = this.heap;
    let maxCode = -1;
    this.heapLen = 0;
    this.heapMax = HEAP_SIZE;
    for (let n = 0; n < elems; n++) {
      if (freq[n] !== 0) {
        heap[++this.heapLen] = maxCode = n;
        this.depth[n] = 0;
      } else {
        len[n] = 0;
      }
    }
    while (this.heapLen < 2) {
      const node = (heap[++this.heapLen] = maxCode < 2 ? ++maxCode : 0);
      freq[node] = 1;
      this.depth[node] = 0;
      this.optLen--;
      if (staticLen) this.staticLen -= staticLen[node]!;
    }
    tree.maxCode = maxCode;
    for (let n = this.heapLen >> 1; n >= 1; n--) this.siftDown(tree, n);
    let node = elems;
    do {
      const n = heap[1]!;
      heap[1] = heap[this.heapLen--]!;
      this.siftDown(tree, 1);
      const m = heap[1]!;
      heap[--this.heapMax] = n;
      heap[--this.heapMax] = m;
      freq[node] = freq[n]! + freq[m]!;
      this.depth[node] = Math.max(this.depth[n]!, this.depth[m]!) + 1;
      dad[n] = dad[m] = node;
      heap[1] = node++;
      this.siftDown(tree, 1);
    } while (this.heapLen >= 2);
    heap[--this.heapMax] = heap[1]!;
    this.assignLengths(tree);
    assignCodes(len, tree.code, maxCode, this.blCount);
  }

  /**
   * Walk a tree's code lengths as run-length codes 0..18 (scan_tree / send_tree share the walk): `emit` gets each
   * code length, or a repeat code with its extra bits.
   */
  private walkLengths(tree: Tree, emit: (symbol: number, extraValue?: number, extraBits?: number) => void): void {
    const { len, maxCode } = tree;
    const lenAt = (n: number) => (n > maxCode ? 0xffff : len[n]!); // zlib's guard after the last code
    let prevLen = -1;
    let nextLen = lenAt(0);
    let count = 0;
    let maxCount = nextLen === 0 ? 138 : 7;
    let minCount = nextLen === 0 ? 3 : 4;
    for (let n = 0; n <= maxCode; n++) {
      const curLen = nextLen;
      nextLen = lenAt(n + 1);
      if (++count < maxCount && curLen === nextLen) continue;
      if (count < minCount) {
        for (; count > 0; count--) emit(curLen);
      } else if (curLen !== 0) {
        if (curLen !== prevLen) {
          emit(curLen);
          count--;
        }
        emit(REP_3_6, count - 3, 2);
      } else if (count <= 10) {
        emit(REPZ_3_10, count - 3, 3);
      } else {
        emit(REPZ_11_138, count - 11, 7);
      }
      count = 0;
      prevLen = curLen;
      if (nextLen === 0) {
        maxCount = 138;
        minCount = 3;
      } else if (curLen === nextLen) {
        maxCount = 6;
        minCount = 3;
      } else {
        maxCount = 7;
        minCount = 4;
      }
    }
  }

  /** build_bl_tree: the code-length tree, and the index in BL_ORDER of the last length sent. */
  private buildLengthsTree(): number {
    const count = (symbol: number) => void this.bltree.freq[symbol]!++;
    this.walkLengths(this.ltree, count);
    this.walkLengths(this.dtree, count);
    this.buildTree(this.bltree);
    let maxIndex = BL_CODES - 1;
    for (; maxIndex >= 3; maxIndex--) if (this.bltree.len[BL_ORDER[maxIndex]!] !== 0) break;
    this.optLen += 3 * (maxIndex + 1) + 5 + 5 + 4;
    return maxIndex;
  }

  private sendSymbols(lLen: Uint16Array, lCode: Uint16Array, dLen: Uint16Array, dCode: Uint16Array): void {
    const out = this.out;
    for (let i = 0; i < this.symCount; i++) {
      let dist = this.symDist[i]!;
      let lc = this.symLc[i]!;
      if (dist === 0) {
        out.bits(lCode[lc]!, lLen[lc]!);
        continue;
      }
      let code = LENGTH_CODE[lc]!;
      out.bits(lCode[code + LITERALS + 1]!, lLen[code + LITERALS + 1]!);
      let extra = EXTRA_LBITS[code]!;
      if (extra !== 0) {
        lc -= BASE_LENGTH[code]!;
        out.bits(lc, extra);
      }
      dist--;
      code = distCode(dist);
      out.bits(dCode[code]!, dLen[code]!);
      extra = EXTRA_DBITS[code]!;
      if (extra !== 0) out.bits(dist - BASE_DIST[code]!, extra);
    }
    out.bits(lCode[END_BLOCK]!, lLen[END_BLOCK]!);
  }

  /**
   * _tr_flush_block: write the block in the cheapest of the three forms. `stored` is the input the block covers,
   * or null when it is no longer in the window (then it cannot be stored verbatim).
   */
  flush(stored: Uint8Array | null, last: boolean): void {
    const out = this.out;
    this.buildTree(this.ltree);
    this.buildTree(this.dtree);
    const maxBlIndex = this.buildLengthsTree();
    let optBytes = (this.optLen + 3 + 7) >>> 3;
    const staticBytes = (this.staticLen + 3 + 7) >>> 3;
    if (staticBytes <= optBytes) optBytes = staticBytes;
    const lastBit = last ? 1 : 0;
    if (stored !== null && stored.length + 4 <= optBytes) {
      out.bits(lastBit, 3); // STORED_BLOCK = 0
      out.align();
      out.bits(stored.length & 0xffff, 16);
      out.bits(~stored.length & 0xffff, 16);
      out.copy(stored);
    } else if (staticBytes === optBytes) {
      out.bits((1 << 1) + lastBit, 3);
      this.sendSymbols(STATIC_LTREE_LEN, STATIC_LTREE_CODE, STATIC_DTREE_LEN, STATIC_DTREE_CODE);
    } else {
      out.bits((2 << 1) + lastBit, 3);
      this.sendTrees(maxBlIndex + 1);
      this.sendSymbols(this.ltree.len, this.ltree.code, this.dtree.len, this.dtree.code);
    }
    this.initBlock();
    if (last) out.align();
  }

  private sendTrees(blCodes: number): void {
    const out = this.out;
    const bl = this.bltree;
    out.bits(this.ltree.maxCode + 1 - 257, 5);
    out.bits(this.dtree.maxCode + 1 - 1, 5);
    out.bits(blCodes - 4, 4);
    for (let rank = 0; rank < blCodes; rank++) out.bits(bl.len[BL_ORDER[rank]!]!, 3);
    const send = (symbol: number, extraValue?: number, extraBits?: number) => {
      out.bits(bl.code[symbol]!, bl.len[symbol]!);
      if (extraBits !== undefined) out.bits(extraValue!, extraBits);
    };
    this.walkLengths(this.ltree, send);
    this.walkLengths(this.dtree, send);
  }
}
