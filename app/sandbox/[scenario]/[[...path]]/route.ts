import { handleSandbox } from "@/lib/api/chain-handler.server";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ scenario: string; path?: string[] }>;
}

/** Any method, any path: the embedded chain answers as the deployed scenario would (try it with curl -i). */
async function handle(request: Request, context: Context): Promise<Response> {
  const { scenario } = await context.params;
  return handleSandbox(request, scenario);
}

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
