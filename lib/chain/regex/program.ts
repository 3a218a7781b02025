/**
 * AST → a program for the Pike VM (vm.ts): CHAR, SPLIT, JMP, SAVE, ASSERT, MATCH, as in Russ Cox's
 * "Regular Expression Matching: the Virtual Machine Approach". Counted repetitions are expanded, so the
 * program size is checked against a cap before anything is emitted.
 */
import type { AssertKind, Node } from "./ast";
import { CharMatcher, union, type CharSet } from "./charset";

export const OP_CHAR = 0;
export const OP_SPLIT = 1;
export const OP_JMP = 2;
export const OP_SAVE = 3;
export const OP_ASSERT = 4;
export const OP_MATCH = 5;
/** Loop iteration start: x = register slot; stores the position. */
export const OP_MARK = 6;
/** Loop back-edge guard: x = register slot, y = loop exit; an iteration that consumed nothing leaves the loop. */
export const OP_CHECK = 7;

export const ASSERT_CODES: Readonly<Record<AssertKind, number>> = {
  start: 0,
  "line-start": 1,
  "end-or-final-newline": 2,
  "line-end": 3,
  end: 4,
  "word-boundary": 5,
  "not-word-boundary": 6,
  "unicode-word-boundary": 7,
  "unicode-not-word-boundary": 8,
};

/**
 * Instruction `pc` is `ops[pc]` with operands `x[pc]`, `y[pc]`:
 * CHAR: x = index into `matchers`; SPLIT: x preferred target, y other; JMP: x; SAVE: x = capture slot;
 * ASSERT: x = assert code; MARK: x = register slot; CHECK: x = register slot, y = exit.
 *
 * Registers are per thread, apart from the captures (registers are read often, captures only at the end). The VM's "already visited" key is the pc
 * plus, for every MARK/CHECK loop around that pc, one bit telling whether the loop's current iteration has
 * consumed nothing yet: with that bit two threads at the same pc and position behave the same from there on,
 * so dropping the lower-priority one is exact.
 */
export interface Program {
  ops: Uint8Array;
  x: Int32Array;
  y: Int32Array;
  matchers: CharMatcher[];
  /** Capture slots: 2 × (groupCount + 1). */
  slotCount: number;
  /** One register per guarded loop. */
  registerCount: number;
  /** Registers of the guarded loops around each pc, outermost first (shared empty array when none). */
  guards: ReadonlyArray<ReadonlyArray<number>>;
  /** 2 ^ (most guarded loops around any pc): the visited key is pc × guardFactor + bits. */
  guardFactor: number;
  /** Every match must start at offset 0 (pattern begins with ^ or \A on every branch). */
  anchoredStart: boolean;
  /**
   * The code units a match can begin with, or null when that is not known to be narrower than "any" (a pattern
   * that can match the empty string). The VM skips positions where no match can begin.
   */
  firstUnits: CharMatcher | null;
}

/** Most instructions a program may have: bounds the VM's work per input character. */
export const MAX_PROGRAM_SIZE = 20_000;
/** Most (pc, guard bits) states: bounds the VM's visited table. */
export const MAX_VM_STATES = 1 << 18;

/** Whether `node` can match the empty string. */
export function nullable(node: Node): boolean {
  switch (node.type) {
    case "empty":
    case "assert":
      return true;
    case "set":
      return false;
    case "concat":
      return node.items.every(nullable);
    case "alt":
      return node.items.some(nullable);
    case "capture":
      return nullable(node.body);
    case "repeat":
      return node.min === 0 || nullable(node.body);
  }
}

/**
 * Unbounded loops that need PCRE's empty-iteration rule enforced exactly: every body that can match the empty
 * string. Without the guard, the path "empty iteration, then leave the loop" dies at the already-visited
 * back-edge and leaving happens only at the back-edge's lower-priority branch, after the body's other
 * alternatives: `[ab](?:b{0,2}|a+?)+` on "abab" would give "abab" where PCRE2 gives "ab".
 */
function needsGuard(body: Node): boolean {
  return nullable(body);
}

/** Instructions `node` compiles to (may exceed the cap; the caller checks). */
export function programSize(node: Node): number {
  switch (node.type) {
    case "empty":
      return 0;
    case "set":
    case "assert":
      return 1;
    case "concat":
      return node.items.reduce((sum, item) => sum + programSize(item), 0);
    case "alt":
      return node.items.reduce((sum, item) => sum + programSize(item), 0) + 2 * (node.items.length - 1);
    case "capture":
      return programSize(node.body) + 2;
    case "repeat": {
      const body = programSize(node.body);
      const guard = needsGuard(node.body) ? 2 : 0;
      if (node.max === -1) return (node.min === 0 ? body + 2 : node.min * body + 1) + guard;
      return node.max * body + (node.max - node.min);
    }
  }
}

function startsAnchored(node: Node): boolean {
  switch (node.type) {
    case "assert":
      return node.kind === "start";
    case "concat":
      return node.items.length > 0 && startsAnchored(node.items[0]);
    case "alt":
      return node.items.every(startsAnchored);
    case "capture":
      return startsAnchored(node.body);
    case "repeat":
      return node.min > 0 && startsAnchored(node.body);
    default:
      return false;
  }
}

/**
 * A superset of the code units that can be the first one a match of `node` consumes, or null for "unknown" (the
 * whole range). Assertions consume nothing; an item that can match empty lets the next item's units in too.
 */
function firstUnits(node: Node): CharSet | null {
  switch (node.type) {
    case "empty":
    case "assert":
      return [];
    case "set":
      return node.set;
    case "concat": {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        const first = firstUnits(item);
        if (first === null) return null;
        sets.push(first);
        if (!nullable(item)) break;
      }
      return union(...sets);
    }
    case "alt": {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        const first = firstUnits(item);
        if (first === null) return null;
        sets.push(first);
      }
      return union(...sets);
    }
    case "capture":
    case "repeat":
      return firstUnits(node.body);
  }
}

/** The matcher for `firstUnits(root)`, when it can rule positions out: not for a pattern that can match empty. */
function firstUnitsMatcher(root: Node): CharMatcher | null {
  if (nullable(root)) return null;
  const first = firstUnits(root);
  return first === null ? null : new CharMatcher(first);
}

class Emitter {
  readonly ops: number[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly matchers: CharMatcher[] = [];
  readonly guards: Array<ReadonlyArray<number>> = [];
  private readonly matcherCache = new Map<string, number>();
  private activeGuards: ReadonlyArray<number> = [];
  maxGuardDepth = 0;
  registerCount = 0;

  emit(op: number, x = 0, y = 0): number {
    this.ops.push(op);
    this.x.push(x);
    this.y.push(y);
    this.guards.push(this.activeGuards);
    return this.ops.length - 1;
  }

  get next(): number {
    return this.ops.length;
  }

  /** A SPLIT to `body` (entered next) and `other`; `preferBody` decides which is tried first. */
  patchSplit(pc: number, body: number, other: number, preferBody: boolean): void {
    this.x[pc] = preferBody ? body : other;
    this.y[pc] = preferBody ? other : body;
  }

  node(node: Node): void {
    switch (node.type) {
      case "empty":
        return;
      case "set": {
        const key = node.set.map(([lo, hi]) => `${lo}-${hi}`).join(",");
        let index = this.matcherCache.get(key);
        if (index === undefined) {
          index = this.matchers.push(new CharMatcher(node.set)) - 1;
          this.matcherCache.set(key, index);
        }
        this.emit(OP_CHAR, index);
        return;
      }
      case "assert":
        this.emit(OP_ASSERT, ASSERT_CODES[node.kind]);
        return;
      case "concat":
        for (const item of node.items) this.node(item);
        return;
      case "alt": {
        const jumps: number[] = [];
        node.items.forEach((item, i) => {
          if (i === node.items.length - 1) {
            this.node(item);
            return;
          }
          const split = this.emit(OP_SPLIT);
          this.node(item);
          jumps.push(this.emit(OP_JMP));
          this.patchSplit(split, split + 1, this.next, true);
        });
        for (const j of jumps) this.x[j] = this.next;
        return;
      }
      case "capture":
        this.emit(OP_SAVE, 2 * node.index);
        this.node(node.body);
        this.emit(OP_SAVE, 2 * node.index + 1);
        return;
      case "repeat":
        this.repeat(node.body, node.min, node.max, node.greedy);
        return;
    }
  }

  /**
   * x{min,max}. An unbounded x* is emitted as (x+)?: after an iteration that matched the empty string the loop
   * back-edge reaches an instruction already visited at this position and dies, so the loop is left with the
   * captures of that last (empty) iteration kept — PCRE's rule, e.g. (a*)* on "aa" sets group 1 to "".
   */
  private repeat(body: Node, min: number, max: number, greedy: boolean): void {
    if (max === -1) {
      const mandatory = Math.max(min - 1, 0);
      for (let i = 0; i < mandatory; i++) this.node(body);
      let entry = -1;
      if (min === 0) entry = this.emit(OP_SPLIT);
      const loopStart = this.next;
      let check = -1;
      if (needsGuard(body)) {
        const register = this.registerCount++;
        this.emit(OP_MARK, register);
        const outer = this.activeGuards;
        this.activeGuards = [...outer, register];
        this.maxGuardDepth = Math.max(this.maxGuardDepth, this.activeGuards.length);
        this.node(body);
        check = this.emit(OP_CHECK, register);
        this.activeGuards = outer;
      } else {
        this.node(body);
      }
      const back = this.emit(OP_SPLIT);
      this.patchSplit(back, loopStart, this.next, greedy);
      if (entry >= 0) this.patchSplit(entry, loopStart, this.next, greedy);
      if (check >= 0) this.y[check] = this.next;
      return;
    }
    for (let i = 0; i < min; i++) this.node(body);
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      splits.push(this.emit(OP_SPLIT));
      this.node(body);
    }
    for (const s of splits) this.patchSplit(s, s + 1, this.next, greedy);
  }
}

/**
 * Compiles a checked AST (programSize(root) + 4 ≤ MAX_PROGRAM_SIZE). Null when the guarded loops are nested so
 * deeply that the VM's state table would exceed MAX_VM_STATES.
 */
export function compileProgram(root: Node, groupCount: number): Program | null {
  const captureSlots = 2 * (groupCount + 1);
  const e = new Emitter();
  e.emit(OP_SAVE, 0);
  e.node(root);
  e.emit(OP_SAVE, 1);
  e.emit(OP_MATCH);
  const guardFactor = 2 ** e.maxGuardDepth;
  if (e.ops.length * guardFactor > MAX_VM_STATES) return null;
  return {
    ops: Uint8Array.from(e.ops),
    x: Int32Array.from(e.x),
    y: Int32Array.from(e.y),
    matchers: e.matchers,
    slotCount: captureSlots,
    registerCount: e.registerCount,
    guards: e.guards,
    guardFactor,
    anchoredStart: startsAnchored(root),
    firstUnits: firstUnitsMatcher(root),
  };
}
