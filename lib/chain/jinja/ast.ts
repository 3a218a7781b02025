/** The template AST: what the parser builds and the renderer walks (names follow Jinja2's nodes). */

export type Expr =
  | { t: "const"; value: string | bigint | number | boolean | null; line: number }
  | { t: "name"; name: string; line: number }
  | { t: "getattr"; obj: Expr; attr: string; line: number }
  | { t: "getitem"; obj: Expr; key: Expr; line: number }
  | { t: "slice"; start: Expr | null; stop: Expr | null; step: Expr | null; line: number }
  | ({ t: "call"; fn: Expr; line: number } & CallArgs)
  | ({ t: "filter"; name: string; node: Expr; line: number } & CallArgs)
  | ({ t: "test"; name: string; node: Expr; line: number } & CallArgs)
  | { t: "list" | "tuple"; items: Expr[]; line: number }
  | { t: "dict"; items: Array<[Expr, Expr]>; line: number }
  | { t: "binop"; op: "+" | "-" | "*" | "/" | "//" | "%" | "**"; left: Expr; right: Expr; line: number }
  | { t: "concat"; items: Expr[]; line: number }
  | { t: "unary"; op: "-" | "+" | "not"; operand: Expr; line: number }
  | { t: "logic"; op: "and" | "or"; left: Expr; right: Expr; line: number }
  | { t: "compare"; first: Expr; ops: Array<[CompareOp, Expr]>; line: number }
  | { t: "cond"; test: Expr; then: Expr; otherwise: Expr | null; line: number };

/** A call's arguments: positional, keyword, and the `*args` / `**kwargs` spread into it. */
export interface CallArgs {
  args: Expr[];
  kwargs: Array<[string, Expr]>;
  dynArgs?: Expr;
  dynKwargs?: Expr;
}

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in";

/** An assignment target: a name or a tuple of names (`for k, v in …`). */
export type Target =
  | { t: "name"; name: string; line: number }
  | { t: "tuple"; items: Target[]; line: number }
  /** `{% set ns.attr = … %}` (a namespace() attribute). */
  | { t: "nsref"; name: string; attr: string; line: number };

/** Which of Jinja2's special macro names a macro body reads (names.ts finds them, as find_undeclared does). */
export interface MacroUses {
  caller: boolean;
  varargs: boolean;
  kwargs: boolean;
}

/** A macro's (or a call block's caller's) parameters. */
export type Params = Array<{ name: string; default: Expr | null }>;

export type Stmt =
  | { t: "data"; text: string; line: number }
  | { t: "output"; expr: Expr; line: number }
  | { t: "if"; test: Expr; body: Stmt[]; otherwise: Stmt[]; line: number }
  | { t: "for"; target: Target; iter: Expr; filter: Expr | null; recursive: boolean; body: Stmt[]; otherwise: Stmt[]; line: number }
  | { t: "set"; target: Target; value: Expr; line: number }
  | { t: "setblock"; target: Target; filters: Array<Extract<Expr, { t: "filter" }>>; body: Stmt[]; line: number }
  | { t: "block"; name: string; scoped: boolean; required: boolean; body: Stmt[]; line: number }
  | { t: "extends"; template: Expr; line: number }
  | { t: "include"; template: Expr; ignoreMissing: boolean; withContext: boolean; line: number }
  | { t: "macro"; name: string; params: Params; body: Stmt[]; uses: MacroUses; line: number }
  | { t: "callblock"; call: Extract<Expr, { t: "call" }>; params: Params; body: Stmt[]; uses: MacroUses; line: number }
  | { t: "filterblock"; filters: Array<Extract<Expr, { t: "filter" }>>; body: Stmt[]; line: number }
  | { t: "autoescape"; value: Expr; body: Stmt[]; line: number }
  /** jinja2.ext.loopcontrols and jinja2.ext.do, when the app adds them. */
  | { t: "break" | "continue"; line: number }
  | { t: "do"; expr: Expr; line: number }
  | { t: "with"; targets: Target[]; values: Expr[]; body: Stmt[]; line: number }
  | { t: "import"; template: Expr; target: string; withContext: boolean; line: number }
  | { t: "fromimport"; template: Expr; names: Array<[string, string]>; withContext: boolean; line: number };

export interface TemplateAst {
  body: Stmt[];
  /** Blocks by name, in source order (the first definition of each name). */
  blocks: Map<string, Extract<Stmt, { t: "block" }>>;
  /** Whether the template's top level has an {% extends %}. */
  hasExtends: boolean;
  /** Filters and tests the model has no builtin for, in source order: the environment must provide them. */
  unknownNames: NameUse[];
}

/** A filter or test name a template uses. */
export interface NameUse {
  kind: "filter" | "test";
  name: string;
  line: number;
}
