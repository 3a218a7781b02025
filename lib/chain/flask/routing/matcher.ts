/**
 * Werkzeug 2.2's StateMachineMatcher, modelled. Rules are added as paths through a tree of states, one transition
 * per rule part. Matching walks the URL's segments: at each state the static transition is tried first, then the
 * dynamic ones in weight order (int before default before path), backtracking on failure. Rules that match only
 * by method are remembered (for 405), and a rule that would match with one more "/" raises "slash required"
 * (the 308 redirect).
 */
import type { RulePart } from "./rule";
import { compareWeighting, samePart } from "./rule";
import { memo } from "../../memo";
import { compileRegex } from "../../regex";

export interface MatchableRule {
  readonly parts: readonly RulePart[];
  readonly methods: ReadonlySet<string>;
  readonly strictSlashes: boolean;
}

/** What a part's regex gives: the groups (index 0 the whole match), unmatched ones undefined. */
interface PartRegex {
  exec(text: string): ReadonlyArray<string | undefined> | null;
}

interface State<R> {
  dynamic: Array<{ part: RulePart; regex: PartRegex; state: State<R> }>;
  rules: R[];
  static: Map<string, State<R>>;
}

/**
 * Compiled part regexes by source. Only exec() is used on them, which (no `g`/`y` flag) keeps no state, so one
 * RegExp serves every matcher.
 */
const partRegexes = memo<PartRegex>(512);

function partRegex(part: RulePart): PartRegex {
  if (!part.linear) return partRegexes.get(part.content, () => new RegExp(`^(?:${part.content})`, "u"));
  // An app's own converter regex: the linear-time engine (checked when the rule was parsed), Python's str rules.
  return partRegexes.get(`\0${part.content}`, () => {
    const compiled = compileRegex(`\\A(?:${part.content})`, { unicode: true });
    if (!compiled.ok) return { exec: () => null };
    const regex = compiled.regex;
    return { exec: (text) => regex.exec(text)?.groups ?? null };
  });
}

function newState<R>(): State<R> {
  return { dynamic: [], rules: [], static: new Map() };
}

/** What one walk of the state machine found. */
export type RawMatch<R> =
  | { kind: "match"; rule: R; values: string[]; haveMatchFor: Set<string> }
  | { kind: "slash-required"; path: string }
  | { kind: "merged"; path: string }
  | { kind: "no-match"; haveMatchFor: Set<string> };

/** Longest path (in characters) the matcher looks at; longer paths simply do not match. */
export const MAX_PATH_LENGTH = 16384;

class SlashRequired {}

interface Found<R> {
  rule: R;
  values: string[];
}

export class StateMachineMatcher<R extends MatchableRule> {
  readonly #root: State<R> = newState();
  #sorted = true;

  add(rule: R): void {
    let state = this.#root;
    for (const part of rule.parts) {
      if (part.static) {
        let next = state.static.get(part.content);
        if (!next) {
          next = newState();
          state.static.set(part.content, next);
        }
        state = next;
      } else {
        const found = state.dynamic.find((entry) => samePart(entry.part, part));
        if (found) {
          state = found.state;
        } else {
          const next = newState<R>();
          state.dynamic.push({ part, regex: partRegex(part), state: next });
          state = next;
        }
      }
    }
    state.rules.push(rule);
    this.#sorted = false;
  }

  #sort(): void {
    const visit = (state: State<R>): void => {
      // Array.prototype.sort is stable, like Python's list.sort.
      state.dynamic.sort((a, b) => compareWeighting(a.part.weight, b.part.weight));
      for (const next of state.static.values()) visit(next);
      for (const entry of state.dynamic) visit(entry.state);
    };
    visit(this.#root);
    this.#sorted = true;
  }

  /** Match `path` (starts with "/" or is empty) for `method`, with Werkzeug's merge_slashes retry. */
  match(path: string, method: string): RawMatch<R> {
    if (!this.#sorted) this.#sort();
    const haveMatchFor = new Set<string>();
    if (path.length > MAX_PATH_LENGTH) return { kind: "no-match", haveMatchFor };

    const first = this.#attempt(path, method, haveMatchFor);
    if (first instanceof SlashRequired) return { kind: "slash-required", path: `${path}/` };
    if (first) return { kind: "match", rule: first.rule, values: first.values, haveMatchFor };
    // merge_slashes: Werkzeug's re.sub("/{2,}?", "/") replaces each pair of slashes.
    const merged = path.replace(/\/\//g, "/");
    // Without a pair of slashes the retry would walk the same path and find the same nothing.
    if (merged === path) return { kind: "no-match", haveMatchFor };
    const second = this.#attempt(merged, method, haveMatchFor);
    if (second instanceof SlashRequired) return { kind: "slash-required", path: `${merged}/` };
    if (second) return { kind: "merged", path: merged };
    return { kind: "no-match", haveMatchFor };
  }

  /** One walk from the root over the segments of `path` (the domain part "" first). */
  #attempt(path: string, method: string, haveMatchFor: Set<string>): Found<R> | null | SlashRequired {
    try {
      return this.#walk(this.#root, `/${path}`.split("/"), 0, [], method, haveMatchFor);
    } catch (e) {
      if (e instanceof SlashRequired) return e;
      throw e;
    }
  }

  /**
   * Match `parts` from index `i` on at `state`: the static transition first, then the dynamic ones in weight
   * order, backtracking on failure. Methods of rules that match the path only are added to `haveMatchFor`.
   */
  #walk(state: State<R>, parts: readonly string[], i: number, values: string[], method: string, haveMatchFor: Set<string>): Found<R> | null {
    if (i === parts.length) {
      for (const rule of state.rules) {
        if (!rule.methods.has(method)) rule.methods.forEach((m) => haveMatchFor.add(m));
        else return { rule, values };
      }
      const slashState = state.static.get("");
      if (slashState) {
        for (const rule of slashState.rules) {
          if (rule.methods.has(method)) {
            if (rule.strictSlashes) throw new SlashRequired();
            return { rule, values };
          }
        }
      }
      return null;
    }
    const part = parts[i];
    const staticNext = state.static.get(part);
    if (staticNext) {
      const found = this.#walk(staticNext, parts, i + 1, values, method, haveMatchFor);
      if (found) return found;
    }
    for (const entry of state.dynamic) {
      // A final part (a `path` converter) takes the rest of the URL, slashes included.
      const target = entry.part.final ? parts.slice(i).join("/") : part;
      const next = entry.part.final ? parts.length : i + 1;
      const m = entry.regex.exec(target);
      if (m) {
        const found = this.#walk(entry.state, parts, next, [...values, ...m.slice(1).map((g) => g ?? "")], method, haveMatchFor);
        if (found) return found;
      }
    }
    if (i === parts.length - 1 && part === "") {
      for (const rule of state.rules) {
        if (rule.strictSlashes) continue;
        if (!rule.methods.has(method)) rule.methods.forEach((m) => haveMatchFor.add(m));
        else return { rule, values };
      }
    }
    return null;
  }
}
