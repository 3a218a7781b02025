/**
 * What nginx does with a chunked request body it reads (proxy_pass, uwsgi_pass) or throws away (everything
 * else), for the two ways such a body can be refused (ngx_http_request_body.c). Measured on nginx 1.22.1,
 * fixtures/real `chunk-*`:
 *
 * - Reading it for an upstream: each chunk's size is checked against client_max_body_size as soon as its size
 *   line is read (413, `[error] client intended to send too large chunked body: <so far>+<size> bytes`), and
 *   a malformed body is 400 with `[error] client sent invalid chunked body`.
 * - Discarding it: a malformed body is found when nginx discards it, which happens at different moments.
 *   The static module discards just before it sends a file, and `return` with a text (or any code below 400)
 *   discards first: both then answer 400 instead. An error page discards it too, but keeps its status and
 *   closes the connection. The size limit does not apply to a discarded chunked body.
 * - A chunked body that has not ended yet: read for an upstream, nginx waits client_body_timeout (engine.ts,
 *   as for a short Content-Length); discarded, it does not delay the answer at all (`chunk-*-incomplete`).
 */
import type { RequestContext } from "./context";
import { emptyResponse, type NginxResponse } from "./response";
import { directive, levelsOf } from "./conf";
import { parseSize } from "./config/values";
import { logError } from "./logs";

/**
 * ngx_http_test_expect: before it reads or discards a body, nginx answers an HTTP/1.1 `Expect: 100-continue`
 * with `HTTP/1.1 100 Continue` (so a static file or a `return` gets one too; an error page does not:
 * ngx_http_special_response_handler marks the expectation as handled first). Measured: `expect-static`.
 */
export function expectsContinue(ctx: RequestContext): boolean {
  const expect = ctx.req.headers.find(([n]) => n.toLowerCase() === "expect")?.[1];
  return expect !== undefined && expect.toLowerCase() === "100-continue" && ctx.req.httpMajor === 1 && ctx.req.httpMinor >= 1;
}

/** Requests whose malformed body nginx already met (the error is logged once). */
const refused = new WeakSet<RequestContext>();

function invalidBody(ctx: RequestContext): boolean {
  if (ctx.req.chunkedBody?.state !== "invalid") return false;
  if (!refused.has(ctx)) {
    refused.add(ctx);
    logError(ctx, "error", "client sent invalid chunked body");
    ctx.trace.push({
      at: ctx.now,
      component: "nginx",
      kind: "decision",
      topic: "error",
      tests: [{ subject: "Transfer-Encoding: chunked", matched: true, note: "청크 크기 줄이나 청크 끝의 CRLF가 규칙에 맞지 않습니다." }],
      outcome: "본문 거절",
      explain: "chunked 본문의 형식이 잘못되어 nginx가 본문을 읽다가 멈춥니다 (client sent invalid chunked body).",
    });
  }
  return true;
}

/** Reading the body for proxy_pass / uwsgi_pass: a 413 or 400 answer, or null when the body is fine. */
export function readClientBody(ctx: RequestContext): NginxResponse | null {
  const chunked = ctx.req.chunkedBody;
  if (!chunked) return null;
  const d = directive(levelsOf(ctx.server, ctx.location), "client_max_body_size");
  const max = d ? (parseSize(d.args[0] ?? "") ?? 1024 * 1024) : 1024 * 1024;
  let received = 0;
  for (const size of chunked.sizes) {
    if (max > 0 && max - received < size) {
      logError(ctx, "error", `client intended to send too large chunked body: ${received}+${size} bytes`);
      ctx.trace.push({
        at: ctx.now,
        component: "nginx",
        kind: "decision",
        topic: "limit",
        tests: [{ subject: `client_max_body_size ${d?.args[0] ?? "1m"}`, matched: true, note: `지금까지 ${received}바이트 + 다음 청크 ${size}바이트 > ${max}바이트` }],
        outcome: "413",
        explain: `chunked 본문은 길이를 미리 알 수 없어서, nginx가 청크를 하나씩 읽으며 client_max_body_size(${max}바이트)를 넘는 순간 413으로 끊습니다.`,
      });
      return emptyResponse(413);
    }
    received += size;
  }
  return invalidBody(ctx) ? emptyResponse(400) : null;
}

/** Discarding the body before a file or a `return` answer: false when that fails (nginx then answers 400). */
export function discardClientBody(ctx: RequestContext): boolean {
  return !invalidBody(ctx);
}

/** An error page discards the body too: a malformed one only closes the connection. */
export function discardBeforeErrorPage(ctx: RequestContext): void {
  if (invalidBody(ctx)) ctx.keepAlive = false;
}
