/** The AST of the supported subset (plus `Unsupported` nodes the static check turns into load errors). */

export interface Pos {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type ConstValue = null | boolean | bigint | number | string | { bytes: Uint8Array };

export interface FStringField {
  expr: Expr;
  conversion: "r" | "s" | "a" | null;
  spec: FStringPart[] | null;
  /** `{x=}` self-documenting text, including the `=` and surrounding spaces. */
  debugText: string | null;
}
export type FStringPart = string | FStringField;

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Arg {
  name: string;
  default: Expr | null;
}
export interface Arguments {
  args: Arg[];
  vararg: string | null;
  kwonly: Arg[];
  kwarg: string | null;
}

export interface Keyword {
  /** null for `**mapping` */
  name: string | null;
  value: Expr;
}

export type Expr = Pos &
  (
    | { type: "Name"; id: string }
    | { type: "Const"; value: ConstValue }
    | { type: "FString"; parts: FStringPart[] }
    | { type: "BinOp"; op: string; left: Expr; right: Expr }
    | { type: "UnaryOp"; op: "-" | "+" | "~" | "not"; operand: Expr }
    | { type: "BoolOp"; op: "and" | "or"; values: Expr[] }
    | { type: "Compare"; left: Expr; ops: string[]; comparators: Expr[] }
    | { type: "Call"; func: Expr; args: Expr[]; keywords: Keyword[] }
    | { type: "Attribute"; value: Expr; attr: string }
    | { type: "Subscript"; value: Expr; index: Expr }
    | { type: "Slice"; lower: Expr | null; upper: Expr | null; step: Expr | null }
    | { type: "List"; elts: Expr[] }
    | { type: "Tuple"; elts: Expr[]; parenthesized: boolean }
    | { type: "Set"; elts: Expr[] }
    | { type: "Dict"; keys: Array<Expr | null>; values: Expr[] }
    | { type: "IfExp"; test: Expr; body: Expr; orelse: Expr }
    | { type: "Lambda"; args: Arguments; body: Expr }
    | { type: "ListComp" | "SetComp" | "GeneratorExp"; elt: Expr; generators: Comprehension[] }
    | { type: "DictComp"; key: Expr; value: Expr; generators: Comprehension[] }
    | { type: "Starred"; value: Expr }
    | { type: "UnsupportedExpr"; what: string; whatEn: string }
  );

export interface ExceptHandler extends Pos {
  excType: Expr | null;
  name: string | null;
  body: Stmt[];
}

export interface ImportAlias {
  name: string;
  asname: string | null;
}

/** One `expr as target` of a with statement. */
export interface WithItem {
  context: Expr;
  target: Expr | null;
}

export type Stmt = Pos &
  (
    | { type: "Expr"; value: Expr }
    | { type: "Assign"; targets: Expr[]; value: Expr }
    | { type: "AugAssign"; target: Expr; op: string; value: Expr }
    | { type: "AnnAssign"; target: Expr; value: Expr | null }
    | { type: "FunctionDef"; name: string; args: Arguments; body: Stmt[]; decorators: Expr[] }
    | { type: "ClassDef"; name: string; bases: Expr[]; keywords: Keyword[]; body: Stmt[]; decorators: Expr[] }
    | { type: "With"; items: WithItem[]; body: Stmt[] }
    | { type: "Return"; value: Expr | null }
    | { type: "If"; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { type: "For"; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
    | { type: "While"; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { type: "Break" }
    | { type: "Continue" }
    | { type: "Pass" }
    | { type: "Delete"; targets: Expr[] }
    | { type: "Raise"; exc: Expr | null; cause: Expr | null }
    | { type: "Try"; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[] }
    | { type: "Global"; names: string[] }
    | { type: "Nonlocal"; names: string[] }
    | { type: "Assert"; test: Expr; msg: Expr | null }
    | { type: "Import"; names: ImportAlias[] }
    | { type: "ImportFrom"; module: string; level: number; names: ImportAlias[] }
    | { type: "Unsupported"; what: string; whatEn: string }
  );

export interface Module {
  body: Stmt[];
}

/** What CPython calls an expression in "cannot assign to …" / "cannot delete …" messages. */
export function describe(e: Expr): string {
  switch (e.type) {
    case "Const":
      if (e.value === null || typeof e.value === "boolean") return String(e.value === null ? "None" : e.value ? "True" : "False");
      return "literal";
    case "FString":
      return "f-string expression";
    case "Call":
      return "function call";
    case "BinOp":
    case "UnaryOp":
      return "expression";
    case "BoolOp":
      return "expression";
    case "Compare":
      return "comparison";
    case "Lambda":
      return "lambda";
    case "IfExp":
      return "conditional expression";
    case "Dict":
      return "dict literal";
    case "Set":
      return "set display";
    case "ListComp":
      return "list comprehension";
    case "DictComp":
      return "dict comprehension";
    case "SetComp":
      return "set comprehension";
    case "GeneratorExp":
      return "generator expression";
    case "Tuple":
      return "tuple";
    case "List":
      return "list";
    default:
      return "expression";
  }
}
