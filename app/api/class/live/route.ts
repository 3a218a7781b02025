import { routeHandlers } from "@/lib/api/routes.server";

export const dynamic = "force-dynamic";

export const { GET } = routeHandlers("/api/class/live");
