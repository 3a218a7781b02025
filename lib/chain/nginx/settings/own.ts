/**
 * One level's own directives (http{}, a server{}, a location{} or a true `if {}` block), indexed by name once so
 * that each module's merge can ask what this level says about a directive. Only config loading uses it.
 */
import type { Directive } from "../config/types";

const NONE: ReadonlyArray<Directive> = [];

export class OwnDirectives {
  private readonly byName = new Map<string, Directive[]>();

  constructor(readonly directives: ReadonlyArray<Directive>) {
    for (const d of directives) {
      const list = this.byName.get(d.name);
      if (list) list.push(d);
      else this.byName.set(d.name, [d]);
    }
  }

  /** Every occurrence at this level, in config order (array directives: add_header, error_page…). */
  all(name: string): ReadonlyArray<Directive> {
    return this.byName.get(name) ?? NONE;
  }

  /** The occurrence that counts for a single-valued directive: the last one at this level. */
  last(name: string): Directive | undefined {
    const list = this.byName.get(name);
    return list?.[list.length - 1];
  }

  first(name: string): Directive | undefined {
    return this.byName.get(name)?.[0];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** An on/off directive at this level (`on` in any case is true, anything else false), or undefined. */
  flag(name: string): boolean | undefined {
    const d = this.last(name);
    return d ? d.args[0]?.toLowerCase() === "on" : undefined;
  }
}
