import { routeHandlers } from "@/lib/api/routes.server";

export const dynamic = "force-dynamic";

export const { POST } = routeHandlers("/api/class/report");
