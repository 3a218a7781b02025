/** Public API of the Jinja2 3.1 model (see README.md). Hosts import only from here. */
export { compileTemplate, MAX_TEMPLATE_CHARS, type Compiled, type LoadedTemplate } from "./environment";
export { renderTemplate, MAX_OUTPUT } from "./render";
export type { RenderEnv } from "./context";
export { TemplateSyntaxError, TemplateUnsupported, unsupportedMessage, unsupportedMessageKo } from "./errors";
export { jinjaClasses, type JinjaClasses } from "./undefined";
export { templateFrame, type FrameSource } from "./frames";
export { jinjaGlobals } from "./globals";
export type { ExtraNames } from "./names";
export type { LexerOptions } from "./lexer";
