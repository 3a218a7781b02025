/**
 * The Pike VM: runs a Program over the input once, left to right, keeping at most one thread per state
 * (the highest-priority one), so the work is O(input length × program size) whatever the pattern. Threads are
 * kept in priority order, which gives PCRE's leftmost-first submatches (first alternative, greedy/lazy as
 * written) without backtracking.
 *
 * Captures are a persistent list of (slot, position) writes shared between threads, so a SAVE costs O(1)
 * whatever the number of groups; the winning thread's list is read back once at the end.
 */
import { isWordUnit } from "./charset";
import { isUnicodeWordUnit } from "./unicode";
import { OP_ASSERT, OP_CHAR, OP_CHECK, OP_JMP, OP_MARK, OP_MATCH, OP_SAVE, OP_SPLIT, type Program } from "./program";

export interface VmResult {
  /** Capture slots (start, end) × (groups + 1), -1 for unset; null when there is no match. */
  slots: Int32Array | null;
  /** Instructions visited: the measure of work, linear in the input length for a fixed program. */
  steps: number;
}

/** One capture write; `prev` is the thread's earlier writes (the newest write to a slot wins). */
interface CaptureWrite {
  readonly slot: number;
  readonly pos: number;
  readonly prev: CaptureWrite | null;
}

interface ThreadList {
  pcs: Int32Array;
  caps: Array<CaptureWrite | null>;
  regs: Int32Array[];
  count: number;
}

function newList(size: number): ThreadList {
  return { pcs: new Int32Array(size), caps: new Array(size).fill(null), regs: new Array<Int32Array>(size), count: 0 };
}

function assertHolds(code: number, input: string, pos: number): boolean {
  const len = input.length;
  switch (code) {
    case 0: // start
      return pos === 0;
    case 1: // line-start: PCRE2 does not match after a newline that ends the subject
      return pos === 0 || (input.charCodeAt(pos - 1) === 0x0a && pos < len);
    case 2: // end-or-final-newline
      return pos === len || (pos === len - 1 && input.charCodeAt(pos) === 0x0a);
    case 3: // line-end
      return pos === len || input.charCodeAt(pos) === 0x0a;
    case 4: // end
      return pos === len;
    case 5:
    case 6: {
      const before = pos > 0 && isWordUnit(input.charCodeAt(pos - 1));
      const after = pos < len && isWordUnit(input.charCodeAt(pos));
      return (before !== after) === (code === 5);
    }
    case 7:
    case 8: {
      const before = pos > 0 && isUnicodeWordUnit(input.charCodeAt(pos - 1));
      const after = pos < len && isUnicodeWordUnit(input.charCodeAt(pos));
      return (before !== after) === (code === 7);
    }
    default:
      return false;
  }
}

function readSlots(writes: CaptureWrite | null, slotCount: number): Int32Array {
  const slots = new Int32Array(slotCount).fill(-1);
  let unset = slotCount;
  for (let w = writes; w !== null && unset > 0; w = w.prev) {
    if (slots[w.slot] === -1) {
      slots[w.slot] = w.pos;
      unset--;
    }
  }
  return slots;
}

/** The first position ≥ `from` where a match can begin (by the program's first units), or -1 when there is none. */
function nextStart(prog: Program, input: string, from: number): number {
  const first = prog.firstUnits;
  if (first === null) return from;
  for (let pos = from; pos < input.length; pos++) if (first.has(input.charCodeAt(pos))) return pos;
  // A pattern with first units cannot match the empty string, so not at the end either.
  return -1;
}

export function runProgram(prog: Program, input: string, from = 0): VmResult {
  // Most subjects a location regex sees hold no unit a match could begin with: answer before allocating anything.
  const start = nextStart(prog, input, from);
  if (start < 0) return { slots: null, steps: 0 };
  const size = prog.ops.length;
  const { ops, x, y, matchers, guards, guardFactor } = prog;
  // mark[state] = 1 + the position of the list the state was last added to: one array serves both lists
  // because the current list is complete before anything is added to the next one. A state is a pc plus the
  // "no progress yet" bits of the guarded loops around it (see program.ts).
  const mark = new Int32Array(size * guardFactor);
  const stackPc = new Int32Array(size + 1);
  const stackCaps = new Array<CaptureWrite | null>(size + 1).fill(null);
  const stackRegs = new Array<Int32Array>(size + 1);
  let clist = newList(size);
  let nlist = newList(size);
  let steps = 0;
  let matched: CaptureWrite | null | undefined;
  const noRegisters = new Int32Array(prog.registerCount).fill(-1);
  const len = input.length;

  /** Follows empty transitions from pc in priority order, appending the threads that wait on input. */
  const addThread = (
    list: ThreadList,
    startPc: number,
    pos: number,
    startCaps: CaptureWrite | null,
    startRegs: Int32Array,
  ): void => {
    const stamp = pos + 1;
    let sp = 0;
    stackPc[sp] = startPc;
    stackCaps[sp] = startCaps;
    stackRegs[sp] = startRegs;
    sp++;
    while (sp > 0) {
      sp--;
      let pc = stackPc[sp];
      let caps = stackCaps[sp];
      let regs = stackRegs[sp];
      for (;;) {
        let state = pc * guardFactor;
        const around = guards[pc];
        for (let g = 0; g < around.length; g++) {
          if (regs[around[g]] === pos) state += 1 << g;
        }
        if (mark[state] === stamp) break;
        mark[state] = stamp;
        steps++;
        const op = ops[pc];
        if (op === OP_JMP) {
          pc = x[pc];
        } else if (op === OP_SPLIT) {
          stackPc[sp] = y[pc];
          stackCaps[sp] = caps;
          stackRegs[sp] = regs;
          sp++;
          pc = x[pc];
        } else if (op === OP_SAVE) {
          caps = { slot: x[pc], pos, prev: caps };
          pc++;
        } else if (op === OP_MARK) {
          regs = regs.slice();
          regs[x[pc]] = pos;
          pc++;
        } else if (op === OP_CHECK) {
          pc = regs[x[pc]] === pos ? y[pc] : pc + 1;
        } else if (op === OP_ASSERT) {
          if (!assertHolds(x[pc], input, pos)) break;
          pc++;
        } else {
          list.pcs[list.count] = pc;
          list.caps[list.count] = caps;
          list.regs[list.count] = regs;
          list.count++;
          break;
        }
      }
    }
  };

  for (let pos = start; pos <= len; pos++) {
    if (matched === undefined && (pos === 0 || !prog.anchoredStart)) {
      if (clist.count === 0) {
        // No thread is alive: go straight to the next position where a match can begin.
        pos = nextStart(prog, input, pos);
        if (pos < 0) break;
      }
      addThread(clist, 0, pos, null, noRegisters);
    }
    if (clist.count === 0) {
      if (matched !== undefined || prog.anchoredStart) break;
      continue;
    }
    const c = pos < len ? input.charCodeAt(pos) : -1;
    nlist.count = 0;
    for (let t = 0; t < clist.count; t++) {
      const pc = clist.pcs[t];
      steps++;
      if (ops[pc] === OP_MATCH) {
        matched = clist.caps[t];
        break; // threads after this one have lower priority
      }
      if (ops[pc] === OP_CHAR && c >= 0 && matchers[x[pc]].has(c)) {
        addThread(nlist, pc + 1, pos + 1, clist.caps[t], clist.regs[t]);
      }
    }
    const done = clist;
    clist = nlist;
    nlist = done;
    nlist.count = 0;
  }
  return { slots: matched === undefined ? null : readSlots(matched, prog.slotCount), steps };
}
