/**
 * The chain API's rate limit as endpoints use it: `const limited = rateLimited(request); if (limited) return
 * limited;` at the top of any handler that runs the chain. One limiter per server process, configured once from
 * the environment (rate-limit.ts lists the variables).
 */
import { jsonAnswer, type ApiAnswer, type ApiRequest } from "./api-request";
import { ChainLimiter, chainLimitsFromEnv, takeChainToken } from "./rate-limit";

const limiter = new ChainLimiter(chainLimitsFromEnv(process.env));
const trustProxy = process.env.TRUST_PROXY === "1";

/** 429 with Retry-After and a Korean message when this browser (or its whole address) used up its share; else null. */
export function rateLimited(request: ApiRequest): ApiAnswer | null {
  const decision = takeChainToken(limiter, request.headers, trustProxy, request.remoteAddress, Date.now());
  if (decision.allowed) return null;
  const seconds = decision.retryAfterSeconds;
  const messageKo =
    decision.scope === "client"
      ? `요청을 너무 빨리 보내고 있습니다. ${seconds}초 뒤에 다시 보내 주세요.`
      : `같은 네트워크(주소)에서 온 요청이 너무 많습니다. ${seconds}초 뒤에 다시 보내 주세요. 계속되면 강사에게 알려 주세요.`;
  return jsonAnswer(
    429,
    { error: "rate-limited", scope: decision.scope, message: `too many requests (${decision.scope}); retry after ${seconds} s`, messageKo },
    [["retry-after", String(seconds)]],
  );
}
