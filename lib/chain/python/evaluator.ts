/**
 * Expressions, names and assignment targets: what a Python expression evaluates to, where a name is found
 * (local, enclosing, global, builtin, as CPython's compiler decided in scope.ts) and how a value is stored.
 */
import type { Arguments, Comprehension, Expr, Pos, Stmt } from "./ast";
import * as C from "./classes";
import { newException, pyError, PyRaise } from "./classes";
import { dictSet, newDict } from "./dict";
import { formatValue } from "./format";
import { MAX_SEQUENCE_LENGTH } from "./limits";
import { getAttribute, setAttribute, deleteAttribute } from "./attributes";
import { getItem, setItem, deleteItem } from "./items";
import * as O from "./objects";
import { binaryOp, compareOp, unaryOp } from "./ops";
import { comprehensionScope, functionScope } from "./scope";
import { setSuggestionCandidates } from "./traceback";
import { asciiRepr } from "./text";
import type { BinaryOperator, Kwargs, PyDictObject, PyFunction, PyValue } from "./values";
import { pyList, pyTuple } from "./values";
import { moduleLikeInfo, type Frame, type FuncImpl, type Scope } from "./frames";
import { Machine } from "./machine";

export abstract class Evaluator extends Machine {
  // ================================================================ names

  protected lookupName(name: string, f: Frame, node: Pos): PyValue {
    const scope = f.scope;
    if (scope) {
      if (scope.info.locals.has(name)) {
        const v = scope.vars.get(name);
        if (v !== undefined) return v;
        f.node = node;
        if (scope.info === moduleLikeInfo || scope.classCell) return this.lookupGlobal(name, f, node);
        throw pyError("UnboundLocalError", `cannot access local variable '${name}' where it is not associated with a value`);
      }
      if (!scope.info.globals.has(name)) {
        for (let s = scope.parent; s; s = s.parent) {
          if (s.info.locals.has(name)) {
            const v = s.vars.get(name);
            if (v !== undefined) return v;
            f.node = node;
            throw pyError("NameError", `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
          }
        }
      }
    }
    return this.lookupGlobal(name, f, node);
  }

  protected lookupGlobal(name: string, f: Frame, node: Pos): PyValue {
    const g = f.globals.get(name);
    if (g !== undefined) return g;
    const b = this.builtins.get(name);
    if (b !== undefined) return b;
    f.node = node;
    const exc = newException(C.exceptionClasses.get("NameError")!, [`name '${name}' is not defined`]);
    exc.attrs.set("name", name);
    setSuggestionCandidates(exc, [...(f.scope ? f.scope.vars.keys() : f.globals.keys()), ...f.globals.keys(), ...this.builtins.keys()]);
    throw new PyRaise(exc);
  }

  protected storeName(name: string, v: PyValue, f: Frame): void {
    const scope = f.scope;
    if (scope) {
      if (scope.info.locals.has(name)) {
        scope.vars.set(name, v);
        return;
      }
      if (scope.info.nonlocals.has(name)) {
        for (let s = scope.parent; s; s = s.parent) {
          if (s.info.locals.has(name)) {
            s.vars.set(name, v);
            return;
          }
        }
      }
      if (!scope.info.globals.has(name)) {
        scope.vars.set(name, v);
        return;
      }
    }
    f.globals.set(name, v);
  }

  protected deleteName(name: string, f: Frame, quiet = false): void {
    const scope = f.scope;
    if (scope && scope.info.locals.has(name)) {
      if (!scope.vars.delete(name) && !quiet) throw pyError("UnboundLocalError", `cannot access local variable '${name}' where it is not associated with a value`);
      return;
    }
    if (!f.globals.delete(name) && !quiet) throw pyError("NameError", `name '${name}' is not defined`);
  }

  // ================================================================ assignment

  protected assign(t: Expr, v: PyValue, f: Frame): void {
    switch (t.type) {
      case "Name":
        this.storeName(t.id, v, f);
        return;
      case "Attribute": {
        const obj = this.eval(t.value, f);
        f.node = t;
        setAttribute(this, obj, t.attr, v);
        return;
      }
      case "Subscript": {
        const obj = this.eval(t.value, f);
        const key = this.eval(t.index, f);
        f.node = t;
        setItem(this, obj, key, v);
        return;
      }
      case "Tuple":
      case "List":
        this.unpack(t.elts, v, f, t);
        return;
      case "Starred":
        this.assign(t.value, v, f);
        return;
    }
    throw pyError("SyntaxError", "cannot assign to expression");
  }

  protected unpack(elts: Expr[], v: PyValue, f: Frame, node: Pos): void {
    const starIdx = elts.findIndex((e) => e.type === "Starred");
    f.node = node;
    const it = this.tryIter(v);
    if (!it) throw pyError("TypeError", `cannot unpack non-iterable ${O.typeName(v)} object`);
    const items: PyValue[] = [];
    const limit = starIdx < 0 ? elts.length + 1 : MAX_SEQUENCE_LENGTH;
    for (let x = it(); x !== undefined; x = it()) {
      this.charge(1);
      items.push(x);
      if (items.length >= limit) break;
    }
    if (starIdx < 0) {
      if (items.length < elts.length) throw pyError("ValueError", `not enough values to unpack (expected ${elts.length}, got ${items.length})`);
      if (items.length > elts.length) throw pyError("ValueError", `too many values to unpack (expected ${elts.length})`);
      elts.forEach((e, i) => this.assign(e, items[i], f));
      return;
    }
    const after = elts.length - starIdx - 1;
    if (items.length < elts.length - 1) throw pyError("ValueError", `not enough values to unpack (expected at least ${elts.length - 1}, got ${items.length})`);
    for (let i = 0; i < starIdx; i++) this.assign(elts[i], items[i], f);
    this.assign(elts[starIdx], pyList(items.slice(starIdx, items.length - after)), f);
    for (let i = 0; i < after; i++) this.assign(elts[starIdx + 1 + i], items[items.length - after + i], f);
  }

  protected augAssign(s: Extract<Stmt, { type: "AugAssign" }>, f: Frame): void {
    const op = s.op as BinaryOperator;
    const t = s.target;
    const inplace = (cur: PyValue, rhs: PyValue): PyValue => {
      f.node = s;
      if (cur !== null && typeof cur === "object" && cur.kind === "list") {
        if (op === "+") {
          const items = this.iterate(rhs);
          if (cur.items.length + items.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
          this.chargeAlloc(items.length);
          for (const x of items) cur.items.push(x);
          return cur;
        }
        if (op === "*") {
          const r = binaryOp(this, op, cur, rhs) as typeof cur;
          cur.items = r.items;
          return cur;
        }
      }
      if (cur !== null && typeof cur === "object" && cur.kind === "dict" && op === "|") {
        const r = binaryOp(this, op, cur, rhs) as PyDictObject;
        cur.entries = r.entries;
        return cur;
      }
      return binaryOp(this, op, cur, rhs);
    };
    if (t.type === "Name") {
      const cur = this.lookupName(t.id, f, t);
      const rhs = this.eval(s.value, f);
      this.storeName(t.id, inplace(cur, rhs), f);
    } else if (t.type === "Attribute") {
      const obj = this.eval(t.value, f);
      f.node = t;
      const cur = getAttribute(this, obj, t.attr);
      const rhs = this.eval(s.value, f);
      const nv = inplace(cur, rhs);
      f.node = t;
      setAttribute(this, obj, t.attr, nv);
    } else if (t.type === "Subscript") {
      const obj = this.eval(t.value, f);
      const key = this.eval(t.index, f);
      f.node = t;
      const cur = getItem(this, obj, key);
      const rhs = this.eval(s.value, f);
      const nv = inplace(cur, rhs);
      f.node = t;
      setItem(this, obj, key, nv);
    }
  }

  protected deleteTarget(t: Expr, f: Frame): void {
    switch (t.type) {
      case "Name":
        f.node = t;
        this.deleteName(t.id, f);
        return;
      case "Subscript": {
        const obj = this.eval(t.value, f);
        const key = this.eval(t.index, f);
        f.node = t;
        deleteItem(this, obj, key);
        return;
      }
      case "Attribute": {
        const obj = this.eval(t.value, f);
        f.node = t;
        deleteAttribute(this, obj, t.attr);
        return;
      }
      case "Tuple":
      case "List":
        for (const e of t.elts) this.deleteTarget(e, f);
        return;
    }
  }

  // ================================================================ expressions

  /** eval() with the call case short-circuited (one JS frame less per Python call). */
  protected evalFast(e: Expr, f: Frame): PyValue {
    return e.type === "Call" ? this.evalCall(e, f) : this.eval(e, f);
  }

  eval(e: Expr, f: Frame): PyValue {
    // A small dispatcher (each case in its own method) keeps JS frames small: deep Python recursion must fit
    // V8's stack well before the recursion limit.
    switch (e.type) {
      case "Const":
        return this.evalConst(e);
      case "Name":
        return this.lookupName(e.id, f, e);
      case "BinOp":
        return this.evalBinOp(e, f);
      case "Call":
        return this.evalCall(e, f);
      case "Attribute":
        return this.evalAttribute(e, f);
      case "Subscript":
        return this.evalSubscript(e, f);
      case "Compare":
        return this.evalCompare(e, f);
      case "BoolOp":
        return this.evalBoolOp(e, f);
      case "UnaryOp":
        return this.evalUnary(e, f);
      case "IfExp":
        return this.evalIfExp(e, f);
      case "FString":
        return this.evalFString(e.parts, f, e);
      case "List":
        return pyList(this.evalElements(e.elts, f));
      case "Tuple":
        return pyTuple(this.evalElements(e.elts, f));
      case "Set":
        return this.evalSet(e, f);
      case "Dict":
        return this.evalDict(e, f);
      case "Slice":
        return this.evalSlice(e, f);
      case "Lambda":
        return this.makeFunction("<lambda>", e.args, e.body, e, f);
      case "ListComp":
      case "GeneratorExp":
      case "SetComp":
      case "DictComp":
        return this.evalComprehension(e, f);
      case "Starred":
        throw pyError("SyntaxError", "can't use starred expression here");
      case "UnsupportedExpr":
        throw pyError("SyntaxError", `unsupported: ${e.whatEn}`);
    }
  }

  protected evalConst(e: Extract<Expr, { type: "Const" }>): PyValue {
    const v = e.value;
    if (v !== null && typeof v === "object") return { kind: "bytes", data: v.bytes };
    return v;
  }

  protected evalBinOp(e: Extract<Expr, { type: "BinOp" }>, f: Frame): PyValue {
    const a = this.eval(e.left, f);
    const b = this.eval(e.right, f);
    f.node = e;
    return binaryOp(this, e.op as BinaryOperator, a, b);
  }

  protected evalAttribute(e: Extract<Expr, { type: "Attribute" }>, f: Frame): PyValue {
    const obj = this.eval(e.value, f);
    f.node = e;
    return getAttribute(this, obj, e.attr);
  }

  protected evalSubscript(e: Extract<Expr, { type: "Subscript" }>, f: Frame): PyValue {
    const obj = this.eval(e.value, f);
    const key = this.eval(e.index, f);
    f.node = e;
    return getItem(this, obj, key);
  }

  protected evalBoolOp(e: Extract<Expr, { type: "BoolOp" }>, f: Frame): PyValue {
    let v: PyValue = null;
    for (const x of e.values) {
      v = this.eval(x, f);
      const t = O.truthy(this, v);
      if (e.op === "and" ? !t : t) return v;
    }
    return v;
  }

  protected evalUnary(e: Extract<Expr, { type: "UnaryOp" }>, f: Frame): PyValue {
    const v = this.eval(e.operand, f);
    if (e.op === "not") return !O.truthy(this, v);
    f.node = e;
    return unaryOp(this, e.op, v);
  }

  protected evalIfExp(e: Extract<Expr, { type: "IfExp" }>, f: Frame): PyValue {
    return O.truthy(this, this.eval(e.test, f)) ? this.eval(e.body, f) : this.eval(e.orelse, f);
  }

  protected evalSet(e: Extract<Expr, { type: "Set" }>, f: Frame): PyValue {
    const items = new Map<string, PyValue>();
    for (const x of this.evalElements(e.elts, f)) {
      const k = O.hashKey(this, x);
      if (!items.has(k)) items.set(k, x);
    }
    return { kind: "set", items, frozen: false };
  }

  protected evalDict(e: Extract<Expr, { type: "Dict" }>, f: Frame): PyValue {
    const d = newDict();
    for (let i = 0; i < e.keys.length; i++) {
      const k = e.keys[i];
      if (k === null) {
        const m = this.eval(e.values[i], f);
        if (m === null || typeof m !== "object" || m.kind !== "dict") throw pyError("TypeError", `'${O.typeName(m)}' object is not a mapping`);
        for (const [kk, vv] of m.entries.values()) dictSet(this, d, kk, vv);
      } else {
        const kv = this.eval(k, f);
        const vv = this.eval(e.values[i], f);
        f.node = k;
        dictSet(this, d, kv, vv);
      }
    }
    return d;
  }

  protected evalSlice(e: Extract<Expr, { type: "Slice" }>, f: Frame): PyValue {
    return {
      kind: "slice",
      start: e.lower ? this.eval(e.lower, f) : null,
      stop: e.upper ? this.eval(e.upper, f) : null,
      step: e.step ? this.eval(e.step, f) : null,
    };
  }

  protected evalElements(elts: Expr[], f: Frame): PyValue[] {
    const out: PyValue[] = [];
    for (const x of elts) {
      if (x.type === "Starred") {
        const v = this.eval(x.value, f);
        f.node = x;
        for (const item of this.iterate(v)) out.push(item);
        if (out.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
      } else out.push(this.eval(x, f));
    }
    return out;
  }

  protected evalCompare(e: Extract<Expr, { type: "Compare" }>, f: Frame): PyValue {
    let left = this.eval(e.left, f);
    for (let i = 0; i < e.ops.length; i++) {
      const right = this.eval(e.comparators[i], f);
      f.node = e;
      if (!compareOp(this, e.ops[i], left, right)) return false;
      left = right;
    }
    return true;
  }

  protected evalCall(e: Extract<Expr, { type: "Call" }>, f: Frame): PyValue {
    const fn = this.eval(e.func, f);
    const ak = this.evalArgs(e, f, fn);
    f.node = e;
    if (fn !== null && typeof fn === "object" && fn.kind === "function") return this.callPython(fn, ak[0], ak[1]);
    return this.call(fn, ak[0], ak[1]);
  }

  protected evalArgs(e: Extract<Expr, { type: "Call" }>, f: Frame, fn: PyValue): [PyValue[], Kwargs] {
    const args: PyValue[] = [];
    for (const a of e.args) {
      if (a.type === "Starred") {
        const v = this.eval(a.value, f);
        f.node = a;
        const it = this.tryIter(v);
        if (!it) throw pyError("TypeError", `${callableName(fn)} argument after * must be an iterable, not ${O.typeName(v)}`);
        for (const x of this.iterate(v)) args.push(x);
      } else args.push(this.eval(a, f));
    }
    const kwargs: Kwargs = new Map();
    for (const k of e.keywords) {
      const v = this.eval(k.value, f);
      if (k.name !== null) {
        kwargs.set(k.name, v);
        continue;
      }
      f.node = e;
      if (v === null || typeof v !== "object" || v.kind !== "dict") {
        throw pyError("TypeError", `${callableName(fn)} argument after ** must be a mapping, not ${O.typeName(v)}`);
      }
      for (const [kk, vv] of v.entries.values()) {
        if (typeof kk !== "string") throw pyError("TypeError", "keywords must be strings");
        if (kwargs.has(kk)) throw pyError("TypeError", `${callableName(fn)} got multiple values for keyword argument '${kk}'`);
        kwargs.set(kk, vv);
      }
    }
    return [args, kwargs];
  }

  protected evalFString(parts: Extract<Expr, { type: "FString" }>["parts"], f: Frame, node: Pos): string {
    let out = "";
    for (const p of parts) {
      if (typeof p === "string") {
        out += p;
        continue;
      }
      const v = this.eval(p.expr, f);
      f.node = node;
      let s: PyValue = v;
      if (p.conversion === "r") s = O.repr(this, v);
      else if (p.conversion === "s") s = O.str(this, v);
      else if (p.conversion === "a") s = asciiRepr(O.repr(this, v));
      const spec = p.spec ? this.evalFString(p.spec, f, node) : "";
      f.node = node;
      const piece = formatValue(this, s, spec);
      if (p.debugText !== null) out += p.debugText;
      out += piece;
      if (out.length > 16 * 1024 * 1024) throw pyError("MemoryError");
    }
    return out;
  }

  protected evalComprehension(e: Extract<Expr, { type: "ListComp" | "SetComp" | "GeneratorExp" | "DictComp" }>, f: Frame): PyValue {
    const info = comprehensionScope(e, e.generators);
    const firstIterable = this.eval(e.generators[0].iter, f);
    f.node = e.generators[0].iter;
    const firstIter = this.iter(firstIterable);
    f.node = e;
    const scope: Scope = { vars: new Map(), info, parent: f.scope };
    const name = e.type === "ListComp" ? "<listcomp>" : e.type === "SetComp" ? "<setcomp>" : e.type === "DictComp" ? "<dictcomp>" : "<genexpr>";
    // CPython 3.11 runs a comprehension in its own frame: it counts toward the recursion limit and shows in tracebacks.
    if (this.depth + this.nativeDepth >= this.recursionLimit) throw pyError("RecursionError", "maximum recursion depth exceeded");
    const cf: Frame = { name, code: f.code, node: e, scope, globals: f.globals, retval: null };
    this.depth++;
    this.frames.push(cf);
    try {
      return this.runComprehension(e, cf, firstIter);
    } catch (err) {
      if (err instanceof PyRaise) this.addTraceback(err.exception, cf);
      throw err;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  protected runComprehension(e: Extract<Expr, { type: "ListComp" | "SetComp" | "GeneratorExp" | "DictComp" }>, cf: Frame, firstIter: () => PyValue | undefined): PyValue {
    const results: PyValue[] = [];
    const dict = e.type === "DictComp" ? newDict() : null;
    const loop = (level: number, iterable: PyValue | (() => PyValue | undefined)): void => {
      const gen: Comprehension = e.generators[level];
      cf.node = gen.iter;
      const next = typeof iterable === "function" ? iterable : this.iter(iterable);
      for (let x = next(); x !== undefined; x = next()) {
        this.charge(1);
        this.assign(gen.target, x, cf);
        let ok = true;
        for (const cond of gen.ifs) {
          if (!O.truthy(this, this.eval(cond, cf))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (level + 1 < e.generators.length) loop(level + 1, this.eval(e.generators[level + 1].iter, cf));
        else if (dict) {
          const k = this.eval((e as Extract<Expr, { type: "DictComp" }>).key, cf);
          const v = this.eval((e as Extract<Expr, { type: "DictComp" }>).value, cf);
          dictSet(this, dict, k, v);
        } else {
          results.push(this.eval((e as unknown as { elt: Expr }).elt, cf));
          if (results.length > MAX_SEQUENCE_LENGTH) throw pyError("MemoryError");
        }
      }
    };
    loop(0, firstIter);
    if (dict) return dict;
    if (e.type === "SetComp") {
      const items = new Map<string, PyValue>();
      for (const x of results) {
        const k = O.hashKey(this, x);
        if (!items.has(k)) items.set(k, x);
      }
      return { kind: "set", items, frozen: false };
    }
    if (e.type === "GeneratorExp") {
      let i = 0;
      return { kind: "iterator", typeName: "generator", next: () => (i < results.length ? results[i++] : undefined) };
    }
    return pyList(results);
  }
  protected makeFunction(name: string, args: Arguments, body: Stmt[] | Expr, node: object, f: Frame): PyFunction {
    const defaults = args.args.filter((a) => a.default).map((a) => this.eval(a.default!, f));
    const kwDefaults = new Map<string, PyValue>();
    for (const a of args.kwonly) if (a.default) kwDefaults.set(a.name, this.eval(a.default, f));
    const info = Array.isArray(body) ? functionScope(node, args, body) : functionScope(node, args, []);
    // A class body is not a scope its functions can see: they close over what encloses the class.
    const classCell = f.scope?.classCell;
    const closure = classCell ? f.scope!.parent : f.scope;
    const impl: FuncImpl = { args, body, info, defaults, kwDefaults, closure, globals: f.globals, code: f.code, classCell };
    const qual = qualifiedChild(f, name);
    const modName = f.globals.get("__name__");
    const fn: PyFunction = {
      kind: "function",
      name,
      qualname: qual,
      module: typeof modName === "string" ? modName : "__main__",
      impl,
      attrs: new Map(),
    };
    if (Array.isArray(body)) {
      const first = body[0];
      fn.attrs.set("__doc__", first && first.type === "Expr" && first.value.type === "Const" && typeof first.value.value === "string" ? first.value.value : null);
    }
    return fn;
  }

}

function callableName(fn: PyValue): string {
  if (fn !== null && typeof fn === "object") {
    if (fn.kind === "function") return fn.module === "builtins" ? `${fn.qualname}()` : `${fn.module}.${fn.qualname}()`;
    if (fn.kind === "builtin") return `${fn.name}()`;
    if (fn.kind === "class") return `${fn.name}()`;
  }
  return `${O.typeName(fn)} object`;
}

/** The __qualname__ of a function or class defined in frame `f`: `Greeter.hello`, `make.<locals>.Local`, `f`. */
export function qualifiedChild(f: Frame, name: string): string {
  const outer = f.qualname ?? f.name;
  if (f.scope?.classCell) return `${outer}.${name}`;
  return f.scope && f.name !== "<module>" && !f.name.startsWith("<") ? `${outer}.<locals>.${name}` : name;
}
