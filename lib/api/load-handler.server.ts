/**
 * `POST /api/chain/load`: a crowd through the embedded chain (lib/chain/load). JSON in, per-request results (in the
 * order of `requests`), the shared timeline, the merged logs and a summary out. Same rate limit, bounds and error
 * shape as `/api/chain`; a crowd that runs more interpreter steps than the budget gets a 422.
 */
import { runLoad, type LoadResult } from "@/lib/chain/load/run-load";
import { withEdits } from "@/lib/chain/scenario";
import { loadScenario } from "@/lib/scenarios/load.server";
import { jsonAnswer, type ApiAnswer, type ApiRequest } from "./api-request";
import { apiError, configRejected, limitedJsonBody, unknownScenario } from "./chain-handler.server";
import { parseLoadRequest } from "./load-request";
import { bodyFields } from "./serialize";

/** Each result's body is cut here (a crowd's answers are alike; the first bytes say which). */
export const LOAD_BODY_BYTES = 2048;
/** Log lines returned at most (the earliest). */
export const LOAD_LOG_LINES = 4000;

export async function answerLoad(request: ApiRequest): Promise<ApiAnswer> {
  const body = await limitedJsonBody(request);
  if (!body.ok) return body.answer;
  const json = body.json;
  const parsed = parseLoadRequest(json);
  if (!parsed.ok) return apiError(parsed.error);
  const { scenario: name, gateway, edits, requests } = parsed.value;
  const scenario = await loadScenario(name);
  if (!scenario) return unknownScenario(name);

  let result: LoadResult;
  try {
    result = runLoad({ scenario: name, manifest: scenario.manifest, files: withEdits(scenario.files, edits), gateway, requests, epochMs: Date.now() });
  } catch (error) {
    console.error("embedded chain failed on a crowd", error);
    return apiError({ status: 422, error: "engine-error", message: "the embedded chain could not process this crowd", messageKo: "내장 체인이 이 요청 묶음을 처리하지 못했습니다. 요청 수를 줄이거나 바꿔 보세요." });
  }
  if (!result.ok && "errors" in result) return configRejected(result.errors);
  if (!result.ok) {
    const { steps, limit, atRequest } = result.budget;
    return apiError({
      status: 422,
      error: "step-budget",
      message: `the crowd ran more than ${limit} interpreter steps (${steps} by request ${atRequest})`,
      messageKo: `요청 묶음이 실행 단계 한도(${limit.toLocaleString("ko-KR")})를 넘었습니다 (${atRequest}번 요청까지 ${steps.toLocaleString("ko-KR")}단계). 학생 수를 줄이거나 앱의 계산을 줄여 보세요.`,
    });
  }
  return jsonAnswer(200, loadJson(result));
}

/** The JSON form of a crowd's run (traces are left out: a crowd's would be megabytes; /api/chain gives one). */
export function loadJson(result: Extract<LoadResult, { ok: true }>) {
  return {
    results: result.results.map((r) => ({
      status: r.status,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
      doneAt: r.doneAt,
      busyUntil: r.busyUntil,
      worker: r.worker,
      responder: r.responder,
      response: {
        status: r.response.status,
        reason: r.response.reason,
        headers: r.response.headers,
        ...bodyFields(r.response.body.subarray(0, LOAD_BODY_BYTES)),
        bodyLength: r.response.body.length,
      },
    })),
    timeline: result.timeline,
    logs: result.logs.slice(0, LOAD_LOG_LINES),
    logsTruncated: result.logs.length > LOAD_LOG_LINES,
    summary: result.summary,
    startup: result.startup,
  };
}
