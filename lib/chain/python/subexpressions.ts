/**
 * For the static walkers over app.py (check.ts: what the embedded Python cannot run; reuse-check.ts: whether a
 * loaded app may be kept): the direct sub-expressions of the expression kinds whose only meaning to a walker is
 * "look inside" — operators, containers, subscripts, f-strings, `*x`. Null for the kinds each walker treats in
 * its own way (names, constants, calls, attributes, lambdas, comprehensions, unsupported syntax).
 */
import type { Expr } from "./ast";

export function plainSubexpressions(e: Expr): Array<Expr | null> | null {
  switch (e.type) {
    case "FString": {
      const parts: Expr[] = [];
      for (const p of e.parts) {
        if (typeof p === "string") continue;
        parts.push(p.expr);
        if (p.spec) for (const q of p.spec) if (typeof q !== "string") parts.push(q.expr);
      }
      return parts;
    }
    case "BinOp":
      return [e.left, e.right];
    case "UnaryOp":
      return [e.operand];
    case "BoolOp":
      return e.values;
    case "Compare":
      return [e.left, ...e.comparators];
    case "Subscript":
      return [e.value, e.index];
    case "Slice":
      return [e.lower, e.upper, e.step];
    case "List":
    case "Tuple":
    case "Set":
      return e.elts;
    case "Dict":
      return [...e.keys, ...e.values];
    case "IfExp":
      return [e.test, e.body, e.orelse];
    case "Starred":
      return [e.value];
    default:
      return null;
  }
}
