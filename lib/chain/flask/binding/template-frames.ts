/**
 * Flask 2.2.2's and Jinja2 3.1.2's own traceback frames around template errors (Debian's dist-packages line
 * numbers), captured from the real chain (fixtures/templates). Template frames themselves come from the engine.
 */
import type { TracebackEntry } from "../../python";

const TEMPLATING = "/usr/lib/python3/dist-packages/flask/templating.py";
const ENVIRONMENT = "/usr/lib/python3/dist-packages/jinja2/environment.py";
const LOADERS = "/usr/lib/python3/dist-packages/jinja2/loaders.py";

function frame(filename: string, line: number, name: string, source: string, underline?: string): TracebackEntry {
  if (underline === undefined) return { filename, line, name, source };
  const colStart = source.indexOf(underline);
  return { filename, line, name, source, colStart, colEnd: colStart + underline.length };
}

/** render_template → get_or_select_template → … → the loader (before it finds or compiles the file). */
const GET_TEMPLATE: TracebackEntry[] = [
  frame(TEMPLATING, 146, "render_template", "template = app.jinja_env.get_or_select_template(template_name_or_list)", "app.jinja_env.get_or_select_template(template_name_or_list)"),
  frame(ENVIRONMENT, 1081, "get_or_select_template", "return self.get_template(template_name_or_list, parent, globals)", "self.get_template(template_name_or_list, parent, globals)"),
  frame(ENVIRONMENT, 1010, "get_template", "return self._load_template(name, globals)", "self._load_template(name, globals)"),
  frame(ENVIRONMENT, 969, "_load_template", "template = self.loader.load(self, name, self.make_globals(globals))", "self.loader.load(self, name, self.make_globals(globals))"),
];

/** Flask's loader raising TemplateNotFound (the frames a nested extends/include shows too). */
export const GET_SOURCE_FRAMES: TracebackEntry[] = [
  frame(TEMPLATING, 62, "get_source", "return self._get_source_fast(environment, template)", "self._get_source_fast(environment, template)"),
  frame(TEMPLATING, 98, "_get_source_fast", "raise TemplateNotFound(template)"),
];

const HANDLE_EXCEPTION = frame(ENVIRONMENT, 936, "handle_exception", "raise rewrite_traceback_stack(source=source)");
const COMPILE_FRAMES: TracebackEntry[] = [frame(ENVIRONMENT, 768, "compile", "self.handle_exception(source=source_hint)"), HANDLE_EXCEPTION];

/** render_template("missing.html"). */
export const NOT_FOUND_FRAMES: TracebackEntry[] = [
  ...GET_TEMPLATE,
  frame(LOADERS, 126, "load", "source, filename, uptodate = self.get_source(environment, name)", "self.get_source(environment, name)"),
  ...GET_SOURCE_FRAMES,
];

/** render_template of a file with a syntax error: the template's frame ("in template") follows. */
export const SYNTAX_FRAMES: TracebackEntry[] = [
  ...GET_TEMPLATE,
  frame(LOADERS, 138, "load", "code = environment.compile(source, name, filename)", "environment.compile(source, name, filename)"),
  ...COMPILE_FRAMES,
];

/** A syntax error in a template reached by extends/include (below the including template's frame). */
export const NESTED_SYNTAX_FRAMES: TracebackEntry[] = COMPILE_FRAMES;

/** render_template_string with a syntax error: the frame `File "<unknown>", line N, in template` follows. */
export const STRING_SYNTAX_FRAMES: TracebackEntry[] = [
  frame(TEMPLATING, 158, "render_template_string", "template = app.jinja_env.from_string(source)", "app.jinja_env.from_string(source)"),
  frame(ENVIRONMENT, 1105, "from_string", "return cls.from_code(self, self.compile(source), gs, None)", "self.compile(source)"),
  ...COMPILE_FRAMES,
];

/** An exception while rendering: the template frames follow. */
export function renderFrames(fromString: boolean): TracebackEntry[] {
  return [
    fromString
      ? frame(TEMPLATING, 159, "render_template_string", "return _render(app, template, context)", "_render(app, template, context)")
      : frame(TEMPLATING, 147, "render_template", "return _render(app, template, context)", "_render(app, template, context)"),
    frame(TEMPLATING, 130, "_render", "rv = template.render(context)", "template.render(context)"),
    frame(ENVIRONMENT, 1301, "render", "self.environment.handle_exception()"),
    HANDLE_EXCEPTION,
  ];
}
