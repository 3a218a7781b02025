/** Size limits for untrusted programs: checked before allocating, exceeded → MemoryError. */
export const MAX_STR_LENGTH = 16 * 1024 * 1024;
export const MAX_SEQUENCE_LENGTH = 4 * 1024 * 1024;
export const MAX_INT_BITS = 100_000;
export const MAX_SOURCE_BYTES = 256 * 1024;
export const DEFAULT_STEP_BUDGET = 1_000_000;
export const DEFAULT_RECURSION_LIMIT = 1000;
/** CPython's parser refuses deeper nesting of brackets ("too many nested parentheses"). */
export const MAX_PAREN_NESTING = 200;
/** Nesting depth of blocks/expressions the parser accepts (CPython: "too many statically nested blocks" etc.). */
export const MAX_AST_DEPTH = 100;
