/**
 * A Korean account of one routing decision for the trace's "route" step: every rule in registration order,
 * whether it matched the request and why not, and the outcome Werkzeug reached.
 */
import type { DecisionTest } from "../../trace";
import type { MatchOutcome, RequestBinding, Rule } from "./map";
import { UrlMap } from "./map";
import { routeValueToString } from "./values";
import { memo as createMemo } from "../../memo";
import { josa } from "../../korean";

export interface RouteExplanation {
  tests: DecisionTest[];
  outcome: string;
  explain: string;
}

/**
 * A map holding only one rule, by what matching depends on: the rule text, methods and strict_slashes (the
 * endpoint is kept for the outcome). Every load of an app registers equal rules, so the maps are shared by all
 * of them; a map is never added to after it is built (matching only sorts it, the same way every time).
 */
const singleRuleMaps = createMemo<UrlMap>(512);

function singleRuleMap(rule: Rule): UrlMap {
  return singleRuleMaps.get(ruleKey(rule), () => {
    const single = new UrlMap();
    single.addRule(rule);
    return single;
  });
}

/** Everything about a rule that matching and explaining look at (an app's own converters by their identity). */
function ruleKey(rule: Rule): string {
  const custom = rule.converters.map(([, c]) => c.custom?.key ?? "").join(",");
  return [rule.rule, [...rule.methods].sort().join(","), rule.strictSlashes, rule.endpoint, custom].join("\0");
}

/** One rule alone, as if it were the only one: what would it say to this request? (without running the app's Python) */
function testRule(rule: Rule, binding: RequestBinding): MatchOutcome {
  return singleRuleMap(rule).match(binding, { dry: true });
}

function note(outcome: MatchOutcome, method: string): string {
  switch (outcome.kind) {
    case "match":
      return outcome.values.length
        ? `경로가 맞습니다: ${outcome.values.map(([k, v]) => `${k}=${routeValueToString(v)}`).join(", ")}`
        : "경로와 메서드가 모두 맞습니다.";
    case "method-not-allowed":
      return `경로는 맞지만 ${method} 메서드는 허용되지 않습니다 (허용: ${outcome.allowed.join(", ")}).`;
    case "redirect":
      if (outcome.reason === "defaults") return "같은 endpoint의 defaults= 규칙이 이 값을 기본값으로 가지므로 그 주소로 보내야 합니다 (308).";
      return outcome.reason === "slash" ? "규칙이 /로 끝나므로 /를 붙인 주소로 보내야 합니다 (308)." : "연속된 /를 하나로 합친 주소로 보내야 합니다 (308).";
    case "not-found":
      return "경로가 이 규칙과 맞지 않습니다 (또는 변환기가 값을 받아들이지 않았습니다).";
    case "raised":
      return "경로는 맞지만 앱의 변환기 to_python()에서 예외가 났습니다.";
  }
}

/**
 * Explanations by map and request. Apps answer the same requests again and again (a kept app, or the same
 * app.py loaded afresh), and testing every rule alone is most of a call's routing cost. A map is known by the
 * number of its rules (see mapNumber); each caller gets its own copy of the explanation.
 */
const explanations = createMemo<RouteExplanation>(256);

/** `result` is `map.match(binding)` when the caller already has it. */
export function explainRoute(map: UrlMap, binding: RequestBinding, result?: MatchOutcome): RouteExplanation {
  const { serverName, scheme, scriptName, pathInfo, queryString, method } = binding;
  const key = [mapNumber(map), serverName, scheme, scriptName, pathInfo, queryString, method].join("\0");
  const explanation = explanations.get(key, () => explain(map, binding, result ?? map.match(binding)));
  return { ...explanation, tests: explanation.tests.map((t) => ({ ...t })) };
}

/**
 * One number per distinct list of rules: maps with equal rules in the same order match alike. Numbers are never
 * given twice. A map's number is remembered with its rule count: rules are only ever appended.
 */
const ruleListNumbers = createMemo<number>(256);
let nextRuleListNumber = 0;
const mapNumbers = new WeakMap<UrlMap, { rules: number; number: number }>();

function mapNumber(map: UrlMap): number {
  const known = mapNumbers.get(map);
  if (known && known.rules === map.rules.length) return known.number;
  const number = ruleListNumbers.get(map.rules.map(ruleKey).join("\u0001"), () => nextRuleListNumber++);
  mapNumbers.set(map, { rules: map.rules.length, number });
  return number;
}

function explain(map: UrlMap, binding: RequestBinding, result: MatchOutcome): RouteExplanation {
  const method = binding.method.toUpperCase();
  const tests: DecisionTest[] = map.rules.map((rule) => {
    const matched = result.kind === "match" ? result.rule === rule : false;
    return { subject: `rule ${rule.rule}`, matched, note: note(matched ? result : testRule(rule, binding), method) };
  });
  switch (result.kind) {
    case "match": {
      const args = result.values.map(([k, v]) => `${k}=${routeValueToString(v)}`).join(", ");
      return {
        tests,
        outcome: `view ${result.rule.endpoint}(${args})`,
        explain: `Werkzeug가 ${binding.pathInfo || "/"} 경로를 규칙 ${result.rule.rule}에 연결했습니다. Flask가 뷰 함수 ${result.rule.endpoint}()${args ? `를 ${args} 인자로` : "를"} 호출합니다.`,
      };
    }
    case "not-found":
      return {
        tests,
        outcome: "404 Not Found",
        explain: `${binding.pathInfo || "/"}에 맞는 규칙이 없어 Flask가 404 Not Found 페이지를 돌려줍니다.`,
      };
    case "method-not-allowed":
      return {
        tests,
        outcome: `405 Method Not Allowed (Allow: ${result.allowed.join(", ")})`,
        explain: `경로에 맞는 규칙은 있지만 ${method} 메서드를 받지 않습니다. Flask가 405와 함께 허용된 메서드를 Allow 헤더로 알려 줍니다.`,
      };
    case "raised":
      return {
        tests,
        outcome: "500 Internal Server Error",
        explain: `${binding.pathInfo || "/"} 경로는 규칙 ${result.rule.rule}에 맞았지만, 앱이 등록한 변환기의 to_python()이 예외를 일으켜 Flask가 500 Internal Server Error를 돌려줍니다.`,
      };
    case "redirect":
      return {
        tests,
        outcome: `308 → ${result.to}`,
        explain:
          result.reason === "defaults"
            ? `요청한 값이 같은 endpoint의 다른 규칙에 적힌 defaults=와 같아서, Werkzeug가 그 규칙의 주소(${result.to})로 308 Permanent Redirect를 보냅니다.`
            : result.reason === "slash"
            ? `규칙이 /로 끝나서 Werkzeug가 /를 붙인 주소(${result.to})로 308 Permanent Redirect를 보냅니다.`
            : `주소의 연속된 /를 합친 ${result.to}${josa(result.to, "으로/로")} 308 Permanent Redirect를 보냅니다.`,
      };
  }
}
