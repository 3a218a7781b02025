/**
 * The two ways into the embedded chain over HTTP:
 *  - `POST /api/chain` (JSON in, the chain's response and trace out), used by the lesson widgets;
 *  - `/sandbox/<scenario>/…`, which answers any HTTP client (curl) as the deployed site would.
 * Both take an ApiRequest and give an ApiAnswer (api-request.ts), so Next's route files and the production
 * server's direct path run the same code. Every failure is a clear 4xx JSON error; the chain's own 5xx are its
 * answers.
 */
import { runChain, type ChainInput, type ChainResult } from "@/lib/chain/run";
import { concatBytes, utf8Decode, utf8Encode } from "@/lib/chain/http/bytes";
import { withEdits } from "@/lib/chain/scenario";
import { loadScenario } from "@/lib/scenarios/load.server";
import { API_LIMITS } from "./limits";
import { jsonAnswer, webHandler, type ApiAnswer, type ApiRequest } from "./api-request";
import { parseChainRequest, type ApiError } from "./chain-request";
import { responseJson, traceJson } from "./serialize";
import { rateLimited } from "./chain-limit.server";

export { rateLimited };

/** The rate limit, the size bound and JSON parsing every chain API call starts with: the parsed body, or the 4xx. */
export async function limitedJsonBody(request: ApiRequest): Promise<{ ok: true; json: unknown } | { ok: false; answer: ApiAnswer }> {
  const limited = rateLimited(request);
  if (limited) return { ok: false, answer: limited };
  const bytes = await request.body(API_LIMITS.bodyBytes);
  if (bytes === null) {
    return { ok: false, answer: apiError({ status: 413, error: "body-too-large", message: `request body larger than ${API_LIMITS.bodyBytes} bytes`, messageKo: `요청 본문이 너무 큽니다 (최대 ${API_LIMITS.bodyBytes / 1024} KiB).` }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    return { ok: false, answer: apiError({ status: 400, error: "invalid-json", message: "the body is not valid JSON", messageKo: "요청 본문이 올바른 JSON이 아닙니다." }) };
  }
  return { ok: true, json };
}

export async function answerChain(request: ApiRequest): Promise<ApiAnswer> {
  const body = await limitedJsonBody(request);
  if (!body.ok) return body.answer;
  const json = body.json;
  const parsed = parseChainRequest(json);
  if (!parsed.ok) return apiError(parsed.error);
  const { scenario: name, edits, ...rest } = parsed.value;
  const scenario = await loadScenario(name);
  if (!scenario) return unknownScenario(name);

  const result = safeRun({
    scenario: name,
    manifest: scenario.manifest,
    files: withEdits(scenario.files, edits),
    gateway: rest.gateway,
    faults: rest.faults,
    client: rest.client,
    local: rest.local,
    raw: rest.raw,
    epochMs: Date.now(),
  });
  if ("status" in result) return apiError(result);
  if (!result.ok) return configRejected(result.errors);
  return jsonAnswer(200, { response: responseJson(result.response), trace: traceJson(result.trace), startup: result.startup });
}

/** Hop-by-hop and framing headers are the Node server's own business, not the chain's. */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
/** Headers Next adds to every incoming request itself; the chain must not mistake them for the client's. */
const ADDED_BY_NEXT = new Set(["x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto"]);

export async function answerSandbox(request: ApiRequest, name: string): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const scenario = await loadScenario(name);
  if (!scenario) return unknownScenario(name);
  const body = await request.body(API_LIMITS.rawRequestBytes);
  if (body === null) {
    return apiError({ status: 413, error: "body-too-large", message: "request body too large for the sandbox", messageKo: "샌드박스로 보내는 본문이 너무 큽니다." });
  }
  // The target as the client wrote it (still percent-encoded), minus the /sandbox/<name> prefix and our own
  // ?gateway= switch.
  const queryAt = request.target.indexOf("?");
  const pathname = queryAt === -1 ? request.target : request.target.slice(0, queryAt);
  const search = queryAt === -1 ? "" : request.target.slice(queryAt);
  const marker = `/sandbox/${name}`;
  const rest = pathname.slice(pathname.indexOf(marker) + marker.length);
  const gateway = new URLSearchParams(search).get("gateway");
  const target = (rest.startsWith("/") ? rest : "/" + rest) + rawSearch(search);
  const head = [`${request.method} ${target} HTTP/1.1`];
  for (const [key, value] of request.headerList()) {
    if (!NOT_FORWARDED.has(key) && !ADDED_BY_NEXT.has(key)) head.push(`${key}: ${value}`);
  }
  if (body.length > 0) head.push(`content-length: ${body.length}`);
  const raw = concatBytes([utf8Encode(head.join("\r\n") + "\r\n\r\n"), body]);

  const result = safeRun({
    scenario: name,
    manifest: scenario.manifest,
    files: scenario.files,
    gateway: gateway === "uwsgi" || gateway === "gunicorn" ? gateway : undefined,
    raw,
    epochMs: Date.now(),
  });
  if ("status" in result) return apiError(result);
  if (!result.ok) return configRejected(result.errors);
  const headers: Array<[string, string]> = [];
  for (const [key, value] of result.response.headers) {
    const lower = key.toLowerCase();
    // Content-Length stays (HEAD answers keep it), and so does nginx's Connection, which the Node server then
    // honours instead of adding a Keep-Alive header of its own that nginx never sends.
    if (!NOT_FORWARDED.has(lower) || lower === "content-length" || lower === "connection") headers.push([key, value]);
  }
  const noBody = request.method === "HEAD" || result.response.status === 304 || result.response.status === 204;
  return {
    status: result.response.status,
    reason: result.response.reason,
    headers,
    body: noBody ? null : result.response.body,
    ...(result.response.identityBody ? { identityBody: result.response.identityBody } : {}),
  };
}

/** Next's route handler for the sandbox (its route file has the scenario from Next's params). */
export function handleSandbox(request: Request, name: string): Promise<Response> {
  return webHandler((apiRequest) => answerSandbox(apiRequest, name))(request);
}

/** The query string without the sandbox's own `gateway=` parameter, otherwise byte for byte as sent. */
function rawSearch(search: string): string {
  if (search === "" || search === "?") return "";
  const kept = search.slice(1).split("&").filter((pair) => !/^gateway(=|$)/.test(pair));
  return kept.length > 0 ? "?" + kept.join("&") : "";
}

function safeRun(input: ChainInput): ChainResult | ApiError {
  try {
    return runChain(input);
  } catch (error) {
    console.error("embedded chain failed", error);
    return { status: 422, error: "engine-error", message: "the embedded chain could not process this request", messageKo: "내장 체인이 이 요청을 처리하지 못했습니다. 입력을 줄이거나 바꿔 보세요." };
  }
}

export function configRejected(errors: unknown): ApiAnswer {
  return jsonAnswer(422, { error: "config-rejected", message: "the configuration would not start", messageKo: "설정 파일 때문에 서버가 시작되지 않습니다.", errors });
}

export function unknownScenario(name: string): ApiAnswer {
  return apiError({ status: 404, error: "unknown-scenario", message: `no scenario named "${name}"`, messageKo: `"${name}"라는 시나리오가 없습니다.` });
}

export function apiError(error: ApiError, headers: Array<[string, string]> = []): ApiAnswer {
  const { status, ...body } = error;
  return jsonAnswer(status, body, headers);
}
