export const dynamic = "force-dynamic";

/** The smallest JSON route of this server: the yardstick the chain API's speed is compared with. */
export function GET(): Response {
  return Response.json({ ok: true });
}

export async function POST(request: Request): Promise<Response> {
  await request.text();
  return Response.json({ ok: true });
}
