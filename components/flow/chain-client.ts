/** The browser side of `POST /api/chain`: one request per send, typed answers, Korean errors. */
import type { ConfigError } from "@/lib/chain/contracts";
import type { GatewayKind, HeaderList, Trace } from "@/lib/chain/trace";
import type { FlowRequest } from "./presets";

export interface ChainAnswer {
  response: { status: number; reason: string; headers: HeaderList; body?: string; bodyBase64?: string };
  trace: Trace;
  /** What nginx and the gateway printed while starting (the gateway's boot log holds an app's import traceback). */
  startup?: { nginx: string[]; gateway: string[] };
}

/** Files laid over the scenario: text, or `{ base64 }` for binary files (a student's images). */
export type FileEdits = Record<string, string | { base64: string }>;

export type ChainCall =
  | { kind: "ok"; answer: ChainAnswer }
  | { kind: "config-error"; errors: ConfigError[] }
  | { kind: "error"; message: string };

export interface ChainCallInput {
  scenario: string;
  gateway?: GatewayKind;
  request: FlowRequest;
  faults?: { gateway?: "down" };
  files?: FileEdits;
}

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export async function callChain(input: ChainCallInput, signal?: AbortSignal): Promise<ChainCall> {
  let response: Response;
  try {
    response = await fetch(`${basePath}/api/chain`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      signal,
    });
  } catch {
    return { kind: "error", message: "서버에 연결하지 못했습니다. 네트워크를 확인하고 다시 보내 보세요." };
  }
  const json = (await response.json().catch(() => null)) as
    | (ChainAnswer & { errors?: ConfigError[]; messageKo?: string })
    | null;
  if (response.ok && json?.trace) return { kind: "ok", answer: json };
  if (response.status === 422 && json?.errors) return { kind: "config-error", errors: json.errors };
  return { kind: "error", message: json?.messageKo ?? `요청이 실패했습니다 (${response.status}).` };
}
