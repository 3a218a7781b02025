/**
 * What the evaluator keeps per call: code, frames, scopes, a function's implementation, and the signals a
 * statement returns to its block (normal, break, continue, return).
 */
import type { Arguments, Expr, Pos, Stmt } from "./ast";
import type { ScopeInfo } from "./scope";
import type { ClassCell } from "./user-classes";
import type { PyFunction, PyValue } from "./values";

export interface CodeInfo {
  filename: string;
  lines: string[];
  /** The file as the student names it (`app.py`), for honest-limit messages; defaults to the base name. */
  path?: string;
}

export interface Scope {
  vars: Map<string, PyValue>;
  info: ScopeInfo;
  parent: Scope | null;
  /** Set on a class body's scope: names it does not bind fall back to globals, and its functions get the class. */
  classCell?: ClassCell;
}

export interface Frame {
  name: string;
  /** Dotted path for the functions and classes defined in this frame (`Greeter.hello`, `f.<locals>.g`). */
  qualname?: string;
  /** The Python function this frame runs (for zero-argument super()). */
  fn?: PyFunction;
  code: CodeInfo;
  node: Pos;
  scope: Scope | null;
  globals: Map<string, PyValue>;
  retval: PyValue;
}

export interface FuncImpl {
  args: Arguments;
  body: Stmt[] | Expr;
  info: ScopeInfo;
  defaults: PyValue[];
  kwDefaults: Map<string, PyValue>;
  closure: Scope | null;
  globals: Map<string, PyValue>;
  code: CodeInfo;
  /** For a function defined in a class body: the class, once the class statement has made it. */
  classCell?: ClassCell;
}

/** The values a function keeps from where it was made: defaults, keyword defaults, closure cells, attributes. */
export function functionCaptures(fn: PyFunction): PyValue[] {
  const impl = fn.impl as FuncImpl;
  const out: PyValue[] = [...impl.defaults, ...impl.kwDefaults.values(), ...fn.attrs.values()];
  for (let s = impl.closure; s; s = s.parent) out.push(...s.vars.values());
  return out;
}

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Signal = 0 | 1 | 2 | 3;

/** The scope of a class body or exec-like code: names are locals, but a missing one falls back to globals. */
export const moduleLikeInfo: ScopeInfo = { locals: new Set(), globals: new Set(), nonlocals: new Set() };
