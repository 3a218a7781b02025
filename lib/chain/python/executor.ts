/** Statements: blocks, control flow, try/except/finally, with, raise, def, class, import. */
import type { Arguments, ExceptHandler, Module, Stmt } from "./ast";
import * as C from "./classes";
import { Abort, newException, pyError, PyRaise } from "./classes";
import * as O from "./objects";
import { functionScope } from "./scope";
import { makeUserClass, type ClassCell } from "./user-classes";
import type { PyClass, PyInstance, PyModule, PyValue } from "./values";
import { BREAK, CONTINUE, NORMAL, RETURN, type CodeInfo, type Frame, type Scope, type Signal } from "./frames";
import { Evaluator, qualifiedChild } from "./evaluator";
import { honestLimitText, realLocation, realNames, runnerOf } from "./modules/real-names";

/** A class body takes no parameters: its scope is computed like a function's with none. */
const NO_ARGUMENTS: Arguments = { args: [], kwonly: [], vararg: null, kwarg: null };

export abstract class Executor extends Evaluator {
  // ================================================================ statements

  protected runModuleBody(mod: Module, module: PyModule, code: CodeInfo): void {
    const frame: Frame = { name: "<module>", code, node: mod.body[0] ?? { line: 1, col: 0, endLine: 1, endCol: 0 }, scope: null, globals: module.attrs, retval: null };
    this.frames.push(frame);
    this.depth++;
    try {
      this.execBlock(mod.body, frame);
    } catch (e) {
      if (e instanceof PyRaise) this.addTraceback(e.exception, frame);
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  protected execBlock(body: Stmt[], f: Frame): Signal {
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      if (++this.steps > this.stepBudget) throw new Abort("step-budget");
      f.node = s;
      // Common statements are handled here (and calls evaluated directly) so that each level of Python
      // recursion costs as few JS frames as possible.
      if (s.type === "Return") {
        f.retval = s.value ? this.evalFast(s.value, f) : null;
        return RETURN;
      }
      if (s.type === "Expr") {
        this.evalFast(s.value, f);
        continue;
      }
      const r = this.exec(s, f);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  }

  protected exec(s: Stmt, f: Frame): Signal {
    switch (s.type) {
      case "Expr":
        this.eval(s.value, f);
        return NORMAL;
      case "Assign":
        this.execAssign(s, f);
        return NORMAL;
      case "AugAssign":
        this.augAssign(s, f);
        return NORMAL;
      case "AnnAssign":
        if (s.value) this.assign(s.target, this.eval(s.value, f), f);
        return NORMAL;
      case "Return":
        f.retval = s.value ? this.eval(s.value, f) : null;
        return RETURN;
      case "If":
        return this.execIf(s, f);
      case "While":
        return this.execWhile(s, f);
      case "For":
        return this.execFor(s, f);
      case "Break":
        return BREAK;
      case "Continue":
        return CONTINUE;
      case "Pass":
      case "Global":
      case "Nonlocal":
        return NORMAL;
      case "FunctionDef":
        this.execDef(s, f);
        return NORMAL;
      case "ClassDef":
        this.execClass(s, f);
        return NORMAL;
      case "With":
        return this.execWith(s, 0, f);
      case "Raise":
        this.execRaise(s, f);
        return NORMAL;
      case "Try":
        return this.execTry(s, f);
      case "Delete":
        for (const t of s.targets) this.deleteTarget(t, f);
        return NORMAL;
      case "Assert":
        this.execAssert(s, f);
        return NORMAL;
      case "Import":
      case "ImportFrom":
        this.execImport(s, f);
        return NORMAL;
      case "Unsupported":
        throw pyError("SyntaxError", `unsupported: ${s.whatEn}`);
    }
  }

  protected execAssign(s: Extract<Stmt, { type: "Assign" }>, f: Frame): void {
    const v = this.evalFast(s.value, f);
    for (const t of s.targets) this.assign(t, v, f);
  }

  protected execIf(s: Extract<Stmt, { type: "If" }>, f: Frame): Signal {
    if (O.truthy(this, this.eval(s.test, f))) return this.execBlock(s.body, f);
    return this.execBlock(s.orelse, f);
  }

  protected execAssert(s: Extract<Stmt, { type: "Assert" }>, f: Frame): void {
    if (O.truthy(this, this.eval(s.test, f))) return;
    const args = s.msg ? [this.eval(s.msg, f)] : [];
    f.node = s;
    throw this.raiseNew(newException(C.exceptionClasses.get("AssertionError")!, args));
  }

  protected execImport(s: Extract<Stmt, { type: "Import" | "ImportFrom" }>, f: Frame): void {
    if (s.type === "Import") {
      for (const a of s.names) {
        const mod = this.importModule(a.name);
        // `import os.path` binds `os`; `import os.path as p` binds the submodule.
        const top = a.name.split(".")[0];
        if (a.asname) this.storeName(a.asname, mod, f);
        else this.storeName(top, top === a.name ? mod : this.importModule(top), f);
      }
      return;
    }
    const mod = this.importModule(s.module);
    for (const a of s.names) {
      if (a.name === "*") {
        for (const [k, v] of mod.attrs) if (!k.startsWith("_")) this.storeName(k, v, f);
        continue;
      }
      const v = mod.attrs.get(a.name);
      if (v === undefined) {
        // A host module stands for a real one: a name the real module has is a feature the model lacks.
        if (realNames(mod.name)?.has(a.name)) {
          f.node = s;
          const place = this.currentPlace();
          throw pyError("NotImplementedError", honestLimitText(`from ${s.module} import ${a.name}`, place, runnerOf(mod.name)));
        }
        throw pyError("ImportError", `cannot import name '${a.name}' from '${mod.name}' (${realLocation(mod)})`);
      }
      this.storeName(a.asname ?? a.name, v, f);
    }
  }

  protected execWhile(s: Extract<Stmt, { type: "While" }>, f: Frame): Signal {
    while (O.truthy(this, this.eval(s.test, f))) {
      this.charge(1);
      const r = this.execBlock(s.body, f);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return r;
      f.node = s;
    }
    return this.execBlock(s.orelse, f);
  }

  protected execFor(s: Extract<Stmt, { type: "For" }>, f: Frame): Signal {
    const iterable = this.eval(s.iter, f);
    f.node = s.iter;
    const next = this.iter(iterable);
    for (;;) {
      const item = next();
      if (item === undefined) break;
      this.charge(1);
      this.assign(s.target, item, f);
      const r = this.execBlock(s.body, f);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return r;
      f.node = s.iter;
    }
    return this.execBlock(s.orelse, f);
  }

  /**
   * `class Name(Base): body`: the body runs once in its own namespace (names it binds become class attributes),
   * then the class is made, its functions learn their class (zero-argument super()), and decorators apply.
   */
  protected execClass(s: Extract<Stmt, { type: "ClassDef" }>, f: Frame): void {
    const decorators = s.decorators.map((d) => this.eval(d, f));
    let base: PyClass = C.objectClass;
    if (s.bases.length) {
      const b = this.eval(s.bases[0], f);
      f.node = s.bases[0];
      if (b === null || typeof b !== "object" || b.kind !== "class") throw pyError("TypeError", `bases must be types, not ${O.typeName(b)}`);
      base = b;
    }
    const qualname = qualifiedChild(f, s.name);
    const modName = f.globals.get("__name__");
    const moduleName = typeof modName === "string" ? modName : "__main__";
    const ns = new Map<string, PyValue>([
      ["__module__", moduleName],
      ["__qualname__", qualname],
    ]);
    const first = s.body[0];
    if (first && first.type === "Expr" && first.value.type === "Const" && typeof first.value.value === "string") ns.set("__doc__", first.value.value);
    const classCell: ClassCell = { cls: null };
    const scope: Scope = { vars: ns, info: functionScope(s, NO_ARGUMENTS, s.body), parent: f.scope, classCell };
    const frame: Frame = { name: s.name, qualname, code: f.code, node: s.body[0] ?? s, scope, globals: f.globals, retval: null };
    if (this.depth + this.nativeDepth >= this.recursionLimit) throw pyError("RecursionError", "maximum recursion depth exceeded");
    this.depth++;
    this.frames.push(frame);
    try {
      this.execBlock(s.body, frame);
    } catch (e) {
      if (e instanceof PyRaise) this.addTraceback(e.exception, frame);
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
    f.node = s;
    const cls = makeUserClass(s.name, moduleName, base, ns);
    classCell.cls = cls;
    let value: PyValue = cls;
    for (let i = decorators.length - 1; i >= 0; i--) {
      f.node = s.decorators[i];
      value = this.call(decorators[i], [value]);
    }
    this.storeName(s.name, value, f);
  }

  /** `with a as x, b:` is `with a as x: with b:`; __exit__ sees the exception and may swallow it. */
  protected execWith(s: Extract<Stmt, { type: "With" }>, index: number, f: Frame): Signal {
    if (index === s.items.length) return this.execBlock(s.body, f);
    const item = s.items[index];
    const manager = this.eval(item.context, f);
    f.node = item.context;
    const enter = this.getAttrOrUndefined(manager, "__enter__");
    const exit = this.getAttrOrUndefined(manager, "__exit__");
    if (enter === undefined) throw pyError("TypeError", `'${O.typeName(manager)}' object does not support the context manager protocol`);
    if (exit === undefined) throw pyError("TypeError", `'${O.typeName(manager)}' object does not support the context manager protocol (missed __exit__ method)`);
    const value = this.call(enter, []);
    if (item.target) this.assign(item.target, value, f);
    let sig: Signal;
    try {
      sig = this.execWith(s, index + 1, f);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      this.addTraceback(e.exception, f);
      f.node = s;
      this.handling.push(e.exception);
      let swallow: boolean;
      try {
        swallow = O.truthy(this, this.call(exit, [e.exception.cls, e.exception, null]));
      } finally {
        this.handling.pop();
      }
      if (swallow) return NORMAL;
      throw e;
    }
    f.node = s;
    this.call(exit, [null, null, null]);
    return sig;
  }

  protected execDef(s: Extract<Stmt, { type: "FunctionDef" }>, f: Frame): void {
    const decorators = s.decorators.map((d) => this.eval(d, f));
    let fn: PyValue = this.makeFunction(s.name, s.args, s.body, s, f);
    for (let i = decorators.length - 1; i >= 0; i--) {
      f.node = s.decorators[i];
      fn = this.call(decorators[i], [fn]);
    }
    this.storeName(s.name, fn, f);
  }

  protected raiseNew(exc: PyInstance): PyRaise {
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== exc && exc.exception && !exc.exception.context) exc.exception.context = ctx;
    return new PyRaise(exc);
  }

  protected execRaise(s: Extract<Stmt, { type: "Raise" }>, f: Frame): void {
    if (!s.exc) {
      const cur = this.handling[this.handling.length - 1];
      if (!cur) throw pyError("RuntimeError", "No active exception to reraise");
      throw new PyRaise(cur);
    }
    const exc = this.toException(this.eval(s.exc, f), "exceptions must derive from BaseException");
    if (s.cause) {
      const c = this.eval(s.cause, f);
      exc.exception!.cause = c === null ? null : this.toException(c, "exception causes must derive from BaseException");
      exc.exception!.suppressContext = true;
    }
    f.node = s;
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== exc && !exc.exception!.context) exc.exception!.context = ctx;
    if (exc.exception!.traceback.length) this.addTraceback(exc, f, true);
    throw new PyRaise(exc);
  }

  protected toException(v: PyValue, msg: string): PyInstance {
    if (v !== null && typeof v === "object" && v.kind === "class" && C.isExceptionClass(v)) {
      const inst = this.call(v, []);
      if (O.isExceptionInstance(inst)) return inst;
    }
    if (O.isExceptionInstance(v)) return v;
    throw pyError("TypeError", msg);
  }

  protected execTry(s: Extract<Stmt, { type: "Try" }>, f: Frame): Signal {
    let sig: Signal = NORMAL;
    let pending: unknown = undefined;
    let hasPending = false;
    try {
      let raised = false;
      try {
        sig = this.execBlock(s.body, f);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        raised = true;
        this.addTraceback(e.exception, f);
        const h = this.matchHandler(s.handlers, e.exception, f);
        if (!h) throw e;
        sig = this.runHandler(h, e.exception, f);
      }
      if (!raised && sig === NORMAL && s.orelse.length) sig = this.execBlock(s.orelse, f);
    } catch (e) {
      if (e instanceof Abort || !s.finalbody.length) throw e;
      pending = e;
      hasPending = true;
    }
    if (s.finalbody.length) {
      const fsig = this.execBlock(s.finalbody, f);
      if (fsig !== NORMAL) return fsig; // return/break in finally swallows the exception
      if (hasPending) throw pending;
    }
    return sig;
  }

  protected matchHandler(handlers: ExceptHandler[], exc: PyInstance, f: Frame): ExceptHandler | null {
    for (const h of handlers) {
      if (!h.excType) return h;
      f.node = h.excType;
      const t = this.eval(h.excType, f);
      const classes = t !== null && typeof t === "object" && t.kind === "tuple" ? t.items : [t];
      for (const c of classes) {
        if (c === null || typeof c !== "object" || c.kind !== "class" || !C.isExceptionClass(c)) {
          throw pyError("TypeError", "catching classes that do not inherit from BaseException is not allowed");
        }
        if (C.isSubclass(exc.cls, c)) return h;
      }
    }
    return null;
  }

  protected runHandler(h: ExceptHandler, exc: PyInstance, f: Frame): Signal {
    this.handling.push(exc);
    try {
      if (h.name) this.storeName(h.name, exc, f);
      return this.execBlock(h.body, f);
    } finally {
      this.handling.pop();
      if (h.name) this.deleteName(h.name, f, true);
    }
  }
}
