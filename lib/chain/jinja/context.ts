/**
 * The state one render walks with: Jinja2's Context (the render's variables, the top-level assignments every
 * block sees, the block stacks of an inheritance chain) and the local scopes of loops, blocks and macros.
 */
import type { PyClass, PyValue, Runtime } from "../python";
import type { Stmt } from "./ast";
import type { LoadedTemplate } from "./environment";

export type BlockStmt = Extract<Stmt, { t: "block" }>;

/** A block definition and the template it comes from (for autoescape and traceback frames). */
export interface BlockDef {
  stmt: BlockStmt;
  template: LoadedTemplate;
}

/** What the renderer asks of its environment. */
export interface RenderEnv {
  interp: Runtime;
  markup: PyClass;
  /** markupsafe.escape as text: a Markup passes through, anything else is str()-ed and escaped. */
  escapeText(v: PyValue): string;
  /**
   * Loads (parses, checks) a template by name; throws a PyRaise for TemplateNotFound / syntax errors with the
   * library's frames (`nested`: asked by extends/include inside a template rather than by render_template).
   */
  load(name: string, nested: boolean): LoadedTemplate;
  /** The environment's globals alone (`{% include … without context %}`). */
  globals: ReadonlyMap<string, PyValue>;
  /** Filters and tests the application added (Flask's app.template_filter / template_test), over the builtins. */
  filters?: ReadonlyMap<string, PyValue>;
  tests?: ReadonlyMap<string, PyValue>;
  /** Flask's tojson (htmlsafe, sorted keys). */
  tojson(v: PyValue, indent: PyValue): string;
}

export class Context {
  /** Top-level `set`s and macros: every template of the chain and every block sees them. */
  readonly vars = new Map<string, PyValue>();
  readonly blocks = new Map<string, BlockDef[]>();
  /** Characters written so far (output is bounded). */
  outputLength = 0;
  /** `self`: the template's blocks by name (render.ts makes it). */
  selfRef?: PyValue;
  /** Macro and include nesting (bounded). */
  depth = 0;
  /** The `random` filter's generator: mulberry32 from a fixed seed, so a render is repeatable. */
  #seed = 0x6a09e667;

  constructor(
    readonly env: RenderEnv,
    /** The render's variables over the environment's globals. */
    readonly parent: ReadonlyMap<string, PyValue>,
  ) {}

  /** A float in [0, 1). */
  random(): number {
    let t = (this.#seed = (this.#seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  addBlocks(template: LoadedTemplate): void {
    for (const [name, stmt] of template.ast.blocks) {
      const list = this.blocks.get(name) ?? [];
      list.push({ stmt, template });
      this.blocks.set(name, list);
    }
  }

  /** Every variable visible at the top of this context (include passes them on). */
  all(): Map<string, PyValue> {
    return new Map([...this.parent, ...this.vars]);
  }
}

/** A local scope: loop bodies, blocks, macros. `top` is a template's top level (its sets go to the context). */
export class Scope {
  readonly vars = new Map<string, PyValue>();

  constructor(
    readonly parent: Scope | null,
    readonly top = false,
  ) {}

  lookup(name: string): PyValue | undefined {
    const v = this.vars.get(name);
    if (v !== undefined || this.vars.has(name)) return v;
    return this.parent?.lookup(name);
  }

  /** Every variable of this scope chain, inner ones winning. */
  flatten(into: Map<string, PyValue>): Map<string, PyValue> {
    this.parent?.flatten(into);
    for (const [k, v] of this.vars) into.set(k, v);
    return into;
  }
}

/** Where the renderer is, for the traceback frame of a template: its file, line and Jinja2's location name. */
export interface Frame {
  template: LoadedTemplate;
  line: number;
  /** "top-level template code", "block 'body'" or "template" (macros). */
  location: string;
}
