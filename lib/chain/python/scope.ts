/** Static scope analysis of a function body: which names are local, global or nonlocal (as CPython's compiler). */
import type { Arguments, Comprehension, Expr, Stmt } from "./ast";

export interface ScopeInfo {
  locals: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

const cache = new WeakMap<object, ScopeInfo>();

export function functionScope(node: object, args: Arguments, body: Stmt[]): ScopeInfo {
  let info = cache.get(node);
  if (info) return info;
  info = { locals: new Set(), globals: new Set(), nonlocals: new Set() };
  for (const a of args.args) info.locals.add(a.name);
  for (const a of args.kwonly) info.locals.add(a.name);
  if (args.vararg) info.locals.add(args.vararg);
  if (args.kwarg) info.locals.add(args.kwarg);
  const assigned = new Set<string>();
  collectBlock(body, assigned, info);
  for (const n of assigned) if (!info.globals.has(n) && !info.nonlocals.has(n)) info.locals.add(n);
  cache.set(node, info);
  return info;
}

export function comprehensionScope(node: object, gens: Comprehension[]): ScopeInfo {
  let info = cache.get(node);
  if (info) return info;
  info = { locals: new Set(), globals: new Set(), nonlocals: new Set() };
  for (const g of gens) targetNames(g.target, info.locals);
  cache.set(node, info);
  return info;
}

export function targetNames(t: Expr, out: Set<string>): void {
  switch (t.type) {
    case "Name":
      out.add(t.id);
      break;
    case "Tuple":
    case "List":
      for (const e of t.elts) targetNames(e, out);
      break;
    case "Starred":
      targetNames(t.value, out);
      break;
  }
}

function collectBlock(body: Stmt[], assigned: Set<string>, info: ScopeInfo): void {
  for (const s of body) collectStmt(s, assigned, info);
}

function collectStmt(s: Stmt, assigned: Set<string>, info: ScopeInfo): void {
  switch (s.type) {
    case "Assign":
      for (const t of s.targets) targetNames(t, assigned);
      break;
    case "AugAssign":
    case "AnnAssign":
      targetNames(s.target, assigned);
      break;
    case "FunctionDef":
    case "ClassDef":
      assigned.add(s.name);
      break;
    case "With":
      for (const item of s.items) if (item.target) targetNames(item.target, assigned);
      collectBlock(s.body, assigned, info);
      break;
    case "For":
      targetNames(s.target, assigned);
      collectBlock(s.body, assigned, info);
      collectBlock(s.orelse, assigned, info);
      break;
    case "While":
    case "If":
      collectBlock(s.body, assigned, info);
      collectBlock(s.orelse, assigned, info);
      break;
    case "Try":
      collectBlock(s.body, assigned, info);
      for (const h of s.handlers) {
        if (h.name) assigned.add(h.name);
        collectBlock(h.body, assigned, info);
      }
      collectBlock(s.orelse, assigned, info);
      collectBlock(s.finalbody, assigned, info);
      break;
    case "Delete":
      for (const t of s.targets) targetNames(t, assigned);
      break;
    case "Global":
      for (const n of s.names) info.globals.add(n);
      break;
    case "Nonlocal":
      for (const n of s.names) info.nonlocals.add(n);
      break;
    case "Import":
      for (const a of s.names) assigned.add(a.asname ?? a.name.split(".")[0]);
      break;
    case "ImportFrom":
      for (const a of s.names) assigned.add(a.asname ?? a.name);
      break;
  }
}
