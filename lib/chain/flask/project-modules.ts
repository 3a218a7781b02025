/**
 * The project's own modules: `import config` or `from blog import bp` in app.py loads config.py / blog.py from the
 * app's folder, as Python does with the gateway's working directory first on sys.path. Only top-level modules of the
 * folder that do not share a name with a module the model provides (flask, json…) are offered. Simplification: real
 * Python would import a project's own json.py or flask.py instead of the library (the folder comes first on
 * sys.path); the model keeps its own module.
 *
 * A module that raises while importing raises through the `import` line (the traceback shows app.py's import line,
 * then the module's frame, as CPython 3.11 trims importlib's frames). One the model refuses (a syntax error, an
 * unsupported construct, an exhausted step budget) fails the whole load with that module's own outcome.
 */
import type { AppLoadResult, ScenarioFiles } from "../contracts";
import { PyRaise } from "../python";
import type { HostModuleFactory, Interpreter } from "../python";
import { sourceText } from "../source-text";
import { josa } from "../korean";

export interface ProjectModules {
  factories: Record<string, HostModuleFactory>;
  /** Set once any project module was imported (the load then depends on those files' contents too). */
  used: boolean;
  /** The outcome of a project module the model refused, reported instead of the app's. */
  refused: AppLoadResult | null;
}

/** Thrown through the interpreter when a project module is refused; the loader reports `refused` instead. */
export class ProjectModuleRefused extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function projectModules(files: ScenarioFiles, appPath: string, appDir: string, taken: ReadonlySet<string>): ProjectModules {
  const state: ProjectModules = { factories: {}, used: false, refused: null };
  for (const [path, bytes] of files) {
    if (path.includes("/") || !path.endsWith(".py") || path === appPath || path === "gunicorn.conf.py") continue;
    const name = path.slice(0, -3);
    if (!IDENTIFIER.test(name) || taken.has(name)) continue;
    state.factories[name] = (interp: Interpreter) => {
      state.used = true;
      const source = sourceText(bytes);
      if (!source) {
        const message = `SyntaxError: (unicode error) 'utf-8' codec can't decode bytes in ${path}`;
        state.refused = { ok: false, error: { file: `${appDir}${path}`, path, line: 1, message, messageKo: `${path}${josa(path, "이/가")} UTF-8 텍스트가 아닙니다.` }, traceback: `${message}\n`, output: [] };
        throw new ProjectModuleRefused(message);
      }
      const loaded = interp.loadModule(source.text, { filename: `${appDir}${path}`, path, moduleName: name });
      if (loaded.ok) return loaded.module;
      if (loaded.kind === "exception" && loaded.exception) throw new PyRaise(loaded.exception);
      state.refused = { ok: false, error: loaded.error, traceback: loaded.traceback, output: [] };
      throw new ProjectModuleRefused(loaded.error.message);
    };
  }
  return state;
}
