/**
 * ngx_http_rewrite_module's part of a level: its rewrite directives (rewrite, return, break, set, if) in config
 * order, run by rewrite.ts. nginx compiles their regexes when it reads the configuration; so does this: each
 * `rewrite` pattern and each `if (… ~ …)` condition, also inside `if` blocks. A level's script is its own: nginx
 * never inherits rewrite directives.
 */
import type { Directive } from "../config/types";
import { compileRegex, type RegexCompileResult } from "../../regex";
import { utf8ToLatin1 } from "../../http/bytes";

export interface RewriteScript {
  directives: ReadonlyArray<Directive>;
  /** The compiled pattern of each `rewrite` and regex `if` of the list and of its `if` blocks. */
  regexes: ReadonlyMap<Directive, RegexCompileResult>;
}

const REWRITE_NAMES = ["rewrite", "return", "break", "set", "if"];

/** The script of a level, null when it has no rewrite directives. */
export function rewriteScript(directives: ReadonlyArray<Directive>): RewriteScript | null {
  if (!directives.some((d) => REWRITE_NAMES.includes(d.name))) return null;
  const regexes = new Map<Directive, RegexCompileResult>();
  const walk = (list: ReadonlyArray<Directive>) => {
    for (const d of list) {
      if (d.name === "rewrite") regexes.set(d, compileRegex(utf8ToLatin1(d.args[0] ?? "")));
      if (d.name !== "if") continue;
      const condition = ifCondition(d.args);
      const [, op, pattern] = condition;
      if (condition.length === 3 && /^!?~\*?$/.test(op!)) {
        regexes.set(d, compileRegex(utf8ToLatin1(pattern!), { caseInsensitive: op!.endsWith("*") }));
      }
      if (d.block) walk(d.block);
    }
  };
  walk(directives);
  return { directives, regexes };
}

/** An `if`'s condition as nginx reads it: the arguments without the parentheses (`($a ~ x)` → `$a`, `~`, `x`). */
export function ifCondition(rawArgs: ReadonlyArray<string>): string[] {
  const args = rawArgs.slice();
  if (args.length > 0) args[0] = args[0]!.replace(/^\(/, "");
  if (args.length > 0) args[args.length - 1] = args[args.length - 1]!.replace(/\)$/, "");
  return args.filter((x) => x.length > 0);
}
