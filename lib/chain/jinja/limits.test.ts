/**
 * What the student meets at the model's edges: templates using what the model does not run refuse the load with
 * the Korean honest-limits message (feature, file, line); hostile templates stay within the step budget and the
 * output bound; the lexer stays linear on pathological text.
 */
import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "../flask";
import { EPOCH, gunicornEnviron } from "../flask/fixture-run.testkit";
import { compileTemplate } from "./environment";
import { tokenize } from "./lexer";
import { TemplateSyntaxError } from "./errors";

const APP = `from flask import Flask, render_template, render_template_string
app = Flask(__name__)
@app.route("/")
def index():
    return render_template("page.html", items=list(range(3)))
@app.route("/string")
def string():
    return render_template_string("{{ lipsum() }}")
`;

function load(templates: Record<string, string>, source = APP) {
  const files = new Map<string, Uint8Array>([["app.py", new TextEncoder().encode(source)]]);
  for (const [name, text] of Object.entries(templates)) files.set(`templates/${name}`, new TextEncoder().encode(text));
  return createFlaskAppLoader({ appDir: "/srv/app/", reuse: false }).load(files, "app", "app", {});
}

function get(templates: Record<string, string>, target = "/") {
  const loaded = load(templates);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const outcome = loaded.app.call(gunicornEnviron({ method: "GET", path: target }), { startAt: 0, epochMs: EPOCH });
  return outcome;
}

describe("honest limits", () => {
  it.each([
    ["<p>\n{{ lipsum(2) }}", "lipsum() 전역 함수", 2],
  ])("%s refuses the load, naming the feature, file and line", (template, feature, line) => {
    const loaded = load({ "page.html": template });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toMatchObject({ path: "templates/page.html", line });
    expect(loaded.error.messageKo).toBe(
      `코스 모형이 아직 지원하지 않는 기능입니다: ${feature} (templates/page.html:${line}). 실제 Flask(Jinja2)에서는 그대로 동작합니다.`,
    );
  });

  it("a Jinja extension the model does not run is refused with the Korean message when app.py loads", () => {
    const loaded = load({}, 'from flask import Flask\napp = Flask(__name__)\napp.jinja_env.add_extension("jinja2.ext.i18n")\n');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.traceback).toContain("NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: app.jinja_env.add_extension('jinja2.ext.i18n'). 실제 Flask에서는 그대로 동작합니다.");
  });

  it("a real syntax error is not a limit: the app loads and the request shows Jinja2's own error", () => {
    const outcome = get({ "page.html": "{% if x %}" });
    expect(outcome.kind === "response" && outcome.status).toBe("500 INTERNAL SERVER ERROR");
    const log = outcome.output.map((o) => o.text).join("");
    expect(log).toContain("jinja2.exceptions.TemplateSyntaxError: Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.");
  });

  it("render_template_string with an unsupported global answers 500 and logs the Korean message", () => {
    const outcome = get({ "page.html": "ok" }, "/string");
    expect(outcome.kind === "response" && outcome.status).toBe("500 INTERNAL SERVER ERROR");
    expect(outcome.output.map((o) => o.text).join("")).toContain("NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: lipsum() 전역 함수 (render_template_string:1)");
  });
});

describe("untrusted templates stay bounded", () => {
  it("an endless-looking loop runs out of the interpreter's step budget (a hung worker), never the host", () => {
    const outcome = get({ "page.html": "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}" });
    expect(outcome.kind).toBe("hung");
  });

  it("output is bounded: a huge string is a MemoryError, not an allocation", () => {
    const outcome = get({ "page.html": "{% set s = 'x' * 10000000 %}{{ s }}{{ s }}{{ s }}" });
    expect(outcome.kind === "hung" || (outcome.kind === "response" && outcome.status.startsWith("500"))).toBe(true);
  });

  it("deep macro recursion is a RecursionError", () => {
    const outcome = get({ "page.html": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}" });
    expect(outcome.kind === "response" && outcome.status).toBe("500 INTERNAL SERVER ERROR");
    expect(outcome.output.map((o) => o.text).join("")).toContain("RecursionError: maximum recursion depth exceeded");
  });

  it("a template that extends itself does not hang the host", () => {
    const outcome = get({ "page.html": '{% extends "page.html" %}' });
    expect(["hung", "response"]).toContain(outcome.kind);
  });

  it("deeply nested expressions and tags are refused, not a stack overflow", () => {
    expect(compileTemplate(`{{ ${"(".repeat(5000)}1${")".repeat(5000)} }}`).ok).toBe(false);
    expect(compileTemplate("{% if x %}".repeat(5000)).ok).toBe(false);
  });

  it("pathological text gets tokens or Jinja2's syntax error, nothing else", () => {
    const spaces = " ".repeat(200_000);
    const inputs = ["{".repeat(200_000), "{{ 'a".padEnd(200_000, "\\"), `{# ${"#".repeat(200_000)}`, "{%- raw -%}".repeat(20_000), `${spaces}x${spaces}{%- if x %}{% endif %}`];
    for (const input of inputs) {
      try {
        expect(tokenize(input).length).toBeGreaterThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateSyntaxError);
      }
    }
  });

  it.each([
    ["wordwrap of one long word at width 1", "{{ ('x' * 300000)|wordwrap(1)|length }}"],
    ["wordwrap of many short words", "{{ ('ab-cd ' * 100000)|wordwrap(7)|length }}"],
    ["urlize of a long word of brackets", "{{ ('(' * 200000 ~ 'http://a.com' ~ ')' * 200000)|urlize|length }}"],
    ["urlize of many words", "{{ ('see www.a.com, ' * 50000)|urlize|length }}"],
    ["indent of many lines", "{{ ('line\\n' * 200000)|indent(8)|length }}"],
    ["pprint of a wide list", "{{ range(100000)|list|pprint|length }}"],
  ])(
    "%s ends (an answer or the step budget), with no quadratic work in the host",
    (_name, template) => {
      // A hang detector, not a speed target: quadratic work on these inputs takes minutes.
      const started = performance.now();
      const outcome = get({ "page.html": template });
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(["hung", "response"]).toContain(outcome.kind);
    },
    60_000,
  );

  it("a huge indent width is a MemoryError, not an allocation", () => {
    const outcome = get({ "page.html": "{{ 'a\nb'|indent(10 ** 12) }}" });
    expect(outcome.kind === "response" && outcome.status).toBe("500 INTERNAL SERVER ERROR");
    expect(outcome.output.map((o) => o.text).join("")).toContain("MemoryError");
  });
});
