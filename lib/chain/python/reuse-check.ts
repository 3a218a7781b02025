/**
 * Can a loaded module be kept and used again for the next run, as if it had just been loaded?
 *
 * Only if nothing its functions do can change state that outlives a call. This file is the static half of that
 * decision: a conservative check of the parsed module against an allow-list. Inside function bodies (every
 * `def` and `lambda`, nested too) it rejects every way Python code changes existing objects:
 *
 *  - `global` / `nonlocal` (rebinding module or closure variables);
 *  - augmented assignment (`x += [1]` extends a list in place);
 *  - assignment, `for` / comprehension targets and `del` on an attribute or a subscript (`d[k] = v`, `f.n = 1`);
 *  - any attribute (read or call) whose name is not on the host's list of read-only names (so `.append(...)`,
 *    `.update(...)`, `.setLevel(...)` and even a stored `L.append` are refused);
 *  - calls of anything but a named global/builtin or an allowed attribute: a local variable or the result of
 *    an expression might hold a method that mutates.
 *
 * At the top level (run once, at load) mutation is fine, but what it leaves behind must not change when later
 * used: lazy iterators (`iter`, `map`, `filter`, `zip`, `enumerate`, `reversed`, generator expressions) are
 * consumed by their first use, attributes set on modules or functions, `setattr`/`delattr`, and `import *`
 * (unknown names) are refused everywhere.
 *
 * What the function bodies read from outside themselves (module globals and builtins) is returned with how they
 * use each name; the host checks those values at run time, once the module is loaded (see
 * lib/chain/flask/reusable.ts), because a global's value is only known then.
 */
import type { Arguments, Comprehension, Expr, Module, Stmt } from "./ast";
import { parseCached } from "./parse-cache";
import { PySyntaxError } from "./lexer";
import { CompileDepthError } from "./parser";
import { functionScope, targetNames } from "./scope";
import { plainSubexpressions } from "./subexpressions";

export interface ReusePolicy {
  /** Attribute names function bodies may read or call: read-only methods and plain data attributes. */
  readOnlyAttributes: ReadonlySet<string>;
}

/**
 * How function bodies use one outside name: `call` (`f(...)`), `.attr` (`app.config`, the name as the direct
 * base of an attribute), `type()` (`type(x).__name__`, the only use of `type` that cannot reach a class's
 * constructor), `value` (anything else: passed, stored, compared...).
 */
export type NameUse = "call" | "value" | "type()" | `.${string}`;

export type ReuseVerdict =
  | { reusable: true; reads: ReadonlyMap<string, ReadonlySet<NameUse>> }
  | { reusable: false; line: number; reason: string };

/**
 * Methods of the builtin types that only read (str and bytes are immutable; the list/tuple/dict/set ones return
 * new objects or views) and the name attributes every object answers. A host adds its own names; a name must
 * be read-only on every type that has it.
 */
export const PYTHON_READ_ONLY_ATTRIBUTES: ReadonlySet<string> = new Set([
  // str (and bytes, which shares many names)
  "upper", "lower", "casefold", "swapcase", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "join",
  "replace", "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "format", "format_map",
  "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "isascii", "isidentifier", "isupper",
  "islower", "istitle", "title", "capitalize", "zfill", "center", "ljust", "rjust", "partition", "rpartition",
  "removeprefix", "removesuffix", "encode", "expandtabs", "decode", "hex",
  // list / tuple / dict / set: reads and copies
  "copy", "get", "keys", "values", "items", "union", "intersection", "difference", "symmetric_difference",
  "issubset", "issuperset", "isdisjoint",
  // int / float
  "bit_length", "conjugate", "is_integer",
  // every object
  "__name__", "__qualname__", "__module__", "__doc__", "args",
]);

/**
 * Builtins a function body may use (call or pass along): none changes its arguments or anything else. Not here:
 * `iter`/`next` (iterator state), `getattr`/`hasattr` (reach any attribute), `setattr`/`delattr`, `id` (object
 * addresses), `type` (only `type(x).__name__`, see NameUse) and `object`.
 */
export const PURE_BUILTINS: ReadonlySet<string> = new Set([
  "abs", "all", "any", "ascii", "bin", "bool", "bytes", "callable", "chr", "dict", "dir", "divmod", "enumerate",
  "filter", "float", "format", "frozenset", "hash", "hex", "int", "isinstance", "issubclass", "len", "list", "map",
  "max", "min", "oct", "ord", "pow", "print", "range", "repr", "reversed", "round", "set", "slice", "sorted", "str",
  "sum", "tuple", "zip",
]);

/** Builtins that build a lazy iterator: using it once changes it. */
const LAZY_BUILTINS = new Set(["iter", "map", "filter", "zip", "enumerate", "reversed"]);
/** Builtins that change an object's attributes, wherever they are called. */
const MUTATING_BUILTINS = new Set(["setattr", "delattr"]);
/** `type(x).<one of these>` reads a name; every other use of `type` can reach a class and call it. */
const TYPE_NAME_ATTRIBUTES = new Set(["__name__", "__qualname__", "__module__"]);

class Reject {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {}
}

/** checkReuse on the (cached) parse of `source`; a source that does not parse is never reused. */
export function checkSourceReuse(source: string, policy: ReusePolicy): ReuseVerdict {
  const parsed = parseCached(source);
  if (parsed instanceof PySyntaxError || parsed instanceof CompileDepthError) return { reusable: false, line: parsed.line, reason: "syntax error" };
  return checkReuse(parsed, policy);
}

export function checkReuse(mod: Module, policy: ReusePolicy): ReuseVerdict {
  const walker = new ReuseWalker(policy);
  try {
    walker.block(mod.body);
    return { reusable: true, reads: walker.reads };
  } catch (e) {
    if (e instanceof Reject) return { reusable: false, line: e.line, reason: e.reason };
    throw e;
  }
}

/**
 * Walks the module once. `scopes` holds the local names of each enclosing function or comprehension, innermost
 * last; `functionDepth` counts the enclosing function bodies (0: code that runs at load time).
 */
class ReuseWalker {
  readonly reads = new Map<string, Set<NameUse>>();
  private readonly scopes: Array<ReadonlySet<string>> = [];
  private functionDepth = 0;

  constructor(private readonly policy: ReusePolicy) {}

  private get inFunction(): boolean {
    return this.functionDepth > 0;
  }

  private isLocal(name: string): boolean {
    return this.scopes.some((s) => s.has(name));
  }

  private use(name: string, how: NameUse): void {
    if (!this.inFunction || this.isLocal(name)) return;
    let uses = this.reads.get(name);
    if (!uses) this.reads.set(name, (uses = new Set()));
    uses.add(how);
  }

  block(body: Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.type) {
      case "Expr":
        this.expr(s.value);
        break;
      case "Assign":
        s.targets.forEach((t) => this.target(t, s.line));
        this.expr(s.value);
        break;
      case "AugAssign":
        if (this.inFunction) throw new Reject(s.line, "augmented assignment in a function");
        this.target(s.target, s.line);
        this.expr(s.value);
        break;
      case "AnnAssign":
        this.target(s.target, s.line);
        if (s.value) this.expr(s.value);
        break;
      case "Delete":
        s.targets.forEach((t) => this.target(t, s.line));
        break;
      case "FunctionDef":
        // Decorators and defaults run where the def is; the body runs later, at each call.
        s.decorators.forEach((d) => this.expr(d));
        this.function(s, s.args, s.body);
        break;
      case "Return":
        if (s.value) this.expr(s.value);
        break;
      case "If":
      case "While":
        this.expr(s.test);
        this.block(s.body);
        this.block(s.orelse);
        break;
      case "For":
        this.target(s.target, s.line);
        this.expr(s.iter);
        this.block(s.body);
        this.block(s.orelse);
        break;
      case "Raise":
        if (s.exc) this.expr(s.exc);
        if (s.cause) this.expr(s.cause);
        break;
      case "Try":
        this.block(s.body);
        for (const h of s.handlers) {
          if (h.excType) this.expr(h.excType);
          this.block(h.body);
        }
        this.block(s.orelse);
        this.block(s.finalbody);
        break;
      case "Assert":
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        break;
      case "Global":
      case "Nonlocal":
        throw new Reject(s.line, `${s.type.toLowerCase()} statement`);
      case "ImportFrom":
        if (s.names.some((n) => n.name === "*")) throw new Reject(s.line, "import *");
        break;
      case "Import":
      case "Break":
      case "Continue":
      case "Pass":
        break;
      case "ClassDef":
        throw new Reject(s.line, "class definition");
      case "With":
        throw new Reject(s.line, "with statement");
      case "Unsupported":
        throw new Reject(s.line, s.whatEn);
    }
  }

  /** A function's defaults here; its body in a new scope. */
  private function(node: object, args: Arguments, body: Stmt[] | Expr): void {
    for (const a of [...args.args, ...args.kwonly]) if (a.default) this.expr(a.default);
    const info = functionScope(node, args, Array.isArray(body) ? body : []);
    this.scopes.push(info.locals);
    this.functionDepth++;
    try {
      if (Array.isArray(body)) this.block(body);
      else this.expr(body);
    } finally {
      this.functionDepth--;
      this.scopes.pop();
    }
  }

  /** An assignment target: names are fine; attributes never; subscripts only at load time. */
  private target(t: Expr, line: number): void {
    switch (t.type) {
      case "Name":
        if (MUTATING_BUILTINS.has(t.id)) throw new Reject(line, `rebinding ${t.id}`);
        break;
      case "Tuple":
      case "List":
        t.elts.forEach((e) => this.target(e, line));
        break;
      case "Starred":
        this.target(t.value, line);
        break;
      case "Attribute":
        throw new Reject(line, `assignment to the attribute .${t.attr}`);
      case "Subscript":
        if (this.inFunction) throw new Reject(line, "item assignment in a function");
        this.expr(t.value);
        this.expr(t.index);
        break;
      default:
        this.expr(t);
    }
  }

  private expr(e: Expr | null): void {
    if (!e) return;
    switch (e.type) {
      case "Name":
        this.name(e.id, "value", e.line);
        break;
      case "Const":
        break;
      case "Call":
        this.call(e);
        break;
      case "Attribute":
        this.attribute(e);
        break;
      case "Lambda":
        this.function(e, e.args, e.body);
        break;
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp":
        if (e.type === "GeneratorExp" && !this.inFunction) throw new Reject(e.line, "generator expression at module level");
        this.comprehension(e.generators, () => {
          if (e.type === "DictComp") {
            this.expr(e.key);
            this.expr(e.value);
          } else this.expr(e.elt);
        });
        break;
      case "UnsupportedExpr":
        throw new Reject(e.line, e.whatEn);
      default: {
        const parts = plainSubexpressions(e);
        // An expression kind nobody has looked at cannot be vouched for.
        if (!parts) throw new Reject(e.line, `expression ${e.type}`);
        parts.forEach((x) => this.expr(x));
      }
    }
  }

  /** The first iterable is evaluated outside; targets and the rest in the comprehension's own scope. */
  private comprehension(generators: Comprehension[], body: () => void): void {
    this.expr(generators[0].iter);
    const locals = new Set<string>();
    for (const g of generators) targetNames(g.target, locals);
    this.scopes.push(locals);
    try {
      generators.forEach((g, i) => {
        this.target(g.target, g.target.line);
        if (i > 0) this.expr(g.iter);
        g.ifs.forEach((c) => this.expr(c));
      });
      body();
    } finally {
      this.scopes.pop();
    }
  }

  private name(id: string, how: NameUse, line: number): void {
    if (MUTATING_BUILTINS.has(id)) throw new Reject(line, `use of ${id}()`);
    this.use(id, how);
  }

  private attribute(e: Extract<Expr, { type: "Attribute" }>): void {
    if (this.inFunction) {
      const typeCall = e.value.type === "Call" && e.value.func.type === "Name" && e.value.func.id === "type";
      if (typeCall && TYPE_NAME_ATTRIBUTES.has(e.attr) && !this.isLocal("type")) {
        const call = e.value as Extract<Expr, { type: "Call" }>;
        this.use("type", "type()");
        call.args.forEach((a) => this.expr(a));
        call.keywords.forEach((k) => this.expr(k.value));
        return;
      }
      if (!this.policy.readOnlyAttributes.has(e.attr)) throw new Reject(e.line, `attribute .${e.attr} is not known to be read-only`);
    }
    if (e.value.type === "Name") this.name(e.value.id, `.${e.attr}`, e.value.line);
    else this.expr(e.value);
  }

  private call(e: Extract<Expr, { type: "Call" }>): void {
    const f = e.func;
    if (f.type === "Name") {
      if (!this.inFunction && LAZY_BUILTINS.has(f.id)) throw new Reject(e.line, `${f.id}() at module level builds a lazy iterator`);
      if (this.inFunction && this.isLocal(f.id)) throw new Reject(e.line, `call of the local variable ${f.id}`);
      this.name(f.id, "call", f.line);
    } else if (f.type === "Attribute") {
      this.attribute(f);
    } else if (this.inFunction) {
      throw new Reject(e.line, "call of a computed value");
    } else {
      this.expr(f);
    }
    e.args.forEach((a) => this.expr(a));
    e.keywords.forEach((k) => this.expr(k.value));
  }
}
