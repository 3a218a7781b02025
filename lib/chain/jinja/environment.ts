/**
 * Compiling template sources (lexer → parser → name check), cached by exact text, and the loaded template the
 * renderer walks. Which file a name means, autoescape and how errors become Python exceptions are the host's
 * (lib/chain/flask/binding/templating.ts); this file knows no file system.
 */
import type { TemplateAst } from "./ast";
import { TemplateSyntaxError, TemplateUnsupported } from "./errors";
import type { ExtraNames } from "./names";
import { firstUnknownName } from "./names";
import { memo } from "../memo";
import type { LexerOptions } from "./lexer";
import { normaliseSource } from "./lexer";
import { parseTemplate } from "./parser";

/** A template ready to render. */
export interface LoadedTemplate {
  /** The name it was loaded by ("base.html"), null for render_template_string. */
  name: string | null;
  /** What tracebacks show: "/srv/app/templates/base.html" or "<template>". */
  filename: string;
  /** Whether traceback frames print the template's source line (not for "<template>"). */
  showSource: boolean;
  /** Source lines after Jinja's newline normalisation (for traceback frames). */
  lines: string[];
  ast: TemplateAst;
  autoescape: boolean;
}

export type Compiled = { ok: true; ast: TemplateAst; lines: string[] } | { ok: false; error: TemplateSyntaxError | TemplateUnsupported };

/** Bounded: each entry holds a parsed template. */
const compiledBySource = memo<Compiled>(128);

/** Largest template source compiled (larger ones are an honest limit). */
export const MAX_TEMPLATE_CHARS = 256 * 1024;

/**
 * Parses and checks a template. `extra`: the filters and tests the environment adds to the builtins (a name
 * neither has is Jinja2's TemplateAssertionError).
 */
export function compileTemplate(source: string, extra?: ExtraNames, options: LexerOptions = {}): Compiled {
  if (source.length > MAX_TEMPLATE_CHARS) return { ok: false, error: new TemplateUnsupported(`${MAX_TEMPLATE_CHARS / 1024} KiB보다 큰 템플릿`, 1) };
  const compiled = parse(source, options);
  if (!compiled.ok) return compiled;
  const unknown = firstUnknownName(compiled.ast.unknownNames, extra);
  return unknown ? { ok: false, error: unknown } : compiled;
}

function parse(source: string, options: LexerOptions): Compiled {
  const flags = [options.trimBlocks, options.lstripBlocks, options.loopControls, options.doTag].map((f) => (f ? "1" : "0")).join("");
  const key = `${flags}${source}`;
  return compiledBySource.get(key, () => {
    try {
      return { ok: true, ast: parseTemplate(source, options), lines: normaliseSource(source).split("\n") };
    } catch (e) {
      if (e instanceof TemplateSyntaxError || e instanceof TemplateUnsupported) return { ok: false, error: e };
      throw e;
    }
  });
}
