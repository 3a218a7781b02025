/**
 * What the template engine reports besides output: Jinja2's own errors as data (the binding raises them as
 * Python exceptions of jinja2.exceptions) and the honest limit, a feature the course model does not run.
 */

/** TemplateSyntaxError / TemplateAssertionError as Jinja2 3.1 reports them: message and 1-based line. */
export class TemplateSyntaxError {
  constructor(
    readonly message: string,
    readonly line: number,
    readonly kind: "TemplateSyntaxError" | "TemplateAssertionError" = "TemplateSyntaxError",
  ) {}
}

/** A construct real Jinja2 runs that this model does not (named in Korean for the student). */
export class TemplateUnsupported {
  constructor(
    /** Korean name of the feature, e.g. "{% with %} 태그". */
    readonly feature: string,
    readonly line: number,
  ) {}
}

export function isTemplateSyntaxError(e: unknown): e is TemplateSyntaxError {
  return e instanceof TemplateSyntaxError;
}

/** The student's message for an unsupported feature at `file:line`. */
export function unsupportedMessageKo(feature: string, file: string, line: number): string {
  return `코스 모형이 아직 지원하지 않는 기능입니다: ${feature} (${file}:${line}). 실제 Flask(Jinja2)에서는 그대로 동작합니다.`;
}

export function unsupportedMessage(feature: string, file: string, line: number): string {
  return `${file}:${line}: the course model does not run this template feature yet: ${feature}`;
}
