/** The parsed form of a pattern, after flags (i, m, s) have been applied to the nodes they cover. */
import type { CharSet } from "./charset";

export type AssertKind =
  /** ^ without (?m), \A, \G: start of the subject. */
  | "start"
  /** ^ with (?m): start, or after a newline that is not the last character. */
  | "line-start"
  /** $ without (?m), \Z: end, or before a newline that is the last character. */
  | "end-or-final-newline"
  /** $ with (?m): end, or before any newline. */
  | "line-end"
  /** \z: end of the subject. */
  | "end"
  | "word-boundary"
  | "not-word-boundary"
  /** \b and \B with the `unicode` option: Python's Unicode word characters. */
  | "unicode-word-boundary"
  | "unicode-not-word-boundary";

export type Node =
  | { type: "empty" }
  /** One code unit from the set (literals are one-element sets, already case-folded). */
  | { type: "set"; set: CharSet }
  | { type: "concat"; items: Node[] }
  /** Alternatives in priority order (leftmost first). */
  | { type: "alt"; items: Node[] }
  | { type: "capture"; index: number; body: Node }
  /** `max` is -1 for no upper bound. */
  | { type: "repeat"; body: Node; min: number; max: number; greedy: boolean }
  | { type: "assert"; kind: AssertKind };
