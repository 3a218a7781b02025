import { jsonAnswer, type ApiAnswer, type ApiRequest } from "./api-request";
import { API_LIMITS } from "./limits";

/** The smallest JSON route of the server: the yardstick the chain API's speed is compared with (bench:chain). */
export function answerPing(): ApiAnswer {
  return jsonAnswer(200, { ok: true });
}

/** The same with a request body read first, as the chain API must. */
export async function answerPingPost(request: ApiRequest): Promise<ApiAnswer> {
  await request.body(API_LIMITS.bodyBytes);
  return jsonAnswer(200, { ok: true });
}
