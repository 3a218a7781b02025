/**
 * `POST /api/chain/routes`: the URL map of a scenario's app with the student's files laid over it, loaded as the
 * gateway would (lib/chain/routes.ts). JSON in (scenario, gateway, files), `{ ok: true, rules }` or the load error
 * out. Same rate limit, bounds and 4xx shape as `/api/chain`.
 */
import { appRoutes, type RoutesResult } from "@/lib/chain/routes";
import { withEdits } from "@/lib/chain/scenario";
import { loadScenario } from "@/lib/scenarios/load.server";
import { jsonAnswer, type ApiAnswer, type ApiRequest } from "./api-request";
import { apiError, configRejected, limitedJsonBody, unknownScenario } from "./chain-handler.server";
import { parseRoutesRequest } from "./routes-request";

export async function answerRoutes(request: ApiRequest): Promise<ApiAnswer> {
  const body = await limitedJsonBody(request);
  if (!body.ok) return body.answer;
  const parsed = parseRoutesRequest(body.json);
  if (!parsed.ok) return apiError(parsed.error);
  const { scenario: name, gateway, edits } = parsed.value;
  const scenario = await loadScenario(name);
  if (!scenario) return unknownScenario(name);
  let result: RoutesResult;
  try {
    result = appRoutes({ scenario: name, manifest: scenario.manifest, files: withEdits(scenario.files, edits), gateway });
  } catch (error) {
    console.error("embedded chain failed listing routes", error);
    return apiError({ status: 422, error: "engine-error", message: "the embedded chain could not load this app", messageKo: "내장 체인이 이 앱을 불러오지 못했습니다. 입력을 줄이거나 바꿔 보세요." });
  }
  if ("errors" in result) return configRejected(result.errors);
  return jsonAnswer(200, result);
}
