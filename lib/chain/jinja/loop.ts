/** jinja2.runtime.LoopContext: the `loop` variable of a `{% for %}` (index, first, last, length, cycle…). */
import type { PyClass, PyInstance, PyValue, Runtime } from "../python";
import { makeClass, pyError } from "../python";

export interface LoopState {
  items: PyValue[];
  index0: number;
  /** 0 for the outer loop, +1 for each `loop(…)` of a recursive one. */
  depth0: number;
  /** A recursive loop's `loop(iterable)`; null when the loop is not marked recursive. */
  recurse: ((iterable: PyValue) => PyValue) | null;
  /** The arguments of the last `loop.changed(…)` call. */
  lastChanged?: PyValue[];
}

let loopClass: PyClass | undefined;

function loopOf(self: PyInstance): LoopState {
  return self.data as LoopState;
}

function makeLoopClass(): PyClass {
  return makeClass("LoopContext", "jinja2.runtime", {
    repr: (self) => `<LoopContext ${loopOf(self).index0 + 1}/${loopOf(self).items.length}>`,
    getattr: (self, name) => {
      const { items, index0 } = loopOf(self);
      const length = items.length;
      switch (name) {
        case "index":
          return BigInt(index0 + 1);
        case "index0":
          return BigInt(index0);
        case "revindex":
          return BigInt(length - index0);
        case "revindex0":
          return BigInt(length - index0 - 1);
        case "first":
          return index0 === 0;
        case "last":
          return index0 === length - 1;
        case "length":
          return BigInt(length);
        case "depth":
          return BigInt(loopOf(self).depth0 + 1);
        case "depth0":
          return BigInt(loopOf(self).depth0);
        case "previtem":
          return index0 > 0 ? items[index0 - 1] : undefined;
        case "nextitem":
          return index0 + 1 < length ? items[index0 + 1] : undefined;
        default:
          return undefined;
      }
    },
    call: (self, args) => {
      const { recurse } = loopOf(self);
      if (recurse === null) throw pyError("TypeError", "The loop must have the 'recursive' marker to be called recursively.");
      if (args.length !== 1) throw pyError("TypeError", `LoopContext.__call__() takes 2 positional arguments but ${args.length + 1} were given`);
      return recurse(args[0]);
    },
    methods: {
      changed: (args, _kwargs, interp) => {
        const state = loopOf(args[0] as PyInstance);
        const values = args.slice(1);
        const last = state.lastChanged;
        if (last !== undefined && last.length === values.length && last.every((v, i) => interp.eq(v, values[i]))) return false;
        state.lastChanged = values;
        return true;
      },
      cycle: (args) => {
        const self = args[0] as PyInstance;
        if (args.length < 2) throw pyError("TypeError", "no items for cycling given");
        return args[1 + (loopOf(self).index0 % (args.length - 1))];
      },
    },
  });
}

export function newLoop(interp: Runtime, state: LoopState): PyInstance {
  loopClass ??= makeLoopClass();
  return interp.newInstance(loopClass, { data: state });
}
