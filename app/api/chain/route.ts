import { handleChainPost } from "@/lib/api/chain-handler.server";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleChainPost(request);
}
