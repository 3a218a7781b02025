/**
 * Werkzeug 2.2's StateMachineMatcher, modelled. Rules are added as paths through a tree of states, one transition
 * per rule part. Matching walks the URL's segments: at each state the static transition is tried first, then the
 * dynamic ones in weight order (int before default before path), backtracking on failure. Rules that match only
 * by method are remembered (for 405), and a rule that would match with one more "/" raises "slash required"
 * (the 308 redirect).
 */
import type { RulePart } from "./rule";
import { compareWeighting, samePart } from "./rule";

export interface MatchableRule {
  readonly parts: readonly RulePart[];
  readonly methods: ReadonlySet<string>;
  readonly strictSlashes: boolean;
}

interface State<R> {
  dynamic: Array<{ part: RulePart; regex: RegExp; state: State<R> }>;
  rules: R[];
  static: Map<string, State<R>>;
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
          state.dynamic.push({ part, regex: new RegExp(`^(?:${part.content})`, "u"), state: next });
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

    const walk = (state: State<R>, parts: string[], values: string[]): { rule: R; values: string[] } | null => {
      if (parts.length === 0) {
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
      const [part, ...rest] = parts;
      const staticNext = state.static.get(part);
      if (staticNext) {
        const found = walk(staticNext, rest, values);
        if (found) return found;
      }
      for (const entry of state.dynamic) {
        const target = entry.part.final ? parts.join("/") : part;
        const remaining = entry.part.final ? [] : rest;
        const m = entry.regex.exec(target);
        if (m) {
          const found = walk(entry.state, remaining, [...values, ...m.slice(1).map((g) => g ?? "")]);
          if (found) return found;
        }
      }
      if (parts.length === 1 && parts[0] === "") {
        for (const rule of state.rules) {
          if (rule.strictSlashes) continue;
          if (!rule.methods.has(method)) rule.methods.forEach((m) => haveMatchFor.add(m));
          else return { rule, values };
        }
      }
      return null;
    };

    const attempt = (p: string): { rule: R; values: string[] } | null | SlashRequired => {
      try {
        return walk(this.#root, ["", ...p.split("/")], []);
      } catch (e) {
        if (e instanceof SlashRequired) return e;
        throw e;
      }
    };

    const first = attempt(path);
    if (first instanceof SlashRequired) return { kind: "slash-required", path: `${path}/` };
    if (first) return { kind: "match", rule: first.rule, values: first.values, haveMatchFor };
    // merge_slashes: Werkzeug's re.sub("/{2,}?", "/") replaces each pair of slashes.
    const merged = path.replace(/\/\//g, "/");
    const second = attempt(merged);
    if (second instanceof SlashRequired) return { kind: "slash-required", path: `${merged}/` };
    if (second) return { kind: "merged", path: merged };
    return { kind: "no-match", haveMatchFor };
  }
}
