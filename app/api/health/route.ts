import { routeHandlers } from "@/lib/api/routes.server";

export const dynamic = "force-dynamic";

/** For the instructor's monitoring: 200 with a small JSON report while the server can run the chain. */
export const { GET } = routeHandlers("/api/health");
