/** Jinja2 3.1's builtin tests (jinja2/tests.py) on Python values: `x is defined`, `n is odd`, `a is in b`… */
import type { PyValue } from "../python";
import { binaryOp, compareOp, contains, isInstance, pyError, strOf } from "../python";
import type { EvalState } from "./evaluate";
import { hasFilterOrTest, isMarkup, toText } from "./evaluate";
import { isUndefined } from "./undefined";

export type Test = (state: EvalState, value: PyValue, args: PyValue[]) => boolean;

function arg(args: PyValue[], i: number, test: string): PyValue {
  if (args.length <= i) throw pyError("TypeError", `test_${test}() missing 1 required positional argument`);
  return args[i];
}

const isDict = (v: PyValue) => v !== null && typeof v === "object" && v.kind === "dict";

function compare(op: string): Test {
  return (state, value, args) => compareOp(state.ctx.env.interp, op, value, arg(args, 0, op));
}

export const TESTS: Record<string, Test> = {
  defined: (_state, value) => !isUndefined(value),
  undefined: (_state, value) => isUndefined(value),
  none: (_state, value) => value === null,
  boolean: (_state, value) => typeof value === "boolean",
  true: (_state, value) => value === true,
  false: (_state, value) => value === false,
  integer: (_state, value) => typeof value === "bigint",
  float: (_state, value) => typeof value === "number",
  number: (_state, value) => typeof value === "bigint" || typeof value === "number" || typeof value === "boolean",
  string: (_state, value) => strOf(value) !== undefined,
  mapping: (_state, value) => isDict(value),
  iterable: (state, value) => state.ctx.env.interp.tryIter(value) !== undefined,
  sequence: (_state, value) =>
    strOf(value) !== undefined || (value !== null && typeof value === "object" && ["list", "tuple", "dict", "range", "bytes"].includes(value.kind)),
  callable: (state, value) => state.ctx.env.interp.truthy(state.ctx.env.interp.call(state.ctx.env.interp.builtins.get("callable") ?? null, [value])),
  odd: (state, value) => compareOp(state.ctx.env.interp, "==", binaryOp(state.ctx.env.interp, "%", value, 2n), 1n),
  even: (state, value) => compareOp(state.ctx.env.interp, "==", binaryOp(state.ctx.env.interp, "%", value, 2n), 0n),
  divisibleby: (state, value, args) => compareOp(state.ctx.env.interp, "==", binaryOp(state.ctx.env.interp, "%", value, arg(args, 0, "divisibleby")), 0n),
  lower: (state, value) => {
    const s = toText(state, value);
    return s.toLowerCase() === s && s.toUpperCase() !== s;
  },
  upper: (state, value) => {
    const s = toText(state, value);
    return s.toUpperCase() === s && s.toLowerCase() !== s;
  },
  escaped: (state, value) => isMarkup(state, value),
  sameas: (_state, value, args) => value === args[0] || (isInstance(value) && value === args[0]),
  in: (state, value, args) => contains(state.ctx.env.interp, arg(args, 0, "in"), value),
  filter: (state, value) => hasFilterOrTest(state, "filter", value),
  test: (state, value) => hasFilterOrTest(state, "test", value),
  "==": compare("=="),
  eq: compare("=="),
  equalto: compare("=="),
  "!=": compare("!="),
  ne: compare("!="),
  "<": compare("<"),
  lt: compare("<"),
  lessthan: compare("<"),
  "<=": compare("<="),
  le: compare("<="),
  ">": compare(">"),
  gt: compare(">"),
  greaterthan: compare(">"),
  ">=": compare(">="),
  ge: compare(">="),
};

export const TEST_NAMES: ReadonlySet<string> = new Set(Object.keys(TESTS));
