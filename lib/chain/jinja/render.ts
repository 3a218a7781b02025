/**
 * Runs a parsed template: output, if/for/set, macros, and inheritance as Jinja2 does it (the first template's
 * blocks, then each parent's as `{% extends %}` reaches it; a child's own output after extends is dropped; blocks
 * render the most derived definition, `super()` the next one). Each template, block and macro is a traceback
 * frame: a Python exception passing through gets `File "…/templates/x.html", line N, in block 'body'`.
 */
import type { PyClass, PyValue, Runtime, TracebackEntry } from "../python";
import { isPyException, makeClass, pyBuiltin, pyError, PyRaise, strOf } from "../python";
import type { Expr, Stmt, Target } from "./ast";
import { setNamespaceAttr } from "./globals";
import { callWithCaller, makeMacro } from "./macros";
import type { BlockDef, RenderEnv } from "./context";
import { Context, Scope } from "./context";
import type { Frame } from "./context";
import type { LoadedTemplate } from "./environment";
import type { EvalState } from "./evaluate";
import { evaluate, isConstExpr, lookupName, markup } from "./evaluate";
import { templateFrame } from "./frames";
import { newLoop } from "./loop";
import { jinjaClasses, makeUndefined } from "./undefined";

/** Most characters one render may write (the interpreter's largest str). */
export const MAX_OUTPUT = 16 * 1024 * 1024;
/** Deepest nesting of macro calls and includes. */
export const MAX_RENDER_DEPTH = 100;

export interface State extends EvalState {
  out: string[];
  /** Set once a template's `{% extends %}` ran: its own output stops. */
  root: { parent: LoadedTemplate | null; extendsLine: number };
}

/** Renders `template` with `vars` (the render's variables over the environment's globals). */
export function renderTemplate(env: RenderEnv, template: LoadedTemplate, vars: ReadonlyMap<string, PyValue>): string {
  const ctx = new Context(env, vars);
  ctx.addBlocks(template);
  const out: string[] = [];
  renderRoot(ctx, template, out);
  return out.join("");
}

export function frameEntry(frame: Frame): TracebackEntry {
  return templateFrame(frame.template, frame.line, frame.location);
}

/** Runs `fn` as one template frame: a Python exception leaving it gets the frame's traceback entry. */
export function inFrame<T>(frame: Frame, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isPyException(e)) e.exception.exception?.traceback.unshift(frameEntry(frame));
    throw e;
  }
}

function renderRoot(ctx: Context, template: LoadedTemplate, out: string[]): void {
  const frame: Frame = { template, line: 1, location: "top-level template code" };
  const state: State = { ctx, scope: new Scope(null, true), frame, autoescape: template.autoescape, out, root: { parent: null, extendsLine: 0 } };
  ctx.selfRef ??= templateReference(state, template.name);
  inFrame(frame, () => {
    execBody(state, template.ast.body);
    const parent = state.root.parent;
    if (parent) {
      // Jinja2's generated code delegates to the parent on the line of the extends tag.
      frame.line = state.root.extendsLine;
      renderRoot(ctx, parent, out);
    }
  });
}

export function write(state: State, text: string): void {
  if (state.root.parent !== null || text === "") return;
  const ctx = state.ctx;
  ctx.outputLength += text.length;
  if (ctx.outputLength > MAX_OUTPUT) throw pyError("MemoryError");
  ctx.env.interp.chargeAlloc(text.length);
  state.out.push(text);
}

export function execBody(state: State, body: Stmt[]): void {
  for (const stmt of body) execStmt(state, stmt);
}

function assign(state: State, target: Target, value: PyValue): void {
  if (target.t === "nsref") {
    const interp = state.ctx.env.interp;
    if (!setNamespaceAttr(interp, lookupName(state, target.name), target.attr, value)) {
      throw new PyRaise(interp.newException(jinjaClasses().TemplateRuntimeError, "cannot assign attribute on non-namespace object"));
    }
    return;
  }
  if (target.t === "name") {
    state.scope.vars.set(target.name, value);
    if (state.scope.top) state.ctx.vars.set(target.name, value);
    return;
  }
  const items = state.ctx.env.interp.iterate(value);
  const n = target.items.length;
  if (items.length < n) throw pyError("ValueError", `not enough values to unpack (expected ${n}, got ${items.length})`);
  if (items.length > n) throw pyError("ValueError", `too many values to unpack (expected ${n})`);
  target.items.forEach((t, i) => assign(state, t, items[i]));
}

/** A child state sharing the output and frame, with its own scope. */
function withScope(state: State, scope: Scope): State {
  return { ...state, scope };
}

function execStmt(state: State, stmt: Stmt): void {
  const interp = state.ctx.env.interp;
  interp.charge(1);
  state.frame.line = stmt.line;
  switch (stmt.t) {
    case "data":
      return write(state, stmt.text);
    case "output":
      return write(state, outputText(state, evaluate(state, stmt.expr)));
    case "if":
      return execBody(state, interp.truthy(evaluate(state, stmt.test)) ? stmt.body : stmt.otherwise);
    case "for":
      return execFor(state, stmt);
    case "set":
      return assign(state, stmt.target, evaluate(state, stmt.value));
    case "setblock":
      return assign(state, stmt.target, applyFilters(state, stmt.filters, captured(state, (inner) => execBody(inner, stmt.body))));
    case "filterblock":
      return write(state, interp.str(applyFilters(state, stmt.filters, captured(withScope(state, new Scope(state.scope)), (inner) => execBody(inner, stmt.body)))));
    case "autoescape": {
      const autoescape = interp.truthy(evaluate(state, stmt.value));
      return execBody({ ...state, autoescape, volatile: state.volatile || !isConstExpr(stmt.value), scope: new Scope(state.scope) }, stmt.body);
    }
    case "callblock":
      return write(state, outputText(state, callWithCaller(state, stmt)));
    case "do":
      evaluate(state, stmt.expr);
      return;
    case "break":
    case "continue":
      throw stmt.t === "break" ? LOOP_BREAK : LOOP_CONTINUE;
    case "block": {
      if (state.root.parent !== null) return;
      const defs = state.ctx.blocks.get(stmt.name) ?? [];
      return write(state, renderBlock(state, stmt.name, defs, 0));
    }
    case "extends": {
      if (state.root.parent !== null) throw new PyRaise(interp.newException(jinjaClasses().TemplateRuntimeError, "extended multiple times"));
      const name = evaluate(state, stmt.template);
      const parent = state.ctx.env.load(templateName(state, name), true);
      state.ctx.addBlocks(parent);
      state.root.parent = parent;
      state.root.extendsLine = stmt.line;
      return;
    }
    case "include":
      return execInclude(state, stmt);
    case "macro":
      return assign(state, { t: "name", name: stmt.name, line: stmt.line }, makeMacro(state, stmt, stmt.name));
    case "with": {
      const values = stmt.values.map((v) => evaluate(state, v));
      const inner = withScope(state, new Scope(state.scope));
      stmt.targets.forEach((target, i) => assign(inner, target, values[i]));
      return execBody(inner, stmt.body);
    }
    case "import": {
      const { name, exports } = importTemplate(state, stmt.template, stmt.withContext);
      return assign(state, { t: "name", name: stmt.target, line: stmt.line }, templateModule(interp, name, exports));
    }
    case "fromimport": {
      const { name, exports } = importTemplate(state, stmt.template, stmt.withContext);
      for (const [exported, alias] of stmt.names) {
        const value =
          exports.get(exported) ??
          makeUndefined(interp, {
            name: exported,
            hint: `the template '${name}' (imported on line ${stmt.line}${state.frame.template.name === null ? "" : ` in '${state.frame.template.name}'`}) does not export the requested name '${exported}'`,
          });
        assign(state, { t: "name", name: alias, line: stmt.line }, value);
      }
      return;
    }
  }
}

/** `{{ v }}` as written: escaped when autoescaping (a Markup passes through), str() otherwise. */
export function outputText(state: State, v: PyValue): string {
  return state.autoescape ? state.ctx.env.escapeText(v) : state.ctx.env.interp.str(v);
}

/** The output of `body` as a value: Markup when autoescaping (a set block's, a filter block's, a caller's). */
export function captured(state: State, run: (inner: State) => void): PyValue {
  const inner: State = { ...state, out: [] };
  run(inner);
  const text = inner.out.join("");
  return state.autoescape ? markup(state, text) : text;
}

function applyFilters(state: State, filters: Extract<Stmt, { t: "setblock" }>["filters"], value: PyValue): PyValue {
  for (const f of filters) {
    const scope = new Scope(state.scope);
    scope.vars.set("\0value", value);
    value = evaluate({ ...state, scope }, { ...f, node: { t: "name", name: "\0value", line: f.line } });
  }
  return value;
}

function templateName(state: State, name: PyValue): string {
  const text = strOf(name);
  if (text === undefined) throw pyError("TypeError", `expected str, got ${state.ctx.env.interp.typeName(name)}`);
  return text;
}

/** {% break %} / {% continue %} (jinja2.ext.loopcontrols) unwinding to their loop. */
const LOOP_BREAK = { loopControl: "break" };
const LOOP_CONTINUE = { loopControl: "continue" };

function execFor(state: State, stmt: Extract<Stmt, { t: "for" }>): void {
  const iterable = evaluate(state, stmt.iter);
  if (!stmt.recursive) return loopOver(state, stmt, iterable, 0, null);
  // A recursive loop is a function of its iterable: `loop(children)` renders the whole loop again, one level deeper.
  const recurse = (items: PyValue, depth0: number): PyValue => captured(state, (inner) => loopOver(inner, stmt, items, depth0, recurse));
  write(state, state.ctx.env.interp.str(recurse(iterable, 0)));
}

function loopOver(state: State, stmt: Extract<Stmt, { t: "for" }>, iterable: PyValue, depth0: number, recurse: ((items: PyValue, depth0: number) => PyValue) | null): void {
  const interp = state.ctx.env.interp;
  let items = interp.iterate(iterable);
  const scope = new Scope(state.scope);
  const inner = withScope(state, scope);
  if (stmt.filter) {
    const filter = stmt.filter;
    items = items.filter((item) => {
      assign(inner, stmt.target, item);
      return interp.truthy(evaluate(inner, filter));
    });
  }
  if (items.length === 0) return execBody(state, stmt.otherwise);
  const loop = { items, index0: 0, depth0, recurse: recurse && ((next: PyValue) => recurse(next, depth0 + 1)) };
  const loopValue = newLoop(interp, loop);
  for (let i = 0; i < items.length; i++) {
    loop.index0 = i;
    scope.vars.set("loop", loopValue);
    assign(inner, stmt.target, items[i]);
    try {
      execBody(inner, stmt.body);
    } catch (e) {
      if (e === LOOP_BREAK) break;
      if (e !== LOOP_CONTINUE) throw e;
    }
  }
}

/** Renders definition `level` of block `name` (0 = the most derived) and gives its text. */
function renderBlock(state: State, name: string, defs: BlockDef[], level: number): string {
  const def = defs[level];
  const frame: Frame = { template: def.template, line: def.stmt.line, location: `block '${name}'` };
  const scope = new Scope(def.stmt.scoped ? state.scope : null);
  scope.vars.set("super", level + 1 < defs.length ? superFunction(state, name, defs, level + 1) : makeUndefined(state.ctx.env.interp, { name: "super", hint: `there is no parent block called '${name}'.` }));
  const inner: State = { ...state, scope, frame, autoescape: def.template.autoescape, out: [], root: { parent: null, extendsLine: 0 } };
  return inFrame(frame, () => {
    execBody(inner, def.stmt.body);
    return inner.out.join("");
  });
}

let referenceClasses: { template: PyClass; block: PyClass } | undefined;

/** jinja2.runtime.TemplateReference (`self`): `self.name()` renders block `name` again, its most derived definition. */
function templateReference(state: State, name: string | null): PyValue {
  referenceClasses ??= {
    template: makeClass("TemplateReference", "jinja2.runtime", {
      getitem: (self, key, interp) => {
        const { state: at } = self.data as { state: State };
        const blockName = strOf(key);
        const defs = blockName === undefined ? undefined : at.ctx.blocks.get(blockName);
        if (blockName === undefined || defs === undefined) throw pyError("KeyError", interp.repr(key));
        return interp.newInstance((referenceClasses as { block: PyClass }).block, { data: { state: at, name: blockName, defs } });
      },
      repr: (self, interp) => `<TemplateReference ${interp.repr((self.data as { name: string | null }).name)}>`,
    }),
    block: makeClass("BlockReference", "jinja2.runtime", {
      call: (self) => {
        const { state: at, name: blockName, defs } = self.data as { state: State; name: string; defs: BlockDef[] };
        const text = renderBlock(at, blockName, defs, 0);
        return at.autoescape ? markup(at, text) : text;
      },
      repr: (self, interp) => `<BlockReference ${interp.repr((self.data as { name: string }).name)}>`,
    }),
  };
  return state.ctx.env.interp.newInstance(referenceClasses.template, { data: { state, name } });
}

function superFunction(state: State, name: string, defs: BlockDef[], level: number): PyValue {
  return pyBuiltin("super", () => {
    const text = renderBlock(state, name, defs, level);
    return state.autoescape ? markup(state, text) : text;
  });
}

export function enterDepth<T>(state: State, fn: () => T): T {
  if (++state.ctx.depth > MAX_RENDER_DEPTH) {
    state.ctx.depth--;
    throw pyError("RecursionError", "maximum recursion depth exceeded");
  }
  try {
    return fn();
  } finally {
    state.ctx.depth--;
  }
}

function execInclude(state: State, stmt: Extract<Stmt, { t: "include" }>): void {
  const env = state.ctx.env;
  const names = evaluate(state, stmt.template);
  const candidates = strOf(names) !== undefined ? [strOf(names) as string] : env.interp.iterate(names).map((n) => templateName(state, n));
  let template: LoadedTemplate | null = null;
  for (const [i, name] of candidates.entries()) {
    try {
      template = env.load(name, true);
      break;
    } catch (e) {
      const notFound = isPyException(e) && env.interp.isinstance(e.exception, jinjaClasses().TemplateNotFound);
      if (!notFound || (i === candidates.length - 1 && !stmt.ignoreMissing)) throw e;
    }
  }
  if (!template) return;
  const vars = stmt.withContext ? state.scope.flatten(state.ctx.all()) : new Map(env.globals);
  const ctx = new Context(env, vars);
  ctx.depth = state.ctx.depth;
  ctx.outputLength = state.ctx.outputLength;
  ctx.addBlocks(template);
  const out: string[] = [];
  const loaded = template;
  enterDepth(state, () => renderRoot(ctx, loaded, out));
  write(state, out.join(""));
}

/** Runs a template for its exports (top-level macros and sets whose names do not start with "_"). */
function importTemplate(state: State, templateExpr: Expr, withContext: boolean): { name: string; exports: Map<string, PyValue> } {
  const env = state.ctx.env;
  const name = templateName(state, evaluate(state, templateExpr));
  const template = env.load(name, true);
  const vars = withContext ? state.scope.flatten(state.ctx.all()) : new Map(env.globals);
  const ctx = new Context(env, vars);
  ctx.depth = state.ctx.depth;
  ctx.addBlocks(template);
  enterDepth(state, () => renderRoot(ctx, template, []));
  return { name, exports: new Map([...ctx.vars].filter(([k]) => !k.startsWith("_"))) };
}

let moduleClass: PyClass | undefined;

/** The value of `{% import "forms.html" as forms %}`: its exports as attributes. */
function templateModule(interp: Runtime, name: string, exports: Map<string, PyValue>): PyValue {
  moduleClass ??= makeClass("TemplateModule", "jinja2.environment", {
    getattr: (self, attr) => (self.data as { exports: Map<string, PyValue> }).exports.get(attr),
    repr: (self) => `<TemplateModule '${(self.data as { name: string }).name}'>`,
  });
  return interp.newInstance(moduleClass, { data: { name, exports } });
}

