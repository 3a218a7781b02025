/**
 * The string-matching half of zlib 1.2.13's deflate (deflate.c), written for this course: the same hash chains,
 * the same `longest_match`, the greedy strategy of levels 1–3 (deflate_fast) and the lazy one of levels 4–9
 * (deflate_slow), the same sliding window. With trees.ts it gives exactly the bytes Debian's zlib gives for the
 * whole input compressed at once, which is what nginx's gzip filter feeds it for the course's small bodies.
 */
import { BitWriter, BlockWriter, MAX_MATCH, MIN_MATCH } from "./trees";

export interface DeflateOptions {
  /** 1..9 (gzip_comp_level). */
  level: number;
  /** log2 of the window, 9..15. */
  windowBits: number;
  /** 1..9: hash table and block sizes. */
  memLevel: number;
  /**
   * At most this many hash-chain steps (the cost that grows with the level: up to 4096 per byte at level 9);
   * past it `DeflateBudgetError` is thrown. Unbounded when absent.
   */
  maxChainSteps?: number;
}

/** The input would take more hash-chain steps than `maxChainSteps` allows. */
export class DeflateBudgetError extends Error {
  constructor(readonly steps: number) {
    super(`deflate needs more than ${steps} hash-chain steps`);
  }
}

const MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
/** Matches of length 3 further back than this are not worth it (deflate_slow). */
const TOO_FAR = 4096;
/** How far beyond the data the window is kept zeroed, so longest_match may read past it. */
const WIN_INIT = MAX_MATCH;

/** zlib's configuration_table: good_length, max_lazy (max_insert for fast), nice_length, max_chain, lazy? */
const LEVELS: ReadonlyArray<readonly [good: number, lazy: number, nice: number, chain: number, lazyMatching: boolean]> = [
  [0, 0, 0, 0, false],
  [4, 4, 8, 4, false],
  [4, 5, 16, 8, false],
  [4, 6, 32, 32, false],
  [4, 4, 16, 16, true],
  [8, 16, 32, 32, true],
  [8, 16, 128, 128, true],
  [8, 32, 128, 256, true],
  [32, 128, 258, 1024, true],
  [32, 258, 258, 4096, true],
];

/**
 * Raw deflate (RFC 1951) of `input`, as zlib's deflate() with Z_FINISH writes it; also for input that arrives in pieces ending at `pieceEnds` (ascending offsets) and is fed with
 * Z_NO_FLUSH until the last: `outputAt[i]` is how many bytes zlib had written when it ran out of input at
 * `pieceEnds[i]` (it stops once fewer than 262 bytes are left to look at; blocks are only written when full).
 * The bytes themselves do not depend on the pieces.
 */
export function deflatePieces(input: Uint8Array, options: DeflateOptions, pieceEnds: readonly number[]): { bytes: Uint8Array; outputAt: number[]; chainSteps: number } {
  const out = new BitWriter();
  const deflater = new Deflater(input, options, out, pieceEnds);
  deflater.run();
  return { bytes: out.result(), outputAt: deflater.outputAt, chainSteps: deflater.chainSteps };
}

class Deflater {
  private readonly wSize: number;
  private readonly wMask: number;
  private readonly windowSize: number;
  private readonly window: Uint8Array;
  private readonly prev: Uint16Array;
  private readonly head: Uint16Array;
  private readonly hashMask: number;
  private readonly hashShift: number;
  private readonly maxDist: number;
  private readonly block: BlockWriter;
  private readonly good: number;
  private readonly maxLazy: number;
  private readonly nice: number;
  private readonly maxChain: number;
  private readonly lazyMatching: boolean;

  private insH = 0;
  private strStart = 0;
  private blockStart = 0;
  private lookahead = 0;
  private insert = 0;
  private matchLength = MIN_MATCH - 1;
  private prevLength = MIN_MATCH - 1;
  private matchStart = 0;
  private prevMatch = 0;
  private matchAvailable = false;
  private highWater = 0;
  private inputPos = 0;
  /** Hash-chain steps taken so far (longest_match's loop). */
  chainSteps = 0;
  private readonly maxChainSteps: number;
  readonly outputAt: number[] = [];

  constructor(
    private readonly input: Uint8Array,
    options: DeflateOptions,
    private readonly out: BitWriter,
    private readonly pieceEnds: readonly number[] = [],
  ) {
    const { level, windowBits, memLevel } = options;
    if (!(level >= 1 && level <= 9 && windowBits >= 9 && windowBits <= 15 && memLevel >= 1 && memLevel <= 9)) {
      throw new RangeError(`deflate options out of range: ${JSON.stringify(options)}`);
    }
    this.wSize = 1 << windowBits;
    this.wMask = this.wSize - 1;
    this.windowSize = 2 * this.wSize;
    this.window = new Uint8Array(this.windowSize);
    this.prev = new Uint16Array(this.wSize);
    const hashBits = memLevel + 7;
    this.head = new Uint16Array(1 << hashBits);
    this.hashMask = (1 << hashBits) - 1;
    this.hashShift = Math.floor((hashBits + MIN_MATCH - 1) / MIN_MATCH);
    this.maxDist = this.wSize - MIN_LOOKAHEAD;
    this.block = new BlockWriter(out, 1 << (memLevel + 6));
    [this.good, this.maxLazy, this.nice, this.maxChain, this.lazyMatching] = LEVELS[level]!;
    this.maxChainSteps = options.maxChainSteps ?? Infinity;
  }

  run(): void {
    if (this.lazyMatching) this.deflateSlow();
    else this.deflateFast();
    while (this.outputAt.length < this.pieceEnds.length) this.outputAt.push(this.out.length);
  }

  /** At the top of the loop: would zlib, given only the input up to a piece's end, have returned here? */
  private notePieceEnds(): void {
    while (this.outputAt.length < this.pieceEnds.length && this.pieceEnds[this.outputAt.length]! - this.consumedBase - this.strStart < MIN_LOOKAHEAD) {
      this.outputAt.push(this.out.length);
    }
  }

  /** Input offset of window position 0 (grows by wSize at each slide). */
  private consumedBase = 0;

  private updateHash(h: number, c: number): number {
    return ((h << this.hashShift) ^ c) & this.hashMask;
  }

  /** INSERT_STRING: put the 3 bytes at `pos` in the hash chains; returns the previous head of its chain. */
  private insertString(pos: number): number {
    this.insH = this.updateHash(this.insH, this.window[pos + MIN_MATCH - 1]!);
    const head = this.head[this.insH]!;
    this.prev[pos & this.wMask] = head;
    this.head[this.insH] = pos;
    return head;
  }

  /** Move the upper half of the window down and age every chain link (slide_hash). */
  private slide(): void {
    const w = this.wSize;
    for (let i = 0; i < this.head.length; i++) this.head[i] = this.head[i]! >= w ? this.head[i]! - w : 0;
    for (let i = 0; i < this.prev.length; i++) this.prev[i] = this.prev[i]! >= w ? this.prev[i]! - w : 0;
  }

  /** fill_window: read input until there is enough lookahead, sliding the window when it is almost full. */
  private fillWindow(): void {
    const wSize = this.wSize;
    do {
      let more = this.windowSize - this.lookahead - this.strStart;
      if (this.strStart >= wSize + this.maxDist) {
        this.window.copyWithin(0, wSize, wSize + wSize - more);
        this.matchStart -= wSize;
        this.strStart -= wSize;
        this.blockStart -= wSize;
        this.consumedBase += wSize;
        if (this.insert > this.strStart) this.insert = this.strStart;
        this.slide();
        more += wSize;
      }
      const available = this.input.length - this.inputPos;
      if (available === 0) break;
      const n = Math.min(available, more);
      this.window.set(this.input.subarray(this.inputPos, this.inputPos + n), this.strStart + this.lookahead);
      this.inputPos += n;
      this.lookahead += n;
      if (this.lookahead + this.insert >= MIN_MATCH) {
        let str = this.strStart - this.insert;
        this.insH = this.updateHash(this.window[str]!, this.window[str + 1]!);
        while (this.insert) {
          this.insH = this.updateHash(this.insH, this.window[str + MIN_MATCH - 1]!);
          this.prev[str & this.wMask] = this.head[this.insH]!;
          this.head[this.insH] = str;
          str++;
          this.insert--;
          if (this.lookahead + this.insert < MIN_MATCH) break;
        }
      }
    } while (this.lookahead < MIN_LOOKAHEAD && this.inputPos < this.input.length);
    // Keep WIN_INIT bytes after the data zeroed, as zlib does; bytes left over from before a slide stay.
    if (this.highWater < this.windowSize) {
      const curr = this.strStart + this.lookahead;
      if (this.highWater < curr) {
        const init = Math.min(this.windowSize - curr, WIN_INIT);
        this.window.fill(0, curr, curr + init);
        this.highWater = curr + init;
      } else if (this.highWater < curr + WIN_INIT) {
        const init = Math.min(curr + WIN_INIT - this.highWater, this.windowSize - this.highWater);
        this.window.fill(0, this.highWater, this.highWater + init);
        this.highWater += init;
      }
    }
  }

  /** longest_match: follow the hash chain from `curMatch`; sets matchStart, returns the length (≤ lookahead). */
  private longestMatch(curMatch: number): number {
    const w = this.window;
    let chainLength = this.maxChain;
    let scan = this.strStart;
    let bestLen = this.prevLength;
    let niceMatch = this.nice;
    const limit = this.strStart > this.maxDist ? this.strStart - this.maxDist : 0;
    const strEnd = this.strStart + MAX_MATCH;
    let scanEnd1 = w[scan + bestLen - 1]!;
    let scanEnd = w[scan + bestLen]!;
    if (this.prevLength >= this.good) chainLength >>= 2;
    if (niceMatch > this.lookahead) niceMatch = this.lookahead;
    let steps = 0;
    do {
      steps++;
      let match = curMatch;
      if (w[match + bestLen] !== scanEnd || w[match + bestLen - 1] !== scanEnd1 || w[match] !== w[scan] || w[++match] !== w[scan + 1]) continue;
      // Byte 2 is not compared: equal hashes and equal bytes 0 and 1 imply it (zlib relies on the same).
      scan += 2;
      match++;
      while (w[++scan] === w[++match] && w[++scan] === w[++match] && w[++scan] === w[++match] && w[++scan] === w[++match] &&
        w[++scan] === w[++match] && w[++scan] === w[++match] && w[++scan] === w[++match] && w[++scan] === w[++match] && scan < strEnd) {
        /* compare 8 bytes at a time, as zlib */
      }
      const len = MAX_MATCH - (strEnd - scan);
      scan = strEnd - MAX_MATCH;
      if (len > bestLen) {
        this.matchStart = curMatch;
        bestLen = len;
        if (len >= niceMatch) break;
        scanEnd1 = w[scan + bestLen - 1]!;
        scanEnd = w[scan + bestLen]!;
      }
    } while ((curMatch = this.prev[curMatch & this.wMask]!) > limit && --chainLength !== 0);
    this.chainSteps += steps;
    if (this.chainSteps > this.maxChainSteps) throw new DeflateBudgetError(this.maxChainSteps);
    return bestLen <= this.lookahead ? bestLen : this.lookahead;
  }

  /** The head of both loops: note where input pieces run out, refill the window; false once it is all used. */
  private refill(): boolean {
    if (this.pieceEnds.length > 0) this.notePieceEnds();
    if (this.lookahead < MIN_LOOKAHEAD) this.fillWindow();
    return this.lookahead > 0;
  }

  /** Hash the string at strStart in (when 3 bytes are left); the previous head of its chain, 0 for none. */
  private insertCurrent(): number {
    return this.lookahead >= MIN_MATCH ? this.insertString(this.strStart) : 0;
  }

  private flushBlock(last: boolean): void {
    // After a slide the block may begin before the window: zlib then cannot store it verbatim.
    this.block.flush(this.blockStart >= 0 ? this.window.subarray(this.blockStart, this.strStart) : null, last);
    this.blockStart = this.strStart;
  }

  /** Levels 1–3: take the first good match, insert its strings only when it is short. */
  private deflateFast(): void {
    while (this.refill()) {
      const hashHead = this.insertCurrent();
      if (hashHead !== 0 && this.strStart - hashHead <= this.maxDist) this.matchLength = this.longestMatch(hashHead);
      let full: boolean;
      if (this.matchLength >= MIN_MATCH) {
        full = this.block.match(this.strStart - this.matchStart, this.matchLength);
        this.lookahead -= this.matchLength;
        if (this.matchLength <= this.maxLazy && this.lookahead >= MIN_MATCH) {
          this.matchLength--;
          do {
            this.strStart++;
            this.insertString(this.strStart);
          } while (--this.matchLength !== 0);
          this.strStart++;
        } else {
          this.strStart += this.matchLength;
          this.matchLength = 0;
          this.insH = this.updateHash(this.window[this.strStart]!, this.window[this.strStart + 1]!);
        }
      } else {
        full = this.block.literal(this.window[this.strStart]!);
        this.lookahead--;
        this.strStart++;
      }
      if (full) this.flushBlock(false);
    }
    this.flushBlock(true);
  }

  /** Levels 4–9: keep a match pending while the next position might give a longer one (lazy evaluation). */
  private deflateSlow(): void {
    while (this.refill()) {
      const hashHead = this.insertCurrent();
      this.prevLength = this.matchLength;
      this.prevMatch = this.matchStart;
      this.matchLength = MIN_MATCH - 1;
      if (hashHead !== 0 && this.prevLength < this.maxLazy && this.strStart - hashHead <= this.maxDist) {
        this.matchLength = this.longestMatch(hashHead);
        if (this.matchLength <= 5 && this.matchLength === MIN_MATCH && this.strStart - this.matchStart > TOO_FAR) {
          this.matchLength = MIN_MATCH - 1;
        }
      }
      if (this.prevLength >= MIN_MATCH && this.matchLength <= this.prevLength) {
        const maxInsert = this.strStart + this.lookahead - MIN_MATCH;
        const full = this.block.match(this.strStart - 1 - this.prevMatch, this.prevLength);
        this.lookahead -= this.prevLength - 1;
        this.prevLength -= 2;
        do {
          if (++this.strStart <= maxInsert) this.insertString(this.strStart);
        } while (--this.prevLength !== 0);
        this.matchAvailable = false;
        this.matchLength = MIN_MATCH - 1;
        this.strStart++;
        if (full) this.flushBlock(false);
      } else if (this.matchAvailable) {
        if (this.block.literal(this.window[this.strStart - 1]!)) this.flushBlock(false);
        this.strStart++;
        this.lookahead--;
      } else {
        this.matchAvailable = true;
        this.strStart++;
        this.lookahead--;
      }
    }
    if (this.matchAvailable) {
      this.block.literal(this.window[this.strStart - 1]!);
      this.matchAvailable = false;
    }
    this.flushBlock(true);
  }
}
