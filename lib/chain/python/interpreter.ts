/**
 * The host API: `createInterpreter`, `loadModule` and `callFunction`, which never throw, and module imports.
 * A tree-walking interpreter over ast.ts: machine.ts (budget, time, frames, calls) ← evaluator.ts (expressions)
 * ← executor.ts (statements) ← this file.
 */
import type { ConfigError } from "../contracts";
import type { Module } from "./ast";
import * as C from "./classes";
import { Abort, newException, pyError, PyRaise } from "./classes";
import { PySyntaxError } from "./lexer";
import { MAX_SOURCE_BYTES } from "./limits";
import { CompileDepthError } from "./parser";
import { formatSyntaxError } from "./traceback";
import { checkedModule, overSourceLimit, parseCached } from "./parse-cache";
import { stdlibModules } from "./modules/registry";
import type { Kwargs, PyInstance, PyModule, PyValue } from "./values";
import { type CodeInfo } from "./frames";
import { Executor } from "./executor";
import type { MachineOptions, OutputEntry } from "./machine";

export type { OutputEntry } from "./machine";
export { builtinClass, makeClass } from "./machine";

export type HostModuleFactory = (interp: Interpreter) => PyModule;

export interface InterpreterOptions extends MachineOptions {
  /** Modules provided by the host (flask, markupsafe), created on first import. */
  hostModules?: Record<string, HostModuleFactory>;
}

export interface CallOptions {
  /**
   * Python frames already on the stack in the real program (gunicorn's worker loop and Flask's dispatch are
   * about 15 frames under a view), so RecursionError comes at the same depth as in CPython. Default 0.
   */
  baseDepth?: number;
}

export interface LoadOptions {
  /** File name as Python reports it, e.g. `/srv/hello_cju/app.py`. */
  filename: string;
  /** Scenario-relative path for ConfigError.path, e.g. `app.py`. Default: the basename of filename. */
  path?: string;
  /** `__name__` of the module. Default `__main__`. */
  moduleName?: string;
  /** Keep the module for later imports of its name (default true; false for code run like exec()). */
  register?: boolean;
}

export type LoadOutcome =
  | { ok: true; module: PyModule }
  | {
      ok: false;
      kind: "syntax" | "unsupported" | "exception" | "step-budget" | "internal-error";
      error: ConfigError;
      /** CPython's text (traceback or SyntaxError report) ending in a newline; "" for unsupported. */
      traceback: string;
      exception?: PyInstance;
    };

export type RunOutcome =
  | { kind: "ok"; value: PyValue }
  | { kind: "exception"; exception: PyInstance; traceback: string }
  | { kind: "step-budget"; steps: number }
  | { kind: "internal-error"; message: string };

export function createInterpreter(options: InterpreterOptions = {}): Interpreter {
  return new Interpreter(options);
}
export class Interpreter extends Executor {
  private readonly hostFactories: Record<string, HostModuleFactory>;
  private readonly modules = new Map<string, PyModule>();
  /** Steps used by every top-level run so far (the load model turns a call's steps into CPU time). */
  stepsTotal = 0;

  constructor(options: InterpreterOptions) {
    super(options);
    this.hostFactories = options.hostModules ?? {};
  }

  // ================================================================ public entry points (never throw)

  loadModule(source: string, options: LoadOptions): LoadOutcome {
    const filename = options.filename;
    const path = options.path ?? filename.split("/").pop() ?? filename;
    const moduleName = options.moduleName ?? "__main__";
    const cfg = (line: number, message: string, messageKo: string): ConfigError => ({ file: filename, path, line, message, messageKo });
    try {
      if (overSourceLimit(source)) {
        return {
          ok: false,
          kind: "unsupported",
          error: cfg(1, `${path}: source larger than ${MAX_SOURCE_BYTES / 1024} KiB`, `소스 파일이 너무 큽니다 (최대 ${MAX_SOURCE_BYTES / 1024} KiB).`),
          traceback: "",
        };
      }
      const code: CodeInfo = { filename, path, lines: source.replace(/\r\n?/g, "\n").split("\n") };
      const parsed = parseCached(source);
      if (parsed instanceof PySyntaxError) return this.syntaxOutcome(parsed, code, cfg);
      if (parsed instanceof CompileDepthError) {
        const msg = "RecursionError: maximum recursion depth exceeded during compilation";
        return { ok: false, kind: "syntax", error: cfg(parsed.line, msg, `식이 너무 깊게 중첩되어 컴파일할 수 없습니다 (${msg})`), traceback: msg + "\n" };
      }
      const problem = checkedModule(parsed, [...Object.keys(this.hostFactories), ...Object.keys(stdlibModules)]);
      if (problem) {
        if (problem.syntax) return this.syntaxOutcome(problem.syntax, code, cfg);
        return {
          ok: false,
          kind: "unsupported",
          error: cfg(
            problem.line,
            `${path}:${problem.line}: unsupported syntax: ${problem.whatEn}`,
            `지원하지 않는 문법입니다: ${problem.what}`,
          ),
          traceback: "",
        };
      }
      const mod: PyModule = { kind: "module", name: moduleName, attrs: new Map(), file: filename };
      mod.attrs.set("__name__", moduleName);
      mod.attrs.set("__file__", filename);
      mod.attrs.set("__doc__", docstring(parsed));
      const out = this.topLevel(() => {
        this.runModuleBody(parsed, mod, code);
        return null;
      });
      switch (out.kind) {
        case "ok":
          if (options.register !== false) this.modules.set(moduleName, mod);
          return { ok: true, module: mod };
        case "exception": {
          const tb = out.exception.exception!.traceback;
          const line = tb.length ? tb[tb.length - 1].line : 1;
          const modLine = tb.find((t) => t.filename === filename)?.line ?? line;
          const last = this.formatExceptionOnly(out.exception);
          return {
            ok: false,
            kind: "exception",
            error: cfg(modLine, last, `모듈을 불러오는 중 예외가 발생했습니다: ${last}`),
            traceback: out.traceback,
            exception: out.exception,
          };
        }
        case "step-budget":
          return {
            ok: false,
            kind: "step-budget",
            error: cfg(1, `${path}: step budget of ${this.stepBudget} exhausted while importing`, `모듈을 불러오는 동안 실행 단계 한도(${this.stepBudget})를 넘었습니다. 무한 루프가 있는지 확인하세요.`),
            traceback: "",
          };
        default:
          return { ok: false, kind: "internal-error", error: cfg(1, out.message, `인터프리터 내부 오류: ${out.message}`), traceback: "" };
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, kind: "internal-error", error: cfg(1, message, `인터프리터 내부 오류: ${message}`), traceback: "" };
    }
  }

  /** Call a Python callable from the host's top level (a view, an error handler). Never throws. */
  callFunction(fn: PyValue, args: PyValue[] = [], kwargs: Kwargs = new Map(), options: CallOptions = {}): RunOutcome {
    return this.topLevel(() => this.call(fn, args, kwargs), options.baseDepth ?? 0);
  }

  /** Line of the innermost Python frame running now (a host function reports where it was called); 0 outside. */
  currentLine(): number {
    const frame = this.frames[this.frames.length - 1];
    return frame ? frame.node.line : 0;
  }

  /** File of the innermost Python frame running now (with currentLine, where a host function was called). */
  currentFile(): string {
    const frame = this.frames[this.frames.length - 1];
    return frame ? frame.code.filename : "";
  }

  /** Globals of the innermost Python frame running now (`config.from_object(__name__)` reads its own module). */
  currentGlobals(): ReadonlyMap<string, PyValue> | null {
    const frame = this.frames[this.frames.length - 1];
    return frame ? frame.globals : null;
  }

  /** Output written by print() since the last drain. */
  drainOutput(): OutputEntry[] {
    const out = this.output;
    this.output = [];
    this.outputChars = 0;
    return out;
  }

  private topLevel(fn: () => PyValue, baseDepth = 0): RunOutcome {
    const nested = this.frames.length > 0;
    if (!nested) {
      this.steps = 0;
      this.depth = Math.max(0, Math.min(baseDepth, this.recursionLimit - 10));
      this.nativeDepth = 0;
      this.handling = [];
      this.reprGuard.clear();
    }
    const savedFrames = this.frames.length;
    try {
      return { kind: "ok", value: fn() };
    } catch (e) {
      this.frames.length = savedFrames;
      if (e instanceof PyRaise) return { kind: "exception", exception: e.exception, traceback: this.formatTraceback(e.exception) };
      if (e instanceof Abort) {
        if (nested) throw e;
        return { kind: "step-budget", steps: this.steps };
      }
      if (e instanceof RangeError && e.message.indexOf("call stack") >= 0) {
        const exc = newException(C.exceptionClasses.get("RecursionError")!, ["maximum recursion depth exceeded"]);
        return { kind: "exception", exception: exc, traceback: this.formatTraceback(exc) };
      }
      return { kind: "internal-error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    } finally {
      if (!nested) {
        this.frames.length = 0;
        this.depth = 0;
        this.stepsTotal += this.steps;
      }
    }
  }

  private syntaxOutcome(err: PySyntaxError, code: CodeInfo, cfg: (l: number, m: string, k: string) => ConfigError): LoadOutcome {
    const text = formatSyntaxError(err, code.filename, code.lines);
    const kindKo = err.type === "IndentationError" ? "들여쓰기 오류" : "문법 오류";
    return {
      ok: false,
      kind: "syntax",
      error: cfg(err.line, `${err.type}: ${err.message}`, `${kindKo}(${err.type}): ${err.message}`),
      traceback: text,
    };
  }

  /** A module imported so far (host or standard library), without importing it. */
  importedModule(name: string): PyModule | undefined {
    return this.modules.get(name);
  }

  /** Import a module by name (host modules, then time/json/os/multiprocessing). */
  importModule(name: string): PyModule {
    const cached = this.modules.get(name);
    if (cached) return cached;
    const host = this.hostFactories[name];
    const std = stdlibModules[name];
    if (!host && !std) throw pyError("ModuleNotFoundError", `No module named '${name}'`);
    const mod = host ? host(this) : std(this);
    this.modules.set(name, mod);
    return mod;
  }
}

function docstring(m: Module): PyValue {
  const first = m.body[0];
  return first && first.type === "Expr" && first.value.type === "Const" && typeof first.value.value === "string" ? first.value.value : null;
}

export { functionCaptures } from "./frames";
