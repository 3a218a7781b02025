/** markupsafe 2.1: `escape()` and the `Markup` str subclass (escapes what is added to it). */
import type { Runtime, PyClass, PyInstance, PyModule, PyValue } from "../../python";
import { builtinClass, isInstance, makeClass, pyBuiltin, pyError, pyModule, strOf } from "../../python";
import { escapeHtml } from "../markup";

let markupClass: PyClass | undefined;

/** Markup, built once and shared by every interpreter like the builtin str it extends (hooks use the caller's). */
export function sharedMarkupClass(): PyClass {
  markupClass ??= makeMarkupClass();
  return markupClass;
}

function makeMarkupClass(): PyClass {
  const cls: PyClass = makeClass(
    "Markup",
    "markupsafe",
    {
      construct: (c, args, kwargs, interp) => {
        const a = interp.bindArgs("Markup", args, kwargs, ["base", "encoding", "errors"], {
          base: "",
          encoding: null,
          errors: "strict",
        });
        return interp.newInstance(c, { strValue: interp.str(a.base) });
      },
      repr: (self, interp) => `Markup(${interp.repr(self.strValue ?? "")})`,
      binop: (self, op, other, reflected, interp) => {
        const text = self.strValue ?? "";
        if (op === "+") {
          const o = strOf(other);
          if (o === undefined) return undefined;
          const escaped = escapeToText(interp, other);
          return interp.newInstance(cls, { strValue: reflected ? escaped + text : text + escaped });
        }
        return undefined;
      },
      methods: {
        __html__: (args) => args[0],
        striptags: (args) => {
          const self = args[0] as PyInstance;
          const stripped = (self.strValue ?? "").replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, "");
          return unescapeHtml(stripped.split(/\s+/).filter(Boolean).join(" "));
        },
        unescape: (args) => unescapeHtml((args[0] as PyInstance).strValue ?? ""),
      },
    },
    builtinClass("str"),
  );
  return cls;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** escape(x) as text: Markup (anything with __html__) passes through, everything else is str()-ed and escaped. */
export function escapeToText(interp: Runtime, v: PyValue): string {
  if (isInstance(v) && v.cls.name === "Markup" && v.strValue !== undefined) return v.strValue;
  if (v === null) return "None";
  return escapeHtml(interp.str(v));
}

export function makeMarkupsafeModule(interp: Runtime, markup: PyClass): PyModule {
  const escape = pyBuiltin("escape", (args, kwargs) => {
    if (kwargs.size > 0) throw pyError("TypeError", "escape() takes no keyword arguments");
    if (args.length !== 1) throw pyError("TypeError", `escape() takes exactly one argument (${args.length} given)`);
    return interp.newInstance(markup, { strValue: escapeToText(interp, args[0]) });
  });
  const escapeSilent = pyBuiltin("escape_silent", (args) =>
    interp.newInstance(markup, { strValue: args[0] === null ? "" : escapeToText(interp, args[0]) }),
  );
  const softStr = pyBuiltin("soft_str", (args) => (strOf(args[0]) !== undefined ? args[0] : interp.str(args[0])));
  return pyModule("markupsafe", { Markup: markup, escape, escape_silent: escapeSilent, soft_str: softStr });
}
