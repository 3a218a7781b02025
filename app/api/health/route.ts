import { healthReport } from "@/lib/api/health.server";

export const dynamic = "force-dynamic";

/** For the instructor's monitoring: 200 with a small JSON report while the server can run the chain. */
export function GET(): Response {
  const report = healthReport();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
