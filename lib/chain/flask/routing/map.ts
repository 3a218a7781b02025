/**
 * A Werkzeug 2.2 `Map` bound to one request, as Flask uses it: match PATH_INFO + method into one of four typed
 * outcomes, and build URLs for url_for.
 */
import { urlEncode, urlQuote } from "../urls";
import type { Converter, ConverterResolver } from "./converters";
import { buildErrorMessage } from "./build-error";
import { isPyError } from "./converters";
import type { MatchableRule } from "./matcher";
import { StateMachineMatcher } from "./matcher";
import type { RulePart, TraceItem } from "./rule";
import { parseRule } from "./rule";
import type { PyError, RouteValue } from "./values";

export interface Rule extends MatchableRule {
  readonly rule: string;
  readonly endpoint: string;
  readonly parts: readonly RulePart[];
  readonly converters: ReadonlyArray<readonly [string, Converter]>;
  readonly trace: readonly TraceItem[];
  /** Upper-case methods; GET implies HEAD as in Werkzeug. */
  readonly methods: ReadonlySet<string>;
  readonly strictSlashes: boolean;
  /** `defaults=` (None and values no URL can carry are null); merged into the matched values. */
  readonly defaults: ReadonlyArray<readonly [string, RouteValue | null]>;
  /** Werkzeug's Rule.arguments: the variables of the rule and the keys of its defaults. */
  readonly arguments: ReadonlySet<string>;
}

export interface RuleOptions {
  endpoint: string;
  /** As given to route(); null means Flask's default ("GET",). */
  methods?: readonly string[] | null;
  /** Flask adds OPTIONS unless the view opts out (provide_automatic_options). */
  automaticOptions?: boolean;
  strictSlashes?: boolean;
  defaults?: ReadonlyArray<readonly [string, RouteValue | null]>;
  /** The app's own converters (`app.url_map.converters`), when it changed them. */
  converters?: ConverterResolver;
}

/** Where the request came from, as Werkzeug's bind_to_environ reads it. */
export interface RequestBinding {
  /** Host as `get_host` computes it (Host header or SERVER_NAME:PORT, default port stripped), lower-case. */
  serverName: string;
  scheme: string;
  scriptName: string;
  /** PATH_INFO after the WSGI decoding dance. */
  pathInfo: string;
  /** QUERY_STRING as the environ holds it (kept raw for redirects). */
  queryString: string;
  method: string;
}

export type MatchOutcome =
  | { kind: "match"; rule: Rule; values: Array<[string, RouteValue]> }
  | { kind: "not-found" }
  /** `allowed` in the model's fixed order (real Werkzeug joins a set: its order varies per process). */
  | { kind: "method-not-allowed"; allowed: string[] }
  /** Werkzeug's RequestRedirect: 308 with this absolute Location. */
  | { kind: "redirect"; to: string; reason: "slash" | "merge-slashes" | "defaults" }
  /** An app's converter raised in to_python (not a ValidationError): Flask answers 500 with that exception. */
  | { kind: "raised"; rule: Rule; error: unknown };

export interface MatchOptions {
  /**
   * Leave the app's own converters' to_python out (their raw text is the value): explaining a decision tests
   * every rule alone, and must not run the app's Python again.
   */
  dry?: boolean;
}

/** At most this many rules per app (the student's app.py is untrusted). */
export const MAX_RULES = 500;

export function sortMethods(methods: Iterable<string>): string[] {
  return [...methods].sort();
}

export class UrlMap {
  readonly rules: Rule[] = [];
  readonly #matcher = new StateMachineMatcher<Rule>();

  /** Register a rule the way Flask's add_url_rule + Werkzeug's Rule do. Returns the Python error to raise. */
  add(ruleText: string, options: RuleOptions): Rule | PyError {
    if (this.rules.length >= MAX_RULES) return { pyType: "ValueError", message: "too many url rules" };
    const parsed = parseRule(ruleText, true, options.converters);
    if (isPyError(parsed)) return parsed;
    const methods = new Set((options.methods ?? ["GET"]).map((m) => m.toUpperCase()));
    if (options.automaticOptions ?? true) methods.add("OPTIONS");
    if (methods.has("GET")) methods.add("HEAD");
    const defaults = options.defaults ?? [];
    const rule: Rule = {
      defaults,
      arguments: new Set([...defaults.map(([k]) => k), ...parsed.converters.map(([name]) => name)]),
      rule: ruleText,
      endpoint: options.endpoint,
      parts: parsed.parts,
      converters: parsed.converters,
      trace: parsed.trace,
      methods,
      strictSlashes: options.strictSlashes ?? true,
    };
    this.rules.push(rule);
    this.#matcher.add(rule);
    return rule;
  }

  /** Allowed methods for a path (Flask's automatic OPTIONS response uses this). */
  allowedMethods(binding: RequestBinding): string[] {
    const outcome = this.match({ ...binding, method: "--" });
    return outcome.kind === "method-not-allowed" ? outcome.allowed : [];
  }

  /** Register a rule another map holds (the same frozen Rule): a map of one rule, to explain a decision. */
  addRule(rule: Rule): void {
    this.rules.push(rule);
    this.#matcher.add(rule);
  }

  match(binding: RequestBinding, options: MatchOptions = {}): MatchOutcome {
    const path = binding.pathInfo ? `/${binding.pathInfo.replace(/^\/+/, "")}` : "";
    const raw = this.#matcher.match(path, binding.method.toUpperCase());
    switch (raw.kind) {
      case "slash-required":
        return {
          kind: "redirect",
          to: makeRedirectUrl(binding, urlQuote(raw.path, "/:|+")),
          reason: "slash",
        };
      case "merged":
        return { kind: "redirect", to: makeRedirectUrl(binding, raw.path), reason: "merge-slashes" };
      case "no-match":
        return raw.haveMatchFor.size > 0
          ? { kind: "method-not-allowed", allowed: sortMethods(raw.haveMatchFor) }
          : { kind: "not-found" };
      case "match": {
        const values: Array<[string, RouteValue]> = [];
        for (let i = 0; i < raw.rule.converters.length; i += 1) {
          const [name, converter] = raw.rule.converters[i];
          const text = raw.values[i] ?? "";
          let value: RouteValue | null;
          if (converter.custom && options.dry) value = { type: "str", value: text };
          else {
            try {
              value = converter.toPython(text);
            } catch (error) {
              return { kind: "raised", rule: raw.rule, error };
            }
          }
          // A ValidationError ends matching: Werkzeug does not backtrack to other rules.
          if (value === null) {
            return raw.haveMatchFor.size > 0
              ? { kind: "method-not-allowed", allowed: sortMethods(raw.haveMatchFor) }
              : { kind: "not-found" };
          }
          values.push([name, value]);
        }
        let to: string | null;
        try {
          to = this.#defaultRedirect(raw.rule, binding, values);
        } catch (error) {
          // An app's to_url raised while Werkzeug built the defaults' URL.
          return { kind: "raised", rule: raw.rule, error };
        }
        if (to !== null) return { kind: "redirect", to, reason: "defaults" };
        return { kind: "match", rule: raw.rule, values };
      }
    }
  }

  /**
   * url_for: the first rule of `endpoint` (most arguments first) whose arguments are all given; the other values
   * become the query string. Relative unless `external`.
   */
  build(
    binding: Pick<RequestBinding, "serverName" | "scheme" | "scriptName">,
    endpoint: string,
    values: ReadonlyArray<readonly [string, RouteValue | null]>,
    external = false,
  ): string | PyError {
    const given = new Map(values.filter(([, v]) => v !== null) as Array<[string, RouteValue]>);
    // _partial_build: the rules allowing GET first, then any rule; a rule whose converter raises ValidationError
    // in to_url does not build, and the next one is tried.
    let rule: Rule | undefined;
    let path: string | undefined;
    for (const method of ["GET", null]) {
      for (const r of this.#byEndpoint(endpoint)) {
        if (!suitableFor(r, given, method)) continue;
        const built = buildPath(r, given);
        if (typeof built !== "string" && built.pyType === "ValidationError") continue;
        if (typeof built !== "string") return built;
        rule = r;
        path = built;
        break;
      }
      if (rule) break;
    }
    if (!rule || path === undefined) {
      return buildErrorMessage(
        endpoint,
        values.map(([name]) => name),
        this.rules.map((r) => ({ endpoint: r.endpoint, arguments: r.converters.map(([name]) => name) })),
      );
    }
    const used = rule.arguments;
    const query = values
      .filter(([name, v]) => !used.has(name) && v !== null)
      .map(([name, v]) => [name, routeText(v as RouteValue)] as [string, string]);
    const suffix = query.length > 0 ? `?${urlEncode(query)}` : "";
    const local = `${binding.scriptName.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}${suffix}`;
    return external ? `${binding.scheme}://${binding.serverName}${local}` : local;
  }

  /**
   * Map._rules_by_endpoint after Map.update(): registration order, stably sorted by Rule.build_compare_key
   * (more arguments first, then more defaults).
   */
  #byEndpoint(endpoint: string): Rule[] {
    return this.rules
      .filter((r) => r.endpoint === endpoint)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => b.r.arguments.size - a.r.arguments.size || b.r.defaults.length - a.r.defaults.length || a.i - b.i)
      .map(({ r }) => r);
  }

  /**
   * MapAdapter.get_default_redirect: a rule of the same endpoint sorted before the matched one that provides
   * defaults for it and is suitable for the matched values answers with a redirect to its own URL.
   */
  #defaultRedirect(rule: Rule, binding: RequestBinding, matched: ReadonlyArray<readonly [string, RouteValue]>): string | null {
    if (!this.rules.some((r) => r.defaults.length > 0)) return null;
    const values = new Map<string, RouteValue>(matched);
    for (const [k, v] of rule.defaults) if (v !== null) values.set(k, v);
    for (const r of this.#byEndpoint(rule.endpoint)) {
      if (r === rule) break;
      const provides = r.defaults.length > 0 && r.rule !== rule.rule && sameSet(r.arguments, rule.arguments);
      if (!provides || !suitableFor(r, values, binding.method.toUpperCase())) continue;
      for (const [k, v] of r.defaults) if (v !== null) values.set(k, v);
      const path = buildPath(r, values);
      if (typeof path !== "string") return null;
      return makeRedirectUrl(binding, path);
    }
    return null;
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Python's `==` between two route values (1 == 1.0; a str never equals a number). */
function sameValue(a: RouteValue, b: RouteValue): boolean {
  const numeric = (v: RouteValue) => (v.type === "int" ? Number(v.value) : v.type === "float" ? v.value : null);
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null || y !== null) return x !== null && y !== null && (a.type === "int" && b.type === "int" ? a.value === b.value : x === y);
  return a.value === b.value;
}

/** Rule.suitable_for: enough values to build, none contradicting a default, the method allowed. */
function suitableFor(rule: Rule, values: ReadonlyMap<string, RouteValue>, method: string | null): boolean {
  if (method !== null && !rule.methods.has(method)) return false;
  const defaults = new Map(rule.defaults);
  for (const key of rule.arguments) if (!defaults.has(key) && !values.has(key)) return false;
  for (const [key, value] of rule.defaults) {
    const given = values.get(key);
    if (given !== undefined && (value === null || !sameValue(value, given))) return false;
  }
  return true;
}

/** The rule's path with its variables filled (a variable with a default takes the default). */
function buildPath(rule: Rule, given: ReadonlyMap<string, RouteValue>): string | PyError {
  const defaults = new Map(rule.defaults);
  let path = "";
  for (const item of rule.trace) {
    if (!item.dynamic) {
      path += urlQuote(item.text, "/:|+");
      continue;
    }
    const converter = rule.converters.find(([name]) => name === item.name)?.[1];
    const value = defaults.get(item.name) ?? given.get(item.name);
    if (!converter || !value) continue;
    const text = converter.toUrl(value);
    if (isPyError(text)) return text;
    path += text;
  }
  return path;
}

function routeText(value: RouteValue): string {
  switch (value.type) {
    case "int":
      return value.value.toString();
    case "float":
      return String(value.value);
    case "object":
      return value.str();
    default:
      return value.value;
  }
}

/** `make_redirect_url`: absolute URL from scheme, host, script name, the new path and the raw query string. */
function makeRedirectUrl(binding: RequestBinding, path: string): string {
  const suffix = binding.queryString ? `?${binding.queryString}` : "";
  const script = binding.scriptName.replace(/^\/+|\/+$/g, "");
  const rest = path.replace(/^\/+/, "");
  const joined = script ? (rest ? `${script}/${rest}` : `${script}/`) : rest;
  return `${binding.scheme}://${binding.serverName}/${joined}${suffix}`;
}
