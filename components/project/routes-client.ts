/** The browser side of `POST /api/chain/routes`: the app's URL map with the student's files, or why there is none. */
import type { ConfigError, DevServerStart } from "@/lib/chain/contracts";
import type { RouteRule } from "@/lib/chain/routes";
import type { GatewayKind } from "@/lib/chain/trace";
import type { FileEdits } from "@/components/flow/chain-client";

export type RoutesAnswer =
  | { kind: "rules"; module: string; callable: string; flask: boolean; rules: RouteRule[] }
  | { kind: "load-error"; module: string; callable: string; error: ConfigError; traceback: string; devServer?: DevServerStart }
  | { kind: "config-error"; errors: ConfigError[] }
  | { kind: "error"; message: string };

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export async function fetchRoutes(input: { scenario: string; gateway: GatewayKind; files: FileEdits }, signal?: AbortSignal): Promise<RoutesAnswer> {
  let response: Response;
  try {
    response = await fetch(`${basePath}/api/chain/routes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input), signal });
  } catch {
    return { kind: "error", message: "서버에 연결하지 못했습니다. 네트워크를 확인하고 다시 시도해 보세요." };
  }
  const json = await response.json().catch(() => null);
  if (response.ok && json?.ok === true) return { kind: "rules", module: json.module, callable: json.callable, flask: json.flask, rules: json.rules };
  if (response.ok && json?.ok === false) return { kind: "load-error", module: json.module, callable: json.callable, error: json.error, traceback: json.traceback, devServer: json.devServer };
  if (response.status === 422 && json?.errors) return { kind: "config-error", errors: json.errors };
  return { kind: "error", message: json?.messageKo ?? `요청이 실패했습니다 (${response.status}).` };
}
