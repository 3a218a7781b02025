/**
 * Every API endpoint of the course in one table: the app/api and app/sandbox route files export these handlers
 * to Next, and the production server (scripts/server.mjs, through lib/api/direct.server.ts) answers the same
 * table itself without Next's page router. A test keeps the route files and this table equal.
 */
import { webHandler, type ApiHandler } from "./api-request";
import { identityCookieFor } from "./identity.server";
import { answerChain, answerSandbox } from "./chain-handler.server";
import { answerHealth } from "./health.server";
import { answerLoad } from "./load-handler.server";
import { answerRoutes } from "./routes-handler.server";
import { answerPing, answerPingPost } from "./ping";
import { answerCreateClass, answerDashboard, answerDeleteClass, answerFollow, answerJoin, answerLive, answerPredict, answerReport } from "./classroom-handler.server";

/** Exact paths (below the base path) and the handler for each method. */
export const API_ROUTES = {
  "/api/chain": { POST: answerChain },
  "/api/chain/load": { POST: answerLoad },
  "/api/chain/routes": { POST: answerRoutes },
  "/api/health": { GET: answerHealth },
  "/api/ping": { GET: answerPing, POST: answerPingPost },
  "/api/class": { POST: answerCreateClass, DELETE: answerDeleteClass },
  "/api/class/join": { POST: answerJoin },
  "/api/class/report": { POST: answerReport },
  "/api/class/follow": { POST: answerFollow },
  "/api/class/predict": { POST: answerPredict },
  "/api/class/dashboard": { GET: answerDashboard },
  "/api/class/live": { GET: answerLive },
} as const satisfies Record<string, Record<string, ApiHandler>>;

const trustProxy = process.env.TRUST_PROXY === "1";

/**
 * The chain API's answers (/api/chain and below) give a browser that came without a valid identity its cookie
 * (identity.server.ts), so its next chain requests count as its own; so do the classroom API's. The other endpoints (health, the ping
 * yardstick) and the sandbox, whose answers are the chain's own, set no cookie.
 */
const needsIdentity = (path: string) => path === "/api/chain" || path.startsWith("/api/chain/") || path === "/api/class" || path.startsWith("/api/class/");

export function withIdentityCookie(handler: ApiHandler): ApiHandler {
  return async (request) => {
    const answer = await handler(request);
    const cookie = identityCookieFor(request.headers, trustProxy);
    return cookie ? { ...answer, headers: [...answer.headers, ["set-cookie", cookie]] } : answer;
  };
}

const routesByPath: ReadonlyMap<string, ReadonlyMap<string, ApiHandler>> = new Map(
  Object.entries(API_ROUTES).map(([path, methods]) => [
    path,
    new Map(Object.entries(methods).map(([method, handler]) => [method, needsIdentity(path) ? withIdentityCookie(handler) : handler])),
  ]),
);

/** `/sandbox/<scenario>/<any path>` answers every one of these methods as the deployed scenario would. */
export const SANDBOX_PREFIX = "/sandbox/";
export const SANDBOX_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface MatchedApiRoute {
  handler: ApiHandler;
  /** Whether the course's security headers belong on the answer (not on the sandbox's, which is the chain's own). */
  securityHeaders: boolean;
}

/**
 * The handler for a request's method and path (the path as sent, below the base path), or null when the request
 * is not an API call (pages, assets, a method the endpoint does not take, paths with a trailing slash).
 */
export function matchApiRoute(method: string, pathname: string): MatchedApiRoute | null {
  const exact = routesByPath.get(pathname);
  if (exact) {
    const handler = exact.get(method);
    return handler ? { handler, securityHeaders: true } : null;
  }
  if (!pathname.startsWith(SANDBOX_PREFIX) || !(SANDBOX_METHODS as readonly string[]).includes(method)) return null;
  const rest = pathname.slice(SANDBOX_PREFIX.length);
  const slash = rest.indexOf("/");
  const scenario = slash === -1 ? rest : rest.slice(0, slash);
  if (scenario === "") return null;
  return { handler: (request) => answerSandbox(request, scenario), securityHeaders: false };
}

/** Next's route handlers for one endpoint of the table: `export const { GET, POST } = routeHandlers("/api/ping")`. */
export function routeHandlers<Path extends keyof typeof API_ROUTES>(path: Path): { [Method in keyof (typeof API_ROUTES)[Path]]: (request: Request) => Promise<Response> } {
  const methods = API_ROUTES[path] as Record<string, ApiHandler>;
  return Object.fromEntries(
    Object.entries(methods).map(([method, handler]) => [method, webHandler(needsIdentity(path) ? withIdentityCookie(handler) : handler)]),
  ) as never;
}
