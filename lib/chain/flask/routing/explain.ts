/**
 * A Korean account of one routing decision for the trace's "route" step: every rule in registration order,
 * whether it matched the request and why not, and the outcome Werkzeug reached.
 */
import type { DecisionTest } from "../../trace";
import type { MatchOutcome, RequestBinding, Rule } from "./map";
import { UrlMap } from "./map";
import { routeValueToString } from "./values";

export interface RouteExplanation {
  tests: DecisionTest[];
  outcome: string;
  explain: string;
}

/** One rule alone, as if it were the only one: what would it say to this request? */
function testRule(rule: Rule, binding: RequestBinding): MatchOutcome {
  const single = new UrlMap();
  single.add(rule.rule, {
    endpoint: rule.endpoint,
    methods: [...rule.methods],
    automaticOptions: false,
    strictSlashes: rule.strictSlashes,
  });
  return single.match(binding);
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
      return outcome.reason === "slash" ? "규칙이 /로 끝나므로 /를 붙인 주소로 보내야 합니다 (308)." : "연속된 /를 하나로 합친 주소로 보내야 합니다 (308).";
    case "not-found":
      return "경로가 이 규칙과 맞지 않습니다 (또는 변환기가 값을 받아들이지 않았습니다).";
  }
}

export function explainRoute(map: UrlMap, binding: RequestBinding): RouteExplanation {
  const result = map.match(binding);
  const method = binding.method.toUpperCase();
  const tests: DecisionTest[] = map.rules.map((rule) => {
    const alone = testRule(rule, binding);
    const matched = result.kind === "match" ? result.rule === rule : false;
    return { subject: `rule ${rule.rule}`, matched, note: matched ? note(result, method) : note(alone, method) };
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
    case "redirect":
      return {
        tests,
        outcome: `308 → ${result.to}`,
        explain:
          result.reason === "slash"
            ? `규칙이 /로 끝나서 Werkzeug가 /를 붙인 주소(${result.to})로 308 Permanent Redirect를 보냅니다.`
            : `주소의 연속된 /를 합친 ${result.to}로 308 Permanent Redirect를 보냅니다.`,
      };
  }
}
