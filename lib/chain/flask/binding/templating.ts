/**
 * flask.render_template / render_template_string on the Jinja2 model (lib/chain/jinja): templates from the app's
 * `templates/` folder among the scenario's files, Flask's autoescape choice, its globals (url_for, request,
 * config, and session / g / get_flashed_messages when the flask module provides them), and template errors raised
 * as jinja2.exceptions with the frames the real traceback shows.
 */
import type { Kwargs, PyClass, PyInstance, PyModule, PyValue, TracebackEntry } from "../../python";
import { dictItems, isInstance, makeClass, pyBuiltin, pyError, PyRaise, strOf } from "../../python";
import type { LoadedTemplate, RenderEnv } from "../../jinja";
import { compileTemplate, jinjaClasses, jinjaGlobals, renderTemplate, TemplateSyntaxError, templateFrame, unsupportedMessageKo } from "../../jinja";
import { jsonDumps } from "../../python";
import { sourceText } from "../../source-text";
import { FlaskHost } from "./host";
import { escapeToText } from "./markupsafe";
import { templateAdditions } from "./template-registry";
import { GET_SOURCE_FRAMES, NESTED_SYNTAX_FRAMES, NOT_FOUND_FRAMES, renderFrames, STRING_SYNTAX_FRAMES, SYNTAX_FRAMES } from "./template-frames";

/** `Flask(__name__, template_folder=…)` by app instance; "templates" otherwise. */
export const templateFolders = new WeakMap<object, string>();

/** `@app.context_processor` functions by app instance, in registration order. */
export const contextProcessors = new WeakMap<object, PyValue[]>();

/** `bp.context_processor` functions by app instance, then by the blueprint's registered name. */
export const scopedContextProcessors = new WeakMap<object, Map<string, PyValue[]>>();

/** Flask's select_jinja_autoescape. */
export function autoescapeFor(name: string | null): boolean {
  return name === null || /\.(html|htm|xml|xhtml)$/.test(name);
}

/** Jinja2's split_template_path: the name's pieces, or null when it would leave the folder. */
export function templatePath(name: string): string | null {
  const pieces: string[] = [];
  for (const piece of name.split("/")) {
    if (piece === ".." || piece.includes("\\")) return null;
    if (piece !== "" && piece !== ".") pieces.push(piece);
  }
  return pieces.join("/");
}

function raiseWith(cls: PyClass, message: string, frames: TracebackEntry[], host: FlaskHost): PyRaise {
  const exc = host.interp.newException(cls, message);
  exc.exception?.traceback.push(...frames);
  return new PyRaise(exc);
}

/** Placeholder for a Flask global this model lacks: any use is an honest limit, never a made-up error. */
let placeholderClass: PyClass | undefined;
function placeholder(host: FlaskHost, name: string): PyInstance {
  const refuse = (): never => {
    throw pyError("NotImplementedError", `코스 모형이 아직 지원하지 않는 기능입니다: 템플릿의 ${name}. 실제 Flask에서는 그대로 동작합니다.`);
  };
  placeholderClass ??= makeClass("_ModelPlaceholder", "flask", {
    getattr: (self, attr) => (attr.startsWith("__") ? undefined : refuse()),
    getitem: () => refuse(),
    call: () => refuse(),
    bool: () => refuse(),
    iter: () => refuse(),
    str: () => refuse(),
  });
  return host.interp.newInstance(placeholderClass, { data: name });
}

export interface Templating {
  render_template: PyValue;
  render_template_string: PyValue;
}

export function makeTemplating(host: FlaskHost, flaskModule: () => PyModule, markup: PyClass): Templating {
  const interp = host.interp;
  const classes = jinjaClasses();

  const currentApp = () => {
    const app = host.current?.app;
    if (!app) throw pyError("RuntimeError", "Working outside of application context.");
    return app;
  };

  /** DispatchingJinjaLoader: the app's folder, then each registered blueprint's, in registration order. */
  const folders = (): string[] => {
    const app = currentApp();
    return [templateFolders.get(app.instance) ?? "templates", ...app.blueprintTemplateFolders];
  };

  const load = (name: string, nested: boolean): LoadedTemplate => {
    const relative = templatePath(name);
    const fileKey = relative === null ? undefined : folders().map((f) => `${f}/${relative}`).find((key) => host.files.has(key));
    const bytes = fileKey === undefined ? undefined : host.files.get(fileKey);
    if (fileKey === undefined || bytes === undefined) {
      throw raiseWith(classes.TemplateNotFound, name, nested ? GET_SOURCE_FRAMES : NOT_FOUND_FRAMES, host);
    }
    const text = sourceText(bytes);
    if (!text) throw pyError("UnicodeDecodeError", `'utf-8' codec can't decode ${fileKey}`);
    const filename = `${host.appDir}${fileKey}`;
    return compiled(text.text, name, filename, nested ? NESTED_SYNTAX_FRAMES : SYNTAX_FRAMES, fileKey);
  };

  /** The compiled template, or the error real Jinja2 raises for it (a syntax error's frame names the file). */
  const compiled = (source: string, name: string | null, filename: string, frames: TracebackEntry[], path: string): LoadedTemplate => {
    const additions = templateAdditions(interp, currentApp().instance);
    const result = compileTemplate(source, additions.names, additions.lexer);
    const showSource = name !== null;
    if (!result.ok) {
      const error = result.error;
      if (error instanceof TemplateSyntaxError) {
        const frame = templateFrame({ filename: name === null ? "<unknown>" : filename, showSource, lines: source.replace(/\r\n?/g, "\n").split("\n") }, error.line, "template");
        const cls = error.kind === "TemplateAssertionError" ? classes.TemplateAssertionError : classes.TemplateSyntaxError;
        throw raiseWith(cls, error.message, [...frames, frame], host);
      }
      throw pyError("NotImplementedError", unsupportedMessageKo(error.feature, path, error.line));
    }
    return { name, filename, showSource, lines: result.lines, ast: result.ast, autoescape: autoescapeFor(name) };
  };

  const env = (): RenderEnv => {
    const additions = templateAdditions(interp, currentApp().instance);
    const globals = new Map([...templateGlobals(), ...additions.globals]);
    return {
      interp,
      markup,
      filters: additions.filters,
      tests: additions.tests,
      escapeText: (v) => escapeToText(interp, v),
      globals,
      load,
      tojson: (v, indent) => htmlSafeJson(jsonDumps(interp, v, { sortKeys: true, ensureAscii: true, indent: indent === null ? undefined : Number(indent) })),
    };
  };

  /** Jinja's default globals, then the ones Flask adds (the flask module's own objects where it has them). */
  const templateGlobals = (): Map<string, PyValue> => {
    const flask = flaskModule();
    const fromFlask = (name: string): PyValue => flask.attrs.get(name) ?? placeholder(host, name);
    return new Map<string, PyValue>([
      ["range", interp.builtins.get("range") ?? null],
      ["dict", interp.builtins.get("dict") ?? null],
      ...jinjaGlobals(),
      ["url_for", fromFlask("url_for")],
      ["get_flashed_messages", fromFlask("get_flashed_messages")],
      ["config", currentApp().config],
      ["request", fromFlask("request")],
      ["session", fromFlask("session")],
      ["g", fromFlask("g")],
    ]);
  };

  const render = (template: LoadedTemplate, context: Kwargs, fromString: boolean): string => {
    const renderEnv = env();
    const vars = new Map(renderEnv.globals);
    // update_template_context: the context processors' values, under what the view passed.
    const app = currentApp();
    const scoped = scopedContextProcessors.get(app.instance);
    const blueprints = host.current ? FlaskHost.blueprintsOf(host.current).reverse() : [];
    const processors = [...(contextProcessors.get(app.instance) ?? []), ...blueprints.flatMap((name) => scoped?.get(name) ?? [])];
    for (const processor of processors) {
      const extra = interp.call(processor, []);
      if (extra === null || typeof extra !== "object" || extra.kind !== "dict") throw pyError("TypeError", "'NoneType' object is not iterable");
      for (const [k, v] of dictItems(extra)) vars.set(interp.str(k), v);
    }
    for (const [k, v] of context) vars.set(k, v);
    try {
      return renderTemplate(renderEnv, template, vars);
    } catch (e) {
      if (e instanceof PyRaise) e.exception.exception?.traceback.unshift(...renderFrames(fromString));
      throw e;
    }
  };

  const renderTemplateFn = pyBuiltin("render_template", (args, kwargs) => {
    if (args.length !== 1) throw pyError("TypeError", "render_template() missing 1 required positional argument: 'template_name_or_list'");
    currentApp();
    const names = strOf(args[0]) !== undefined ? [strOf(args[0]) as string] : interp.iterate(args[0]).map((n) => interp.str(n));
    let template: LoadedTemplate | null = null;
    for (const [i, name] of names.entries()) {
      try {
        template = load(name, false);
        break;
      } catch (e) {
        const notFound = e instanceof PyRaise && isInstance(e.exception) && interp.isinstance(e.exception, classes.TemplateNotFound);
        if (!notFound || i === names.length - 1) throw e;
      }
    }
    if (!template) throw raiseWith(classes.TemplateNotFound, "", NOT_FOUND_FRAMES, host);
    return render(template, kwargs, false);
  });

  const renderTemplateStringFn = pyBuiltin("render_template_string", (args, kwargs) => {
    if (args.length !== 1) throw pyError("TypeError", "render_template_string() missing 1 required positional argument: 'source'");
    currentApp();
    const source = strOf(args[0]);
    if (source === undefined) throw pyError("TypeError", `Can't compile non template nodes`);
    const template = compiled(source, null, "<template>", STRING_SYNTAX_FRAMES, "render_template_string");
    return render(template, kwargs, true);
  });

  return { render_template: renderTemplateFn, render_template_string: renderTemplateStringFn };
}

/** markupsafe's htmlsafe_json_dumps replacements, as Flask's tojson filter applies them. */
function htmlSafeJson(text: string): string {
  return text.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027");
}

/**
 * The load-time check: a template under the app's folder that uses something the model does not run makes the
 * load fail with the honest message (file and line), as an unsupported construct in app.py does.
 */
export function checkTemplates(files: ReadonlyMap<string, Uint8Array>, folder = "templates"): TemplateRefusal | null {
  // A scenario's files map is never changed: check it once per folder.
  let byFolder = checked.get(files);
  if (!byFolder) checked.set(files, (byFolder = new Map()));
  let verdict = byFolder.get(folder);
  if (verdict === undefined) byFolder.set(folder, (verdict = findRefusal(files, folder)));
  return verdict;
}

export interface TemplateRefusal {
  path: string;
  feature: string;
  line: number;
}

const checked = new WeakMap<ReadonlyMap<string, Uint8Array>, Map<string, TemplateRefusal | null>>();

function findRefusal(files: ReadonlyMap<string, Uint8Array>, folder: string): TemplateRefusal | null {
  for (const [path, bytes] of files) {
    if (!path.startsWith(`${folder}/`)) continue;
    const text = sourceText(bytes);
    if (!text) continue;
    const result = compileTemplate(text.text);
    if (!result.ok && !(result.error instanceof TemplateSyntaxError)) return { path, feature: result.error.feature, line: result.error.line };
  }
  return null;
}
