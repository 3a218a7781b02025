/** The browser side of `POST /api/chain/load`: one crowd per call, typed answer, Korean errors. */
import type { ConfigError } from "@/lib/chain/contracts";
import type { GatewayKind } from "@/lib/chain/trace";
import type { LoadAnswer } from "./load-model";

export type LoadCall = { kind: "ok"; answer: LoadAnswer } | { kind: "config-error"; errors: ConfigError[] } | { kind: "error"; message: string };

export interface LoadCallInput {
  scenario: string;
  gateway: GatewayKind;
  files: Record<string, string>;
  requests: Array<{ at: number; request: { method: string; target: string } }>;
}

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export async function callLoad(input: LoadCallInput, signal?: AbortSignal): Promise<LoadCall> {
  let response: Response;
  try {
    response = await fetch(`${basePath}/api/chain/load`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input), signal });
  } catch {
    return { kind: "error", message: "서버에 연결하지 못했습니다. 네트워크를 확인하고 다시 보내 보세요." };
  }
  const json = (await response.json().catch(() => null)) as (LoadAnswer & { errors?: ConfigError[]; messageKo?: string }) | null;
  if (response.ok && json?.results) return { kind: "ok", answer: json };
  if (response.status === 422 && json?.errors) return { kind: "config-error", errors: json.errors };
  return { kind: "error", message: json?.messageKo ?? `요청이 실패했습니다 (${response.status}).` };
}
