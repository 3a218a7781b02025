/**
 * The production server's direct API path: requests for the API table (lib/api/routes.server.ts) are answered by
 * the same handlers Next's route files use, without Next's router, page machinery and web Request/Response
 * objects in between, which cost several times what the chain itself does. Everything else (pages, assets, RSC
 * data) goes on to Next. scripts/server.mjs loads this as a bundle built by scripts/build-direct-api.mjs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { securityHeaders } from "@/lib/security-headers";
import { jsonAnswer, type ApiAnswer, type ApiHandler } from "./api-request";
import { matchApiRoute } from "./routes.server";
import { identityCookieFor } from "./identity.server";
import { fromNodeRequest, writeAnswer } from "./node-bridge.server";

export interface DirectApiOptions {
  /** Next's basePath of the build ("" or e.g. "/course"). */
  basePath: string;
}

/**
 * Answers the request and returns true when it is an API call; returns false to leave it to Next, after giving a
 * browser's first page its identity cookie (identity.server.ts).
 */
export type DirectApi = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createDirectApi(options: DirectApiOptions): DirectApi {
  const basePath = options.basePath.replace(/\/+$/, "");
  const courseHeaders = securityHeaders().map(({ key, value }) => [key, value] as const);
  const trustProxy = process.env.TRUST_PROXY === "1";
  return (req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    let pathname = query === -1 ? url : url.slice(0, query);
    if (basePath) {
      if (!pathname.startsWith(basePath + "/")) return false;
      pathname = pathname.slice(basePath.length);
    }
    const route = matchApiRoute(req.method ?? "GET", pathname);
    if (!route) {
      if (isPageVisit(req, pathname)) {
        const cookie = identityCookieFor(fromNodeRequest(req).headers, trustProxy);
        if (cookie) res.setHeader("set-cookie", cookie);
      }
      return false;
    }
    void answer(req, res, route.handler, route.securityHeaders ? courseHeaders : []);
    return true;
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: ApiHandler, extraHeaders: ReadonlyArray<readonly [string, string]>): Promise<void> {
  let result: ApiAnswer;
  try {
    result = await handler(fromNodeRequest(req));
  } catch (error) {
    console.error("API handler failed", error);
    result = failure();
  }
  try {
    writeAnswer(res, result, extraHeaders);
  } catch (error) {
    // e.g. a header value Node refuses: answered as a failure if nothing was sent yet.
    console.error("API answer could not be sent", error);
    if (res.headersSent) res.destroy();
    else {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      writeAnswer(res, failure(), extraHeaders);
    }
  }
}

/** A browser opening a page (not an asset, not client-side navigation data). */
function isPageVisit(req: IncomingMessage, pathname: string): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    !pathname.startsWith("/_next/") &&
    req.headers.rsc === undefined &&
    (req.headers.accept ?? "").includes("text/html")
  );
}

function failure(): ApiAnswer {
  return jsonAnswer(400, { error: "bad-request", message: "the request could not be handled", messageKo: "요청을 처리하지 못했습니다. 입력을 확인해 주세요." });
}
